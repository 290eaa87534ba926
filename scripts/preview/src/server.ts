import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentType } from '@cus/serve/mime-types';

// The draft preview server: the site's own on-demand preview routes (site/src/preview), from the
// separate preview build of the site code (<site cache>/preview, written by site-build.ts), plus
// that build's stylesheets. A newer build's code is picked up on the next request. Its pages may be
// shown inside the CMS admin (frame-ancestors) and load photos from the CMS.

export interface PreviewServerOptions {
  /** <site cache>/preview: server/entry.mjs and client/_astro. */
  dir: string;
  /** The CMS's public address: the admin frames the preview, draft photos come from it. */
  cmsOrigin: string;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, next: (err?: unknown) => void) => void;

export function previewHeaders(cmsOrigin: string): Record<string, string> {
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      `img-src 'self' data: ${cmsOrigin}`,
      "style-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      `frame-ancestors 'self' ${cmsOrigin}`,
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Robots-Tag': 'noindex',
    'Cache-Control': 'no-store',
  };
}

export function createPreviewServer(opts: PreviewServerOptions): http.Server {
  const origin = new URL(opts.cmsOrigin).origin;
  let loaded: { mtime: number; handler: Handler } | undefined;
  async function astro(): Promise<Handler> {
    const entry = path.join(opts.dir, 'server', 'entry.mjs');
    const mtime = fs.statSync(entry).mtimeMs;
    if (!loaded || loaded.mtime !== mtime) {
      const mod = (await import(`${pathToFileURL(entry).href}?v=${mtime}`)) as { handler: Handler };
      loaded = { mtime, handler: mod.handler };
    }
    return loaded.handler;
  }

  return http.createServer(async (req, res) => {
    for (const [k, v] of Object.entries(previewHeaders(origin))) res.setHeader(k, v);
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    // A draft's photos may be new uploads no build has copied: /media/<file> is the CMS's copy.
    // Served here, not by the site's route: with trailingSlash "always" Astro answers 404 to a
    // file name without a slash, which is how every page writes it.
    const media = /^\/media\/([\w.-]+)\/?$/.exec(pathname);
    if (media && !media[1]!.startsWith('.')) {
      res.writeHead(302, { location: `${origin}/uploads/${media[1]}` }).end();
      return;
    }
    if (pathname.startsWith('/_astro/')) {
      const file = path.join(opts.dir, 'client', path.normalize(pathname).replace(/^(\.\.[/\\])+/, ''));
      if (file.startsWith(path.join(opts.dir, 'client') + path.sep) && fs.existsSync(file)) {
        res.writeHead(200, { 'content-type': contentType(file) });
        fs.createReadStream(file)
          .on('error', () => res.destroy())
          .pipe(res);
      } else {
        res.writeHead(404).end();
      }
      return;
    }
    try {
      (await astro())(req, res, () => {
        if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Nie ma takiej strony podglądu.');
      });
    } catch (err) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end(`Podgląd jest niedostępny: ${(err as Error).message}`);
    }
  });
}
