import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_SPEC, type ExportCollection } from '@cus/shared';
import type { ContentStore, SyncReport } from './content-store.ts';
import type { ChangedEntries, EntryFailure, SiteContent, SitePath } from './contract.ts';
import { bytesHash, countByRoute, planRender, referencedMedia, type LiveFile, type LiveIndex, type RenderPlan } from './dependencies.ts';
import type { MediaCache } from './media-files.ts';
import { brokenLinks, eventPageProblems, type ResolvedLinks } from './page-checks.ts';
import { splitPhases } from './phases.ts';
import type { IncrementalReleases, ReleaseDraft } from './release-writer.ts';
import { RenderError, type BuildAsset } from './renderer.ts';
import { loadLiveIndex, saveLiveIndex } from './saved-live-index.ts';
import type { SearchReport } from './search-index.ts';
import { filesUnder } from '../files-under.ts';
import { eachLimit } from '../each-limit.ts';
import { AfterQuietSpell } from './after-quiet-spell.ts';
import { ownString } from './own-string.ts';
import { MEDIA_PREFIX, todayInPoland } from '@cus/site/publisher';

// The long-lived publisher's engine. It keeps the content (ContentStore), the loaded site
// (a renderer) and a record of every file of the live release (LiveIndex) in memory.
//   publish():   sync → list paths → render only the dirty outputs (dependencies.ts) → write
//                them into a draft of the next release → check the changed pages → switch.
//                Fan-out pages go live in a second phase right after (phases.ts).
//   reconcile(): full sync → render every output → compare with the files the live release
//                holds → fix differences (assets, media, stray files) → full check → switch.
//                Runs on start, on a code change and periodically.
// An entry that fails (contract, body, rendering, a media file) keeps its last good page;
// every other change still goes live; failures come back as data.

/** What the engine needs of a loaded publisher build (renderer.ts SiteRenderer). */
export interface Renderer {
  /** The code it renders with (a saved record of the live release is trusted only for the same code). */
  readonly code?: string;
  install(content: SiteContent): void;
  listPaths(): Promise<SitePath[]>;
  /** The outputs of the routes that show one entry of these collections each (absent: no entry-first phase). */
  listEntryPaths?(collections: readonly string[]): Promise<SitePath[]>;
  render(path: SitePath): Promise<Uint8Array>;
  assets(): BuildAsset[];
}

export interface EngineOptions {
  content: Pick<ContentStore, 'sync' | 'current'>;
  /** The renderer for the site's code as it is now: loads a new build when the code changed. */
  renderer: () => Promise<Renderer>;
  releases: IncrementalReleases;
  media: Pick<MediaCache, 'file' | 'refresh'> & Partial<Pick<MediaCache, 'prune'>>;
  /** The site's `mediaReferences(html, siteOrigin)` (site/src/integrations/cms-media.ts). */
  mediaReferences: (html: string, siteOrigin: string | null) => Set<string>;
  siteUrl: string;
  /** Files of the release made by the publisher itself besides pages (e.g. `_headers`). */
  extraFiles?: () => Record<string, Uint8Array>;
  /** Files of the release others own (the search index): never removed by the reconcile. */
  preserve?: (file: string) => boolean;
  /** Outputs rendered at once (default 4). */
  concurrency?: number;
  /** false: every dirty output in one phase. */
  twoPhases?: boolean;
  log?: (line: string) => void;
  /**
   * Runs on every release draft after the outputs are written, before the checks and the switch:
   * where other parts add their files to the same release (the search index's delta). A throw
   * stops the publish; the live release stays.
   */
  beforeSwitch?: (draft: ReleaseDraft, change: ReleaseChange) => Promise<void>;
  /**
   * Told of each switch with the files it changed, once the release is live locally (the S3
   * target uploads those, deploy/s3-release-sync.ts); awaited, so "live" means live there too.
   */
  afterSwitch?: (change: { releaseDir: string; written: readonly string[]; removed: readonly string[]; full?: boolean }) => Promise<unknown>;
  /** Told of each file written into a release draft, before the next (progress; tests stop a publisher there). */
  onFileWritten?: (file: string) => void | Promise<void>;
  /** Search's part of the releases (search-index.ts SearchIndex). */
  search?: ReleaseSearch;
  /**
   * Where the record of the live release is saved after each run (saved-live-index.ts): a
   * restart with the same code starts from it, with a checking reconcile instead of a deep one.
   */
  liveIndexFile?: string;
  /**
   * The record is saved once runs have been quiet this long (default 2000 ms), and at flush():
   * a burst of publishes writes it once, and never between a publish and the next. A crash
   * before the save only costs the restart a deep reconcile (the record names its release).
   */
  liveIndexSaveDelayMs?: number;
  /** The quiet spell (no run) before the memory of a run that made a release is collected (default 10 s; releaseMemory). */
  memoryQuietMs?: number;
  /**
   * true (default): a publish's search files go live in a quick release of their own right after
   * the pages' (or with the fan-out phase, when there is one), so writing the delta never delays a
   * page; false: in the same release as the pages. A reconcile always writes them with the pages.
   */
  searchAfterPages?: boolean;
}

/** What the engine needs of the search index (search-index.ts SearchIndex). */
export interface ReleaseSearch {
  /** Writes the draft's search files for this content (never throws: a failure is in the report). */
  write(draft: ReleaseDraft, content: SiteContent): Promise<SearchReport>;
  /** A base index newer than the live release's waits: a release is made even when no page changed. */
  hasNewBase(liveDir: string | null): boolean;
  /** The search state when a run made no release. */
  idle(): SearchReport;
  /** After each run that succeeded (a new base may be started in the background). */
  afterPublish(content: SiteContent): void;
}

/** What a release draft changes, for beforeSwitch. */
export interface ReleaseChange {
  content: SiteContent;
  /** Outputs written (bytes differ from the live release's). */
  written: readonly string[];
  removed: readonly string[];
  /** A reconcile: every output was rendered. */
  full: boolean;
}

