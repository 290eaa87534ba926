import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eachLimited, S3Bucket, type S3Config } from './s3-bucket.ts';
import type { DeployResult, DeployTarget } from './target.ts';

export { normalizePrefix, type S3Config } from './s3-bucket.ts';

// Deploys the built site to an S3 bucket (AWS, MinIO, R2, s3rver…) by syncing a folder to it.
// S3 has no atomic switch of many objects, so the order of the sync keeps every page whole:
// assets and media go up first, pages last, and only then old objects go. A visitor sees the
// old or the new version of each page, never a page whose stylesheet or photo is missing.

export interface SyncReport {
  /** Objects written (new or changed files). */
  uploaded: number;
  /** Files whose object already had the same content. */
  unchanged: number;
  /** Objects removed because the folder no longer has them. */
  deleted: number;
  /** Files in the folder. */
  files: number;
  /** Bytes uploaded. */
  bytes: number;
  /** Site paths uploaded ('wydarzenia/a/index.html') and deleted, e.g. to purge from a CDN. */
  uploadedFiles: string[];
  deletedFiles: string[];
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

/** A release name that sorts by time and is safe in paths: 2026-11-22T23-59-59-123Z. */
export function releaseId(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
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

/**
 * Makes the bucket folder hold exactly the files of `dir` (but `_headers`): changed and new
 * files uploaded (pages last), then objects the folder lacks deleted. Compares MD5s with the
 * objects' ETags, so an unchanged file is never uploaded again.
 */
export async function syncFolder(bucket: S3Bucket, dir: string, onUpload?: (key: string) => void): Promise<SyncReport> {
  const { where, prefix, concurrency } = bucket;
  const files = await localFiles(path.resolve(dir), concurrency);
  // An empty folder would wipe the live site: surely a broken build, not a wish.
  if (files.length === 0) throw new Error(`Refusing to sync an empty folder (${dir}) to ${where}`);
  const remote = await bucket.list();

  const changed = files.filter((f) => remote.get(prefix + f.rel) !== f.md5.toString('hex'));
  const isPage = (f: LocalFile) => f.rel.endsWith('.html');
  let bytes = 0;
  const put = async (f: LocalFile) => {
    const body = await fs.readFile(f.full);
    await bucket.put(f.rel, body, f.md5);
    bytes += body.length;
    onUpload?.(bucket.key(f.rel));
  };
  // Pages switch last, when everything they point at is already there.
  await eachLimited(changed.filter((f) => !isPage(f)), concurrency, put);
  await eachLimited(changed.filter(isPage), concurrency, put);

  const keep = new Set(files.map((f) => prefix + f.rel));
  const stale = [...remote.keys()].filter((key) => !keep.has(key));
  await bucket.remove(stale);

  return {
    uploaded: changed.length,
    unchanged: files.length - changed.length,
    deleted: stale.length,
    files: files.length,
    bytes,
    uploadedFiles: changed.map((f) => f.rel),
    deletedFiles: stale.map((key) => key.slice(prefix.length)),
  };
}

export function createS3Target(cfg: S3Config, opts: S3TargetOptions = {}): DeployTarget & { sync(dir: string): Promise<SyncReport> } {
  const bucket = new S3Bucket(cfg);
  // Only folders made by prepare() are ever removed: deploy('site/dist') must not delete it.
  const prepared = new Set<string>();
  const sync = (dir: string) => syncFolder(bucket, dir, opts.onUpload);

  return {
    name: bucket.where,
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
