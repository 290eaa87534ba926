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
  /** Per collection (files excluded), documentId → version (updatedAt, ISO 8601). */
  versions: Record<string, Record<string, string>>;
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
  const versions: Record<string, Record<string, string>> = {};
  COLLECTIONS.forEach((c, i) => {
    const iso = lists[i]!.map(([id, at]) => [id, new Date(at).toISOString()] as const);
    const rows = iso.map(([id, at]) => `${id} ${at}`).sort();
    entries += rows.length;
    hash.update(`${c}\n${rows.join('\n')}\n\n`);
    if (c !== 'files') versions[c] = Object.fromEntries(iso);
  });
  return { digest: hash.digest('hex'), entries, versions };
}

/** Per collection, documentId → [version, when the release that first carried it went live]. */
export type LiveVersions = Record<string, Record<string, [string, string]>>;

export interface LiveContent {
  digest: string;
  entries: number;
  release: string;
  recordedAt: string;
  /** What each entry was in the live release (absent in files written before it was kept). */
  versions?: LiveVersions;
}

/**
 * The live record of a new release: an entry whose version the previous release already had
 * keeps the time it went live then; a new or changed one went live now.
 */
export function liveContentOf(content: ContentVersions, release: string, previous: LiveContent | null, now = new Date().toISOString()): LiveContent {
  const versions: LiveVersions = {};
  for (const [collection, entries] of Object.entries(content.versions)) {
    const before = previous?.versions?.[collection] ?? {};
    versions[collection] = Object.fromEntries(
      Object.entries(entries).map(([id, version]) => {
        const old = Object.hasOwn(before, id) ? before[id] : undefined;
        return [id, [version, old && old[0] === version ? old[1] : now]];
      }),
    );
  }
  return { digest: content.digest, entries: content.entries, release, recordedAt: now, versions };
}

/** The content of the live release, kept in a small JSON file so a restarted service knows it. */
export class LiveContentFile {
  readonly file: string;
  /** The last read, kept while the file is unchanged (status requests come every few seconds). */
  private cached: { mtimeMs: number; size: number; data: LiveContent | null } | undefined;
  constructor(file: string) {
    this.file = path.resolve(file);
  }

  read(): LiveContent | null {
    try {
      const st = fs.statSync(this.file);
      if (this.cached && this.cached.mtimeMs === st.mtimeMs && this.cached.size === st.size) return this.cached.data;
      const data = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<LiveContent>;
      const live = typeof data.digest === 'string' && typeof data.release === 'string' ? (data as LiveContent) : null;
      this.cached = { mtimeMs: st.mtimeMs, size: st.size, data: live };
      return live;
    } catch {
      return null;
    }
  }

  write(live: LiveContent): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(live)}\n`);
    fs.renameSync(tmp, this.file);
    this.cached = undefined;
  }
}
