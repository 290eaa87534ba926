import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { clearDelta, diffWithBase, writeBaseIndex, writeDelta, type BaseIndex, type DeltaChanges } from '../search/index.ts';
import type { SiteContent } from './contract.ts';
import { mirrorByLinks, type ReleaseDraft } from './release-writer.ts';
import { SearchRecordsOfContent, type RecordSlot } from './search-content.ts';
import { filesUnder } from '../files-under.ts';

// Search for the long-lived publisher. Pagefind cannot update an index, so:
// - a base index of every record is made in the background (never while a publish waits), kept
//   under <deployDir>/search-base/<id>/ with what it holds (<id>.json), and hard-linked into a
//   release as /pagefind/;
// - every release also carries /pagefind-delta/: a small bundle of the records changed or added
//   since the base that release carries, and a manifest of the pages superseded since (the search
//   page merges the bundle and hides those), written into the draft before the switch, so pages
//   and search go live together;
// - a new base is made when there is none, or when the changes since it reach `maxChanges`
//   records, or when it is `maxAgeMs` old and something changed; once made, the next release
//   (one is made at once: `onBaseReady`) carries it and a delta against it (empty: none).
// A release's base is known by its /pagefind/pagefind-entry.json (the base's id is its digest),
// so a rollback or a restart finds which base is live.

export interface SearchIndexOptions {
  /** Where base indexes are kept (default <deployDir>/search-base). */
  dir: string;
  /** A new base once this many records changed since the live one (default 200). */
  maxChanges?: number;
  /** A new base once the live one is this old and anything changed since (default 30 min). */
  maxAgeMs?: number;
  /** Told when a new base is ready to ship (the publisher makes a release with it). */
  onBaseReady?: () => void;
  log?: (line: string) => void;
}

/** What a publish did for search (PublishReport.search). */
export interface SearchReport {
  /** Records in the release's delta (changed or added since its base). */
  deltaRecords: number;
  /** Pages of the base the delta withdraws (removed since the base). */
  removed: number;
  /** Time spent on search in this publish (records, delta, linking a new base). */
  ms: number;
  /** The base index the live release carries (null: none yet). */
  baseId: string | null;
  /** This publish shipped a new base. */
  baseShipped: boolean;
  /** Why search does not follow this release yet (no base made so far), when it does not. */
  waiting?: string;
  /** Since the publish started, when search went live in a release of its own (searchAfterPages). */
  liveAfterMs?: number;
  /** Search files could not be written (the pages still went live; the previous search files stay). */
  error?: string;
}

/** What a base index holds, as kept on disk beside it. */
interface StoredBase extends Pick<BaseIndex, 'id' | 'pages' | 'vocabulary' | 'records' | 'durationMs'> {
  dir: string;
  builtAt: number;
  /** Pagefind's peak memory while making it (absent in records written before it was kept). */
  pagefindPeakRssMb?: number | null;
}

/** Of the newest base index: what it holds and what it cost (the bench reports it). */
export interface BaseFigures {
  id: string;
  records: number;
  durationMs: number;
  pagefindPeakRssMb: number | null;
}

const ENTRY = 'pagefind-entry.json';

/** The id of the base index in a `pagefind` folder (a digest of its entry file), or null when it holds none. */
export const baseIdOf = (pagefindDir: string): string | null => {
  try {
    return createHash('sha256').update(fs.readFileSync(path.join(pagefindDir, ENTRY))).digest('hex').slice(0, 16);
  } catch {
    return null;
  }
};

export class SearchIndex {
  private readonly opts: Required<Omit<SearchIndexOptions, 'onBaseReady'>> & Pick<SearchIndexOptions, 'onBaseReady'>;
  private readonly contentRecords = new SearchRecordsOfContent();
  /** The newest base made (shipped or about to be). */
  private base: StoredBase | null;
  private building: Promise<void> | null = null;
  /** Records changed since the base, as of the last delta written. */
  private changesSinceBase = 0;
  private lastReport: SearchReport;
  /**
   * The files (relative to the release) the last write() put into or took out of its draft: what a
   * remote target (S3) must upload or delete besides the pages. Empty after a failed write.
   */
  lastFiles: { written: string[]; removed: string[] } = { written: [], removed: [] };

