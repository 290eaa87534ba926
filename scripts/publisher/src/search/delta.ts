import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SearchRecord } from '@cus/site/search-records';
import type { BaseIndex } from './base-index.ts';
import { checkRecords } from './check-records.ts';
import { pageIds } from './fragments.ts';
import { withRecordsIndex } from './pagefind-service.ts';
import { recordDigest } from './record-digest.ts';
import { filesUnder } from '../files-under.ts';

// What makes a publish searchable within seconds while the base index is remade in the
// background: a small Pagefind bundle of the records changed or added since the base, and a
// manifest the search page reads (no-cache) to merge that bundle (Pagefind's mergeIndex) and to
// drop the base's results of every page changed or removed since. A delta always holds every
// change since its base, so each publish replaces the previous delta.
//
// Pagefind widens a word it does not know to the longest word it knows that begins it ("w" for
// "wytchnieniowej"). Searched alone, a delta of a few pages knows few words, so almost any query
// would pull its pages in through "w", "z" or "o". The delta therefore carries one hidden record
// holding every word of the base: it knows what the full index knows, widens only as one index
// would, and the search page drops that record's result (manifest.hiddenPages).

export const DELTA_DIR = 'pagefind-delta';
export const DELTA_MANIFEST = `${DELTA_DIR}/manifest.json`;
/** Meta field of every record of a delta bundle: such a result is current whatever the base holds. */
export const DELTA_META = 'delta';
/** The address of the delta's hidden record of the base's words (never shown, never a page). */
export const VOCABULARY_URL = `/${DELTA_DIR}/vocabulary/`;

export interface DeltaManifest {
  version: 1;
  /** The base index this delta applies to (BaseIndex.id). */
  base: string;
  /** The delta bundle, for mergeIndex, e.g. '/pagefind-delta/<id>/'; null when nothing was added or changed. */
  bundle: string | null;
  /** Pages changed or removed since the base: their base results must not be shown. */
  superseded: string[];
  /** Those pages' result ids in the base index (what the page drops, without loading any result). */
  supersededPages: string[];
  /** Those pages' filter counts in the base index, taken off the merged counts. */
  supersededFilters: Record<string, Record<string, number>>;
  /** Results of the delta bundle that are no page (its record of the base's words). */
  hiddenPages: string[];
}

export interface DeltaChanges {
  /** Records added or changed since the base. */
  changed: SearchRecord[];
  /** URLs the base holds that no record has any more. */
  removed: string[];
}

/**
 * Which of `items` the base lacks or holds with another digest, and the base's URLs no item has
 * any more: records themselves (changesSinceBase), or the publisher's slots, whose digests are
 * kept so that unchanged records need not be made (incremental/search-index.ts).
 */
export function diffWithBase<T extends { url: string }>(base: Pick<BaseIndex, 'pages'>, items: readonly T[], digestOf: (item: T) => string): { changed: T[]; removed: string[] } {
  const now = new Set<string>();
  const changed: T[] = [];
  for (const item of items) {
    now.add(item.url);
    if (base.pages[item.url]?.digest !== digestOf(item)) changed.push(item);
  }
  return { changed, removed: Object.keys(base.pages).filter((url) => !now.has(url)) };
}

/** What changed between the base and the records now. */
export function changesSinceBase(base: Pick<BaseIndex, 'pages'>, records: readonly SearchRecord[]): DeltaChanges {
  return diffWithBase(base, records, recordDigest);
}

export interface DeltaWritten {
  manifest: DeltaManifest;
  /** Files written into the release (relative to it), each under a new name renamed in. */
  written: string[];
  /** Files removed from the release (the previous delta's bundle). */
  removed: string[];
  durationMs: number;
}

/**
 * Writes the delta of `changed` and `removed` (everything since `base`) into `releaseDir`:
 * `pagefind-delta/<id>/` and `pagefind-delta/manifest.json`, replacing an earlier delta there.
 * Every file is new (a release may share inodes with the live one: nothing is written into one).
 */
