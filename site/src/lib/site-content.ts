// The content every page reads, as the content loader stores it. A static build reads it from
// Astro's content store (getCollection); the long-lived publisher (issue 14) keeps it in memory
// and installs each new version here, under a global symbol, so the pages of its server build
// (which inline no content) read what it holds without a rebuild.

/** One entry as the loader stores it (src/loader/strapi-loader.ts). */
export interface StoredEntry {
  id: string;
  data: Record<string, unknown>;
  digest: string;
  rendered?: { html: string };
}

export type CollectionName = 'events' | 'speakers' | 'institutions' | 'galleries' | 'settings';
export const COLLECTION_NAMES: readonly CollectionName[] = ['events', 'speakers', 'institutions', 'galleries', 'settings'];

export interface SiteContent {
  /** Changes with every change of the content: every memo of the pages' data is made again. */
  version: string;
  collections: Record<CollectionName, StoredEntry[]>;
}

const CONTENT_KEY = Symbol.for('cus.site.content');
type Holder = { [CONTENT_KEY]?: SiteContent };

/** The content the publisher installed, or undefined in a static build. */
export function installedContent(): SiteContent | undefined {
  return (globalThis as Holder)[CONTENT_KEY];
}

/** Makes `content` the content every page reads from now on. */
export function setInstalledContent(content: SiteContent): void {
  (globalThis as Holder)[CONTENT_KEY] = content;
}

// A static build has one version of the content for its whole life.
const STATIC_VERSION = 'static';
const polishDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' });
/** The day last formatted for the clock, and when. */
let today: { from: number; day: string } | undefined;
/** Today in Poland, 'YYYY-MM-DD': what "upcoming" means on the pages (the publisher asks it too). */
export const todayInPoland = (now?: Date | number): string => {
  if (now !== undefined) return polishDate.format(now);
  // Asked by every memo of every page (contentVersion): formatted once a second, not each time.
  const t = Date.now();
  if (!today || t < today.from || t >= today.from + 1000) today = { from: t, day: polishDate.format(t) };
  return today.day;
};

// What the pages derive depends on the day too (upcoming or past, in Polish time): a process
// that outlives a day derives it again at midnight even when the content did not change.
export const contentVersion = (): string => {
  const content = installedContent();
  return content ? `${content.version}@${todayInPoland()}` : STATIC_VERSION;
};

/**
 * `compute()` once per content version: every module-level memo of data derived from the
 * content goes through this, so a newly installed version is never served stale data.
 */
export function perContentVersion<T>(compute: () => T): () => T {
  let memo: { version: string; value: T } | undefined;
  return () => {
    const version = contentVersion();
    if (memo?.version !== version) memo = { version, value: compute() };
    return memo.value;
  };
}
