import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_IMMUTABLE, CACHE_REVALIDATE, headersFile } from '@cus/serve/headers';
import { createS3Target, normalizePrefix, releaseId, s3ConfigFromEnv, type S3Config, type SyncReport } from './s3.ts';

// The S3 target against a real S3 server (s3rver, on a random local port) through the real
// AWS SDK: what ends up in the bucket, in which order, with which headers, and what a
// failed upload leaves behind.

// s3rver ships no types; this is the part the tests use.
interface S3rverServer {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
const S3rver = createRequire(import.meta.url)('s3rver') as new (options: object) => S3rverServer;

type Build = Record<string, string | Buffer>;

// Not real JPEGs; only the bytes and the extension matter here.
const PHOTO_1 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
const PHOTO_2 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 4, 5, 6, 0xff, 0xd9]);
const page = (title: string, body = '') =>
  `<!doctype html><html lang="pl"><head><title>${title}</title>` +
  `<link rel="stylesheet" href="/_astro/app.abc.css"></head><body>${body}</body></html>\n`;

const BUILD_1: Build = {
  'index.html': page('Start', '<img src="/media/photo_1.jpg" alt=""><a href="/wydarzenia/a/">A</a>'),
  '_astro/app.abc.css': 'body{font-family:serif}\n',
  'media/photo_1.jpg': PHOTO_1,
  'wydarzenia/a/index.html': page('Wydarzenie A'),
  '404.html': page('Nie znaleziono'),
  'sitemap-index.xml': '<?xml version="1.0" encoding="UTF-8"?><sitemapindex></sitemapindex>\n',
  _headers: headersFile(),
};
const BUILD_2: Build = {
  ...Object.fromEntries(Object.entries(BUILD_1).filter(([rel]) => !rel.startsWith('wydarzenia/a/'))),
  'index.html': page('Start', '<img src="/media/photo_2.jpg" alt=""><a href="/wydarzenia/b/">B</a>'),
  'wydarzenia/b/index.html': page('Wydarzenie B'),
  'media/photo_2.jpg': PHOTO_2,
};

let tmp: string;
let server: S3rverServer;
let client: S3Client;
let base: S3Config;

