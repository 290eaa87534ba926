import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_IMMUTABLE, CACHE_REVALIDATE, headersFile } from '@cus/serve/headers';
import { cdnPurgeConfigFromEnv, purgePaths } from './cdn-purge.ts';
import type { S3Config } from './s3-bucket.ts';
import { LocalTarget } from './local.ts';
import { s3Publishing } from './s3-publishing.ts';
import { createS3ReleaseSync, type ReleaseSwitch, type S3ReleaseSync } from './s3-release-sync.ts';
import { s3ReleaseSyncFromEnv, usesIncrementalPublisher } from '../rebuild/config.ts';

// The incremental S3 sync against a real S3 server (s3rver) through the real AWS SDK, with a
// small HTTP proxy in front that counts the requests the bucket really gets, and a local HTTP
// server standing in for the CDN's purge API.

interface S3rverServer {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
const S3rver = createRequire(import.meta.url)('s3rver') as new (options: object) => S3rverServer;

const PHOTO_1 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
const PHOTO_2 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 4, 5, 6, 0xff, 0xd9]);
const page = (title: string, body = '') =>
  `<!doctype html><html lang="pl"><head><title>${title}</title><link rel="stylesheet" href="/_astro/app.abc.css"></head><body>${body}</body></html>\n`;

type Files = Record<string, string | Buffer>;
const RELEASE_1: Files = {
  'index.html': page('Start', '<img src="/media/photo_1.jpg" alt=""><a href="/wydarzenia/a/">A</a>'),
  '_astro/app.abc.css': 'body{font-family:serif}\n',
  'media/photo_1.jpg': PHOTO_1,
  'wydarzenia/a/index.html': page('Wydarzenie A'),
  'wydarzenia/a.ics': 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
  '404.html': page('Nie znaleziono'),
  _headers: headersFile(),
};
const publicFiles = (files: Files) => Object.keys(files).filter((f) => f !== '_headers').sort();

let tmp: string;
let s3rver: S3rverServer;
let s3rverPort: number;
let client: S3Client;
let base: S3Config;

// The proxy: counts requests by method, and can fail them (as an outage would).
let requests: { method: string; url: string }[] = [];
let failFrom = Infinity; // requests after this many (counting from the last reset) get 500
let proxy: http.Server;

// The CDN's purge API.
let purges: { headers: http.IncomingHttpHeaders; body: unknown }[] = [];
let purgeFails = 0;
let cdn: http.Server;
let cdnUrl: string;

async function startS3rver(port: number): Promise<number> {
  s3rver = new S3rver({ port, address: '127.0.0.1', silent: true, directory: path.join(tmp, 's3rver'), configureBuckets: [{ name: 'site' }, { name: 'other' }, { name: 'pub' }] });
  return (await s3rver.run()).port;
}