  constructor(options: SearchIndexOptions) {
    this.opts = { maxChanges: 200, maxAgeMs: 30 * 60_000, log: () => undefined, ...options };
    fs.mkdirSync(this.opts.dir, { recursive: true });
    this.base = this.readStoredBase();
    this.lastReport = { deltaRecords: 0, removed: 0, ms: 0, baseId: this.base?.id ?? null, baseShipped: false };
  }

  /** A base newer than the live release's is waiting to be shipped. */
  hasNewBase(live: string | null): boolean {
    return this.base !== null && (!live || baseIdOf(path.join(live, 'pagefind')) !== this.base.id);
  }

  /** What search looks like with no release made (nothing changed): the last publish's state, no time spent. */
  idle(): SearchReport {
    return { ...this.lastReport, ms: 0, baseShipped: false };
  }

  /**
   * The draft's search files for `content`: the newest base (linked in when the draft does not
   * carry it yet) and the delta since it. Never throws: a failure is reported, the draft keeps
   * the live release's search files, and the pages still go live.
   */
  async write(draft: ReleaseDraft, content: SiteContent): Promise<SearchReport> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    const pagefindDir = path.join(draft.dir, 'pagefind');
    let baseShipped = false;
    const files: SearchIndex['lastFiles'] = { written: [], removed: [] };
    this.lastFiles = { written: [], removed: [] };
    try {
      const base = this.base;
      if (base && baseIdOf(pagefindDir) !== base.id) {
        // Links to the base's files, each renamed in (nothing is written into an inode the live
        // release shares); fragments the previous base shares with it are kept as they are.
        const before = filesUnder(pagefindDir);
        await mirrorByLinks(base.dir, pagefindDir);
        const after = filesUnder(pagefindDir);
        const kept = new Set(after);
        files.written.push(...after.map((f) => `pagefind/${f}`));
        files.removed.push(...before.filter((f) => !kept.has(f)).map((f) => `pagefind/${f}`));
        baseShipped = true;
      }
      if (!base) {
        files.removed.push(...clearDelta(draft.dir));
        this.lastFiles = files;
        return this.remember({ deltaRecords: 0, removed: 0, ms: ms(), baseId: baseIdOf(pagefindDir), baseShipped, waiting: 'no search index made by the publisher yet: it is being made in the background' });
      }
      // The records are made only against a base: a cold start ships none (its base, made in the
      // background, makes them), which kept 3–4 s of 14,600 records out of the first release.
      const slots = this.contentRecords.of(content);
      const { changed, removed } = this.changes(base, content, slots);
      // The records the base holds as they are now are not kept (made again for the next base).
      this.contentRecords.dropRecords((s) => base.pages[s.url]?.digest === s.digest);
      this.changesSinceBase = changed.length + removed.length;
      if (changed.length === 0 && removed.length === 0) files.removed.push(...clearDelta(draft.dir));
      else {
        const delta = await writeDelta(changed, removed, { base, releaseDir: draft.dir });
        files.written.push(...delta.written);
        files.removed.push(...delta.removed);
      }
      this.lastFiles = files;
      return this.remember({ deltaRecords: changed.length, removed: removed.length, ms: ms(), baseId: base.id, baseShipped });
    } catch (err) {
      const message = (err as Error).message;
      this.opts.log(`search: the release keeps its previous search files: ${message}`);
      return { deltaRecords: 0, removed: 0, ms: ms(), baseId: baseIdOf(pagefindDir), baseShipped: false, error: message };
    }
  }

  /**
   * After each publish: starts a new base in the background when none exists, or when the live
   * one has fallen `maxChanges` records behind, or is `maxAgeMs` old with changes since.
   */
  afterPublish(content: SiteContent): void {
    if (this.building) return;
    const base = this.base;
    const due = !base || this.changesSinceBase >= this.opts.maxChanges || (this.changesSinceBase > 0 && Date.now() - base.builtAt >= this.opts.maxAgeMs);
    if (!due) return;
    this.building = this.buildBase(content).finally(() => {
      this.building = null;
    });
  }

  /** The newest base index made or found on disk (null: none yet). */
  get newestBase(): BaseFigures | null {
    const b = this.base;
    return b && { id: b.id, records: b.records, durationMs: b.durationMs, pagefindPeakRssMb: b.pagefindPeakRssMb ?? null };
  }

  /** Resolves when no base is being made (tests, close). */
  async settled(): Promise<void> {
    while (this.building) await this.building;
  }

  private async buildBase(content: SiteContent): Promise<void> {
    const tmp = path.join(this.opts.dir, `.next-${process.pid}`);
    try {
      const records = await this.contentRecords.allRecords(content);
      // Files unchanged since the newest base stay its inodes: shipping costs only what changed.
      const earlier = this.base && fs.existsSync(this.base.dir) ? this.base.dir : undefined;
      const made = await writeBaseIndex(records, tmp, earlier ? { sharesWith: earlier } : {});
      const dir = path.join(this.opts.dir, made.id);
      if (fs.existsSync(dir)) fs.rmSync(tmp, { recursive: true, force: true });
      else fs.renameSync(tmp, dir);
      const stored: StoredBase = { id: made.id, pages: made.pages, vocabulary: made.vocabulary, records: made.records, durationMs: made.durationMs, pagefindPeakRssMb: made.pagefindPeakRssMb, dir, builtAt: Date.now() };
      const meta = path.join(this.opts.dir, `${made.id}.json`);
      fs.writeFileSync(`${meta}.tmp`, JSON.stringify(stored));
      fs.renameSync(`${meta}.tmp`, meta);
      this.pointTo(made.id);
      this.base = stored;
      this.changesSinceBase = 0;
      this.removeOldBases(made.id);
      this.opts.log(`search: base index of ${made.records} records made in ${made.durationMs} ms (Pagefind peak RSS ${made.pagefindPeakRssMb ?? '?'} MB; ${made.shared} files shared with the previous base)`);
      this.opts.onBaseReady?.();
    } catch (err) {
      fs.rmSync(tmp, { recursive: true, force: true });
      // Tried again after the next publish; meanwhile the live base and deltas keep search working.
      this.opts.log(`search: the base index could not be made: ${(err as Error).message}`);
    }
  }

  /** What changed between the base and the records now: only the changed slots' records are made. */
  private changes(base: StoredBase, content: SiteContent, slots: readonly RecordSlot[]): DeltaChanges {
    const { changed, removed } = diffWithBase(base, slots, (s) => s.digest);
    return { changed: this.contentRecords.recordsOf(content, changed), removed };
  }

  private remember(report: SearchReport): SearchReport {
    this.lastReport = report;
    return report;
  }

  private pointTo(id: string): void {
    const file = path.join(this.opts.dir, 'current');
    fs.writeFileSync(`${file}.tmp`, id);
    fs.renameSync(`${file}.tmp`, file);
  }

  /** The base named by `current`, when it and its description are whole. */
  private readStoredBase(): StoredBase | null {
    try {
      const id = fs.readFileSync(path.join(this.opts.dir, 'current'), 'utf8').trim();
      const stored = JSON.parse(fs.readFileSync(path.join(this.opts.dir, `${id}.json`), 'utf8')) as StoredBase;
      const dir = path.join(this.opts.dir, id);
      return stored.id === id && baseIdOf(dir) === id ? { ...stored, dir } : null;
    } catch {
      return null;
    }
  }

  /** Earlier bases and unfinished ones (releases keep their own links to the files they carry). */
  private removeOldBases(keep: string): void {
    for (const name of fs.readdirSync(this.opts.dir)) {
      if (name === 'current' || name === keep || name === `${keep}.json`) continue;
      fs.rmSync(path.join(this.opts.dir, name), { recursive: true, force: true });
    }
  }
}
