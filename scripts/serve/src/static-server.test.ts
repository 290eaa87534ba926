import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headersFile, siteHeaders } from './headers.ts';
import { createStaticServer, listen, normalizePath } from './static-server.ts';

// The static server as a raw client meets it: request targets a browser would never send
// (several slashes, backslashes, encoded slashes) must never produce a Location that leaves
// the site, and the release's configuration files are not content.

let dir: string;
let server: Server;
let port: number;

/** One request exactly as written (fetch and http.request would normalize the target). */
function raw(target: string): Promise<{ status: number; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (d) => (data += d));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = ''] = data.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of lines) {
        const i = l.indexOf(':');
        headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers });
    });
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-static-'));
  for (const d of ['evil.example/x', 'x', 'wydarzenia/a']) fs.mkdirSync(path.join(dir, d), { recursive: true });
  for (const f of ['index.html', 'evil.example/x/index.html', 'x/index.html', 'wydarzenia/a/index.html', '404.html']) fs.writeFileSync(path.join(dir, f), `<p>${f}</p>`);
  fs.writeFileSync(path.join(dir, '_headers'), headersFile());
  server = createStaticServer({ root: dir, headers: siteHeaders });
  port = Number(new URL(await listen(server)).port);
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the static server', () => {
  it.each([
    '/.//evil.example/x',
    '//evil.example/x',
    '///evil.example/x',
    '/\\evil.example/x',
    '/\\/evil.example/x',
    '/./\\evil.example/x',
    '/%2F%2Fevil.example/x',
    '/%5C%5Cevil.example/x',
    '/x/..//evil.example/x',
    '/..//evil.example/x',
    '//evil.example',
    '/.//x',
  ])('never redirects %s off the site', async (target) => {
    const res = await raw(target);
    expect([200, 301, 404]).toContain(res.status);
    const location = res.headers.location;
    if (location !== undefined) {
      // One slash, then something that is not a slash: a path on this site, never "//host" or "/\host".
      expect(location).toMatch(/^\/[^/\\]/);
      expect(new URL(location, 'http://site.test').host).toBe('site.test');
    }
  });

  it('still redirects a folder without its slash to the folder, on the site', async () => {
    expect(await raw('/wydarzenia/a')).toMatchObject({ status: 301, headers: { location: '/wydarzenia/a/' } });
    expect(await raw('/.//x')).toMatchObject({ status: 301, headers: { location: '/x/' } });
    expect((await raw('/wydarzenia/a/')).status).toBe(200);
  });

  it('does not serve the _headers file', async () => {
    expect(fs.existsSync(path.join(dir, '_headers'))).toBe(true);
    for (const target of ['/_headers', '/_headers/', '/./_headers', '/%5Fheaders', '//_headers']) expect((await raw(target)).status, target).toBe(404);
  });

  it('normalizes request paths to one leading slash', () => {
    expect(normalizePath('/.//evil.example/x?y=1')).toBe('/evil.example/x');
    expect(normalizePath('/\\\\evil.example')).toBe('/evil.example');
    expect(normalizePath('/a/b/../c/')).toBe('/a/c/');
    expect(normalizePath('')).toBe('/');
    expect(normalizePath('/../../')).toBe('/');
  });
});
