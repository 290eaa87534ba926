import type { Loader, LoaderContext } from 'astro/loaders';
import { validateEntries } from '@cus/shared';
import { mediaCacheDir } from '../lib/cache-dir.ts';
import { renderMarkdown } from '../lib/markdown.ts';
import { fetchEntries, type SourceOptions } from './fetch-entries.ts';
import { writeMediaManifest } from './media-manifest.ts';
import { QUERIES, type CollectionName, type CollectionQuery } from './queries.ts';

// The Astro content loader of one CMS content type. Each build it fetches every published
// entry, validates each against the shared contract (a bad entry stops the build with its
// type, slug and field), stores the ones whose digest changed, renders their Markdown once,
// and drops entries the CMS no longer publishes.

/** Where the content comes from: STRAPI_URL and STRAPI_TOKEN (read-only), read at build time. */
export function sourceFromEnv(env: NodeJS.ProcessEnv = process.env): SourceOptions {
  const url = env.STRAPI_URL?.trim();
  if (!url) {
    throw new Error(
      'STRAPI_URL is not set: the site is built from the CMS. Set STRAPI_URL (e.g. http://127.0.0.1:1337) ' +
        'and STRAPI_TOKEN (a read-only API token) in site/.env or the environment; see site/.env.example.',
    );
  }
  return { url, token: env.STRAPI_TOKEN?.trim() || undefined };
}

/** Markdown fields rendered at load time, so an unchanged entry is never rendered again. */
function renderedHtml(collection: CollectionName, entry: Record<string, unknown>): string | undefined {
  if (collection === 'events') return renderMarkdown(entry.body as string | null);
  return undefined;
}

export type LoadContext = Pick<LoaderContext, 'store' | 'logger' | 'generateDigest' | 'collection'> & {
  config: Pick<LoaderContext['config'], 'root'>;
};

export interface SyncResult {
  total: number;
  changed: number;
  removed: number;
}

export async function syncCollection(collection: CollectionName, ctx: LoadContext, source: SourceOptions): Promise<SyncResult> {
  const query: CollectionQuery = QUERIES[collection];
  const raws = await fetchEntries(source, query);
  const entries = validateEntries(query.typeName, query.schema, raws) as Record<string, unknown>[];
  if (query.single && entries.length === 0) {
    throw new Error(`${query.typeName}: the CMS has no entry (GET ${source.url}/api/${query.endpoint}); fill in "Ustawienia strony" in the admin.`);
  }

  const seen = new Set<string>();
  let changed = 0;
  for (const data of entries) {
    const id = query.single ? query.typeName : String(data.documentId);
    seen.add(id);
    const digest = ctx.generateDigest(data);
    if (ctx.store.get(id)?.digest === digest) continue;
    const html = renderedHtml(collection, data);
    ctx.store.set({ id, data, digest, ...(html !== undefined ? { rendered: { html } } : {}) });
    changed++;
  }
  let removed = 0;
  for (const id of ctx.store.keys()) {
    if (!seen.has(id)) {
      ctx.store.delete(id);
      removed++;
    }
  }
  writeMediaManifest(mediaCacheDir(ctx.config.root), collection, entries, source.url);
  return { total: entries.length, changed, removed };
}

export function strapiLoader(collection: CollectionName, source: () => SourceOptions = () => sourceFromEnv()): Loader {
  return {
    name: `cus-strapi-${collection}`,
    load: async (ctx) => {
      const started = Date.now();
      const r = await syncCollection(collection, ctx, source());
      ctx.logger.info(`${r.total} published (${r.changed} new or changed, ${r.removed} removed) in ${Date.now() - started} ms`);
    },
  };
}
