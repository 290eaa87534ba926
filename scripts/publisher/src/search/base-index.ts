import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SearchRecord } from '@cus/site/search-records';
import { eachLimit } from '../each-limit.ts';
import { filesUnder } from '../files-under.ts';
import { pageIds } from './fragments.ts';
import { withRecordsIndex } from './pagefind-service.ts';
import { recordDigest } from './record-digest.ts';

// The base search index: every record, as a full Pagefind bundle (served as /pagefind/). Making
// it takes most of a minute at national-portal size, so the publisher makes it in the background
// and ships deltas meanwhile (delta.ts). It is written beside its directory and swapped in, so a
// reader never sees half an index.

/** What the base index holds of one page: enough for a delta to supersede it. */
export interface BasePage {
  /** Pagefind's id of the page's result in the base index (its fragment's name). */
  page: string;
  /** Digest of the record indexed: a record whose digest differs has changed since the base. */
  digest: string;
  filters: SearchRecord['filters'];
}

export interface BaseIndex {
  /** Identifies this base (a digest of its entry file); a delta names the base it applies to. */
  id: string;
  dir: string;
  /** url → what the base holds of that page. */
  pages: Record<string, BasePage>;
  /** Every word of its records: a delta holds them too, so Pagefind widens a word in the delta only as it would in one index. */
  vocabulary: string[];
  records: number;
  durationMs: number;
  /** Resident memory of this process after writing, and Pagefind's process's peak (MB). */
  rssMb: number;
  pagefindPeakRssMb: number | null;
  /** Files that are hard links to the same bytes of `sharesWith` (0 without it). */
  shared: number;
}

export interface BaseIndexOptions {
  /**
   * An earlier base index: each file of the new one that has the same path and the same bytes
   * there becomes a hard link to it. Releases mirror the index by links, skipping a file already
   * linked to the same inode, so shipping a new base then costs the files that changed (the
   * fragments of changed pages, the word and filter chunks), not all of them again.
   */
  sharesWith?: string;
}

/** Writes the index of `records` to `dir` (replacing what is there) and says what it holds. */
export async function writeBaseIndex(records: readonly SearchRecord[], dir: string, options: BaseIndexOptions = {}): Promise<BaseIndex> {
  const started = performance.now();
  const next = `${dir}.next-${process.pid}-${Date.now()}`;
  const old = `${dir}.old-${process.pid}-${Date.now()}`;
  fs.rmSync(next, { recursive: true, force: true });
  const run = await withRecordsIndex(records, {}, async (index) => {
    const written = await index.writeFiles({ outputPath: next });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write the base index to ${next}: ${written.errors.join('; ')}`);
  });
  const pages = basePages(next, records);
  const id = createHash('sha256').update(fs.readFileSync(path.join(next, 'pagefind-entry.json'))).digest('hex').slice(0, 16);
  const shared = options.sharesWith ? await shareIdenticalFiles(options.sharesWith, next) : 0;
  // Swap in: two renames; the old directory goes after.
  if (fs.existsSync(dir)) fs.renameSync(dir, old);
  fs.renameSync(next, dir);
  fs.rmSync(old, { recursive: true, force: true });
  return {
    id,
    dir,
    pages,
    vocabulary: vocabularyOf(records),
    records: records.length,
    durationMs: Math.round(performance.now() - started),
    rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    pagefindPeakRssMb: run.pagefindPeakRssMb,
    shared,
  };
}

/** Replaces each file of `dir` whose bytes `earlier` holds at the same path by a link to that file. */
async function shareIdenticalFiles(earlier: string, dir: string): Promise<number> {
  let shared = 0;
  await eachLimit(filesUnder(dir), 16, async (file) => {
    const mine = path.join(dir, file);
    const theirs = path.join(earlier, file);
    const [a, b] = await Promise.all([fs.promises.stat(mine), fs.promises.stat(theirs).catch(() => null)]);
    if (!b?.isFile() || a.size !== b.size) return;
    const [x, y] = await Promise.all([fs.promises.readFile(mine), fs.promises.readFile(theirs)]);
    if (!x.equals(y)) return;
    // Linked beside it and renamed over: the file is never missing.
    const tmp = `${mine}.share-${process.pid}`;
    try {
      await fs.promises.link(theirs, tmp);
      await fs.promises.rename(tmp, mine);
      shared++;
    } catch {
      // Another file system, or the earlier index went away: this file keeps its own copy.
      await fs.promises.rm(tmp, { force: true });
    }
  });
  return shared;
}

/** Each record's result id and digest in the written bundle. */
function basePages(bundle: string, records: readonly SearchRecord[]): Record<string, BasePage> {
  const dir = path.join(bundle, 'fragment');
  const ids = pageIds((fs.existsSync(dir) ? fs.readdirSync(dir) : []).map((name) => ({ name, content: fs.readFileSync(path.join(dir, name)) })));
  const pages: Record<string, BasePage> = {};
  for (const record of records) {
    const page = ids.get(record.url);
    if (!page) throw new Error(`The base index lacks the record of ${record.url}`);
    pages[record.url] = { page, digest: recordDigest(record), filters: record.filters };
  }
  if (ids.size !== records.length) throw new Error(`The base index holds ${ids.size} pages for ${records.length} records`);
  return pages;
}

/** Every word of the records, once: a delta carries them (see delta.ts). */
function vocabularyOf(records: readonly SearchRecord[]): string[] {
  const words = new Set<string>();
  for (const r of records) for (const part of r.parts) for (const w of part.text.toLocaleLowerCase('pl').split(/[\s\u00a0]+/)) if (w) words.add(w);
  return [...words];
}
