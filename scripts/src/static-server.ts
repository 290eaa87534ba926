import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

// Serves a built site from a folder, as a CDN would: /a/b/ → a/b/index.html, unknown paths
// get 404.html with status 404, nothing outside the folder is ever read. `root` may be a
// function, so the folder can be switched between requests (atomic deploys).

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface StaticServerOptions {
  root: string | (() => string);
  /** Extra headers for a response, by the file served. */
  headers?: (urlPath: string, file: string) => Record<string, string>;
}

/** The file for a URL path, or null: never a path outside root. */
export function resolveFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(full);
  } catch {
    return null;
  }
  if (stat.isDirectory()) {
    const index = path.join(full, 'index.html');
    return fs.existsSync(index) ? index : null;
  }
  return stat.isFile() ? full : null;
}

export function createStaticServer(opts: StaticServerOptions): http.Server {
  return http.createServer((req, res) => {
    const root = path.resolve(typeof opts.root === 'function' ? opts.root() : opts.root);
    const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    // A directory without its trailing slash: redirect, so relative links keep working.
    if (!urlPath.endsWith('/') && !path.extname(urlPath)) {
      const dir = resolveFile(root, `${urlPath}/`);
      if (dir) {
        res.writeHead(301, { location: `${urlPath}/` }).end();
        return;
      }
    }
    let file = resolveFile(root, urlPath);
    let status = 200;
    if (!file) {
      status = 404;
      file = resolveFile(root, '/404.html');
    }
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404');
      return;
    }
    const headers = {
      'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': String(fs.statSync(file).size),
      ...opts.headers?.(urlPath, file),
    };
    res.writeHead(status, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file).pipe(res);
  });
}

/** Listens on host:port (0 = any free port) and returns the base URL. */
export async function listen(server: http.Server, port = 0, host = '127.0.0.1'): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as { port: number };
  return `http://${host}:${addr.port}`;
}
