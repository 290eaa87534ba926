import { createHash } from 'node:crypto';
import type { Loader, LoaderContext } from 'astro/loaders';
import { EXPORT_SPEC, safeParseEntry, validateEntries, type BuildFailure, type ExportCollection, type ExportSpec } from '@cus/shared';
import { mediaCacheDir } from '../lib/cache-dir.ts';
import { renderBody } from '../lib/body-html.ts';
import { entryNames, failureOf, reportBuildFailure } from './build-report.ts';
import { fetchAll, fetchByIds, fetchVersions, type SourceOptions } from './fetch-entries.ts';
import { writeMediaManifest } from './media-manifest.ts';

// The Astro content loader of one CMS collection, incremental: each build asks the CMS for
// the [documentId, updatedAt] of every published entry (one cheap request per collection) and
// fetches in full only the entries that are new, changed, or show a related entry, person,
// institution, gallery or file that changed since (each stored entry keeps the updatedAt of
// everything it embeds). Entries the CMS no longer publishes are dropped. Every fetched entry
// is validated against the shared contract before anything is stored: a bad entry stops the
// build naming its type, slug and field, and leaves the store as it was. The long-lived
// publisher syncs with `invalid: 'keep-last-good'` instead: a bad entry is not stored (its last
// good version stays, a never-valid one stays absent), every other entry is, and the bad ones
// come back as data in `failures`.

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

/** The collections whose entries (or files) each collection embeds. */
const DEPENDS_ON: Record<ExportCollection, (ExportCollection | 'files')[]> = {
  events: ['speakers', 'institutions', 'galleries', 'files'],
  speakers: ['institutions', 'files'],
  institutions: ['files'],
  galleries: ['events', 'files'],
  settings: [],
};

/** The body rendered at load time, so an unchanged entry is never rendered again. */
function renderedHtml(collection: ExportCollection, entry: Record<string, unknown>): string | undefined {
  if (collection === 'events') return renderBody(entry.body);
  return undefined;
}

const iso = (v: unknown) => (typeof v === 'string' || v instanceof Date ? new Date(v).toISOString() : '');

/** Does the entry embed a related entry or file whose current version differs from the one it holds? */
function embedsStale(data: unknown, versions: Map<string, string>, root = true): boolean {
  if (Array.isArray(data)) return data.some((d) => embedsStale(d, versions, false));
  if (!data || typeof data !== 'object') return false;
  const o = data as Record<string, unknown>;
  if (!root && typeof o.documentId === 'string' && o.updatedAt !== undefined && versions.get(o.documentId) !== iso(o.updatedAt)) return true;
  return Object.entries(o).some(([k, v]) => k !== 'updatedAt' && embedsStale(v, versions, false));
}

export type LoadContext = Pick<LoaderContext, 'store' | 'logger' | 'generateDigest' | 'collection'> &
  Partial<Pick<LoaderContext, 'meta'>> & { config: Pick<LoaderContext['config'], 'root'> };

export interface SyncOptions {
  /**
   * 'stop' (default, the static build): the first entry that fails the contract or the body's
   * rendering stops the sync with an error naming it. 'keep-last-good': such an entry is not
   * stored (the previous version stays) and is reported in `failures`.
   */
  invalid?: 'stop' | 'keep-last-good';
}

export interface SyncResult {
  total: number;
  /** Entries fetched in full this time. */
  fetched: number;
  /** Of those, entries whose content changed (and were stored again). */
  changed: number;
  removed: number;
  full: boolean;
  /** Entries not stored this time because they fail the contract or their body does not render ('keep-last-good'). */
  failures: BuildFailure[];
}

// How stored entries were read and rendered: a change of the field list or of the body's format
// (Markdown until issue 13, Strapi Blocks since) makes every entry be read and rendered again.
const BODY_FORMAT = 'blocks';
const specDigest = (spec: ExportSpec) => createHash('sha1').update(JSON.stringify([spec.fields, spec.populate, BODY_FORMAT])).digest('hex');