/** s3rver on `port` (0: any free one), keeping its objects in tmp/s3rver across restarts. */
async function startServer(port: number): Promise<number> {
  server = new S3rver({
    port,
    address: '127.0.0.1',
    silent: true,
    directory: path.join(tmp, 's3rver'),
    configureBuckets: [{ name: 'site' }, { name: 'shared' }, { name: 'fail' }],
  });
  return (await server.run()).port;
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 's3-deploy-test-'));
  const port = await startServer(0);
  base = {
    bucket: 'site',
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
  };
  client = new S3Client({
    endpoint: base.endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A target whose uploads are recorded, deploy by deploy. */
function recordingTarget(cfg: Partial<S3Config>, afterUpload?: (key: string) => void) {
  const deploys: string[][] = [];
  const target = createS3Target(
    { ...base, ...cfg },
    {
      workDir: path.join(tmp, 'work'),
      onUpload: (key) => {
        deploys.at(-1)!.push(key);
        afterUpload?.(key);
      },
    },
  );
  /** Builds `files` into a fresh folder from prepare() and deploys it. */
  const deployBuild = async (files: Build) => {
    const dir = await target.prepare();
    for (const [rel, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), content);
    }
    deploys.push([]);
    return { dir, result: await target.deploy(dir) };
  };
  return { target, deploys, deployBuild };
}

async function keys(bucket: string, prefix?: string): Promise<string[]> {
  const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (page.Contents ?? []).map((o) => o.Key!).sort();
}

async function text(bucket: string, key: string): Promise<string> {
  const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return res.Body!.transformToString();
}

/** The keys a build leaves in a bucket: every file but the header rules. */
const sortedKeys = (build: Build, prefix = '') => uploadedFiles(build).map((rel) => prefix + rel).sort();
const uploadedFiles = (build: Build) => Object.keys(build).filter((rel) => rel !== '_headers');

describe('two deploys to the bucket root', () => {
  type Deployed = Awaited<ReturnType<ReturnType<typeof recordingTarget>['deployBuild']>>;
  let deploys: string[][];
  let first: Deployed;
  let second: Deployed;

  beforeAll(async () => {
    const rec = recordingTarget({});
    deploys = rec.deploys;
    first = await rec.deployBuild(BUILD_1);
    second = await rec.deployBuild(BUILD_2);
  });

  it('leaves exactly the second build in the bucket', async () => {
    expect(await keys('site')).toEqual(sortedKeys(BUILD_2));
    expect(await text('site', 'index.html')).toBe(BUILD_2['index.html']);
    expect(await text('site', 'wydarzenia/b/index.html')).toBe(BUILD_2['wydarzenia/b/index.html']);
    expect(first.result).toMatchObject({ uploaded: uploadedFiles(BUILD_1).length, deleted: 0 });
    // index.html, event b and photo 2; event a deleted.
    expect(second.result).toMatchObject({ uploaded: 3, deleted: 1 });
    expect(second.result.release).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
  });

  it('uploads pages only after every other file, and skips unchanged files', () => {
    expect(deploys).toHaveLength(2);
    for (const uploads of deploys) {
      const firstPage = uploads.findIndex((k) => k.endsWith('.html'));
      const lastOther = uploads.findLastIndex((k) => !k.endsWith('.html'));
      expect(firstPage).toBeGreaterThan(lastOther);
    }
    expect(deploys[0]!.sort()).toEqual(sortedKeys(BUILD_1));
    expect(deploys[1]!.sort()).toEqual(['index.html', 'media/photo_2.jpg', 'wydarzenia/b/index.html']);
  });

  it('stores Cache-Control and Content-Type with each object', async () => {
    const head = (key: string) => client.send(new HeadObjectCommand({ Bucket: 'site', Key: key }));
    const expected: [string, string, string][] = [
      ['_astro/app.abc.css', CACHE_IMMUTABLE, 'text/css; charset=utf-8'],
      ['media/photo_1.jpg', CACHE_IMMUTABLE, 'image/jpeg'],
      ['media/photo_2.jpg', CACHE_IMMUTABLE, 'image/jpeg'],
      ['index.html', CACHE_REVALIDATE, 'text/html; charset=utf-8'],
      ['wydarzenia/b/index.html', CACHE_REVALIDATE, 'text/html; charset=utf-8'],
      ['404.html', CACHE_REVALIDATE, 'text/html; charset=utf-8'],
      ['sitemap-index.xml', CACHE_REVALIDATE, 'application/xml; charset=utf-8'],
    ];
    for (const [key, cache, type] of expected) {
      const res = await head(key);
      expect([key, res.CacheControl, res.ContentType]).toEqual([key, cache, type]);
    }
  });

  it('removes the build folders it deployed', () => {
    expect(fs.existsSync(first.dir)).toBe(false);
    expect(fs.existsSync(second.dir)).toBe(false);
  });

  it('changes nothing when the same build is synced again', async () => {
    const dir = path.join(tmp, 'again');
    for (const [rel, content] of Object.entries(BUILD_2)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), content);
    }
    const report: SyncReport = await createS3Target(base).sync(dir);
    expect(report).toEqual({ uploaded: 0, unchanged: uploadedFiles(BUILD_2).length, deleted: 0, files: uploadedFiles(BUILD_2).length, bytes: 0, uploadedFiles: [], deletedFiles: [] });
    expect(fs.existsSync(dir)).toBe(true); // sync() never removes the folder it reads
  });
});

describe('deploys under a prefix', () => {
  it('keeps its keys under the prefix and leaves the rest of the bucket alone', async () => {
    const others = ['keep.txt', 'preview-old/index.html', 'production/index.html'];
    for (const key of others) await client.send(new PutObjectCommand({ Bucket: 'shared', Key: key, Body: key }));

    const { deployBuild } = recordingTarget({ bucket: 'shared', prefix: '/preview' });
    await deployBuild(BUILD_1);
    expect(await keys('shared', 'preview/')).toEqual(sortedKeys(BUILD_1, 'preview/'));
    const { result } = await deployBuild(BUILD_2);

    expect(result.deleted).toBe(1);
    expect(await keys('shared')).toEqual([...others, ...sortedKeys(BUILD_2, 'preview/')].sort());
    expect(await text('shared', 'preview/index.html')).toBe(BUILD_2['index.html']);
  });
});

