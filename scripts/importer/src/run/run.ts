import { slugify } from '@cus/shared';
import type { ImportLookupResult } from '@cus/shared/import';
import type { SourceEntry, SourceItem, SourceSite } from '../source-item.ts';
import { buildNameIndex, type NameIndex } from '../suggest/index.ts';
import { CmsError, type ImportCms } from './cms-client.ts';
import { bringImages, jobsOf, type BroughtImages } from './images.ts';
import { newPath } from './redirects.ts';
import { noImages, type ItemOutcome, type ItemStatus } from './outcome.ts';
import { buildPayload } from './payload.ts';
import { prepareItem, type PreparedItem } from './prepare.ts';
import { countStatuses, progressLine, type RunSummary } from './summary.ts';

// One import run: entries from a reader, in batches; for each batch one lookup tells what the
// CMS holds; each report is then converted, its suggestions read, its images brought in and
// sent as one POST /import/items. Reports go one at a time (the CMS's SQLite has one writer);
// a report that fails is named and the run goes on, leaving none of its new files behind. A
// failure of the CMS itself (unreachable, login refused) stops the run: nothing would succeed.

export const BATCH_SIZE = 20;

class StopRequested extends Error {}

export interface RunOptions {
  system: 'wordpress' | 'joomla';
  /** The file or address read (for the summary). */
  source: string;
  site: SourceSite;
  entries: AsyncIterable<SourceEntry>;
  /** How many entries the source holds, when the reader knows (for "[12/140]"). */
  total?: number;
  /** The CMS; without one (a dry run offline) nothing is looked up and no names are matched. */
  cms?: ImportCms;
  dryRun?: boolean;
  /** The new site's address, for the new addresses in the summary. */
  siteUrl: string;
  uploadsDir?: string;
  /** At most this many reports (entries to import; skipped ones do not count). */
  limit?: number;
  batchSize?: number;
  fetchImpl?: typeof fetch;
  onProgress?: (line: string, outcome: ItemOutcome) => void;
  /** Asked before each report: true stops the run there (Ctrl-C), the report in hand finished. */
  shouldStop?: () => boolean;
}

/** Errors after which no other report could succeed either. */
const isFatal = (err: unknown) => err instanceof CmsError && [0, 401, 403, 404, 429].includes(err.status);

const describe = (item: SourceItem, title = item.title) => `„${title}” (${item.key}, ${item.url})`;

