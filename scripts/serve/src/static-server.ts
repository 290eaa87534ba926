import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { contentType } from './mime-types.ts';

// Serves a built site from a folder, as a CDN would: /a/b/ → a/b/index.html, unknown paths
// get 404.html with status 404, nothing outside the folder is ever read. `root` may be a
// function, so the folder can be switched between requests (atomic deploys).

export interface StaticServerOptions {
  root: string | (() => string);
  /** Extra headers for a response, by the file served. */
  headers?: (urlPath: string, file: string) => Record<string, string>;
}

/** Files of a release that are configuration, not content (the CDN's `_headers`). */
const HIDDEN = new Set(['_headers']);

/**
 * The request's path, normalized: runs of "/" and "\\" are one "/", "." and ".." segments are
 * resolved, so it always starts with exactly one "/" (never "//host", which a browser would read
 * as another site). Still percent-encoded; the query and fragment are dropped.
 */
export function normalizePath(rawUrl: string): string {
  const raw = rawUrl.split(/[?#]/)[0] ?? '';
  const segments: string[] = [];
  for (const seg of raw.split(/[\\/]+/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  const trailing = segments.length > 0 && /[\\/]$/.test(raw);
  return `/${segments.join('/')}${trailing ? '/' : ''}`;
}

/** A Location that stays on this site: one "/" then a character that is neither "/" nor "\\". */
const isLocalLocation = (location: string) => /^\/[^/\\]/.test(location);

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
  if (path.dirname(full) === root && HIDDEN.has(path.basename(full))) return null;
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
    try {
      serve(opts, req, res);
    } catch {
      // A file gone between two looks (a release removed meanwhile): this request fails, not the server.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end();
    }
  });
}

function serve(opts: StaticServerOptions, req: http.IncomingMessage, res: http.ServerResponse): void {
  const root = path.resolve(typeof opts.root === 'function' ? opts.root() : opts.root);
  const urlPath = normalizePath(req.url ?? '/');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  // A directory without its trailing slash: redirect, so relative links keep working.
  if (!urlPath.endsWith('/') && !path.extname(urlPath)) {
    const dir = resolveFile(root, `${urlPath}/`);
    const location = `${urlPath}/`;
    if (dir && isLocalLocation(location)) {
      res.writeHead(301, { location }).end();
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
  const stat = fs.statSync(file);
  // Pages are revalidated on every visit: an unchanged one costs a 304, not a download.
  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const headers = {
    'content-type': contentType(file),
    'content-length': String(stat.size),
    'last-modified': stat.mtime.toUTCString(),
    etag,
    ...opts.headers?.(urlPath, file),
  };
  if (status === 200 && req.headers['if-none-match'] === etag) {
    const { 'content-length': _length, ...rest } = headers;
    res.writeHead(304, rest).end();
    return;
  }
  res.writeHead(status, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
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