export interface PublishTimings {
  syncMs: number;
  /** Waiting for the site's publisher build after the sync (made and loaded during it; 0 unless its code changed and the sync was shorter). */
  buildMs: number;
  pathsMs: number;
  /** Rendering the dirty outputs (each changed one queued to be written into the draft as it comes). */
  renderMs: number;
  /** After rendering, waiting for the release draft (the spare being caught up, or a full linked copy without one) and the last writes. */
  draftMs: number;
  writeMs: number;
  checkMs: number;
  switchMs: number;
}

export interface PhaseReport {
  release: string | null;
  pagesRendered: number;
  filesWritten: number;
  filesRemoved: number;
  /** Since the publish started, when this phase was live (ms). */
  liveAfterMs: number;
}

export interface PublishReport {
  kind: 'publish' | 'reconcile';
  /** The content version now live. */
  version: string;
  /** The release now live (null: nothing changed, the live release stays). */
  release: string | null;
  pagesRendered: number;
  filesWritten: number;
  filesRemoved: number;
  failures: EntryFailure[];
  timings: PublishTimings;
  /** Outputs rendered, by route component. */
  renderedByRoute: Record<string, number>;
  /** The addresses rendered (a publish only; a reconcile renders every listed one). */
  rendered?: string[];
  /** Each release made live, in order (one, or two when fan-out pages followed). */
  phases: PhaseReport[];
  /** Outputs listed now. */
  paths: number;
  /** The publisher build was made again (code change) before this run. */
  codeChanged?: boolean;
  /** Search in the release now live (present when the publisher keeps a search index). */
  search?: SearchReport;
  /**
   * What the sync read: 'named', the entries the publish was about and those around them (every
   * other entry as last synced); 'all', every collection's versions.
   */
  synced: 'named' | 'all';
  /** The release live after this run: the one it made, or the one it left live. */
  live: string | null;
}

export class PublishError extends Error {
  readonly stage: 'sync' | 'build' | 'paths' | 'render' | 'write' | 'check' | 'switch';
  readonly failures: EntryFailure[];
  constructor(stage: PublishError['stage'], message: string, failures: EntryFailure[] = [], cause?: unknown) {
    super(message, { cause });
    this.name = 'PublishError';
    this.stage = stage;
    this.failures = failures;
  }
}

const EVENT_ROUTE = 'src/pages/wydarzenia/[slug].astro';
/** The quiet spell (no run) before copies of the live release are made ahead. */
const RESERVE_QUIET_MS = 2_000;
/** The entry-first phase renders at most this many outputs (an edit of a few entries' own pages). */
const ENTRY_FIRST_OUTPUTS = 8;
/** What the checks of a phase ask of the files a release lists. */
type FileSet = Pick<ReadonlySet<string>, 'has'>;
/** Rendered outputs waiting for the disk at most (their bytes are held until written). */
const WRITES_IN_FLIGHT = 64;
/** Media files linked into a draft at once (each is a few small file-system calls). */
const LINKS_IN_FLIGHT = 16;
const MEDIA_DIR = 'media/';
const isHtml = (file: string) => file.endsWith('.html');

