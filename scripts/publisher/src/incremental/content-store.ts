import { createHash } from 'node:crypto';
import type { LoadContext, SourceOptions, SyncOptions } from '@cus/site/publisher';
import { SITE_COLLECTIONS, type ChangedEntries, type EntryFailure, type SiteCollection, type SiteContent, type StoredEntry } from './contract.ts';

// The site's content, kept in memory between publishes: the five collections synced from the
// CMS's export with the site's own loader (incremental by versions: only new or changed entries
// are read), in its keep-last-good mode: an entry that fails the contract or its body rendering
// keeps its last good version (a never-valid one stays absent) and comes back as a failure.
// The content's version is a digest of every entry's digest: the same content, the same version.
// A publish that knows which entries changed (the webhooks named them) reads only those, then the
// entries that embed one that moved or that one embeds (an event's gallery, a person's events …),
// round by round until nothing more moves: no version list of 10,000 entries per publish. The
// full sync (every version list) stays for the reconcile and for changes no webhook named.

/** The CMS connection the loader reads with (site/src/loader/fetch-entries.ts). */
export type ContentSource = SourceOptions;

/** What the content store needs of the site's loader (`@cus/site/publisher`), in its own types. */
export interface SiteLoader {
  memoryContext(collection: string, rootDir: string): LoadContext & { entries: Map<string, { id: string; data: Record<string, unknown>; digest?: string | number; rendered?: { html: string } }> };
  syncCollection(
    collection: SiteCollection,
    ctx: LoadContext,
    source: ContentSource,
    options: SyncOptions & { invalid: 'keep-last-good'; only?: readonly string[] },
  ): Promise<{ changed: number; removed: number; total: number; failures?: EntryFailure[] }>;
  /** Of each collection, the collections (and 'files') whose entries its entries embed. */
  EMBEDS: Record<SiteCollection, readonly string[]>;
  /** The documentIds an entry embeds (not its own). */
  embeddedIds(data: unknown, out?: Set<string>): Set<string>;
  /** One sync's version lists, each asked for once however many collections embed it. */
  versionLists?: (source: ContentSource) => NonNullable<SyncOptions['versions']>;
  /** The loader's budget of time lost to unanswered CMS requests is per process: reset before each sync. */
  resetStallBudget?: () => void;
}

export interface SyncReport {
  content: SiteContent;
  /** The version differs from the previous sync's. */
  changed: boolean;
  /** Entries that could not be taken (each keeps its last good version). */
  failures: EntryFailure[];
  /** Per collection: entries now, and new or changed and removed by this sync. */
  counts: Record<SiteCollection, { total: number; changed: number; removed: number }>;
}

export class ContentStore {
  private readonly loader: SiteLoader;
  private readonly source: ContentSource;
  private readonly contexts: Record<SiteCollection, ReturnType<SiteLoader['memoryContext']>>;
  private content: SiteContent | undefined;
  /** Each collection's entries as last reported, and their digest. */
  private readonly listed = new Map<SiteCollection, { entries: StoredEntry[]; digest: string }>();

  /** `rootDir`: the site root the loader writes its media manifests under (see site/src/lib/cache-dir.ts). */
  constructor(loader: SiteLoader, source: ContentSource, rootDir: string) {
    this.loader = loader;
    this.source = source;
    this.contexts = Object.fromEntries(SITE_COLLECTIONS.map((c) => [c, loader.memoryContext(c, rootDir)])) as ContentStore['contexts'];
  }

  /** What each stored entry's data embeds (the data object stays the same while the entry is unchanged). */
  private readonly embedded = new WeakMap<object, ReadonlySet<string>>();
  private embeddedOf(data: Record<string, unknown>): ReadonlySet<string> {
    let ids = this.embedded.get(data);
    if (!ids) this.embedded.set(data, (ids = this.loader.embeddedIds(data)));
    return ids;
  }

  /** The content of the last sync (undefined before the first). */
  get current(): SiteContent | undefined {
    return this.content;
  }

  /**
   * Brings every collection up to date with the CMS, or with `changed` only the entries named and
   * those around them (a full sync until a first one has filled the store). Throws (changing
   * nothing visible) when the CMS cannot be read.
   */
  async sync(changed?: ChangedEntries): Promise<SyncReport> {
    this.loader.resetStallBudget?.();
    if (changed && this.content) return this.report(await this.syncAround(changed));
    const versions = this.loader.versionLists?.(this.source);
    const results = await Promise.all(
      SITE_COLLECTIONS.map((c) =>
        this.loader.syncCollection(c, this.contexts[c], this.source, { invalid: 'keep-last-good', ...(versions ? { versions } : {}) }),
      ),
    );
    return this.report(SITE_COLLECTIONS.map((c, i) => [c, results[i]!] as const));
  }

