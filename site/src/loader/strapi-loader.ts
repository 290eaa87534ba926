import { createHash } from 'node:crypto';
import type { Loader, LoaderContext } from 'astro/loaders';
import { EXPORT_SPEC, joinContractErrors, safeParseEntry, type BuildFailure, type ContractError, type ExportCollection, type ExportSpec } from '@cus/shared';
import { mediaCacheDir } from '../lib/cache-dir.ts';
import { renderBody } from '@cus/shared/body-html';
import { entryNames, failureOf, reportBuildFailure } from './build-report.ts';
import { entryCodeDigest } from './code-digest.ts';
import { fetchVersions, forEachById, forEachPage, type SourceOptions } from './fetch-entries.ts';
import { sameMediaFiles, writeMediaManifest } from './media-manifest.ts';

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
export const EMBEDS: Record<ExportCollection, (ExportCollection | 'files')[]> = {
  events: ['speakers', 'institutions', 'galleries', 'files'],
  speakers: ['institutions', 'files'],
  institutions: ['files'],
  galleries: ['events', 'files'],
  settings: [],
};

/**
 * The body HTML of an entry whose type the spec names a `renderedBody` for (an event's), kept as
 * the entry's `rendered` (never rendered again while unchanged): as the CMS rendered it
 * (bodyHtml, moved out of the data so it is stored once), else rendered here from the blocks (a
 * CMS that sends them: a body its renderer refused, which this contract names first).
 */
function renderedHtml(collection: ExportCollection, entry: Record<string, unknown>): string | undefined {
  const field = (EXPORT_SPEC[collection] as ExportSpec).renderedBody;
  if (!field) return undefined;
  if (typeof entry.bodyHtml === 'string') {
    const html = entry.bodyHtml;
    // Cleared, not deleted: a deleted key would turn each event's data into a slow dictionary object for every page render.
    entry.bodyHtml = undefined;
    return html;
  }
  return renderBody(entry[field]);
}

/**
 * The related versions each long-lived store was last checked against, complete (every wanted
 * entry stored). The next sync walks the stored entries for stale embeds only when one of those
 * changed: a publish of one event does not walk 10,000 events because nothing they embed moved.
 * A static build's store is new each time: no record, everything is checked.
 */
const checkedAgainst = new WeakMap<object, Map<string, string>>();
/** Stores whose media manifest this process has written (a store's first sync always writes it). */
const writtenManifests = new WeakSet<object>();

