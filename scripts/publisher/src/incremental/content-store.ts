import { createHash } from 'node:crypto';
import type { LoadContext, SourceOptions, SyncOptions } from '@cus/site/publisher';
import { SITE_COLLECTIONS, type EntryFailure, type SiteCollection, type SiteContent, type StoredEntry } from './contract.ts';

// The site's content, kept in memory between publishes: the five collections synced from the
// CMS's export with the site's own loader (incremental by versions: only new or changed entries
// are read), in its keep-last-good mode: an entry that fails the contract or its body rendering
// keeps its last good version (a never-valid one stays absent) and comes back as a failure.
// The content's version is a digest of every entry's digest: the same content, the same version.

/** The CMS connection the loader reads with (site/src/loader/fetch-entries.ts). */
export type ContentSource = SourceOptions;

/** What the content store needs of the site's loader (`@cus/site/publisher`), in its own types. */
export interface SiteLoader {
  memoryContext(collection: string, rootDir: string): LoadContext & { entries: Map<string, { id: string; data: Record<string, unknown>; digest?: string | number; rendered?: { html: string } }> };
  syncCollection(
    collection: SiteCollection,
    ctx: LoadContext,
    source: ContentSource,
    options: SyncOptions & { invalid: 'keep-last-good' },
  ): Promise<{ changed: number; removed: number; total: number; failures?: EntryFailure[] }>;
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

  /** `rootDir`: the site root the loader writes its media manifests under (see site/src/lib/cache-dir.ts). */
  constructor(loader: SiteLoader, source: ContentSource, rootDir: string) {
    this.loader = loader;
    this.source = source;
    this.contexts = Object.fromEntries(SITE_COLLECTIONS.map((c) => [c, loader.memoryContext(c, rootDir)])) as ContentStore['contexts'];
  }

  /** The content of the last sync (undefined before the first). */
  get current(): SiteContent | undefined {
    return this.content;
  }

  /** Brings every collection up to date with the CMS. Throws (changing nothing visible) when the CMS cannot be read. */
  async sync(): Promise<SyncReport> {
    this.loader.resetStallBudget?.();
    const versions = this.loader.versionLists?.(this.source);
    const results = await Promise.all(
      SITE_COLLECTIONS.map((c) =>
        this.loader.syncCollection(c, this.contexts[c], this.source, { invalid: 'keep-last-good', ...(versions ? { versions } : {}) }),
      ),
    );
    const collections = {} as Record<SiteCollection, StoredEntry[]>;
    const counts = {} as SyncReport['counts'];
    const failures: EntryFailure[] = [];
    const hash = createHash('sha256');
    SITE_COLLECTIONS.forEach((c, i) => {
      const r = results[i]!;
      const entries = [...this.contexts[c].entries.values()].map(
        (e): StoredEntry => ({ id: e.id, data: e.data, digest: String(e.digest ?? ''), ...(e.rendered ? { rendered: e.rendered } : {}) }),
      );
      collections[c] = entries;
      counts[c] = { total: entries.length, changed: r.changed, removed: r.removed };
      failures.push(...(r.failures ?? []));
      hash.update(`${c}\n`);
      for (const e of [...entries].sort((a, b) => (a.id < b.id ? -1 : 1))) hash.update(`${e.id} ${e.digest}\n`);
    });
    const version = hash.digest('base64url').slice(0, 22);
    const changed = this.content?.version !== version;
    this.content = { version, collections };
    return { content: this.content, changed, failures, counts };
  }
}