/** V8's collection, where the process runs with --expose-gc. */
const gcOf = () => (globalThis as { gc?: (options?: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void }).gc;

/** Outputs per route. */
function countRoutes(paths: readonly SitePath[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of paths) counts.set(p.route, (counts.get(p.route) ?? 0) + 1);
  return counts;
}

const TYPE_TO_COLLECTION = new Map(Object.entries(EXPORT_SPEC).map(([c, spec]) => [spec.typeName, c as ExportCollection]));

/** A render that failed, as an entry failure; the documentId found from the content by type and slug. */
function failureOfRender(err: RenderError, content: SiteContent): EntryFailure {
  const collection = err.type ? TYPE_TO_COLLECTION.get(err.type) : undefined;
  const entry = collection && err.slug ? content.collections[collection]?.find((e) => e.data.slug === err.slug) : undefined;
  return {
    type: err.type ?? 'page',
    ...(err.slug ? { slug: err.slug } : {}),
    ...(entry ? { documentId: entry.id } : {}),
    ...(err.field ? { field: err.field } : {}),
    pathname: err.pathname,
    message: err.message,
  };
}

interface RunState {
  started: number;
  timings: PublishTimings;
  failures: EntryFailure[];
  rendered: SitePath[];
  phases: PhaseReport[];
  /** Search's part of the releases made (time summed over the phases). */
  search?: SearchReport;
  /** The release made for search alone after the pages' (searchAfterPages). */
  searchRelease?: string;
}

export class PublisherEngine {
  private readonly opts: EngineOptions;
  private readonly siteOrigin: string;
  /** The live release's files (pages and endpoints) as last rendered; empty until the first reconcile. */
  private live: LiveIndex = new Map();
  /** Outputs per route in the last full listing: the entry-first phase runs only when its routes list as many. */
  private listedByRoute = new Map<string, number>();
  /** /media/ files the live release holds. */
  private liveMedia = new Set<string>();
  private reconciled = false;
  /** The release whose record was saved last. */
  private savedFor: string | null = null;
  /** The release this engine made live last: another one live (a rollback) means its record is not the live release's. */
  private madeLive: string | null = null;
  /** Every CMS file name a page referred to, one string each (mediaOf); a few bytes per file the process has seen. */
  private readonly mediaNames = new Map<string, string>();
  /** The release whose search files were written for this content version (search records depend on the content alone). */
  private searched: { release: string; version: string } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private renderer: Renderer | undefined;
  /**
   * The content version and day in Poland (the pages show what is upcoming) the live release was
   * completely made for, and its outputs' count; unset while anything is left to retry.
   */
  private done: { version: string; day: string; paths: number } | undefined;
  /** Runs in progress: idle work waits for none. */
  private runsInFlight = 0;
  /** Copies of the live release made ahead, once idle after any run (see run()). */
  private readonly reserves: AfterQuietSpell;
  /** The garbage collection after a run that made a release, once idle (see releaseMemory()). */
  private readonly collection: AfterQuietSpell;
  /** A save of the record waiting for a quiet spell (saveLiveIndexSoon). */
  private pendingSave: { timer: NodeJS.Timeout; renderer: Renderer; changed: boolean } | undefined;

  constructor(opts: EngineOptions) {
    this.opts = opts;
    this.siteOrigin = new URL(opts.siteUrl).origin;
    const busy = () => this.runsInFlight > 0;
    const failed = (what: string) => (err: unknown) => opts.log?.(`${what} failed: ${(err as Error)?.message ?? String(err)}`);
    this.reserves = new AfterQuietSpell(RESERVE_QUIET_MS, busy, () => opts.releases.prepareReserves(() => !busy(), (line) => opts.log?.(line)), failed('copies made ahead'));
    // V8's memory-reducing collection (as a heap snapshot's): a plain one keeps the heap it grew.
    this.collection = new AfterQuietSpell(
      opts.memoryQuietMs ?? 10_000,
      busy,
      () => gcOf()?.({ type: 'major', execution: 'sync', flavor: 'last-resort' }),
      failed('the collection after a release'),
    );
  }

  /** The live release's record (for tests and the status page). */
  get liveIndex(): ReadonlyMap<string, LiveFile> {
    return this.live;
  }

  /**
   * Publishes what changed in the CMS since the last run (a reconcile when none ran yet). With
   * `changed`, the sync reads only those entries and the ones around them (see ContentStore.sync).
   */
  publish(changed?: ChangedEntries): Promise<PublishReport> {
    return this.serial(() => (this.reconciled ? this.run('publish', false, changed) : this.run('reconcile')));
  }

  /**
   * Full sync, then the live release checked against the content and its own record: every
   * output's key recomputed, every file of the release hashed. What differs is rendered again;
   * an output whose key and bytes are unchanged is not (the same code and key make the same
   * bytes). `deep`, and whenever the record cannot be trusted (the first run, a code change, a
   * rollback, a stray or missing file the record cannot explain): every output is rendered and
   * compared byte by byte.
   */
  reconcile(options: { deep?: boolean } = {}): Promise<PublishReport> {
    return this.serial(() => this.run('reconcile', options.deep ?? false));
  }

  /** Stops the work it does when idle (copies made ahead, the collection) and saves the record (flush). */
  close(): Promise<void> {
    this.reserves.cancel();
    this.collection.cancel();
    return this.flush();
  }

  /** Saves the record of the live release now if a save is waiting (on close). */
  flush(): Promise<void> {
    return this.serial(async () => {
      const pending = this.pendingSave;
      if (!pending) return;
      clearTimeout(pending.timer);
      this.pendingSave = undefined;
      await this.saveLiveIndex(pending.renderer, pending.changed);
    });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async run(kind: 'publish' | 'reconcile', deep = false, changed?: ChangedEntries): Promise<PublishReport> {
    this.runsInFlight++;
    try {
      return await this.runOnce(kind, deep, changed);
    } finally {
      this.runsInFlight--;
      // Idle work waits for a quiet spell after the last run.
      this.reserves.arm();
      if (this.collection.waiting) this.collection.arm();
    }
  }

  /** Resolves once the copies made ahead after the last run are ready (at once when none are due; the bench waits for it). */
  async reservesReady(): Promise<void> {
    await this.reserves.settled();
  }

  private async runOnce(kind: 'publish' | 'reconcile', deep: boolean, changed?: ChangedEntries): Promise<PublishReport> {
    const state: RunState = {
      started: Date.now(),
      timings: { syncMs: 0, buildMs: 0, pathsMs: 0, renderMs: 0, draftMs: 0, writeMs: 0, checkMs: 0, switchMs: 0 },
      failures: [],
      rendered: [],
      phases: [],
    };
    const log = this.opts.log ?? (() => undefined);
    let t = Date.now();
    const lap = (key: keyof PublishTimings) => {
      const now = Date.now();
      state.timings[key] += now - t;
      t = now;
    };

    let synced: PublishReport['synced'] = changed ? 'named' : 'all';
    const syncNow = async () => {
      try {
        return await this.opts.content.sync(synced === 'named' ? changed : undefined);
      } catch (err) {
        throw new PublishError('sync', `Reading the CMS failed: ${(err as Error).message}`, [], err);
      }
    };
    // The renderer (made by an astro build of its own when the code changed, ~4 s) is got ready
    // while the sync waits for the CMS: a cold start overlaps the two instead of adding them.
    const rendererReady = this.opts.renderer();
    rendererReady.catch(() => undefined); // awaited below; a failed sync must not leave it unhandled
    let sync = await syncNow();
    this.opts.media.refresh();
    lap('syncMs');

    // A code change makes a new renderer: every output is rendered again (a reconcile).
    let renderer: Renderer;
    try {
      renderer = await rendererReady;
    } catch (err) {
      throw new PublishError('build', `The site's publisher build could not be made or loaded: ${(err as Error).message}`, state.failures, err);
    }
    lap('buildMs');
    const codeChanged = this.renderer !== undefined && renderer !== this.renderer;
    this.renderer = renderer;
    if (!this.reconciled) this.restoreLiveIndex(renderer);
    // Someone else switched the live release (./scripts/rollback): compare with what is live now.
    const rolledBack = this.reconciled && this.opts.releases.live() !== this.madeLive;
    if (codeChanged || rolledBack) kind = 'reconcile';
    // A reconcile reads everything.
    if (kind === 'reconcile' && synced === 'named') {
      synced = 'all';
      sync = await syncNow();
      lap('syncMs');
    }
    state.failures.push(...sync.failures);
    // Nothing changed since the last run (content, day, code, live release) and no new search
    // index to ship: every output would be rendered to the same bytes, so none is.
    const day = todayInPoland();
    const done = this.done;
    this.done = undefined;
    if (kind === 'publish' && done && done.version === sync.content.version && done.day === day && !this.opts.search?.hasNewBase(this.opts.releases.target.current())) {
      this.done = done;
      return this.unchanged(state, sync, synced, done.paths);
    }
    // Every output rendered, unless the record of the live release can be trusted.
    let everything = kind === 'reconcile' && (deep || !this.reconciled || codeChanged || rolledBack);
    const entryFirst = kind === 'publish' && !everything && this.opts.twoPhases !== false ? await this.entryPagesFirst(state, sync, renderer, lap) : false;
    let paths: SitePath[];
    let plan: RenderPlan;
    try {
      renderer.install(sync.content);
      paths = await renderer.listPaths();
      this.listedByRoute = countRoutes(paths);
      plan = planRender(this.live, paths, { everything });
    } catch (err) {
      throw new PublishError('paths', `Listing the site's outputs failed: ${(err as Error).message}`, state.failures, err);
    }
    const listed = new Set(paths.map((p) => p.file));
    lap('pathsMs');
    if (kind === 'reconcile' && !everything) {
      const repairs = await this.checkLive(plan, paths, listed, renderer, state.failures);
      if (repairs) plan.dirty.push(...repairs);
      else {
        everything = true;
        plan = planRender(this.live, paths, { everything });
      }
      lap('checkMs');
    }

    const phases = everything || this.opts.twoPhases === false ? { first: plan.dirty, second: [] } : splitPhases(plan.dirty);
    const eventPages = paths.filter((p) => p.route === EVENT_ROUTE).map((p) => p.file);
    // An entry that failed keeps its outputs (its last good version) even when it is no longer listed.
    const removed = plan.removed.filter((file) => !ofFailedEntry(file, state.failures));
    // Where search goes: with the pages (reconcile, or asked), with the fan-out phase, or in a release of its own after them.
    // (After an entry-first release, search goes with the next one: no third release.)
    const searchLater = !everything && this.opts.searchAfterPages !== false && !entryFirst;
    const twoPhases = phases.second.length > 0;
    await this.phase(state, sync.content, phases.first, removed, { listed, eventPages }, everything, lap, !searchLater);
    if (twoPhases) {
      await this.phase(state, sync.content, phases.second, [], { listed, eventPages }, false, lap, true);
    } else if (searchLater && this.opts.search && (state.phases.some((p) => p.release) || this.opts.search.hasNewBase(this.opts.releases.target.current()))) {
      await this.searchRelease(state, sync.content);
    }
    this.reconciled ||= everything;
    this.madeLive = this.opts.releases.live();
    // After a full sync the manifests name every entry's files: the cache forgets the others.
    if (kind === 'reconcile') {
      const pruned = this.opts.media.prune?.(referencedMedia(this.live));
      if (pruned?.removed) this.opts.log?.(`media cache: ${pruned.removed} file(s) no entry mentions any more removed`);
    }
    const madeRelease = everything || state.phases.some((p) => p.release !== null) || state.searchRelease !== undefined;
    this.saveLiveIndexSoon(renderer, madeRelease);
    if (madeRelease) this.releaseMemory();
    // A run that made no release (a start with nothing to change) leaves no spare: make it now, in
    // the background, so the first publish after a start does not wait for a full linked copy.
    void this.opts.releases.prepareSpare();
    this.opts.search?.afterPublish(sync.content);
    const search = state.search ?? this.opts.search?.idle();

    const report: PublishReport = {
      kind,
      version: sync.content.version,
      release: state.searchRelease ?? state.phases.map((p) => p.release).filter((r) => r !== null).at(-1) ?? null,
      pagesRendered: state.rendered.length,
      filesWritten: state.phases.reduce((n, p) => n + p.filesWritten, 0),
      filesRemoved: state.phases.reduce((n, p) => n + p.filesRemoved, 0),
      failures: state.failures,
      timings: state.timings,
      renderedByRoute: countByRoute(state.rendered.map((path) => ({ path, reason: 'key-changed' as const }))),
      phases: state.phases,
      ...(kind === 'publish' ? { rendered: state.rendered.map((p) => p.pathname).sort() } : {}),
      paths: paths.length,
      ...(codeChanged ? { codeChanged } : {}),
      ...(search ? { search } : {}),
      synced,
      live: this.opts.releases.live(),
    };
    // What the live release is now made of, when nothing was left to retry (a failed entry, a
    // photo not delivered, search files not written): the next run with the same content and day
    // has nothing to do.
    if (report.failures.length === 0 && !report.search?.error) this.done = { version: report.version, day, paths: report.paths };
    log(
      `${kind}: ${report.pagesRendered} of ${report.paths} outputs rendered, ${report.filesWritten} files written, ${report.filesRemoved} removed, ` +
        `${report.failures.length} failures; ${report.release ? `live: ${report.release}` : 'nothing changed'} (${Date.now() - state.started} ms)`,
    );
    return report;
  }

  /**
   * An edit of entries that exist already: their own pages (an event's page and .ics, a person's
   * page) go live first, in a release of their own, before the listing of every output's key
   * (0.2–0.35 s at 10,000 events) and the pages that list them, which follow in the same run.
   * Only when those routes list the same outputs as before (an entry added, removed or renamed
   * goes the usual way), the site's settings did not change, at most ENTRY_FIRST_OUTPUTS changed,
   * and the phase goes through whole: a failure, or a link to an address not live yet (the
   * archive of a new year), leaves everything to the usual phases. True when a release was made.
   */
  private async entryPagesFirst(state: RunState, sync: SyncReport, renderer: Renderer, lap: (key: keyof PublishTimings) => void): Promise<boolean> {
    const counts = Object.entries(sync.counts ?? {}) as [string, { changed: number; removed: number } | undefined][];
    const collections = counts.filter(([c, n]) => c !== 'settings' && n && n.changed > 0).map(([c]) => c);
    const moved = counts.some(([c, n]) => n && (n.removed > 0 || (c === 'settings' && n.changed > 0)));
    if (!renderer.listEntryPaths || collections.length === 0 || moved || this.listedByRoute.size === 0) return false;
    let own: SitePath[];
    try {
      renderer.install(sync.content);
      own = await renderer.listEntryPaths(collections);
    } catch {
      return false; // The usual listing reports it.
    }
    lap('pathsMs');
    for (const [route, n] of countRoutes(own)) if (this.listedByRoute.get(route) !== n) return false;
    const dirty: RenderPlan['dirty'] = [];
    for (const path of own) {
      const before = this.live.get(path.file);
      if (!before || path.cacheKey === null) return false;
      if (before.cacheKey !== path.cacheKey) dirty.push({ path, reason: 'key-changed' });
    }
    if (dirty.length === 0 || dirty.length > ENTRY_FIRST_OUTPUTS) return false;
    const mark = { failures: state.failures.length, rendered: state.rendered.length, phases: state.phases.length };
    const liveFiles = this.live;
    try {
      await this.phase(state, sync.content, dirty, [], { listed: liveFiles, eventPages: own.filter((p) => p.route === EVENT_ROUTE).map((p) => p.file) }, false, lap, false);
    } catch (err) {
      this.opts.log?.(`entry-first phase skipped: ${(err as Error).message}`);
      state.rendered.length = mark.rendered;
    }
    // A failure found here is found again, and reported once, by the usual phases (its output keeps its old key).
    state.failures.length = mark.failures;
    return state.phases.slice(mark.phases).some((p) => p.release !== null);
  }

  /** The report of a publish that found nothing to do. */
  private unchanged(state: RunState, sync: SyncReport, synced: PublishReport['synced'], paths: number): PublishReport {
    const search = this.opts.search?.idle();
    this.opts.log?.(`publish: nothing changed (${sync.failures.length} failures, ${Date.now() - state.started} ms)`);
    return {
      kind: 'publish',
      version: sync.content.version,
      release: null,
      pagesRendered: 0,
      filesWritten: 0,
      filesRemoved: 0,
      failures: state.failures,
      timings: state.timings,
      renderedByRoute: {},
      phases: [],
      rendered: [],
      paths,
      ...(search ? { search } : {}),
      synced,
      live: this.opts.releases.live(),
    };
  }

  /** Renders `dirty`, writes what changed into a draft, checks it and makes it live. */
  private async phase(
    state: RunState,
    content: SiteContent,
    dirty: RenderPlan['dirty'],
    removed: string[],
    site: { listed: FileSet; eventPages: readonly string[] },
    full: boolean,
    lap: (key: keyof PublishTimings) => void,
    withSearch: boolean,
  ): Promise<void> {
    const { listed } = site;
    const renderedBefore = state.rendered.length;
    const renderer = this.renderer!;
    const next: LiveIndex = new Map(this.live);
    for (const file of removed) next.delete(file);
    /** The outputs whose bytes differ from the live release's, each written into the draft as soon as it is rendered. */
    const changed: string[] = [];
    // The draft is opened by the first output that differs: a run that changes nothing makes none.
    // Writing as the pages come keeps a cold build's memory to the pages in flight (every output of
    // the 10,000-event release is 314 MB) and overlaps the disk with rendering.
    let opening: Promise<ReleaseDraft> | undefined;
    const openDraft = () => (opening ??= this.opts.releases.begin());
    let written = 0;
    let deleted = 0;
    // Writes run beside the rendering, at most WRITES_IN_FLIGHT at once: a renderer never waits for
    // the disk (a cold build makes 17,000 folders) unless that many pages wait to be written.
    const writing = new Set<Promise<void>>();
    let writeFailed: { error: unknown } | undefined;
    const queueWrite = async (file: string, bytes: Uint8Array) => {
      while (writing.size >= WRITES_IN_FLIGHT) await Promise.race(writing);
      if (writeFailed) return;
      const write = (async () => {
        await (await openDraft()).write(file, bytes);
        written++;
        await this.opts.onFileWritten?.(file);
      })()
        .catch((error: unknown) => void (writeFailed ??= { error }))
        .finally(() => writing.delete(write));
      writing.add(write);
    };
    try {
      // Render. A failure keeps the live file and its record (so the output is tried again next time).
      const liveDir = full ? this.opts.releases.target.current() : null;
      await eachLimit(dirty, this.opts.concurrency ?? 4, async ({ path }) => {
        let bytes: Uint8Array;
        let media: string[] = [];
        try {
          bytes = await renderer.render(path);
          // The page's bytes as they are (no copy); only a page that names /media/ is decoded and scanned.
          const page = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          if (isHtml(path.file) && page.includes(MEDIA_PREFIX)) {
            media = this.mediaOf(page.toString('utf8'));
            // Every file the page needs is in the cache before the page may go live. Fetched all at
            // once: on a cold cache one after another kept the renderer idle (a report has ~10 files).
            const fetched = await Promise.allSettled(media.map((name) => this.opts.media.file(name)));
            const missing = fetched.findIndex((r) => r.status === 'rejected');
            if (missing >= 0) {
              const err = (fetched[missing] as PromiseRejectedResult).reason as Error;
              throw new RenderError(path.pathname, `${path.file} refers to /media/${media[missing]}: ${err.message}`, { field: 'media' }, err);
            }
          }
        } catch (err) {
          const failure = failureOfRender(err instanceof RenderError ? err : new RenderError(path.pathname, (err as Error).message), content);
          if (failure.type === 'page' && failure.field === 'media') Object.assign(failure, entryOfFile(path.file, content));
          state.failures.push(failure);
          return;
        }
        state.rendered.push(path);
        const hash = bytesHash(bytes);
        const before = this.live.get(path.file);
        // The reconcile compares with what the live release really holds, not with the record.
        const liveHash = full ? await hashOfFileAsync(liveDir, path.file) : before?.bytesHash;
        next.set(path.file, { pathname: path.pathname, cacheKey: path.cacheKey, bytesHash: hash, media });
        if (liveHash === hash) return;
        changed.push(path.file);
        await queueWrite(path.file, bytes);
      });
      lap('renderMs');
      // What rendering did not hide: the draft's folder (a full linked copy when no spare is ready)
      // and the last writes. One that failed stops the run (below): the live release stays.
      while (writing.size > 0) await Promise.all(writing);
      if (writeFailed) throw writeFailed.error;
      lap('draftMs');

      // Media the new release needs, and media no page refers to any more.
      if (full) this.keepOutputsOfFailedEntries(next, listed, state.failures);
      const neededMedia = referencedMedia(next);
      // The reconcile trusts the live release's folder, not the record.
      const haveMedia = full ? new Set(filesIn(liveDir, MEDIA_DIR)) : this.liveMedia;
      const addMedia = [...neededMedia].filter((m) => !haveMedia.has(m));
      const dropMedia = [...haveMedia].filter((m) => !neededMedia.has(m));
      const extra = this.opts.extraFiles?.() ?? {};
      const assets = full ? renderer.assets() : [];

      // Search's files follow the pages of an earlier phase of this run, or ship a new base.
      const searchWantsRelease = withSearch && !!this.opts.search && (state.phases.some((p) => p.release !== null) || this.opts.search.hasNewBase(this.opts.releases.target.current()));
      const nothingToDo =
        changed.length === 0 && removed.length === 0 && addMedia.length === 0 && dropMedia.length === 0 && !full && !searchWantsRelease;
      if (nothingToDo) {
        this.live = next;
        state.phases.push({ release: null, pagesRendered: state.rendered.length - renderedBefore, filesWritten: 0, filesRemoved: 0, liveAfterMs: Date.now() - state.started });
        return;
      }

      const d = await openDraft();
      lap('draftMs');
      for (const file of removed) {
        if (d.has(file)) {
          await d.remove(file);
          deleted++;
        }
      }
      // Several at once: a cold start links 11,000 files, one after another they took 15–20 s.
      await eachLimit(addMedia, LINKS_IN_FLIGHT, async (name) => {
        await d.link(`${MEDIA_DIR}${name}`, await this.opts.media.file(name));
        written++;
      });
      for (const name of dropMedia) {
        await d.remove(`${MEDIA_DIR}${name}`);
        deleted++;
      }
      for (const [file, bytes] of Object.entries(extra)) {
        const current = d.read(file);
        if (!current || bytesHash(current) !== bytesHash(bytes)) {
          await d.write(file, bytes);
          written++;
        }
      }
      await this.opts.beforeSwitch?.(d, { content, written: changed, removed, full });
      // A reconcile of the content the live release's search files were written for leaves them as they are.
      const searchCurrent = full && !searchWantsRelease && this.searched?.release === this.opts.releases.live() && this.searched.version === content.version;
      let searchOk = searchCurrent;
      if (withSearch && this.opts.search && !searchCurrent) {
        const report = await this.opts.search.write(d, content);
        addSearch(state, report);
        searchOk = report.error === undefined;
      }
      if (full) {
        const r = await this.reconcileFiles(d, assets, listed, neededMedia, new Set(Object.keys(extra)), state.failures);
        written += r.written;
        deleted += r.deleted;
      }
      lap('writeMs');

      // Checks: the changed pages' links (every page in a reconcile), one page per published event.
      const assetFiles = new Set(full ? assets.map((a) => a.file) : []);
      const exists = (file: string) => listed.has(file) || assetFiles.has(file) || (file.startsWith(MEDIA_DIR) && neededMedia.has(file.slice(MEDIA_DIR.length))) || d.has(file);
      const toCheck = full ? [...next.keys()].filter(isHtml) : changed.filter(isHtml);
      const resolved: ResolvedLinks = new Map();
      const broken = toCheck.flatMap((file) => {
        const html = d.read(file);
        return html ? brokenLinks(file, html.toString('utf8'), exists, this.opts.siteUrl, resolved).filter((b) => !ofFailedEntry(b.target, state.failures)) : [];
      });
      if (broken.length > 0) {
        const sample = broken.slice(0, 5).map((b) => `/${b.page} → ${b.target}`).join('; ');
        throw new PublishError('check', `${broken.length} internal links lead nowhere, e.g. ${sample}`, state.failures);
      }
      const slugs = content.collections.events.map((e) => String(e.data.slug));
      // Events that failed in this run (in any phase, or at the sync) are reported as failures, not
      // as missing pages: each keeps its last good page, a new one has none yet.
      const failedEvents = new Set(state.failures.filter((f) => f.type === 'event' && f.slug).map((f) => f.slug!));
      // A publish trusts the record (the draft is the live release plus the files just written);
      // the reconcile also looks at the draft's folder.
      const hasPage = full ? (f: string) => next.has(f) && d.has(f) : (f: string) => next.has(f);
      const problems = eventPageProblems(slugs, site.eventPages, hasPage, failedEvents);
      if (problems.missing.length > 0 || problems.extra.length > 0) {
        throw new PublishError(
          'check',
          `The release does not have exactly one page per published event: ${problems.missing.length} without a page (${problems.missing.slice(0, 5).join(', ')}), ${problems.extra.length} pages of no event (${problems.extra.slice(0, 5).join(', ')})`,
          state.failures,
        );
      }
      lap('checkMs');

      // A reconcile that found the live release as it should be makes no release: its draft (a
      // linked copy of the live one) becomes the next publish's spare, so that publish does not
      // wait for a full copy (3–4 s at 10,000 events). A target that mirrors the release still checks it.
      if (full && !d.touchedAny && (searchCurrent || !withSearch || !this.opts.search)) {
        await this.opts.releases.keepAsSpare(d);
        await this.handOverLive();
        lap('switchMs');
        this.live = next;
        this.liveMedia = neededMedia;
        state.phases.push({ release: null, pagesRendered: state.rendered.length - renderedBefore, filesWritten: 0, filesRemoved: 0, liveAfterMs: Date.now() - state.started });
        return;
      }

      const release = await d.commit();
      this.madeLive = release;
      this.searched = withSearch && this.opts.search && searchOk ? { release, version: content.version } : undefined;
      await this.handOver(d, full);
      lap('switchMs');
      this.live = next;
      this.liveMedia = neededMedia;
      state.phases.push({ release, pagesRendered: state.rendered.length - renderedBefore, filesWritten: written, filesRemoved: deleted, liveAfterMs: Date.now() - state.started });
      // The next publish starts from a ready copy of this release.
      void this.opts.releases.prepareSpare();
    } catch (err) {
      // The draft, opened or still opening when a write failed, is discarded.
      const draft = await opening?.catch(() => undefined);
      await draft?.discard().catch(() => undefined);
      if (err instanceof PublishError) throw err;
      throw new PublishError('write', `Writing the release failed: ${(err as Error).message}`, state.failures, err);
    }
  }

  /** The CMS files a page refers to, sorted, as the live index keeps them: each name one string of its own (own-string.ts), shared by every page naming it. */
  private mediaOf(html: string): string[] {
    return [...this.opts.mediaReferences(html, this.siteOrigin)].sort().map((name) => {
      let own = this.mediaNames.get(name);
      if (own === undefined) {
        own = ownString(name);
        this.mediaNames.set(own, own);
      }
      return own;
    });
  }

  /** A reconcile that made no release: a target that mirrors the live release compares it whole. */
  private async handOverLive(): Promise<void> {
    const releaseDir = this.opts.releases.target.current();
    if (!this.opts.afterSwitch || !releaseDir) return;
    try {
      await this.opts.afterSwitch({ releaseDir, written: [], removed: [], full: true });
    } catch (err) {
      this.opts.log?.(`after the reconcile: ${(err as Error).message}`);
    }
  }

  /** The switch's changed files to afterSwitch (a reconcile or a new search base: the whole release). */
  private async handOver(draft: ReleaseDraft, full: boolean): Promise<void> {
    const releaseDir = this.opts.releases.target.current();
    if (!this.opts.afterSwitch || !releaseDir) return;
    const { written, removed, searchBaseChanged } = draft.changes(releaseDir);
    try {
      await this.opts.afterSwitch({ releaseDir, written, removed, full: full || searchBaseChanged });
    } catch (err) {
      this.opts.log?.(`after the switch: ${(err as Error).message}`);
    }
  }

  /**
   * The search files of this content in a release of their own, right after the pages went live.
   * A failure here never undoes the pages: it is reported, and the next publish writes them again.
   */
  private async searchRelease(state: RunState, content: SiteContent): Promise<void> {
    let draft: ReleaseDraft | undefined;
    try {
      draft = await this.opts.releases.begin();
      const report = await this.opts.search!.write(draft, content);
      const release = await draft.commit();
      this.madeLive = release;
      this.searched = report.error === undefined ? { release, version: content.version } : undefined;
      await this.handOver(draft, false);
      state.searchRelease = release;
      addSearch(state, { ...report, liveAfterMs: Date.now() - state.started });
      void this.opts.releases.prepareSpare();
    } catch (err) {
      await draft?.discard().catch(() => undefined);
      addSearch(state, { deltaRecords: 0, removed: 0, ms: 0, baseId: null, baseShipped: false, error: `The search release failed: ${(err as Error).message}` });
      this.opts.log?.(`search: the release of the search files failed (the pages are live): ${(err as Error).message}`);
    }
  }

  /** A restart: the saved record of the live release, when it is of this release and this code. */
  private restoreLiveIndex(renderer: Renderer): void {
    if (!this.opts.liveIndexFile || !renderer.code) return;
    const live = this.opts.releases.live();
    const saved = loadLiveIndex(this.opts.liveIndexFile, live, renderer.code);
    if (!saved) return;
    this.live = saved.live;
    this.liveMedia = saved.media;
    this.reconciled = true;
    this.madeLive = live;
    this.savedFor = live;
    this.opts.log?.(`starting from the saved record of release ${live} (${saved.live.size} outputs): checking it instead of rendering everything`);
  }

  /**
   * After a run that made a release (a full run renders 27,000 pages, ~300 MB of HTML made and
   * dropped at 10,000 events; a few publishes grow the heap by hundreds of MB too), a
   * memory-reducing garbage collection once the publisher is idle returns that memory to the
   * system: V8 keeps the heap it grew otherwise (measured in the bench at 10,000 events: RSS
   * 1,182 → 708 MB; a plain major collection: 1,274 → 1,250 MB; five edits and three new events
   * after the collection: back to 1,116 MB). Only where the process runs with --expose-gc
   * (./scripts/start starts it so), and only after a quiet spell with no run (memoryQuietMs):
   * the collection pauses the process for up to a second, which a publish that came in then
   * would wait for (measured in the bench, where edits follow each other). A run that changed
   * nothing arms none.
   */
  private releaseMemory(): void {
    if (gcOf()) this.collection.arm();
  }

  /**
   * Resolves once the last releasing run's memory is returned: at once when no collection waits, or after
   * the one waiting for its quiet spell. The bench reads the publisher's idle memory after it.
   */
  async memoryReleased(): Promise<void> {
    await this.collection.settled();
  }

  /** After a run: the record is saved after a quiet spell (serial: never while a run is under way). */
  private saveLiveIndexSoon(renderer: Renderer, changed: boolean): void {
    if (!this.opts.liveIndexFile) return;
    const previous = this.pendingSave;
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => void this.flush(), this.opts.liveIndexSaveDelayMs ?? 2000);
    timer.unref();
    this.pendingSave = { timer, renderer, changed: changed || (previous?.changed ?? false) };
  }

  /** The record saved when it describes a new release (or was never saved for this one). */
  private async saveLiveIndex(renderer: Renderer, changed: boolean): Promise<void> {
    const live = this.opts.releases.live();
    if (!this.opts.liveIndexFile || !renderer.code || !live || (!changed && this.savedFor === live)) return;
    try {
      await saveLiveIndex(this.opts.liveIndexFile, { release: live, code: renderer.code, live: this.live, media: this.liveMedia });
      this.savedFor = live;
    } catch (err) {
      // Only a restart's speed depends on it: the next start renders everything instead.
      this.opts.log?.(`could not save the record of release ${live}: ${(err as Error).message}`);
    }
  }

  /**
   * The keyed reconcile's check of the live release against its record: outputs whose file is
   * missing or holds other bytes than recorded, to render again. Null when the release holds
   * something the record cannot explain (a stray file, other media, assets or extra files that
   * differ): then every output is rendered and compared instead.
   */
  private async checkLive(
    plan: RenderPlan,
    paths: readonly SitePath[],
    listed: ReadonlySet<string>,
    renderer: Renderer,
    failures: readonly EntryFailure[],
  ): Promise<RenderPlan['dirty'] | null> {
    const liveDir = this.opts.releases.target.current();
    if (!liveDir) return null;
    const planned = new Set(plan.dirty.map((d) => d.path.file));
    const repairs: RenderPlan['dirty'] = [];
    // Read without blocking: at 10,000 events this hashes some 25,000 files, and the service
    // answers webhooks and /status meanwhile.
    await eachLimit(paths, 16, async (p) => {
      if (planned.has(p.file) || (await hashOfFileAsync(liveDir, p.file)) === this.live.get(p.file)?.bytesHash) return;
      // The record is wrong about this file: forgotten, so the rendered bytes are written whatever they are.
      this.live.delete(p.file);
      repairs.push({ path: p, reason: 'added' });
    });
    // In listing order, as a sequential walk would have found them.
    const order = new Map(paths.map((p, i) => [p.file, i]));
    repairs.sort((a, b) => order.get(a.path.file)! - order.get(b.path.file)!);
    const media = new Set(filesIn(liveDir, MEDIA_DIR));
    if (media.size !== this.liveMedia.size || [...media].some((m) => !this.liveMedia.has(m))) return null;
    const assets = renderer.assets();
    if (assets.some((a) => hashOfFile(liveDir, a.file) !== bytesHash(fs.readFileSync(a.source)))) return null;
    const extra = this.opts.extraFiles?.() ?? {};
    if (Object.entries(extra).some(([file, bytes]) => hashOfFile(liveDir, file) !== bytesHash(bytes))) return null;
    const assetFiles = new Set(assets.map((a) => a.file));
    for (const file of filesUnder(liveDir, '')) {
      const owned =
        listed.has(file) ||
        assetFiles.has(file) ||
        file in extra ||
        (file.startsWith(MEDIA_DIR) && this.liveMedia.has(file.slice(MEDIA_DIR.length))) ||
        this.live.get(file)?.kept ||
        this.opts.preserve?.(file) ||
        ofFailedEntry(file, failures);
      if (!owned) return null;
    }
    return repairs;
  }

  /**
   * Outputs of failed entries that the live release holds but the site no longer lists (after a
   * restart the publisher has no good version of such an entry): recorded as they are, so they
   * and the media they show stay until the entry renders again or is withdrawn.
   */
  private keepOutputsOfFailedEntries(next: LiveIndex, listed: FileSet, failures: readonly EntryFailure[]): void {
    const liveDir = this.opts.releases.target.current();
    if (!liveDir || failures.length === 0) return;
    for (const section of new Set(failures.map((f) => entrySection(f.type)).filter((s): s is string => !!s))) {
      for (const file of filesUnder(liveDir, section)) {
        if (listed.has(file) || next.has(file) || !ofFailedEntry(file, failures)) continue;
        const bytes = fs.readFileSync(path.join(liveDir, ...file.split('/')));
        const media = isHtml(file) ? this.mediaOf(bytes.toString('utf8')) : [];
        next.set(file, { pathname: `/${file.replace(/index\.html$/, '')}`, cacheKey: null, bytesHash: bytesHash(bytes), media, kept: true });
      }
    }
  }

  /** The reconcile's part: assets as the build has them, and nothing in the release that no one owns. */
  private async reconcileFiles(
    draft: ReleaseDraft,
    assets: readonly BuildAsset[],
    listed: FileSet,
    media: ReadonlySet<string>,
    extra: ReadonlySet<string>,
    failures: readonly EntryFailure[],
  ): Promise<{ written: number; deleted: number }> {
    let written = 0;
    let deleted = 0;
    const assetFiles = new Set<string>();
    for (const a of assets) {
      assetFiles.add(a.file);
      const current = draft.read(a.file);
      if (!current || !current.equals(fs.readFileSync(a.source))) {
        await draft.link(a.file, a.source);
        written++;
      }
    }
    for (const file of draft.files()) {
      const owned =
        listed.has(file) ||
        assetFiles.has(file) ||
        extra.has(file) ||
        (file.startsWith(MEDIA_DIR) && media.has(file.slice(MEDIA_DIR.length))) ||
        this.opts.preserve?.(file) ||
        ofFailedEntry(file, failures);
      if (!owned) {
        await draft.remove(file);
        deleted++;
      }
    }
    return { written, deleted };
  }
}

/** Search's part of a run: the last write's state, the time of every write. */
function addSearch(state: RunState, s: SearchReport): void {
  state.search = state.search ? { ...s, ms: state.search.ms + s.ms, baseShipped: state.search.baseShipped || s.baseShipped } : s;
}

/** Names of the files in `dir`/`sub` (not recursive). */
function filesIn(dir: string | null, sub: string): string[] {
  if (!dir) return [];
  try {
    return fs.readdirSync(path.join(dir, sub), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    return [];
  }
}

async function hashOfFileAsync(dir: string | null, file: string): Promise<string | undefined> {
  if (!dir) return undefined;
  try {
    return bytesHash(await fs.promises.readFile(path.join(dir, ...file.split('/'))));
  } catch {
    return undefined;
  }
}

function hashOfFile(dir: string | null, file: string): string | undefined {
  if (!dir) return undefined;
  try {
    return bytesHash(fs.readFileSync(path.join(dir, ...file.split('/'))));
  } catch {
    return undefined;
  }
}

const PAGE_TYPES: Record<string, string> = { wydarzenia: 'event', osoby: 'speaker', instytucje: 'institution', galerie: 'gallery' };
const SECTION_OF_TYPE = new Map(Object.entries(PAGE_TYPES).map(([section, type]) => [type, section]));
const entrySection = (type: string) => SECTION_OF_TYPE.get(type);


/**
 * Whether a file (or a link's target, '/wydarzenia/x/') is an output of an entry that failed:
 * '<section>/<slug>/…' or '<section>/<slug>.<ext>'. Such a file is kept as the live release has
 * it (its last good version, also across a restart, when the publisher has no record of it), and
 * a link to it does not stop a publish (the failure is reported instead).
 */
export function ofFailedEntry(file: string, failures: readonly EntryFailure[]): boolean {
  const [section, name] = file.replace(/^\//, '').split('/');
  if (!section || !name) return false;
  return failures.some((f) => f.slug && SECTION_OF_TYPE.get(f.type) === section && (name === f.slug || name.startsWith(`${f.slug}.`)));
}

/** The entry a page shows ('wydarzenia/<slug>/index.html' → event <slug>), for a media failure. */
function entryOfFile(file: string, content: SiteContent): Pick<EntryFailure, 'type' | 'slug' | 'documentId'> {
  const [section, slug, rest] = file.split('/');
  const type = section ? PAGE_TYPES[section] : undefined;
  if (!type || !slug || rest !== 'index.html') return { type: 'page' };
  const collection = TYPE_TO_COLLECTION.get(type);
  const entry = collection ? content.collections[collection]?.find((e) => e.data.slug === slug) : undefined;
  return { type, slug, ...(entry ? { documentId: entry.id } : {}) };
}
