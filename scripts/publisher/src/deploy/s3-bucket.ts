import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { cacheControl } from '@cus/serve/headers';
import { contentType } from '@cus/serve/mime-types';

// One bucket folder the site is deployed to, as the deploy code uses it: list, upload a site
// file with the headers every deploy stores (Content-Type, Cache-Control, Content-MD5), delete.
// Shared by the full sync (s3.ts) and the incremental one (s3-release-sync.ts), so both store
// the same objects with the same headers.

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

/** 'preview', '/preview/', 'preview/' → 'preview/'; '' or '/' → '' (bucket root). */
export function normalizePrefix(prefix = ''): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed ? `${trimmed}/` : '';
}

/** An SDK or network error in a few words: name, message, HTTP status. */
export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  // Node's connection errors may be AggregateErrors with an empty message and only a code.
  const message = err.message || (err as { code?: string }).code || 'no details';
  const name = err.name && err.name !== 'Error' ? `${err.name}: ` : '';
  return `${name}${message}${status ? ` (HTTP ${status})` : ''}`;
}

/** Runs `work` on every item, at most `limit` at a time; after a failure starts no more. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
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

export class S3Bucket {
  readonly bucket: string;
  readonly prefix: string;
  /** s3://bucket/prefix/, for messages. */
  readonly where: string;
  readonly concurrency: number;
  private readonly client: S3Client;

  constructor(cfg: S3Config) {
    this.bucket = cfg.bucket;
    this.prefix = normalizePrefix(cfg.prefix);
    this.where = `s3://${cfg.bucket}/${this.prefix}`;
    this.concurrency = cfg.concurrency ?? 8;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new Error(`S3 concurrency must be a whole number ≥ 1, not ${this.concurrency}`);
    }
    this.client = s3Client(cfg);
  }

  /** The object key of a site file ('wydarzenia/a/index.html'). */
  key(rel: string): string {
    return this.prefix + rel;
  }

  /** Key → ETag (lowercase, without quotes) of every object under the prefix. */
  async list(): Promise<Map<string, string>> {
    const objects = new Map<string, string>();
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix || undefined, ContinuationToken: token }),
        );
      } catch (err) {
        throw new Error(`S3 listing of ${this.where} failed: ${errorText(err)}`, { cause: err });
      }
      for (const o of page.Contents ?? []) {
        if (o.Key) objects.set(o.Key, (o.ETag ?? '').replace(/"/g, '').toLowerCase());
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return objects;
  }

  /** Uploads a site file's bytes under its key with the site's headers for its path. */
  async put(rel: string, body: Buffer, md5: Buffer): Promise<void> {
    const key = this.key(rel);
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: contentType(rel),
          CacheControl: cacheControl(`/${rel}`),
          ContentMD5: md5.toString('base64'),
        }),
      );
    } catch (err) {
      throw new Error(`S3 upload of s3://${this.bucket}/${key} failed: ${errorText(err)}`, { cause: err });
    }
  }

  /** Deletes objects by key, 1,000 a request (S3's limit); throws naming the keys it could not delete. */
  async remove(keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      let result;
      try {
        result = await this.client.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
        );
      } catch (err) {
        throw new Error(`S3 delete of ${batch.length} old object(s) in ${this.where} failed: ${errorText(err)}`, { cause: err });
      }
      // DeleteObjects answers 200 even when some keys could not be deleted.
      const failed = result.Errors ?? [];
      if (failed.length) {
        const list = failed.slice(0, 5).map((e) => `${e.Key} (${e.Code}: ${e.Message})`).join(', ');
        throw new Error(`S3 could not delete ${failed.length} old object(s) in ${this.where}: ${list}`);
      }
    }
  }

  destroy(): void {
    this.client.destroy();
  }
}
