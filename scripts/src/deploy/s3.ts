import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { contentType } from '../mime-types.ts';
import { cacheControl } from './headers.ts';
import type { DeployResult, DeployTarget } from './target.ts';

// Deploys the built site to an S3 bucket (AWS, MinIO, R2, s3rver…) by syncing a folder to it.
// S3 has no atomic switch of many objects, so the order of the sync keeps every page whole:
// assets and media go up first, pages last, and only then old objects go. A visitor sees the
// old or the new version of each page, never a page whose stylesheet or photo is missing.

export interface S3Config {
  bucket: string;
  /**
   * Folder in the bucket, e.g. 'preview/'; '' or unset: the bucket root. The site owns
   * everything under it: objects there that the build lacks are deleted (at the root, that
   * means every other object in the bucket, previews included).
   */
  prefix?: string;
  region?: string;
  /** For providers other than AWS (MinIO, s3rver, R2…). */
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Both or neither; unset: the SDK's default credential chain (env, profile, instance role). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Uploads at a time (default 8). */
  concurrency?: number;
}

export interface SyncReport {
  /** Objects written (new or changed files). */
  uploaded: number;
  /** Files whose object already had the same content. */
  unchanged: number;
  /** Objects removed because the folder no longer has them. */
  deleted: number;
  /** Files in the folder. */
  files: number;
}

export interface S3TargetOptions {
  /** Called after each successful upload, with the object key. */
  onUpload?: (key: string) => void;
  /** Where prepare() makes build folders (default: the system temp folder). */
  workDir?: string;
}


/** Empty env values count as unset: `S3_PREFIX=` in an env file means no prefix. */
function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

function envBoolean(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const v = envValue(env, name)?.toLowerCase();
  if (v === undefined) return undefined;
  if (['1', 'true', 'yes'].includes(v)) return true;
  if (['0', 'false', 'no'].includes(v)) return false;
  throw new Error(`${name} must be true or false, not "${env[name]}"`);
}

export function s3ConfigFromEnv(env: NodeJS.ProcessEnv = process.env): S3Config {
  const bucket = envValue(env, 'S3_BUCKET');
  if (!bucket) throw new Error('S3_BUCKET is not set: name the bucket the site is deployed to');
  const endpoint = envValue(env, 'S3_ENDPOINT');
  const accessKeyId = envValue(env, 'S3_ACCESS_KEY_ID');
  const secretAccessKey = envValue(env, 'S3_SECRET_ACCESS_KEY');
  // One without the other would silently fall back to another identity.
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new Error('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together (or both left unset)');
  }
  return {
    bucket,
    prefix: envValue(env, 'S3_PREFIX') ?? '',
    region: envValue(env, 'S3_REGION') ?? 'us-east-1',
    endpoint,
    // Other providers mostly lack virtual-host buckets (bucket.host) on a plain endpoint.
    forcePathStyle: envBoolean(env, 'S3_FORCE_PATH_STYLE') ?? Boolean(endpoint),
    accessKeyId,
    secretAccessKey,
  };
}

/** 'preview', '/preview/', 'preview/' → 'preview/'; '' or '/' → '' (bucket root). */
export function normalizePrefix(prefix = ''): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed ? `${trimmed}/` : '';
}

/** A release name that sorts by time and is safe in paths: 2026-11-22T23-59-59-123Z. */
export function releaseId(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

function s3Client(cfg: S3Config): S3Client {
  const config: S3ClientConfig = {
    region: cfg.region ?? 'us-east-1',
    endpoint: cfg.endpoint,
    forcePathStyle: cfg.forcePathStyle ?? Boolean(cfg.endpoint),
  };
  if (cfg.accessKeyId && cfg.secretAccessKey) {
    config.credentials = { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey };
  }
  if (cfg.endpoint) {
    // The SDK adds CRC32 checksum headers to every upload by default; several S3-compatible
    // servers reject or mishandle them. Content-MD5 (sent below) checks the bytes everywhere.
    config.requestChecksumCalculation = 'WHEN_REQUIRED';
    config.responseChecksumValidation = 'WHEN_REQUIRED';
  }
  return new S3Client(config);
}

/** An SDK or network error in a few words: name, message, HTTP status. */
function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  // Node's connection errors may be AggregateErrors with an empty message and only a code.
  const message = err.message || (err as { code?: string }).code || 'no details';
  const name = err.name && err.name !== 'Error' ? `${err.name}: ` : '';
  return `${name}${message}${status ? ` (HTTP ${status})` : ''}`;
}

/** Runs `work` on every item, at most `limit` at a time; after a failure starts no more. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (errors.length === 0 && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (err) {
        errors.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (errors.length > 1 && errors[0] instanceof Error) {
    errors[0].message += ` (and ${errors.length - 1} more failure(s))`;
  }
  if (errors.length) throw errors[0];
}

interface LocalFile {
  /** Path inside the site, with forward slashes and no leading slash. */
  rel: string;
  full: string;
  md5: Buffer;
}

/** The build's header rules for CDNs that read them (see pipeline.ts); never uploaded. */
export const HEADERS_FILE = '_headers';