export async function writeDelta(changed: readonly SearchRecord[], removed: readonly string[], options: { base: Pick<BaseIndex, 'id' | 'pages' | 'vocabulary'>; releaseDir: string }): Promise<DeltaWritten> {
  const started = performance.now();
  const { base, releaseDir } = options;
  checkRecords(changed);
  const seen = new Set(changed.map((r) => r.url));
  const gone = removed.filter((url) => !seen.has(url));
  const superseded = [...changed.map((r) => r.url), ...gone].filter((url) => base.pages[url]).sort();
  const supersededFilters: DeltaManifest['supersededFilters'] = {};
  for (const url of superseded) {
    for (const [name, values] of Object.entries(base.pages[url]!.filters)) {
      for (const value of values ?? []) {
        const group = (supersededFilters[name] ??= {});
        group[value] = (group[value] ?? 0) + 1;
      }
    }
  }
  const id = createHash('sha256')
    .update(base.id)
    .update(JSON.stringify(changed.map((r) => [r.url, recordDigest(r)]).sort()))
    .update(JSON.stringify(gone.slice().sort()))
    .digest('hex')
    .slice(0, 16);

  const deltaRoot = path.join(releaseDir, DELTA_DIR);
  const written: string[] = [];
  const vocabulary: SearchRecord = { url: VOCABULARY_URL, language: 'pl', meta: { title: '-', kind: 'Relacja' }, filters: {}, parts: [{ text: base.vocabulary.join(' ') || '-', weight: 1 }] };
  if (changed.length > 0 && !fs.existsSync(path.join(deltaRoot, id))) {
    const { value: files } = await withRecordsIndex([...changed, vocabulary], { [DELTA_META]: '1' }, async (index) => {
      const got = await index.getFiles();
      if (got.errors.length > 0) throw new Error(`Pagefind could not make the search delta: ${got.errors.join('; ')}`);
      return got.files;
    });
    // Only what a merged index loads: the entry, the metadata, index, filter and fragment chunks
    // (the primary index brings the WASM and the script).
    const bundle = `${id}.next-${process.pid}`;
    fs.rmSync(path.join(deltaRoot, bundle), { recursive: true, force: true });
    for (const file of files) {
      if (!/^(pagefind-entry\.json|pagefind\.[^/]+\.pf_meta|(index|filter|fragment)\/[^/]+)$/.test(file.path)) continue;
      const target = path.join(deltaRoot, bundle, file.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, file.content);
      written.push(path.posix.join(DELTA_DIR, id, file.path));
    }
    fs.renameSync(path.join(deltaRoot, bundle), path.join(deltaRoot, id));
  } else if (changed.length > 0) {
    written.push(...filesUnder(releaseDir, path.posix.join(DELTA_DIR, id)));
  }

  const bundleFragments = path.join(deltaRoot, id, 'fragment');
  const hidden = changed.length > 0 ? pageIds(fs.readdirSync(bundleFragments).map((name) => ({ name, content: fs.readFileSync(path.join(bundleFragments, name)) }))).get(VOCABULARY_URL) : undefined;
  if (changed.length > 0 && !hidden) throw new Error(`The search delta ${id} lacks its record of the base's words`);
  const manifest: DeltaManifest = {
    version: 1,
    base: base.id,
    bundle: changed.length > 0 ? `/${DELTA_DIR}/${id}/` : null,
    superseded,
    supersededPages: superseded.map((url) => base.pages[url]!.page),
    supersededFilters,
    hiddenPages: hidden ? [hidden] : [],
  };
  fs.mkdirSync(deltaRoot, { recursive: true });
  const tmp = path.join(deltaRoot, `.manifest.json.${process.pid}.tmp`);
  fs.writeFileSync(tmp, `${JSON.stringify(manifest)}\n`);
  fs.renameSync(tmp, path.join(releaseDir, DELTA_MANIFEST));
  written.push(DELTA_MANIFEST);

  // Earlier deltas are no longer named by the manifest.
  const removedFiles: string[] = [];
  for (const entry of fs.readdirSync(deltaRoot)) {
    if (entry === 'manifest.json' || entry === id || entry.startsWith('.')) continue;
    const dir = path.join(deltaRoot, entry);
    if (!fs.statSync(dir).isDirectory()) continue;
    removedFiles.push(...filesUnder(releaseDir, path.posix.join(DELTA_DIR, entry)));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { manifest, written, removed: removedFiles, durationMs: Math.round(performance.now() - started) };
}

/** Removes the delta from a release (after a new base index, which holds every change). */
export function clearDelta(releaseDir: string): string[] {
  const deltaRoot = path.join(releaseDir, DELTA_DIR);
  const files = filesUnder(releaseDir, DELTA_DIR);
  fs.rmSync(deltaRoot, { recursive: true, force: true });
  return files;
}