/** Ids whose version differs between two lists (added, changed or gone). */
function changedIds(before: Map<string, string>, now: Map<string, string>): Set<string> {
  const out = new Set<string>();
  for (const [id, at] of now) if (before.get(id) !== at) out.add(id);
  for (const id of before.keys()) if (!now.has(id)) out.add(id);
  return out;
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
   * The version lists of this sync, shared by the collections synced together (the publisher
   * syncs all five at once: each list is asked for once, not once per collection that embeds it).
   */
  versions?: (collection: ExportCollection | 'files') => Promise<Map<string, string>>;
  /**
   * 'stop' (default, the static build): the first entry that fails the contract or the body's
   * rendering stops the sync with an error naming it. 'keep-last-good': such an entry is not
   * stored (the previous version stays) and is reported in `failures`.
   */
  invalid?: 'stop' | 'keep-last-good';
  /**
   * Only these entries (the long-lived publisher, for the entries a webhook named and those that
   * embed them): each is read by id and stored, or dropped when the CMS no longer publishes it.
   * No version list is asked for and no other entry looked at: the next full sync does that.
   */
  only?: readonly string[];
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

// How stored entries were read and rendered: a change of the field list, of the body's format
// (Markdown until issue 13, Strapi Blocks since) or of the code that validates and renders them
// (code-digest.ts) makes every entry be read and rendered again.
const BODY_FORMAT = 'blocks';
const specDigest = (spec: ExportSpec) => createHash('sha1').update(JSON.stringify([spec.fields, spec.populate, BODY_FORMAT, entryCodeDigest()])).digest('hex');

/** A `versions` for syncing several collections at once: each list is asked for once. */
export function versionLists(source: SourceOptions): NonNullable<SyncOptions['versions']> {
  const lists = new Map<string, Promise<Map<string, string>>>();
  return (collection) => {
    let list = lists.get(collection);
    if (!list) lists.set(collection, (list = fetchVersions(source, collection)));
    return list;
  };
}

export async function syncCollection(collection: ExportCollection, ctx: LoadContext, source: SourceOptions, opts: SyncOptions = {}): Promise<SyncResult> {
  const keepLastGood = opts.invalid === 'keep-last-good';
  const failures: BuildFailure[] = [];
  const spec: ExportSpec = EXPORT_SPEC[collection];
  // Entries stored under another field list must all be read again.
  if (ctx.meta && ctx.meta.get('spec') !== specDigest(spec)) ctx.store.clear();

  // What to read: the entries asked for, else those new, changed or embedding a changed entry.
  const only = opts.only && !spec.single && ctx.store.keys().length > 0 ? [...new Set(opts.only)] : undefined;
  const listed = only ? undefined : await versionListsOf(collection, ctx, source, opts);
  const own = listed?.own;
  const wanted = only ?? listed!.wanted;
  // Reading everything page by page beats asking for most of it by id.
  const full = !only && wanted.length > 0 && (ctx.store.keys().length === 0 || wanted.length > own!.size / 2);
  // Each page is validated, digested and rendered as it comes, while the CMS prepares the next;
  // nothing is stored until the whole answer is in (a 'stop' sync that fails stores nothing).
  const fetchedIds = new Set<string>();
  const contractErrors: ContractError[] = [];
  const badRaws: unknown[] = [];
  let bodyError: { failure: BuildFailure; err: unknown } | undefined;
  const ready: { id: string; data: Record<string, unknown>; digest: string; html: string | undefined; before: ReturnType<LoadContext['store']['get']> }[] = [];
  let valid = 0;
  let position = 0;
  const onPage = (page: unknown[], digests: Readonly<Record<string, string>> | undefined) => {
    for (const raw of page) {
      const index = position++;
      const rawId = idOf(raw);
      if (rawId !== null) fetchedIds.add(rawId);
      const r = safeParseEntry(spec.schema, spec.typeName, raw, index);
      if (!r.ok) {
        if (keepLastGood) failures.push(contractFailure(spec, raw, r.error.issues, r.error.message));
        else {
          contractErrors.push(r.error);
          badRaws.push(raw);
        }
        continue;
      }
      valid++;
      const data = r.data as Record<string, unknown>;
      const id = String(data.documentId);
      // The CMS's hash of the entry's bytes, else (a CMS that sends none) one of the parsed data.
      const digest = digests?.[id] ?? ctx.generateDigest(data);
      const before = ctx.store.get(id);
      // Unchanged, or a 'stop' sync that will fail anyway: nothing to render.
      if (before?.digest === digest || contractErrors.length > 0 || bodyError) continue;
      let html: string | undefined;
      try {
        html = renderedHtml(collection, data);
      } catch (err) {
        const message = `${spec.typeName} ${JSON.stringify(data.slug ?? id)}: field body: ${(err as Error)?.message ?? String(err)}`;
        const failure: BuildFailure = { type: spec.typeName, ...entryNames(data), field: 'body', message };
        if (keepLastGood) failures.push(failure);
        else bodyError = { failure, err };
        continue;
      }
      ready.push({ id, data, digest, html, before });
    }
  };
  if (wanted.length > 0) await (full ? forEachPage(source, collection, onPage) : forEachById(source, collection, wanted, onPage));
  // A 'stop' sync: every entry that fails the contract, else the first body that does not render.
  if (contractErrors.length > 0) {
    const err = joinContractErrors(spec.typeName, contractErrors);
    reportBuildFailure(failureOf(err, spec, badRaws));
    throw err;
  }
  if (bodyError) {
    reportBuildFailure(bodyError.failure);
    throw new Error(bodyError.failure.message, { cause: bodyError.err });
  }

  let changed = 0;
  // Whether a stored entry now names other files than before: only then is the manifest written again.
  let filesMoved = false;
  for (const { id, data, digest, html, before } of ready) {
    ctx.store.set({ id, data, digest, ...(html !== undefined ? { rendered: { html } } : {}) });
    changed++;
    filesMoved ||= !sameMediaFiles(before?.data, data, source.url);
  }
  // What the CMS sent, valid or not (fetchedIds): an entry that failed keeps its stored version.
  const wantedIds = new Set(wanted);
  let removed = 0;
  for (const id of ctx.store.keys()) {
    // A full read is the whole truth; otherwise: gone from the list, or unpublished between the two requests.
    const gone = full ? !fetchedIds.has(id) : (own !== undefined && !own.has(id)) || (wantedIds.has(id) && !fetchedIds.has(id));
    if (gone) {
      ctx.store.delete(id);
      removed++;
    }
  }
  ctx.meta?.set('spec', specDigest(spec));
  // An entry left stale (a failure, or gone between the two requests) is looked for again next
  // time. A sync of some entries checked nothing else: the record stays as it was.
  if (listed) {
    if (failures.length === 0 && wanted.every((id) => fetchedIds.has(id) || !ctx.store.has(id))) checkedAgainst.set(ctx.store, listed.relatedVersions);
    else checkedAgainst.delete(ctx.store);
  } else if (failures.length > 0) checkedAgainst.delete(ctx.store);
  // The manifest lists the media of every stored entry: rewritten only when the files they name
  // may have changed (an edited title leaves the 30,000 names of 10,000 events as they were).
  if (filesMoved || removed > 0 || !writtenManifests.has(ctx.store)) {
    writeMediaManifest(mediaCacheDir(ctx.config.root), collection, ctx.store.values().map((e) => e.data), source.url);
    writtenManifests.add(ctx.store);
  }
  return { total: ctx.store.keys().length, fetched: valid, changed, removed, full, failures };
}

/** The collection's version list, and the entries to read: new, changed, or embedding a related entry that changed. */
async function versionListsOf(collection: ExportCollection, ctx: LoadContext, source: SourceOptions, opts: SyncOptions) {
  const spec: ExportSpec = EXPORT_SPEC[collection];
  const versionsOf = opts.versions ?? ((c: ExportCollection | 'files') => fetchVersions(source, c));
  const [own, ...related] = await Promise.all([versionsOf(collection), ...EMBEDS[collection].map((c) => versionsOf(c))]);
  if (spec.single && own.size === 0) {
    throw new Error(`${spec.typeName}: the CMS has no entry (GET ${source.url}/api/site-export/${collection}); fill in "Ustawienia strony" in the admin.`);
  }
  const versions = new Map([...related.flatMap((m) => [...m]), ...own]);
  const relatedVersions = new Map(related.flatMap((m) => [...m]));
  const before = checkedAgainst.get(ctx.store);
  // Stale embeds are possible only where a related version moved since the last complete check.
  const mayBeStale = !before || changedIds(before, relatedVersions).size > 0;
  const wanted: string[] = [];
  for (const [id, updatedAt] of own) {
    const stored = ctx.store.get(id);
    if (!stored || iso(stored.data.updatedAt) !== updatedAt || (mayBeStale && embedsStale(stored.data, versions))) wanted.push(id);
  }
  return { own, relatedVersions, wanted };
}

/** The documentIds of the entries and files an entry embeds (not its own). */
export function embeddedIds(data: unknown, out = new Set<string>(), root = true): Set<string> {
  if (Array.isArray(data)) {
    for (const d of data) embeddedIds(d, out, false);
  } else if (data && typeof data === 'object') {
    const o = data as Record<string, unknown>;
    if (!root && typeof o.documentId === 'string') out.add(o.documentId);
    for (const v of Object.values(o)) if (v && typeof v === 'object') embeddedIds(v, out, false);
  }
  return out;
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