const listen = (server: http.Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 's3-release-sync-test-'));
  s3rverPort = await startS3rver(0);
  proxy = http.createServer((req, res) => {
    requests.push({ method: req.method!, url: req.url! });
    if (requests.length > failFrom) {
      req.resume();
      res.writeHead(500, { 'content-type': 'application/xml' }).end('<Error><Code>InternalError</Code><Message>outage</Message></Error>');
      return;
    }
    const upstream = http.request({ host: '127.0.0.1', port: s3rverPort, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode!, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  cdn = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (purgeFails > 0) {
        purgeFails--;
        res.writeHead(502).end('bad gateway');
        return;
      }
      purges.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  const proxyPort = await listen(proxy);
  cdnUrl = `http://127.0.0.1:${await listen(cdn)}/purge`;
  base = { bucket: 'site', endpoint: `http://127.0.0.1:${proxyPort}`, forcePathStyle: true, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  client = new S3Client({ endpoint: `http://127.0.0.1:${s3rverPort}`, forcePathStyle: true, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
});

afterAll(async () => {
  client?.destroy();
  await s3rver?.close();
  proxy?.closeAllConnections();
  cdn?.closeAllConnections();
  await new Promise((r) => proxy?.close(r));
  await new Promise((r) => cdn?.close(r));
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

beforeEach(() => {
  requests = [];
  failFrom = Infinity;
  purges = [];
  purgeFails = 0;
});

let releaseCount = 0;
/** A release folder as the publisher makes one: a copy of `from` (hard links) with `files` written and `removed` gone. */
function release(from: string | null, files: Files, removed: string[] = []): string {
  const dir = path.join(tmp, 'releases', String(++releaseCount));
  if (from) fs.cpSync(from, dir, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  for (const rel of removed) fs.rmSync(path.join(dir, rel));
  return dir;
}

async function keys(bucket = 'site'): Promise<string[]> {
  const res = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (res.Contents ?? []).map((o) => o.Key!).sort();
}
async function text(key: string): Promise<string> {
  const res = await client.send(new GetObjectCommand({ Bucket: 'site', Key: key }));
  return res.Body!.transformToString();
}
/** Files of a release folder, as the bucket should hold them. */
const filesOf = (dir: string) =>
  fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((f) => f !== '_headers')
    .sort();
const puts = () => requests.filter((r) => r.method === 'PUT').map((r) => decodeURIComponent(new URL(r.url, 'http://x').pathname).replace(/^\/site\//, ''));
const purgedPaths = () => purges.flatMap((p) => (p.body as { paths: string[] }).paths).sort();

function syncer(stateFile: string, extra: { bucket?: string; concurrency?: number } = {}) {
  const uploads: string[] = [];
  const lines: string[] = [];
  const sync: S3ReleaseSync = createS3ReleaseSync({
    s3: { ...base, ...extra },
    stateFile,
    cdn: { url: cdnUrl, token: 'purge-secret', batchSize: 3 },
    retryMs: 0,
    onUpload: (key) => uploads.push(key),
    log: (line) => lines.push(line),
  });
  return { sync, uploads, lines };
}

describe('syncing the switches of a local release', () => {
  const stateFile = () => path.join(tmp, 'state', 's3-pending.json');
  let r1: string;
  let r2: string;

  it('compares the whole release with the bucket on the first sync, and purges what it uploaded', async () => {
    r1 = release(null, RELEASE_1);
    const { sync } = syncer(stateFile());
    // The publisher names only what this switch changed; with no record of the bucket, everything is compared.
    const report = await sync.afterSwitch({ releaseDir: r1, written: ['index.html'], removed: [] });
    await sync.close();

    expect(report).toMatchObject({ full: true, uploaded: publicFiles(RELEASE_1).length, deleted: 0, pending: { upload: 0, delete: 0, purge: 0, full: false } });
    expect(report.error).toBeUndefined();
    expect(report.bytes).toBe(publicFiles(RELEASE_1).reduce((n, f) => n + Buffer.byteLength(RELEASE_1[f]!), 0));
    expect(await keys()).toEqual(publicFiles(RELEASE_1));
    expect(puts().sort()).toEqual(publicFiles(RELEASE_1));

    // Batches of at most 3 paths, with the token, every address of what changed.
    expect(purgedPaths()).toEqual(purgePaths(publicFiles(RELEASE_1)));
    expect(purgedPaths()).toContain('/wydarzenia/a/');
    expect(purges.every((p) => (p.body as { paths: string[] }).paths.length <= 3)).toBe(true);
    expect(purges.every((p) => p.headers.authorization === 'Bearer purge-secret' && p.headers['content-type'] === 'application/json')).toBe(true);
    expect(JSON.parse(fs.readFileSync(stateFile(), 'utf8'))).toMatchObject({ full: false, upload: [], delete: [], purge: [] });
  });

  it('uploads only the changed files, pages last, deletes the removed ones, and purges their addresses', async () => {
    const changed: Files = {
      'index.html': page('Start', '<img src="/media/photo_2.jpg" alt=""><a href="/wydarzenia/b/">B</a>'),
      'media/photo_2.jpg': PHOTO_2,
      'wydarzenia/b/index.html': page('Wydarzenie B'),
    };
    const removed = ['wydarzenia/a/index.html', 'wydarzenia/a.ics'];
    r2 = release(r1, changed, removed);
    const { sync, uploads } = syncer(stateFile());
    const report = await sync.afterSwitch({ releaseDir: r2, written: Object.keys(changed), removed });
    await sync.close();

    expect(report).toMatchObject({ full: false, uploaded: 3, deleted: 2, bytes: Object.values(changed).reduce((n, c) => n + Buffer.byteLength(c), 0) });
    expect(report.error).toBeUndefined();
    expect(report.ms).toBeGreaterThanOrEqual(0);
    // Unchanged files are not uploaded again: three PUTs, one listing-free delete request.
    expect(puts().sort()).toEqual(Object.keys(changed).sort());
    expect(requests.filter((r) => r.method === 'GET')).toEqual([]);
    expect(requests.filter((r) => r.method === 'POST' && r.url.includes('delete'))).toHaveLength(1);
    // The photo before either page.
    expect(uploads.indexOf('media/photo_2.jpg')).toBeLessThan(Math.min(uploads.indexOf('index.html'), uploads.indexOf('wydarzenia/b/index.html')));

    expect(await keys()).toEqual(filesOf(r2));
    expect(await text('index.html')).toBe(changed['index.html']);
    const head = async (key: string) => {
      const res = await client.send(new HeadObjectCommand({ Bucket: 'site', Key: key }));
      return [res.ContentType, res.CacheControl];
    };
    expect(await head('media/photo_2.jpg')).toEqual(['image/jpeg', CACHE_IMMUTABLE]);
    expect(await head('wydarzenia/b/index.html')).toEqual(['text/html; charset=utf-8', CACHE_REVALIDATE]);

    expect(purgedPaths()).toEqual(purgePaths([...Object.keys(changed), ...removed]));
  });

  it('is idempotent: the same switch again leaves the same bucket', async () => {
    const { sync } = syncer(stateFile());
    const report = await sync.afterSwitch({ releaseDir: r2, written: ['index.html'], removed: ['wydarzenia/a/index.html'] });
    await sync.close();
    expect(report).toMatchObject({ uploaded: 1, deleted: 1 });
    expect(report.error).toBeUndefined();
    expect(await keys()).toEqual(filesOf(r2));
  });

  it('keeps a failed sync on disk and finishes it at the next switch, after a restart, losing no change', async () => {
    const changed: Files = {
      'media/photo_3.jpg': PHOTO_1,
      'media/photo_4.jpg': PHOTO_2,
      'wydarzenia/b/index.html': page('Wydarzenie B, poprawione', '<img src="/media/photo_3.jpg" alt=""><img src="/media/photo_4.jpg" alt="">'),
    };
    const r3 = release(r2, changed, ['404.html']);
    // The first upload gets through, then the bucket fails every request (one at a time: a known order).
    failFrom = 1;
    const first = syncer(stateFile(), { concurrency: 1 });
    const failed = await first.sync.afterSwitch({ releaseDir: r3, written: Object.keys(changed), removed: ['404.html'] });
    await first.sync.close();

    expect(failed.error).toMatch(/S3 upload of s3:\/\/site\/media\/photo_4\.jpg failed: .*HTTP 500/);
    expect(failed).toMatchObject({ uploaded: 1, deleted: 0, pending: { upload: 2, delete: 1, full: false } });
    expect(first.lines.at(-1)).toMatch(/FAILED, retried later/);
    // No page went up before its photos, nothing was deleted.
    expect(await text('wydarzenia/b/index.html')).toBe(page('Wydarzenie B'));
    expect(await keys()).toContain('404.html');
    // What is left is on disk: the page and the second photo, the deletion.
    expect(JSON.parse(fs.readFileSync(stateFile(), 'utf8'))).toMatchObject({ upload: ['media/photo_4.jpg', 'wydarzenia/b/index.html'], delete: ['404.html'] });
    // The photo that did get up is purged already.
    expect(purgedPaths()).toEqual(['/media/photo_3.jpg']);

    // The bucket is back; a new process (no memory of the failure) gets the next switch.
    failFrom = Infinity;
    requests = [];
    purges = [];
    const changedLater: Files = { 'wydarzenia/c/index.html': page('Wydarzenie C') };
    const r4 = release(r3, changedLater);
    const second = syncer(stateFile());
    const report = await second.sync.afterSwitch({ releaseDir: r4, written: Object.keys(changedLater), removed: [] });
    await second.sync.close();

    expect(report.error).toBeUndefined();
    expect(report).toMatchObject({ full: false, uploaded: 3, deleted: 1, pending: { upload: 0, delete: 0, purge: 0 } });
    expect(puts().sort()).toEqual(['media/photo_4.jpg', 'wydarzenia/b/index.html', 'wydarzenia/c/index.html']);
    expect(await keys()).toEqual(filesOf(r4));
    expect(await text('wydarzenia/b/index.html')).toBe(changed['wydarzenia/b/index.html']);
    expect(purgedPaths()).toEqual(purgePaths(['media/photo_4.jpg', 'wydarzenia/b/index.html', 'wydarzenia/c/index.html', '404.html']));
  });

  it('never fails a sync over the CDN: a failed purge is kept and sent with the next one', async () => {
    const dir = release(path.join(tmp, 'releases', String(releaseCount)), { 'wydarzenia/d/index.html': page('Wydarzenie D') });
    purgeFails = 1;
    const { sync } = syncer(stateFile());
    const report = await sync.afterSwitch({ releaseDir: dir, written: ['wydarzenia/d/index.html'], removed: [] });
    expect(report.error).toBeUndefined();
    expect(report.uploaded).toBe(1);
    expect(report.purgeError).toMatch(/CDN purge of 2 path\(s\) from \/wydarzenia\/d\/ at http:\/\/127\.0\.0\.1:\d+ failed: HTTP 502 bad gateway/);
    expect(report.pending.purge).toBe(2);
    expect(purges).toEqual([]);

    const retried = await sync.retry();
    await sync.close();
    expect(retried).toMatchObject({ uploaded: 0, deleted: 0, purged: 2, pending: { purge: 0 } });
    expect(retried.purgeError).toBeUndefined();
    expect(purgedPaths()).toEqual(['/wydarzenia/d/', '/wydarzenia/d/index.html']);
  });

  it('compares the whole release on a reconcile, and on a list that makes no sense', async () => {
    const live = path.join(tmp, 'releases', String(releaseCount));
    // Something the lists never named: a stray object, a file changed behind the publisher's back.
    await client.send(new PutObjectCommand({ Bucket: 'site', Key: 'stray.txt', Body: 'x' }));
    fs.writeFileSync(path.join(live, 'wydarzenia/c/index.html'), page('Wydarzenie C, inaczej'));
    const { sync } = syncer(stateFile());
    const report = await sync.afterSwitch({ releaseDir: live, written: [], removed: [], full: true });
    expect(report).toMatchObject({ full: true, uploaded: 1, deleted: 1 });
    expect(puts()).toEqual(['wydarzenia/c/index.html']);
    expect(await keys()).toEqual(filesOf(live));

    requests = [];
    const bad = await sync.afterSwitch({ releaseDir: live, written: ['../outside.html', '/etc/passwd', 'a//b'], removed: [] });
    await sync.close();
    expect(bad).toMatchObject({ full: true, uploaded: 0, deleted: 0 });
    expect(bad.error).toBeUndefined();
    expect(puts()).toEqual([]);
  });

  it('retries by itself after a failure, when no switch comes', async () => {
    const live = path.join(tmp, 'releases', String(releaseCount));
    const dir = release(live, { 'wydarzenia/e/index.html': page('Wydarzenie E') });
    failFrom = 0;
    let retried: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (retried = resolve));
    const lines: string[] = [];
    const sync = createS3ReleaseSync({
      s3: base,
      stateFile: stateFile(),
      retryMs: 20,
      log: (line) => {
        lines.push(line);
        if (lines.length === 1) failFrom = Infinity; // the outage is over once the failure is reported
        if (/1 uploaded/.test(line)) retried();
      },
    });
    const failed = await sync.afterSwitch({ releaseDir: dir, written: ['wydarzenia/e/index.html'], removed: [] });
    expect(failed.error).toMatch(/HTTP 500/);
    await done;
    await sync.close();
    expect(await text('wydarzenia/e/index.html')).toBe(page('Wydarzenie E'));
    expect(JSON.parse(fs.readFileSync(stateFile(), 'utf8'))).toMatchObject({ upload: [], delete: [] });
  });

  it('purges the whole site at once when more paths changed than the CDN should be sent', async () => {
    const live = path.join(tmp, 'releases', String(releaseCount));
    const written = ['index.html', 'wydarzenia/b/index.html', 'wydarzenia/c/index.html'];
    const sync = createS3ReleaseSync({ s3: base, stateFile: stateFile(), retryMs: 0, cdn: { url: cdnUrl, allFrom: 4 }, log: () => undefined });
    const report = await sync.afterSwitch({ releaseDir: live, written, removed: [] });
    await sync.close();
    expect(report).toMatchObject({ uploaded: 3, purged: purgePaths(written).length });
    expect(purges.map((p) => p.body)).toEqual([{ all: true }]);
    expect(purges[0]!.headers.authorization).toBeUndefined();
  });

  it('answers a call without a release with an error, not an exception', async () => {
    const { sync } = syncer(stateFile());
    const report = await sync.afterSwitch(null as never);
    await sync.close();
    expect(report.error).toMatch(/afterSwitch needs \{ releaseDir, written, removed \}/);
  });
});

describe('a pending set of another bucket', () => {
  it('starts over with a full comparison when the bucket folder changed', async () => {
    const stateFile = path.join(tmp, 'state', 's3-pending.json');
    const { sync } = syncer(stateFile, { bucket: 'other' });
    const dir = path.join(tmp, 'releases', String(releaseCount));
    const report = await sync.afterSwitch({ releaseDir: dir, written: [], removed: [] });
    await sync.close();
    expect(report).toMatchObject({ full: true, uploaded: filesOf(dir).length });
    expect(await keys('other')).toEqual(filesOf(dir));
  });
});

describe('the publisher with the S3 target', () => {
  /** A publisher as incremental/publisher.ts is one: each publish makes a local release live (LocalTarget). */
  function fakePublisher(deployDir: string, afterSwitch: ((change: ReleaseSwitch) => Promise<unknown>) | null) {
    const target = new LocalTarget({ dir: deployDir });
    let next: { files: Files; removed: string[] } | null = null;
    const run = async () => {
      if (!next) return { release: null };
      const { files, removed } = next;
      next = null;
      const live = target.current();
      const dir = await target.prepare();
      if (live) fs.cpSync(live, dir, { recursive: true });
      for (const [rel, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), content);
      }
      for (const rel of removed) fs.rmSync(path.join(dir, rel));
      const { release } = await target.deploy(dir);
      await afterSwitch?.({ releaseDir: target.current()!, written: Object.keys(files), removed });
      return { release };
    };
    return {
      target,
      change: (files: Files, removed: string[] = []) => (next = { files, removed }),
      publish: run,
      reconcile: run,
      close: async () => undefined,
    };
  }

  it('syncs every switch the publisher hands over, and only the changed files', async () => {
    const stateFile = path.join(tmp, 'wired', 's3-pending.json');
    const withS3 = s3Publishing(createS3ReleaseSync({ s3: { ...base, bucket: 'pub' }, stateFile, retryMs: 0, log: () => undefined }));
    const publisher = withS3.wrap(fakePublisher(path.join(tmp, 'wired'), withS3.afterSwitch));
    publisher.change(RELEASE_1);
    expect(await publisher.publish()).toMatchObject({ release: expect.any(String) });
    expect(await keys('pub')).toEqual(publicFiles(RELEASE_1));

    requests = [];
    publisher.change({ 'wydarzenia/b/index.html': page('B') }, ['wydarzenia/a.ics']);
    await publisher.publish();
    // Handed over: no listing of the bucket, one PUT, one delete.
    expect(requests.map((r) => r.method).sort()).toEqual(['POST', 'PUT']);
    expect(await keys('pub')).toEqual(filesOf(publisher.target.current()!));

    requests = [];
    expect(await publisher.publish()).toEqual({ release: null });
    expect(requests).toEqual([]);
    await publisher.close();
  });

  it('compares the whole release after a publish the publisher did not hand over', async () => {
    const stateFile = path.join(tmp, 'unwired', 's3-pending.json');
    const withS3 = s3Publishing(createS3ReleaseSync({ s3: { ...base, bucket: 'pub', prefix: 'unwired' }, stateFile, retryMs: 0, log: () => undefined }));
    const publisher = withS3.wrap(fakePublisher(path.join(tmp, 'unwired'), null));
    publisher.change(RELEASE_1);
    await publisher.publish();
    publisher.change({ 'wydarzenia/b/index.html': page('B') }, ['wydarzenia/a.ics']);
    requests = [];
    await publisher.reconcile();
    expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(await keys('pub')).toEqual([...filesOf(path.join(tmp, 'wired', 'current')), ...filesOf(publisher.target.current()!).map((f) => `unwired/${f}`)].sort());
    await publisher.close();
  });
});

describe('configuration', () => {
  it('reads the CDN purge settings', () => {
    expect(cdnPurgeConfigFromEnv({})).toBeNull();
    expect(cdnPurgeConfigFromEnv({ CDN_PURGE_URL: 'https://cdn.example/purge', CDN_PURGE_TOKEN: 't', CDN_PURGE_HEADER: 'AccessKey', CDN_PURGE_BATCH: '50' })).toEqual({
      url: 'https://cdn.example/purge',
      token: 't',
      header: 'AccessKey',
      batchSize: 50,
    });
    expect(() => cdnPurgeConfigFromEnv({ CDN_PURGE_URL: 'ftp://x' })).toThrow(/CDN_PURGE_URL must be an http\(s\) address/);
    expect(() => cdnPurgeConfigFromEnv({ CDN_PURGE_URL: 'nonsense' })).toThrow(/CDN_PURGE_URL is not an address/);
    expect(() => cdnPurgeConfigFromEnv({ CDN_PURGE_URL: 'https://x', CDN_PURGE_BATCH: '5000' })).toThrow(/CDN_PURGE_BATCH must be a whole number from 1 to 1000/);
    expect(() => cdnPurgeConfigFromEnv({ CDN_PURGE_URL: 'https://x', CDN_PURGE_HEADER: 'Bad Header' })).toThrow(/CDN_PURGE_HEADER/);
  });

  it('names the addresses of a file', () => {
    expect(purgePaths(['index.html', 'wydarzenia/a/index.html', 'media/p.jpg', '404.html'])).toEqual(['/', '/404.html', '/index.html', '/media/p.jpg', '/wydarzenia/a/', '/wydarzenia/a/index.html']);
  });

  it('runs the long-lived publisher for the S3 target too, with its sync', async () => {
    expect(usesIncrementalPublisher({ DEPLOY_TARGET: 's3' })).toBe(true);
    expect(usesIncrementalPublisher({ DEPLOY_TARGET: 's3', REBUILD_MODE: 'build' })).toBe(false);
    expect(s3ReleaseSyncFromEnv({ DEPLOY_TARGET: 'local' })).toBeNull();
    expect(() => s3ReleaseSyncFromEnv({ DEPLOY_TARGET: 's3' })).toThrow(/S3_BUCKET/);
    const sync = s3ReleaseSyncFromEnv({ DEPLOY_TARGET: 's3', S3_BUCKET: 'b', S3_PREFIX: 'site', DEPLOY_DIR: path.join(tmp, 'cfg') });
    expect(sync?.where).toBe('s3://b/site/');
    await sync?.close();
  });
});
