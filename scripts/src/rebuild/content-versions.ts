import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_COLLECTIONS } from '@cus/shared';

// What the content of a release was: a digest of the [documentId, updatedAt] list of every
// collection the site reads, and of every file (the CMS's GET /api/site-export/<c>?view=versions,
// the same lists the site's incremental loader compares against). The rebuild service records
// the digest of each release it makes live, and compares the CMS's current one with it: a
// webhook lost while the service was down (or on the network) is caught that way.

export interface ContentSource {
  url: string;
  token: string;
  /** Per request; a CMS that accepts the connection and never answers fails after this. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ContentVersions {
  digest: string;
  /** Entries and files counted. */
  entries: number;
}

const COLLECTIONS = [...EXPORT_COLLECTIONS, 'files'] as const;

async function versionsOf(source: ContentSource, collection: string): Promise<[string, string][]> {
  const url = `${source.url.replace(/\/+$/, '')}/api/site-export/${collection}?view=versions`;
  const timeoutMs = source.timeoutMs ?? 10_000;
  const signals = [AbortSignal.timeout(timeoutMs), ...(source.signal ? [source.signal] : [])];
  let res: Response;
  let body: unknown;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${source.token}`, accept: 'application/json' }, signal: AbortSignal.any(signals) });
    body = res.ok ? await res.json() : undefined;
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { message?: string } };
    const why = e.name === 'TimeoutError' ? `no answer within ${(timeoutMs / 1000).toFixed(0)} s` : (e.cause?.message ?? e.message ?? String(err));
    throw new Error(`GET ${url}: ${why}`, { cause: err });
  }
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new Error(`GET ${url}: no list of versions`);
  return (data as unknown[]).filter((r): r is [string, string] => Array.isArray(r) && typeof r[0] === 'string' && typeof r[1] === 'string');
}

/** The CMS's content as it is now. Throws naming the request that failed or hung. */
export async function fetchContentVersions(source: ContentSource): Promise<ContentVersions> {
  const lists = await Promise.all(COLLECTIONS.map((c) => versionsOf(source, c)));
  const hash = createHash('sha256');
  let entries = 0;
  COLLECTIONS.forEach((c, i) => {
    const rows = lists[i]!.map(([id, at]) => `${id} ${new Date(at).toISOString()}`).sort();
    entries += rows.length;
    hash.update(`${c}\n${rows.join('\n')}\n\n`);
  });
  return { digest: hash.digest('hex'), entries };
}

export interface LiveContent extends ContentVersions {
  release: string;
  recordedAt: string;
}

/** The content of the live release, kept in a small JSON file so a restarted service knows it. */
export class LiveContentFile {
  readonly file: string;
  constructor(file: string) {
    this.file = path.resolve(file);
  }

  read(): LiveContent | null {
    try {
      const data = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<LiveContent>;
      return typeof data.digest === 'string' && typeof data.release === 'string' ? (data as LiveContent) : null;
    } catch {
      return null;
    }
  }

  write(live: LiveContent): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(live, null, 2)}\n`);
    fs.renameSync(tmp, this.file);
  }
}