describe('a failed deploy', () => {
  it('stops before the pages and deletes nothing when an upload fails', async () => {
    // One upload at a time, so the files go up in a known order: the server goes away right
    // after the first upload of the second deploy, as in a network outage.
    let stopped: Promise<void> | undefined;
    const { target, deploys, deployBuild } = recordingTarget({ bucket: 'fail', concurrency: 1 }, () => {
      if (deploys.length === 2) stopped ??= server.close();
    });
    await deployBuild(BUILD_1);
    const extra = { 'media/extra_1.jpg': PHOTO_2, 'media/extra_2.jpg': PHOTO_2, 'media/extra_3.jpg': PHOTO_2 };
    const failing = deployBuild({ ...BUILD_2, ...extra });
    await expect(failing).rejects.toThrow(/S3 upload of s3:\/\/fail\/media\/extra_2\.jpg failed: .*ECONNREFUSED/);
    expect(deploys[1]).toEqual(['media/extra_1.jpg']);

    await stopped;
    await startServer(Number(new URL(base.endpoint!).port));
    // Nothing deleted, no page switched: the first build is whole, plus one stray photo.
    expect(await keys('fail')).toEqual([...sortedKeys(BUILD_1), 'media/extra_1.jpg'].sort());
    expect(await text('fail', 'index.html')).toBe(BUILD_1['index.html']);

    // The failed build is kept for the caller to discard.
    const kept = fs.readdirSync(path.join(tmp, 'work')).map((name) => path.join(tmp, 'work', name));
    expect(kept).toHaveLength(1);
    await target.discard(kept[0]!);
    expect(fs.existsSync(kept[0]!)).toBe(false);
  });

  it('names the bucket when it does not exist', async () => {
    const dir = path.join(tmp, 'tiny');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.html'), page('x'));
    await expect(createS3Target({ ...base, bucket: 'no-such-bucket' }).sync(dir)).rejects.toThrow(/s3:\/\/no-such-bucket\/.*NoSuchBucket/);
  });

  it('refuses to sync an empty folder, which would wipe the site', async () => {
    const dir = path.join(tmp, 'empty');
    fs.mkdirSync(dir, { recursive: true });
    await expect(createS3Target(base).sync(dir)).rejects.toThrow(/empty folder/);
    expect((await keys('site')).length).toBeGreaterThan(0);
  });
});

describe('configuration', () => {
  it('reads the environment', () => {
    expect(() => s3ConfigFromEnv({})).toThrow(/S3_BUCKET/);
    expect(s3ConfigFromEnv({ S3_BUCKET: 'b' })).toMatchObject({ bucket: 'b', region: 'us-east-1', prefix: '', forcePathStyle: false });
    expect(s3ConfigFromEnv({ S3_BUCKET: 'b', S3_ENDPOINT: 'http://127.0.0.1:9000' }).forcePathStyle).toBe(true);
    expect(s3ConfigFromEnv({ S3_BUCKET: 'b', S3_ENDPOINT: 'https://x', S3_FORCE_PATH_STYLE: 'false' }).forcePathStyle).toBe(false);
    expect(s3ConfigFromEnv({ S3_BUCKET: 'b', S3_REGION: 'eu-central-1', S3_PREFIX: 'preview/' })).toMatchObject({ region: 'eu-central-1', prefix: 'preview/' });
    expect(() => s3ConfigFromEnv({ S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(s3ConfigFromEnv({ S3_BUCKET: 'b' }).accessKeyId).toBeUndefined();
  });

  it('normalizes prefixes and names releases', () => {
    expect(['', '/', 'preview', '/preview/', 'preview//', 'a/b'].map(normalizePrefix)).toEqual(['', '', 'preview/', 'preview/', 'preview/', 'a/b/']);
    expect(releaseId(new Date('2026-11-22T23:59:59.123Z'))).toBe('2026-11-22T23-59-59-123Z');
  });
});