  /** The entries named, then round by round those embedding a moved one or embedded by it. */
  private async syncAround(changed: ChangedEntries): Promise<(readonly [SiteCollection, SyncCounts])[]> {
    const results = new Map<SiteCollection, SyncCounts>();
    const add = (c: SiteCollection, r: SyncCounts) => {
      const sum = results.get(c) ?? { changed: 0, removed: 0, failures: [] };
      results.set(c, { changed: sum.changed + r.changed, removed: sum.removed + r.removed, failures: [...(sum.failures ?? []), ...(r.failures ?? [])] });
    };
    const read = new Map<SiteCollection, Set<string>>();
    let next = new Map<SiteCollection, Set<string>>();
    for (const c of SITE_COLLECTIONS) if (changed[c]?.length) next.set(c, new Set(changed[c]));
    // Site settings are one entry with a short version list: read the usual way.
    if (next.delete('settings')) add('settings', await this.loader.syncCollection('settings', this.contexts.settings, this.source, { invalid: 'keep-last-good' }));
    for (let round = 0; next.size > 0; round++) {
      if (round === MAX_ROUNDS) throw new Error(`entries still moving after ${MAX_ROUNDS} rounds of related entries`);
      /** documentIds whose entry changed, appeared or went away; and what those embedded before and after. */
      const moved = new Map<SiteCollection, Set<string>>();
      const around = new Set<string>();
      await Promise.all(
        [...next].map(async ([c, ids]) => {
          const entries = this.contexts[c].entries;
          const before = new Map([...ids].map((id) => [id, entries.get(id)] as const));
          add(c, await this.loader.syncCollection(c, this.contexts[c], this.source, { invalid: 'keep-last-good', only: [...ids] }));
          for (const [id, was] of before) {
            const now = entries.get(id);
            if (now?.digest === was?.digest) continue;
            (moved.get(c) ?? moved.set(c, new Set()).get(c)!).add(id);
            for (const e of [was, now]) if (e) for (const related of this.embeddedOf(e.data)) around.add(related);
          }
          const done = read.get(c) ?? read.set(c, new Set()).get(c)!;
          for (const id of ids) done.add(id);
        }),
      );
      next = new Map();
      for (const [c, ids] of moved) {
        for (const d of SITE_COLLECTIONS) {
          if (d === 'settings' || !this.loader.EMBEDS[d].includes(c)) continue;
          // An entry of d that embeds a moved one, or that the moved one embeds (a relation set or
          // removed from the other side), and not read in this sync yet.
          for (const [id, e] of this.contexts[d].entries) {
            if (read.get(d)?.has(id)) continue;
            if (around.has(id) || embedsAny(this.embeddedOf(e.data), ids)) (next.get(d) ?? next.set(d, new Set()).get(d)!).add(id);
          }
        }
      }
    }
    return [...results];
  }

  /** The content now, its version, and what this sync did. */
  private report(results: readonly (readonly [SiteCollection, SyncCounts])[]): SyncReport {
    const byCollection = new Map(results);
    const collections = {} as Record<SiteCollection, StoredEntry[]>;
    const counts = {} as SyncReport['counts'];
    const failures: EntryFailure[] = [];
    const hash = createHash('sha256');
    for (const c of SITE_COLLECTIONS) {
      const r = byCollection.get(c) ?? { changed: 0, removed: 0 };
      // A collection this sync left as it was keeps its array (and its digest): the site's memos
      // of it hold, and a publish of one event does not copy and sort 10,000 others.
      let listed = this.listed.get(c);
      if (!listed || r.changed > 0 || r.removed > 0) {
        const entries = [...this.contexts[c].entries.values()].map(
          (e): StoredEntry => ({ id: e.id, data: e.data, digest: String(e.digest ?? ''), ...(e.rendered ? { rendered: e.rendered } : {}) }),
        );
        // The sum of every entry's own hash: independent of the order (no sort of 10,000 ids),
        // each entry's hash made once per stored version of it.
        let sum = 0n;
        for (const e of this.contexts[c].entries.values()) sum = (sum + entryHash(e)) & HASH_MASK;
        this.listed.set(c, (listed = { entries, digest: sum.toString(36) }));
      }
      collections[c] = listed.entries;
      counts[c] = { total: listed.entries.length, changed: r.changed, removed: r.removed };
      failures.push(...(r.failures ?? []));
      hash.update(`${c}\n${listed.digest}\n`);
    }
    const version = hash.digest('base64url').slice(0, 22);
    const changed = this.content?.version !== version;
    this.content = { version, collections };
    return { content: this.content, changed, failures, counts };
  }
}

/** 128 bits of SHA-256 per entry, summed modulo 2^128 into a collection's digest. */
const HASH_MASK = (1n << 128n) - 1n;
const entryHashes = new WeakMap<object, bigint>();
function entryHash(e: { id: string; digest?: string | number }): bigint {
  let h = entryHashes.get(e);
  if (h === undefined) {
    h = BigInt(`0x${createHash('sha256').update(`${e.id} ${e.digest ?? ''}\n`).digest('hex').slice(0, 32)}`);
    entryHashes.set(e, h);
  }
  return h;
}

/** Rounds of related entries a sync of named entries follows (an event → its gallery → …). */
const MAX_ROUNDS = 6;

type SyncCounts = { changed: number; removed: number; failures?: EntryFailure[] };

const embedsAny = (embedded: ReadonlySet<string>, ids: ReadonlySet<string>) => {
  for (const id of ids) if (embedded.has(id)) return true;
  return false;
};