/** Every file of the folder but the header rules, with its MD5, a few read at a time (a build may hold gigabytes of media). */
async function localFiles(dir: string, limit: number): Promise<LocalFile[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  const files: LocalFile[] = entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    // A bucket serves every object it holds: the header rules are the CDN's to apply
    // (cdn-headers-policy.ts), never a public file.
    .filter((full) => path.relative(dir, full) !== HEADERS_FILE)
    .sort()
    .map((full) => ({ rel: path.relative(dir, full).split(path.sep).join('/'), full, md5: Buffer.alloc(0) }));
  await eachLimited(files, limit, async (f) => {
    f.md5 = createHash('md5').update(await fs.readFile(f.full)).digest();
  });
  return files;
}

export function createS3Target(cfg: S3Config, opts: S3TargetOptions = {}): DeployTarget & { sync(dir: string): Promise<SyncReport> } {
  const prefix = normalizePrefix(cfg.prefix);
  const concurrency = cfg.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`S3 concurrency must be a whole number ≥ 1, not ${concurrency}`);
  const where = `s3://${cfg.bucket}/${prefix}`;
  const client = s3Client(cfg);
  // Only folders made by prepare() are ever removed: deploy('site/dist') must not delete it.
  const prepared = new Set<string>();

  /** Key → ETag (lowercase, without quotes) of every object under the prefix. */
  async function remoteObjects(): Promise<Map<string, string>> {
    const objects = new Map<string, string>();
    let token: string | undefined;
    do {
      let page;
      try {
        page = await client.send(
          new ListObjectsV2Command({ Bucket: cfg.bucket, Prefix: prefix || undefined, ContinuationToken: token }),
        );
      } catch (err) {
        throw new Error(`S3 listing of ${where} failed: ${errorText(err)}`, { cause: err });
      }
      for (const o of page.Contents ?? []) {
        if (o.Key) objects.set(o.Key, (o.ETag ?? '').replace(/"/g, '').toLowerCase());
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return objects;
  }

  async function upload(file: LocalFile, key: string): Promise<void> {
    try {
      await client.send(
        new PutObjectCommand({
          Bucket: cfg.bucket,
          Key: key,
          Body: await fs.readFile(file.full),
          ContentType: contentType(file.rel),
          CacheControl: cacheControl(`/${file.rel}`),
          ContentMD5: file.md5.toString('base64'),
        }),
      );
    } catch (err) {
      throw new Error(`S3 upload of s3://${cfg.bucket}/${key} failed: ${errorText(err)}`, { cause: err });
    }
    opts.onUpload?.(key);
  }

  async function remove(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      let result;
      try {
        result = await client.send(
          new DeleteObjectsCommand({ Bucket: cfg.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
        );
      } catch (err) {
        throw new Error(`S3 delete of ${batch.length} old object(s) in ${where} failed: ${errorText(err)}`, { cause: err });
      }
      // DeleteObjects answers 200 even when some keys could not be deleted.
      const failed = result.Errors ?? [];
      if (failed.length) {
        const list = failed.slice(0, 5).map((e) => `${e.Key} (${e.Code}: ${e.Message})`).join(', ');
        throw new Error(`S3 could not delete ${failed.length} old object(s) in ${where}: ${list}`);
      }
    }
  }

  async function sync(dir: string): Promise<SyncReport> {
    const files = await localFiles(path.resolve(dir), concurrency);
    // An empty folder would wipe the live site: surely a broken build, not a wish.
    if (files.length === 0) throw new Error(`Refusing to sync an empty folder (${dir}) to ${where}`);
    const remote = await remoteObjects();

    const changed = files.filter((f) => remote.get(prefix + f.rel) !== f.md5.toString('hex'));
    const isPage = (f: LocalFile) => f.rel.endsWith('.html');
    const put = (f: LocalFile) => upload(f, prefix + f.rel);
    // Pages switch last, when everything they point at is already there.
    await eachLimited(changed.filter((f) => !isPage(f)), concurrency, put);
    await eachLimited(changed.filter(isPage), concurrency, put);

    const keep = new Set(files.map((f) => prefix + f.rel));
    const stale = [...remote.keys()].filter((key) => !keep.has(key));
    await remove(stale);

    return { uploaded: changed.length, unchanged: files.length - changed.length, deleted: stale.length, files: files.length };
  }

  return {
    name: where,
    async prepare() {
      const parent = opts.workDir ?? os.tmpdir();
      await fs.mkdir(parent, { recursive: true });
      const dir = await fs.mkdtemp(path.join(parent, 'site-release-'));
      prepared.add(dir);
      return dir;
    },
    async deploy(dir): Promise<DeployResult> {
      const release = releaseId();
      const report = await sync(dir);
      if (prepared.delete(dir)) await fs.rm(dir, { recursive: true, force: true });
      return { release, uploaded: report.uploaded, deleted: report.deleted };
    },
    async discard(dir) {
      if (prepared.delete(dir)) await fs.rm(dir, { recursive: true, force: true });
    },
    sync,
  };
}
