import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaCache } from './media-files.ts';

// The media cache's downloads against a real HTTP server: a dropped connection or a 5xx is tried
// once more at once (a busy CMS), a 404 is not; the error names the file's address. With the
// CMS's upload folder, its own /uploads/ files are copied from disk and nothing else is.

let work: string;
let server: http.Server;
let origin: string;
const requests = new Map<string, number>();

beforeEach(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-media-files-'));
  requests.clear();
  server = http.createServer((req, res) => {
    const n = (requests.get(req.url!) ?? 0) + 1;
    requests.set(req.url!, n);
    if (req.url === '/dropped-once.png' && n === 1) return void req.socket.destroy();
    if (req.url === '/busy-once.png' && n === 1) return void res.writeHead(503).end();
    if (req.url === '/always-dropped.png') return void req.socket.destroy();
    if (req.url === '/missing.png') return void res.writeHead(404).end();
    res.writeHead(200).end(`bytes of ${req.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const mediaDir = path.join(work, 'media');
  fs.mkdirSync(mediaDir, { recursive: true });
  const names = ['dropped-once.png', 'busy-once.png', 'always-dropped.png', 'missing.png'];
  fs.writeFileSync(path.join(mediaDir, 'manifest-events.json'), JSON.stringify(Object.fromEntries(names.map((n) => [n, `${origin}/${n}`]))));
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(work, { recursive: true, force: true });
});

describe('MediaCache downloads', () => {
  it('a dropped connection or a 5xx is tried once more, and the file is cached', async () => {
    const cache = new MediaCache({ mediaDir: path.join(work, 'media') });
    for (const name of ['dropped-once.png', 'busy-once.png']) {
      const file = await cache.file(name);
      expect(fs.readFileSync(file, 'utf8')).toBe(`bytes of /${name}`);
      expect(requests.get(`/${name}`)).toBe(2);
    }
  });

  it('a file is fetched once per run however often pages ask for it; a cache emptied between runs is filled again', async () => {
    const cache = new MediaCache({ mediaDir: path.join(work, 'media') });
    const name = 'busy-once.png';
    const files = await Promise.all([cache.file(name), cache.file(name)]);
    await cache.file(name);
    expect(new Set(files).size).toBe(1);
    expect(requests.get(`/${name}`)).toBe(2); // one 503, then the file: one download
    fs.rmSync(cache.filesDir, { recursive: true });
    cache.refresh(); // the next run
    expect(fs.readFileSync(await cache.file(name), 'utf8')).toBe(`bytes of /${name}`);
    expect(requests.get(`/${name}`)).toBe(3);
  });

  it('a 404 is not tried again; a connection dropped twice fails naming the address', async () => {
    const cache = new MediaCache({ mediaDir: path.join(work, 'media') });
    await expect(cache.file('missing.png')).rejects.toThrow(`${origin}/missing.png could not be downloaded: HTTP 404`);
    expect(requests.get('/missing.png')).toBe(1);
    await expect(cache.file('always-dropped.png')).rejects.toThrow(/always-dropped\.png could not be downloaded: .*\(tried twice\)/);
    expect(requests.get('/always-dropped.png')).toBe(2);
  });
});

describe('MediaCache with the CMS upload folder', () => {
  it("copies the CMS's own /uploads/ files from its folder, and downloads a file missing there or of another address", async () => {
    const mediaDir = path.join(work, 'media');
    const uploads = path.join(work, 'uploads');
    fs.mkdirSync(uploads);
    fs.writeFileSync(path.join(uploads, 'local.png'), 'bytes on the CMS disk');
    fs.writeFileSync(path.join(uploads, 'elsewhere.png'), 'a stale copy that must not be used');
    fs.writeFileSync(
      path.join(mediaDir, 'manifest-events.json'),
      JSON.stringify({ 'local.png': `${origin}/uploads/local.png`, 'not-there.png': `${origin}/uploads/not-there.png`, 'elsewhere.png': `${origin}/bucket/elsewhere.png` }),
    );
    const cache = new MediaCache({ mediaDir, uploads: { dir: uploads, url: `${origin}/` } });
    expect(fs.readFileSync(await cache.file('local.png'), 'utf8')).toBe('bytes on the CMS disk');
    expect(requests.has('/uploads/local.png')).toBe(false);
    expect(fs.readFileSync(await cache.file('not-there.png'), 'utf8')).toBe('bytes of /uploads/not-there.png');
    expect(fs.readFileSync(await cache.file('elsewhere.png'), 'utf8')).toBe('bytes of /bucket/elsewhere.png');
    expect([...requests.keys()].sort()).toEqual(['/bucket/elsewhere.png', '/uploads/not-there.png']);
    // A copy, not a link: the CMS replacing its file later cannot change a published one.
    expect(fs.statSync(await cache.file('local.png')).ino).not.toBe(fs.statSync(path.join(uploads, 'local.png')).ino);
    expect(fs.readdirSync(path.join(mediaDir, 'files')).filter((f) => f.endsWith('.part'))).toEqual([]);
  });
});

describe('MediaCache.prune', () => {
  it('removes the files no manifest and no live page names, keeps files being written, and removes nothing while a manifest is unreadable', async () => {
    const mediaDir = path.join(work, 'media');
    const files = path.join(mediaDir, 'files');
    fs.mkdirSync(files, { recursive: true });
    for (const name of ['dropped-once.png', 'na-stronie.jpg', 'zastapiony.jpg', 'w-toku.jpg.123.part']) fs.writeFileSync(path.join(files, name), name);
    const cache = new MediaCache({ mediaDir });
    // A manifest being rewritten when the run read them: nothing is known for sure, nothing goes.
    fs.writeFileSync(path.join(mediaDir, 'manifest-galleries.json'), '{"zastapiony.jpg": "http://cms/uploads/zast');
    cache.refresh();
    expect(cache.prune(new Set())).toBeNull();
    expect(fs.readdirSync(files)).toHaveLength(4);

    fs.writeFileSync(path.join(mediaDir, 'manifest-galleries.json'), '{}');
    cache.refresh();
    // Seen on disk in this run (remembered as present).
    expect(fs.readFileSync(await cache.file('zastapiony.jpg'), 'utf8')).toBe('zastapiony.jpg');
    // dropped-once.png: in the events manifest; na-stronie.jpg: on a live page (a failed entry's last good one).
    expect(cache.prune(new Set(['na-stronie.jpg']))).toEqual({ removed: 1 });
    expect(fs.readdirSync(files).sort()).toEqual(['dropped-once.png', 'na-stronie.jpg', 'w-toku.jpg.123.part']);
    // What stays is served from disk; a removed file is no longer taken as present (no entry mentions it now).
    expect(fs.readFileSync(await cache.file('dropped-once.png'), 'utf8')).toBe('dropped-once.png');
    expect(requests.size).toBe(0);
    await expect(cache.file('zastapiony.jpg')).rejects.toThrow('/media/zastapiony.jpg is mentioned by no CMS entry.');
  });
});
