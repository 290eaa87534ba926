// What the long-lived publisher (scripts/publisher, issue 14) uses of the site, besides the
// publisher build's server entry (<outDir>/server/entry.mjs, made by
// `SITE_BUILD_MODE=publisher astro build`, source src/publisher/entry.ts): the content's shape,
// the content loader's sync (the same code the static build's loaders run), and the CMS files.
// Node runs this file as it is (type stripping): every import names its .ts file.

import type { CollectionName, SiteContent, StoredEntry } from '../lib/site-content.ts';

export type { CollectionName, SiteContent, StoredEntry } from '../lib/site-content.ts';
export { COLLECTION_NAMES, todayInPoland } from '../lib/site-content.ts';
export type { SitePath } from '../lib/site-paths.ts';
export type { RenderFailureEntry } from './render-error.ts';
export type { BuildFailure } from '../loader/build-report.ts';

// The content: one sync per collection, incremental by versions, into a memory store.
export { EMBEDS, embeddedIds, sourceFromEnv, syncCollection, versionLists, type LoadContext, type SyncOptions, type SyncResult } from '../loader/strapi-loader.ts';
export { memoryContext } from '../loader/memory-context.ts';
export { fetchVersions, type SourceOptions } from '../loader/fetch-entries.ts';
// The CMS's stall budget counts per process (one build): a long-lived process resets it per sync.
export { resetStallBudget, StrapiRequestError } from '../loader/http.ts';

// CMS files: which ones a rendered page uses, and putting them into a release.
export { copyMediaFiles, entryOfPage, MediaError, mediaFileOf, mediaReferences, type MediaCopyResult } from '../integrations/cms-media.ts';
export { cmsUploadsFromEnv, copyFromUploads, uploadsFileOf, type CmsUploads } from '../lib/cms-uploads.ts';
export { mediaCacheDir, siteCacheDir } from '../lib/cache-dir.ts';
export { MEDIA_PREFIX } from '../lib/media.ts';

/** What entry.mjs's render() throws (a class of the build's own bundle: test with isRenderError, not instanceof). */
export interface RenderErrorShape extends Error {
  name: 'RenderError';
  pathname: string;
  status?: number;
  type?: string;
  slug?: string | null;
  field?: string | null;
}

export const isRenderError = (err: unknown): err is RenderErrorShape =>
  err instanceof Error && err.name === 'RenderError' && typeof (err as { pathname?: unknown }).pathname === 'string';

/** The publisher build's server entry, as `await import('<outDir>/server/entry.mjs')` gives it. */
export interface PublisherEntry {
  installContent(content: SiteContent): void;
  listPaths(): Promise<import('../lib/site-paths.ts').SitePath[]>;
  /** The outputs of the routes that show one entry of these collections each (events: the page and its .ics). */
  listEntryPaths(collections: readonly string[]): Promise<import('../lib/site-paths.ts').SitePath[]>;
  render(path: import('../lib/site-paths.ts').SitePath): Promise<Uint8Array>;
}

/** The content of memory stores (memoryContext), one per collection, as installContent takes it. */
export function siteContentOf(version: string, stores: Record<CollectionName, { entries: Map<string, { id: string; data: Record<string, unknown>; digest?: string | number; rendered?: { html: string } }> }>): SiteContent {
  const list = (name: CollectionName): StoredEntry[] =>
    [...stores[name].entries.values()].map((e) => ({ id: e.id, data: e.data, digest: String(e.digest ?? ''), ...(e.rendered ? { rendered: e.rendered } : {}) }));
  return { version, collections: { events: list('events'), speakers: list('speakers'), institutions: list('institutions'), galleries: list('galleries'), settings: list('settings') } };
}
