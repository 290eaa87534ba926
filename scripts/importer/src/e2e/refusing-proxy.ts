import http from 'node:http';
import type { AddressInfo } from 'node:net';

// Stands between the importer and a real CMS and passes everything on, except that one report's
// POST /import/items is sent with a cover file the Media Library does not hold: the CMS itself
// then refuses it (and must write nothing of it), as it would a report it cannot store.

export interface RefusingProxy {
  url: string;
  close(): Promise<void>;
}

export const MISSING_FILE_ID = 987_654_321;

export async function refusingProxy(target: string, refusedKey: string): Promise<RefusingProxy> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.method === 'POST' && req.url === '/import/items') {
        const payload = JSON.parse(body.toString('utf8')) as { source: { key: string }; event: { coverFileId?: number } };
        if (payload.source.key === refusedKey) {
          payload.event.coverFileId = MISSING_FILE_ID;
          body = Buffer.from(JSON.stringify(payload));
        }
      }
      const headers = { ...req.headers, host: new URL(target).host, 'content-length': String(body.length) };
      const forward = http.request(`${target}${req.url}`, { method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.writeHead(502).end());
      forward.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