export async function runImport(options: RunOptions): Promise<RunSummary> {
  const startedAt = new Date();
  const items: ItemOutcome[] = [];
  const dryRun = options.dryRun ?? false;
  if (!options.cms && !dryRun) throw new Error('runImport: a real run needs the CMS');
  const siteUrl = options.siteUrl.replace(/\/+$/, '');
  let fatal: string | undefined;
  let stoppedBy: RunSummary['stoppedBy'];
  let names: NameIndex;
  let n = 0;

  // Skipped entries (attachments, pages, drafts: thousands in a big export) are counted and
  // grouped in the summary, not announced one by one.
  const record = (outcome: ItemOutcome) => {
    // The summary keeps every entry's line for the whole run. A reader's strings may be slices
    // of the large text it parsed, and V8 keeps a slice's whole parent string alive: the line is
    // kept as a copy holding only its own characters (JSON.parse makes new strings).
    items.push(JSON.parse(JSON.stringify(outcome)) as ItemOutcome);
    if (outcome.status !== 'skipped') options.onProgress?.(progressLine(outcome, options.total), outcome);
  };

  const finish = (): RunSummary => {
    const finishedAt = new Date();
    const seconds = Math.max((finishedAt.getTime() - startedAt.getTime()) / 1000, 0.001);
    return {
      system: options.system,
      source: options.source,
      siteTitle: options.site.title || undefined,
      dryRun,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      itemsPerSecond: items.length / seconds,
      counts: countStatuses(items),
      ...(fatal ? { fatal, stoppedBy } : {}),
      items,
    };
  };

  try {
    names = buildNameIndex(options.cms ? await options.cms.directory() : { people: [], institutions: [] });
  } catch (err) {
    fatal = (err as Error).message;
    stoppedBy = 'cms';
    return finish();
  }

  const processBatch = async (batch: { n?: number; entry: SourceEntry }[]) => {
    const keys = [...new Set(batch.flatMap(({ entry }) => (entry.kind === 'item' ? [entry.item.key] : [])))];
    const lookup: ImportLookupResult = options.cms && keys.length > 0 ? await options.cms.lookup(keys) : {};
    for (const { n: at, entry } of batch) {
      if (options.shouldStop?.()) throw new StopRequested();
      if (entry.kind === 'skipped') {
        record({ id: entry.skipped.id, title: entry.skipped.title, otherUrls: [], status: 'skipped', message: entry.skipped.reason, warnings: [], suggestions: 0, images: noImages() });
      } else if (entry.kind === 'problem') {
        const p = entry.problem;
        record({ n: at!, id: p.id, title: p.title ?? (p.id !== undefined ? `Wpis ${p.id}` : 'Wpis bez tytułu'), otherUrls: [], status: 'failed', message: p.message, warnings: [], suggestions: 0, images: noImages() });
      } else {
        record(await importOne(at!, entry.item, lookup[entry.item.key]));
      }
    }
  };

  const importOne = async (at: number, item: SourceItem, state: ImportLookupResult[string] | undefined): Promise<ItemOutcome> => {
    const base: ItemOutcome = { n: at, key: item.key, id: item.id, title: item.title, oldUrl: item.url, otherUrls: item.otherUrls, status: 'failed', warnings: [], suggestions: 0, images: noImages() };
    const done = (status: ItemStatus, slug: string | undefined, documentId: string | undefined, extra: Partial<ItemOutcome> = {}): ItemOutcome => ({
      ...base,
      status,
      ...(slug ? { slug, newUrl: `${siteUrl}${newPath(slug)}` } : {}),
      ...(documentId ? { documentId } : {}),
      ...extra,
    });

    // Edited or published drafts are left alone: nothing to convert or fetch.
    if (state?.state === 'kept_edited' || state?.state === 'kept_published') return done(state.state, state.slug, state.documentId);

    let prepared: PreparedItem;
    try {
      prepared = prepareItem(item, options.site, names);
    } catch (err) {
      return { ...base, message: `Nie udało się przekształcić treści ${describe(item)}: ${(err as Error).message}` };
    }
    const known = { title: prepared.title, warnings: prepared.warnings, suggestions: prepared.suggestions.length, images: noImages(jobsOf(prepared.wanted).length) };
    base.title = prepared.title;

    if (state?.state === 'importable' && state.contentHash === prepared.contentHash) return done('unchanged', state.slug, state.documentId, known);
    if (dryRun) {
      const status = state?.state === 'importable' ? 'would_update' : 'would_create';
      return done(status, state?.slug ?? slugify(prepared.title), state?.documentId, known);
    }

    const cms = options.cms!;
    const newFileIds: number[] = [];
    let images: BroughtImages | undefined;
    try {
      images = await bringImages(prepared.wanted, cms, { uploadsDir: options.uploadsDir, fetchImpl: options.fetchImpl }, newFileIds);
      const payload = buildPayload(prepared, images);
      const result = await cms.upsertItem(payload);
      return done(result.status, result.slug, result.documentId, { ...known, warnings: payload.warnings, images: images.counts });
    } catch (err) {
      if (isFatal(err)) throw err;
      // The CMS's refusals already name the report and its key: the old address completes them.
      const why = (err as Error).message;
      let message = why.includes(item.key) ? `${why.replace(/\.$/, '')} (${item.url}).` : `Nie zaimportowano ${describe(item, prepared.title)}: ${why}`;
      try {
        await cms.discardMedia(newFileIds);
      } catch (discardErr) {
        if (isFatal(discardErr)) throw discardErr;
        message += ` (nie udało się usunąć ${newFileIds.length} przesłanych plików: ${(discardErr as Error).message})`;
      }
      return { ...base, ...known, message, images: images ? { ...images.counts, uploaded: 0 } : known.images };
    }
  };

  const batchSize = options.batchSize ?? BATCH_SIZE;
  let batch: { n?: number; entry: SourceEntry }[] = [];
  let taken = 0;
  try {
    for await (const entry of options.entries) {
      if (entry.kind === 'item') {
        if (options.limit !== undefined && taken >= options.limit) break;
        taken++;
      }
      // "[12/140]" counts reports (and unreadable ones), not skipped entries.
      batch.push(entry.kind === 'skipped' ? { entry } : { n: ++n, entry });
      if (batch.length >= batchSize) {
        await processBatch(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await processBatch(batch);
  } catch (err) {
    if (err instanceof StopRequested) {
      fatal = 'przerwano na żądanie (Ctrl-C); pozostałe wpisy nie zostały zaimportowane';
      stoppedBy = 'user';
      return finish();
    }
    stoppedBy = err instanceof CmsError ? 'cms' : 'source';
    fatal = err instanceof CmsError ? err.message : `Odczyt źródła ${options.source} przerwany: ${(err as Error).message}`;
  }
  return finish();
}
