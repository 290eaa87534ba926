import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getImage, ImageProblem, localUploadPath } from './fetch-image.ts';

// Images from the uploads folder or over HTTP, with the bounds: a real local server answers
// with images, redirects, 404s, wrong types, an endless redirect and a body that never ends.

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
let server: http.Server;
let base: string;
let dir: string;
const requests: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(req.url!);
    const url = req.url!;
    if (url === '/wp-content/uploads/2023/11/sala.png') return res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    if (url === '/zdjecie') return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(JPEG);
    if (url.startsWith('/hop/')) {
      const n = Number(url.slice(5));
      return res.writeHead(302, { location: n > 0 ? `/hop/${n - 1}` : '/zdjecie' }).end();
    }
    if (url === '/strona') return res.writeHead(200, { 'content-type': 'text/html' }).end('<p>nie zdjęcie</p>');
    if (url === '/udaje-zdjecie') return res.writeHead(200, { 'content-type': 'image/jpeg' }).end('<svg/>');
    if (url === '/duze') {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.write(JPEG);
      const chunk = Buffer.alloc(64 * 1024);
      const pump = () => {
        while (res.write(chunk)) if (res.destroyed) return;
        res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      return pump();
    }
    if (url === '/wolne') return; // never answers
    if (url === '/do-ftp') return res.writeHead(301, { location: 'ftp://example.org/a.jpg' }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-uploads-'));
  fs.mkdirSync(path.join(dir, '2023', '11'), { recursive: true });
  fs.writeFileSync(path.join(dir, '2023', '11', 'sala.png'), PNG);
  fs.writeFileSync(path.join(dir, '2023', '11', 'zla nazwa.jpg'), PNG);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

const problem = async (promise: Promise<unknown>) => {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ImageProblem);
  return err as ImageProblem;
};

describe('getImage', () => {
  it('takes the file from --uploads when it is there, without a request', async () => {
    requests.length = 0;
    const got = await getImage(`${base}/wp-content/uploads/2023/11/sala.png`, { uploadsDir: dir });
    expect(got).toMatchObject({ mime: 'image/png', fileName: 'sala.png', from: 'uploads' });
    expect(got.bytes.equals(PNG)).toBe(true);
    expect(requests).toEqual([]);
  });

  it('names the file by its content: a PNG called .jpg gets .png', async () => {
    const got = await getImage('http://stara.example/wp-content/uploads/2023/11/zla%20nazwa.jpg', { uploadsDir: dir });
    expect(got.fileName).toBe('zla nazwa.png');
  });

  it('never reads outside the uploads folder', () => {
    expect(localUploadPath(dir, new URL('http://x/wp-content/uploads/..%2F..%2Fetc/passwd'))).toBeNull();
    expect(localUploadPath(dir, new URL('http://x/obrazki/a.jpg'))).toBeNull();
  });

  it('falls back to HTTP when the folder lacks the file, following redirects', async () => {
    const got = await getImage(`${base}/hop/3`, { uploadsDir: dir });
    expect(got).toMatchObject({ mime: 'image/jpeg', from: 'http', fileName: '3.jpg' });
  });

  it('refuses more than 5 redirects, 404s and non-http targets, naming the address', async () => {
    expect((await problem(getImage(`${base}/hop/9`))).message).toBe(`Nie udało się pobrać zdjęcia ${base}/hop/9: więcej niż 5 przekierowań`);
    const missing = await problem(getImage(`${base}/brak.jpg`));
    expect(missing.code).toBe('image_unreachable');
    expect(missing.message).toBe(`Nie udało się pobrać zdjęcia ${base}/brak.jpg: serwer odpowiedział HTTP 404`);
    expect((await problem(getImage(`${base}/do-ftp`))).message).toContain('nie jest adresem http(s)');
    expect((await problem(getImage('http://127.0.0.1:1/a.jpg'))).message).toMatch(/^Nie udało się pobrać zdjęcia http:\/\/127.0.0.1:1\/a.jpg: nie można połączyć się z serwerem/);
  });

  it('refuses what is not a JPEG, PNG, GIF or WebP, whatever the server says', async () => {
    const page = await problem(getImage(`${base}/strona`));
    expect(page.code).toBe('image_rejected');
    expect(page.message).toBe(`Pod adresem ${base}/strona nie ma zdjęcia (typ „text/html”)`);
    expect((await problem(getImage(`${base}/udaje-zdjecie`))).code).toBe('image_rejected');
  });

  it('stops reading past the size limit and past the time limit', async () => {
    const big = await problem(getImage(`${base}/duze`, { limits: { maxBytes: 1024 * 1024, timeoutMs: 30_000, maxRedirects: 5 } }));
    expect(big.code).toBe('image_rejected');
    expect(big.message).toBe(`Zdjęcie ${base}/duze ma więcej niż 1 MB`);
    const slow = await problem(getImage(`${base}/wolne`, { limits: { maxBytes: 1024, timeoutMs: 300, maxRedirects: 5 } }));
    expect(slow.message).toBe(`Nie udało się pobrać zdjęcia ${base}/wolne: brak odpowiedzi w ciągu 0.3 s`);
  });
});