export async function syncCollection(collection: ExportCollection, ctx: LoadContext, source: SourceOptions, opts: SyncOptions = {}): Promise<SyncResult> {
  const keepLastGood = opts.invalid === 'keep-last-good';
  const failures: BuildFailure[] = [];
  const spec: ExportSpec = EXPORT_SPEC[collection];
  // Entries stored under another field list must all be read again.
  if (ctx.meta && ctx.meta.get('spec') !== specDigest(spec)) ctx.store.clear();

  const [own, ...related] = await Promise.all([fetchVersions(source, collection), ...DEPENDS_ON[collection].map((c) => fetchVersions(source, c))]);
  if (spec.single && own.size === 0) {
    throw new Error(`${spec.typeName}: the CMS has no entry (GET ${source.url}/api/site-export/${collection}); fill in "Ustawienia strony" in the admin.`);
  }
  const versions = new Map([...related.flatMap((m) => [...m]), ...own]);

  const wanted: string[] = [];
  for (const [id, updatedAt] of own) {
    const stored = ctx.store.get(id);
    if (!stored || iso(stored.data.updatedAt) !== updatedAt || embedsStale(stored.data, versions)) wanted.push(id);
  }
  // Reading everything page by page beats asking for most of it by id.
  const full = wanted.length > 0 && (ctx.store.keys().length === 0 || wanted.length > own.size / 2);
  const raws = wanted.length === 0 ? [] : full ? await fetchAll(source, collection) : await fetchByIds(source, collection, wanted);
  let entries: Record<string, unknown>[];
  if (keepLastGood) {
    entries = [];
    raws.forEach((raw, i) => {
      const r = safeParseEntry(spec.schema, spec.typeName, raw, i);
      if (r.ok) entries.push(r.data as Record<string, unknown>);
      else failures.push(contractFailure(spec, raw, r.error.issues, r.error.message));
    });
  } else {
    try {
      entries = validateEntries(spec.typeName, spec.schema, raws) as Record<string, unknown>[];
    } catch (err) {
      reportBuildFailure(failureOf(err, spec, raws));
      throw err;
    }
  }

  let changed = 0;
  for (const data of entries) {
    const id = String(data.documentId);
    const digest = ctx.generateDigest(data);
    if (ctx.store.get(id)?.digest === digest) continue;
    let html: string | undefined;
    try {
      html = renderedHtml(collection, data);
    } catch (err) {
      const message = `${spec.typeName} ${JSON.stringify(data.slug ?? id)}: field body: ${(err as Error)?.message ?? String(err)}`;
      const failure: BuildFailure = { type: spec.typeName, ...entryNames(data), field: 'body', message };
      if (keepLastGood) {
        failures.push(failure);
        continue;
      }
      reportBuildFailure(failure);
      throw new Error(message, { cause: err });
    }
    ctx.store.set({ id, data, digest, ...(html !== undefined ? { rendered: { html } } : {}) });
    changed++;
  }
  // What the CMS sent, valid or not: an entry that failed keeps its stored version.
  const fetchedIds = new Set([...entries.map((e) => String(e.documentId)), ...raws.map((r) => idOf(r)).filter((id): id is string => id !== null)]);
  const wantedIds = new Set(wanted);
  let removed = 0;
  for (const id of ctx.store.keys()) {
    // A full read is the whole truth; otherwise: gone from the list, or unpublished between the two requests.
    const gone = full ? !fetchedIds.has(id) : !own.has(id) || (wantedIds.has(id) && !fetchedIds.has(id));
    if (gone) {
      ctx.store.delete(id);
      removed++;
    }
  }
  ctx.meta?.set('spec', specDigest(spec));
  writeMediaManifest(mediaCacheDir(ctx.config.root), collection, ctx.store.values().map((e) => e.data), source.url);
  return { total: ctx.store.keys().length, fetched: entries.length, changed, removed, full, failures };
}

const idOf = (raw: unknown): string | null => {
  const id = (raw as { documentId?: unknown } | null)?.documentId;
  return typeof id === 'string' && id ? id : null;
};

/** One entry that fails the contract, as data: its first bad field names it. */
function contractFailure(spec: ExportSpec, raw: unknown, issues: { path: string; message: string }[], message: string): BuildFailure {
  const issue = issues[0];
  return { type: spec.typeName, ...entryNames(raw), ...(issue ? { field: issue.path } : {}), message };
}

export function strapiLoader(collection: ExportCollection, source: () => SourceOptions = () => sourceFromEnv()): Loader {
  return {
    name: `cus-strapi-${collection}`,
    load: async (ctx) => {
      // The publisher's build inlines no content (the store would be bundled into its server
      // code): the publisher syncs the content itself and installs it (src/lib/site-content.ts).
      if (process.env.SITE_BUILD_MODE === 'publisher') {
        ctx.store.clear();
        return;
      }
      const started = Date.now();
      let r: SyncResult;
      try {
        r = await syncCollection(collection, ctx, source());
      } catch (err) {
        // Whatever stopped the sync, for the publish pipeline as data (the first report wins).
        reportBuildFailure(failureOf(err, EXPORT_SPEC[collection]));
        throw err;
      }
      ctx.logger.info(
        `${r.total} published; ${r.full ? 'read in full' : `${r.fetched} read`}, ${r.changed} new or changed, ${r.removed} removed (${Date.now() - started} ms)`,
      );
    },
  };
}
