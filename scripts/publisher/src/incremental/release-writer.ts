import fs from 'node:fs';
import path from 'node:path';
import { assertSafeFile } from './dependencies.ts';
import { filesUnder } from '../files-under.ts';
import { eachLimit } from '../each-limit.ts';

// A new release is the live one plus the changed files, in O(changed files). After every switch
// a "spare" is prepared in the background: a tree equal to the live release whose files are hard
// links (folders new, files shared). A publish takes the spare, renames each changed file in under
// a temporary name (a rename replaces the spare's link, never writes into an inode the live
// release shares), unlinks the removed files and makes it live with the local target's atomic
// `current` switch. Releases keep the layout of deploy/local.ts (releases/<id>/, current ->),
// so serve-site and rollback work unchanged. A draft is a `.build-…` folder: never served, and
// removed at start after a crash (LocalTarget.removeUnfinished).
//
// Making the spare is O(changed) too (double buffering): the release the switch would prune (the
// oldest kept one) is set aside instead of deleted and caught up to the live release by
// replaying the files each later release changed (each release's changes are journaled in
// releases/.changes-<id>.json): changed files linked from the live release, removed ones unlinked.
// Every kept release stays intact (rollback unchanged). Without a journaled chain (the first
// releases, after a rollback) the spare is a full linked copy, as before.

/** What the engine needs of the local target (deploy/local.ts's LocalTarget has it). */
export interface ReleaseTarget {
  readonly releasesDir: string;
  /** The live release's folder, or null before the first deploy. */
  current(): string | null;
  /** Renames the finished folder to a new release, switches `current` to it, prunes old ones. */
  deploy(dir: string): Promise<{ release: string }>;
  /** Kept releases, oldest first, and how many are kept (with both, the one to be pruned is recycled as the spare). */
  releases?(): string[];
  readonly keep?: number;
}

const SPARE_PREFIX = '.build-spare-';
const RECYCLED_PREFIX = '.build-recycled-';
const CHANGES_PREFIX = '.changes-';
/** Folders others write into a draft directly (the search index): a catch-up mirrors them whole (mirrorByLinks). */
const WHOLE_FOLDERS = ['pagefind', 'pagefind-delta'];
/** A catch-up replays at most this many releases' changes (else a full copy is as cheap). */
const MAX_CHAIN = 20;

/** What a release changed against the one it was made from (releases/.changes-<id>.json). */
interface ReleaseChanges {
  base: string | null;
  files: string[];
}

/** Called by a draft around its switch (IncrementalReleases keeps the journal and recycles a release). */
interface DraftHooks {
  beforeDeploy(): Promise<void>;
  afterDeploy(release: string, base: string | null, files: readonly string[], deployed: boolean): Promise<void>;
}

let tmpCounter = 0;
const tmpName = (full: string) => `${full}.tmp-${process.pid}-${++tmpCounter}`;

/** A hard link of `src` at `dst`; a copy where the two are on different file systems. */
async function linkOrCopy(src: string, dst: string): Promise<void> {
  try {
    await fs.promises.link(src, dst);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await fs.promises.copyFile(src, dst);
  }
}

/** `from` re-created under `to`: folders made, files hard-linked (copied across file systems), symlinks re-made. */
export async function linkCopy(from: string, to: string): Promise<number> {
  let files = 0;
  const walk = async (a: string, b: string): Promise<void> => {
    await fs.promises.mkdir(b, { recursive: true });
    const entries = await fs.promises.readdir(a, { withFileTypes: true });
    const dirs = entries.filter((e) => e.isDirectory());
    await eachLimit(entries.filter((e) => !e.isDirectory()), 32, async (e) => {
      const src = path.join(a, e.name);
      const dst = path.join(b, e.name);
      if (e.isSymbolicLink()) await fs.promises.symlink(await fs.promises.readlink(src), dst);
      else await linkOrCopy(src, dst);
      files++;
    });
    for (const d of dirs) await walk(path.join(a, d.name), path.join(b, d.name));
  };
  await walk(from, to);
  return files;
}

/**
 * Makes `to` hold exactly the files of `from` as hard links, in O(files that differ): a file
 * already linked to the same inode stays, a missing or different one is linked in under a
 * temporary name and renamed over, and files `from` does not have are unlinked. (The search
 * index's folders: a new base shares most of its content-named fragments with the last one.)
 */
export async function mirrorByLinks(from: string, to: string): Promise<{ linked: number; removed: number }> {
  const list = (root: string) => filesUnder(root);
  const wanted = list(from);
  const wantedSet = new Set(wanted);
  let linked = 0;
  let removed = 0;
  await eachLimit(wanted, 16, async (file) => {
    const src = path.join(from, file);
    const dst = path.join(to, file);
    const [a, b] = await Promise.all([fs.promises.stat(src), fs.promises.lstat(dst).catch(() => null)]);
    if (b && b.isFile() && b.ino === a.ino && b.dev === a.dev) return;
    await fs.promises.mkdir(path.dirname(dst), { recursive: true });
    const tmp = tmpName(dst);
    await linkOrCopy(src, tmp);
    await fs.promises.rename(tmp, dst);
    linked++;
  });
  for (const file of list(to)) {
    if (wantedSet.has(file)) continue;
    await fs.promises.rm(path.join(to, file), { force: true });
    removed++;
  }
  return { linked, removed };
}

/** A release being made: the live one's files plus the changes written so far. */
export class ReleaseDraft {
  readonly dir: string;
  /** The release it started from (its folder name), or null for the first one. */
  readonly base: string | null;
  private readonly target: ReleaseTarget;
  private readonly hooks: DraftHooks | undefined;
  /** Files written, linked or removed: the release's changes against its base (the journal). */
  private readonly touched = new Set<string>();
  /**
   * Folders this draft made or found (a cold start puts 27,000 files into 17,000 folders, 11,000
   * of them into media/): each is made once, not once per file. remove() forgets those it deletes.
   */
  private readonly folders = new Map<string, Promise<unknown>>();
  private done = false;
  /** Made as an empty folder (no release to copy): it holds no link to a release's file. */
  private readonly fresh: boolean;

  constructor(target: ReleaseTarget, dir: string, base: string | null, hooks?: DraftHooks, fresh = false) {
    this.target = target;
    this.dir = dir;
    this.base = base;
    this.hooks = hooks;
    this.fresh = fresh;
  }

  private full(file: string): string {
    assertSafeFile(file);
    return path.join(this.dir, ...file.split('/'));
  }

  has(file: string): boolean {
    return fs.existsSync(this.full(file));
  }

  read(file: string): Buffer | null {
    try {
      return fs.readFileSync(this.full(file));
    } catch {
      return null;
    }
  }

  /**
   * Where `file` goes, noted in the journal, and whether it may be put there
   * directly: only in a new folder, and only where nothing was put yet (a file linked in before
   * is a cache file's inode).
   */
  private place(file: string): { full: string; inPlace: boolean } {
    const full = this.full(file);
    const inPlace = this.fresh && !this.touched.has(file);
    this.touched.add(file);
    return { full, inPlace };
  }

  private folder(dir: string): Promise<unknown> {
    let made = this.folders.get(dir);
    if (!made) {
      this.folders.set(dir, (made = fs.promises.mkdir(dir, { recursive: true })));
      made.catch(() => this.folders.delete(dir));
    }
    return made;
  }

  /** `put` run once `full`'s folder exists; again, with the folder made again, if it was removed meanwhile (by whatever else writes into the draft). */
  private async inFolder(full: string, put: () => Promise<void>): Promise<void> {
    const dir = path.dirname(full);
    await this.folder(dir);
    try {
      await put();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      this.folders.delete(dir);
      await this.folder(dir);
      await put();
    }
  }

  /**
   * The file's new bytes, written beside and renamed in: a file of a draft copied from a release
   * may be a link to that release's file. The first release's draft is a new folder, never live
   * before its switch: a file not there yet is written in place (27,000 renames fewer at a cold start).
   */
  async write(file: string, bytes: Uint8Array): Promise<void> {
    const { full, inPlace } = this.place(file);
    await this.inFolder(full, async () => {
      if (inPlace) return fs.promises.writeFile(full, bytes);
      const tmp = tmpName(full);
      await fs.promises.writeFile(tmp, bytes);
      await fs.promises.rename(tmp, full);
    });
  }

  /** `source` (a cache file, an asset of the build) linked in under `file`, replacing what was there (in place in a new folder, as write()). */
  async link(file: string, source: string): Promise<void> {
    const { full, inPlace } = this.place(file);
    await this.inFolder(full, async () => {
      if (inPlace) return linkOrCopy(source, full);
      const tmp = tmpName(full);
      await linkOrCopy(source, tmp);
      await fs.promises.rename(tmp, full);
    });
  }

  /** Unlinks the file and the folders it leaves empty (a static build has none). */
  async remove(file: string): Promise<void> {
    const full = this.full(file);
    this.touched.add(file);
    await fs.promises.rm(full, { force: true });
    for (let dir = path.dirname(full); dir.startsWith(this.dir + path.sep); dir = path.dirname(dir)) {
      try {
        await fs.promises.rmdir(dir);
        this.folders.delete(dir);
      } catch {
        break; // not empty (or gone)
      }
    }
  }

  /** Every file of the draft, relative, with forward slashes. */
  files(): string[] {
    return fs
      .readdirSync(this.dir, { recursive: true, withFileTypes: true })
      .filter((e) => !e.isDirectory())
      .map((e) => path.relative(this.dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  }

  /**
   * What the switch to this draft changed, for a target that mirrors the live release (S3): the
   * files written, linked or removed through the draft, plus the search files, which the search
   * step writes into the folder itself (the small delta bundle, compared with the base release's).
   * `searchBaseChanged`: a new full search index came in; mirror the whole release then.
   */
  changes(releaseDir: string): { written: string[]; removed: string[]; searchBaseChanged: boolean } {
    const exists = (f: string) => fs.existsSync(path.join(releaseDir, ...f.split('/')));
    const written = new Set([...this.touched].filter(exists));
    const removed = new Set([...this.touched].filter((f) => !exists(f)));
    const baseDir = this.base ? path.join(path.dirname(releaseDir), this.base) : null;
    const under = (root: string | null, folder: string) => (root ? filesUnder(root, folder) : []);
    const delta = new Set(under(releaseDir, 'pagefind-delta'));
    for (const f of delta) written.add(f);
    for (const f of under(baseDir, 'pagefind-delta')) if (!delta.has(f)) removed.add(f);
    const entryInode = (root: string | null) => {
      try {
        return root ? fs.statSync(path.join(root, 'pagefind', 'pagefind-entry.json')).ino : null;
      } catch {
        return null;
      }
    };
    return { written: [...written], removed: [...removed], searchBaseChanged: entryInode(releaseDir) !== entryInode(baseDir) };
  }

  /** Makes the draft the live release (atomic switch of `current`); returns its id. */
  async commit(): Promise<string> {
    if (this.done) throw new Error('This release draft was already committed or discarded.');
    this.done = true;
    await this.hooks?.beforeDeploy();
    let release: string;
    try {
      ({ release } = await this.target.deploy(this.dir));
    } catch (err) {
      await this.hooks?.afterDeploy('', this.base, [], false);
      throw err;
    }
    await this.hooks?.afterDeploy(release, this.base, [...this.touched], true);
    return release;
  }

  /** Whether anything was written, linked or removed through the draft. */
  get touchedAny(): boolean {
    return this.touched.size > 0;
  }

  /**
   * Ends a draft that changed nothing without deleting it: its folder (still a mirror of its base)
   * is handed to the caller, or null when the draft did change something or was ended already.
   */
  handBack(): { dir: string; base: string | null } | null {
    if (this.done || this.touched.size > 0) return null;
    this.done = true;
    return { dir: this.dir, base: this.base };
  }

  async discard(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await fs.promises.rm(this.dir, { recursive: true, force: true });
  }
}

export class IncrementalReleases {
  readonly target: ReleaseTarget;
  private spare: Promise<{ dir: string; base: string } | null> | undefined;
  /** The release the last switch would have pruned, set aside to become the next spare. */
  private recycled: { dir: string; release: string } | null = null;
  /** Linked copies of earlier live releases made ahead (prepareReserves), each the tree of a later spare. */
  private reserves: { dir: string; release: string }[] = [];
  private reserving: Promise<void> | undefined;
  private reservesMade = 0;
  /** How the last spare was made (tests, measure): 'caught-up' replayed changes, 'copied' linked every file. */
  lastSpare: { how: 'caught-up' | 'copied'; files: number; ms: number } | null = null;

  constructor(target: ReleaseTarget) {
    this.target = target;
  }

  /** The live release's id (folder name), or null. */
  live(): string | null {
    const dir = this.target.current();
    return dir ? path.basename(dir) : null;
  }

  /**
   * Starts making the spare of the live release in the background (after each switch). Returns
   * the promise of it, which never rejects (a failed spare is made again when needed).
   */
  prepareSpare(): Promise<unknown> {
    const liveDir = this.target.current();
    const base = this.live();
    const previous = this.spare;
    this.spare = (async () => {
      const old = await previous?.catch(() => null);
      if (old && old.base === base && fs.existsSync(old.dir)) return old;
      // A tree of an older release to catch up: the recycled one, else a stale spare.
      const recycled = this.recycled;
      this.recycled = null;
      const candidate = recycled ?? (old && fs.existsSync(old.dir) ? { dir: old.dir, release: old.base } : null) ?? this.reserves.shift() ?? null;
      if (old && candidate?.dir !== old.dir) await fs.promises.rm(old.dir, { recursive: true, force: true });
      if (!liveDir || !base) {
        if (candidate) await fs.promises.rm(candidate.dir, { recursive: true, force: true });
        return null;
      }
      const dir = path.join(this.target.releasesDir, `${SPARE_PREFIX}${base}-${process.pid}`);
      if (dir !== candidate?.dir) await fs.promises.rm(dir, { recursive: true, force: true });
      const started = Date.now();
      try {
        const files = candidate ? this.changesBetween(candidate.release, base) : null;
        if (candidate && files) {
          await catchUp(candidate.dir, liveDir, files);
          if (candidate.dir !== dir) await fs.promises.rename(candidate.dir, dir);
          this.lastSpare = { how: 'caught-up', files: files.length, ms: Date.now() - started };
          return { dir, base };
        }
      } catch {
        // Any surprise in the tree (a file where a folder is): a full copy instead.
      }
      if (candidate) await fs.promises.rm(candidate.dir, { recursive: true, force: true });
      try {
        const files = await linkCopy(liveDir, dir);
        this.lastSpare = { how: 'copied', files, ms: Date.now() - started };
        return { dir, base };
      } catch {
        await fs.promises.rm(dir, { recursive: true, force: true });
        return null;
      }
    })();
    return this.spare;
  }

  /**
   * While fewer than `keep` releases exist there is no old one to recycle, and each spare would
   * be a full linked copy of the live release (3–5 s of kernel time at 10,000 events: 17,600
   * folders), which the next publish might wait for (each publish of an edit makes two releases).
   * This makes those copies ahead, one per release still to come before recycling starts, one
   * at a time and only while `idle()` (no run under way); a spare takes one and catches it up
   * by the journals, as it does a recycled release. Never rejects.
   */
  prepareReserves(idle: () => boolean, log: (line: string) => void = () => undefined): Promise<void> {
    this.reserving ??= this.makeReserves(idle, log).finally(() => {
      this.reserving = undefined;
    });
    return this.reserving;
  }

  private async makeReserves(idle: () => boolean, log: (line: string) => void): Promise<void> {
    try {
      await this.makeReservesWhileIdle(idle, log);
    } catch (err) {
      // The deploy folder changed under it (removed, unreadable): the next publish copies at begin().
      log(`copies made ahead stopped: ${(err as Error)?.message ?? String(err)}`);
    }
  }

  private async makeReservesWhileIdle(idle: () => boolean, log: (line: string) => void): Promise<void> {
    for (;;) {
      const all = this.target.releases?.();
      const liveDir = this.target.current();
      const base = this.live();
      if (!all || !this.target.keep || !liveDir || !base) return;
      // One tree per switch before the first that prunes (and so recycles) one, less the spare.
      const wanted = all.length >= this.target.keep ? 0 : this.target.keep - all.length + (this.spare ? 0 : 1);
      // Recycling has started: copies made ahead are not needed any more.
      while (this.reserves.length > wanted) await fs.promises.rm(this.reserves.pop()!.dir, { recursive: true, force: true });
      if (!idle()) return;
      // A copy behind the live release is caught up now (by the journals): a new search base is
      // 15,000 files at 10,000 events, which a spare would otherwise link in while a publish waits.
      // Taken out of the list meanwhile, so that no spare takes it half caught up.
      const at = this.reserves.findIndex((r) => r.release !== base);
      if (at >= 0) {
        const behind = this.reserves.splice(at, 1)[0]!;
        const files = this.changesBetween(behind.release, base);
        const started = Date.now();
        try {
          if (!files) throw new Error(`no journal from release ${behind.release}`);
          await catchUp(behind.dir, liveDir, files);
          this.reserves.push({ dir: behind.dir, release: base });
          log(`a copy made ahead caught up from release ${behind.release} to ${base} (${files.length} files and the search folders) in ${Date.now() - started} ms`);
        } catch (err) {
          log(`a copy made ahead could not be caught up (${(err as Error).message}): dropped`);
          await fs.promises.rm(behind.dir, { recursive: true, force: true }).catch(() => undefined);
        }
        continue;
      }
      if (this.reserves.length === wanted) return;
      // Never beside the spare's own copy.
      await this.spare?.catch(() => null);
      if (!idle() || this.live() !== base) continue;
      const dir = path.join(this.target.releasesDir, `${SPARE_PREFIX}reserve-${this.reservesMade++}-${base}-${process.pid}`);
      try {
        await fs.promises.rm(dir, { recursive: true, force: true });
        const started = Date.now();
        await linkCopy(liveDir, dir);
        this.reserves.push({ dir, release: base });
        log(`copy ${this.reserves.length} of ${wanted} of release ${base} made ahead (fewer than ${this.target.keep} releases, none to recycle yet) in ${Date.now() - started} ms`);
      } catch {
        await fs.promises.rm(dir, { recursive: true, force: true }).catch(() => undefined);
        return;
      }
    }
  }

  /** Copies made ahead, waiting to become spares (tests). */
  get reserveCount(): number {
    return this.reserves.length;
  }

  /** A draft of the next release: the spare when it mirrors the live release, else a copy made now. */
  async begin(): Promise<ReleaseDraft> {
    const base = this.live();
    const spare = await this.spare?.catch(() => null);
    this.spare = undefined;
    const dir = path.join(this.target.releasesDir, `.build-${Date.now()}-${process.pid}`);
    const hooks: DraftHooks = { beforeDeploy: () => this.setAsidePruned(), afterDeploy: (r, b, f, ok) => this.afterDeploy(r, b, f, ok) };
    if (spare && spare.base === base && fs.existsSync(spare.dir)) {
      await fs.promises.rename(spare.dir, dir);
      return new ReleaseDraft(this.target, dir, base, hooks);
    }
    if (spare) await fs.promises.rm(spare.dir, { recursive: true, force: true });
    const liveDir = this.target.current();
    if (liveDir) await linkCopy(liveDir, dir);
    else await fs.promises.mkdir(dir, { recursive: true });
    return new ReleaseDraft(this.target, dir, base, hooks, !liveDir);
  }

  /**
   * A draft that changed nothing (a reconcile that found the live release as it should be)
   * becomes the spare: it mirrors the live release, so the next publish needs no full copy.
   */
  async keepAsSpare(draft: ReleaseDraft): Promise<void> {
    const tree = draft.handBack();
    if (!tree) return draft.discard();
    const base = this.live();
    const previous = this.spare;
    this.spare = (async () => {
      const old = await previous?.catch(() => null);
      if (old) await fs.promises.rm(old.dir, { recursive: true, force: true });
      if (!base || tree.base !== base) {
        await fs.promises.rm(tree.dir, { recursive: true, force: true });
        return null;
      }
      const dir = path.join(this.target.releasesDir, `${SPARE_PREFIX}${base}-${process.pid}`);
      try {
        await fs.promises.rm(dir, { recursive: true, force: true });
        await fs.promises.rename(tree.dir, dir);
        return { dir, base };
      } catch {
        // Made again when needed, like any spare that failed.
        await fs.promises.rm(tree.dir, { recursive: true, force: true });
        return null;
      }
    })();
    await this.spare;
  }

  /** Drops the spare and the copies made ahead (on close). */
  async close(): Promise<void> {
    await this.reserving;
    for (const r of this.reserves.splice(0)) await fs.promises.rm(r.dir, { recursive: true, force: true });
    const spare = await this.spare?.catch(() => null);
    this.spare = undefined;
    if (spare) await fs.promises.rm(spare.dir, { recursive: true, force: true });
    if (this.recycled) await fs.promises.rm(this.recycled.dir, { recursive: true, force: true });
    this.recycled = null;
  }

  /** Before a switch: the release the target's prune would delete (not the live one) is moved aside instead. */
  private async setAsidePruned(): Promise<void> {
    const all = this.target.releases?.();
    const keep = this.target.keep;
    if (!all || !keep || all.length + 1 <= keep || this.recycled) return;
    const oldest = all[0]!;
    if (oldest === this.live()) return;
    const dir = path.join(this.target.releasesDir, `${RECYCLED_PREFIX}${oldest}-${process.pid}`);
    await fs.promises.rm(dir, { recursive: true, force: true });
    await fs.promises.rename(path.join(this.target.releasesDir, oldest), dir);
    this.recycled = { dir, release: oldest };
  }

  /** After a switch: the release's changes journaled (old journals dropped); a failed switch gets the set-aside release back. */
  private async afterDeploy(release: string, base: string | null, files: readonly string[], deployed: boolean): Promise<void> {
    if (!deployed) {
      const r = this.recycled;
      this.recycled = null;
      if (r) await fs.promises.rename(r.dir, path.join(this.target.releasesDir, r.release)).catch(() => undefined);
      return;
    }
    const journal = path.join(this.target.releasesDir, `${CHANGES_PREFIX}${release}.json`);
    const changes: ReleaseChanges = { base, files: [...files] };
    try {
      await fs.promises.writeFile(`${journal}.tmp`, JSON.stringify(changes));
      await fs.promises.rename(`${journal}.tmp`, journal);
      const kept = new Set(this.target.releases?.() ?? []);
      if (this.recycled) kept.add(this.recycled.release);
      for (const name of await fs.promises.readdir(this.target.releasesDir)) {
        const id = name.startsWith(CHANGES_PREFIX) && name.endsWith('.json') ? name.slice(CHANGES_PREFIX.length, -'.json'.length) : null;
        if (id && !kept.has(id) && this.target.releases) await fs.promises.rm(path.join(this.target.releasesDir, name), { force: true });
      }
    } catch {
      // No journal: the next spare is a full copy.
    }
  }

  /** Files changed from release `from` to release `to` (by the journals), or null when the chain is not known. */
  private changesBetween(from: string, to: string): string[] | null {
    const files = new Set<string>();
    let at: string | null = to;
    for (let i = 0; i < MAX_CHAIN && at !== from; i++) {
      if (at === null) return null;
      let changes: ReleaseChanges;
      try {
        changes = JSON.parse(fs.readFileSync(path.join(this.target.releasesDir, `${CHANGES_PREFIX}${at}.json`), 'utf8')) as ReleaseChanges;
      } catch {
        return null;
      }
      for (const f of changes.files) files.add(f);
      at = changes.base;
    }
    return at === from ? [...files].sort() : null;
  }
}

/** Makes `dir` (an older release's tree) equal to `liveDir` given every file that differs between them. */
async function catchUp(dir: string, liveDir: string, files: readonly string[]): Promise<void> {
  const whole = (f: string) => WHOLE_FOLDERS.some((w) => f === w || f.startsWith(`${w}/`));
  const gone: string[] = [];
  // Changed and new files linked in (in parallel); removals after, one by one, so that removing
  // a folder left empty never races with a file being linked into it.
  await eachLimit(files.filter((f) => !whole(f)), 16, async (file) => {
    assertSafeFile(file);
    const src = path.join(liveDir, ...file.split('/'));
    const dst = path.join(dir, ...file.split('/'));
    const stat = await fs.promises.lstat(src).catch(() => null);
    if (!stat) return void gone.push(dst);
    if (!stat.isFile()) throw new Error(`${file} is not a plain file in the live release.`);
    await fs.promises.mkdir(path.dirname(dst), { recursive: true });
    const tmp = tmpName(dst);
    await fs.promises.link(src, tmp);
    await fs.promises.rename(tmp, dst);
  });
  for (const dst of gone) {
    await fs.promises.rm(dst, { force: true });
    for (let d = path.dirname(dst); d.startsWith(dir + path.sep); d = path.dirname(d)) {
      try {
        await fs.promises.rmdir(d);
      } catch {
        break; // not empty (or gone)
      }
    }
  }
  for (const folder of WHOLE_FOLDERS) {
    if (!fs.existsSync(path.join(liveDir, folder))) await fs.promises.rm(path.join(dir, folder), { recursive: true, force: true });
    // The same base index (its entry file the same inode): its 15,000 files at 10,000 events are too.
    else if (!(folder === 'pagefind' && sameInode(path.join(liveDir, SEARCH_ENTRY), path.join(dir, SEARCH_ENTRY)))) {
      await mirrorByLinks(path.join(liveDir, folder), path.join(dir, folder));
    }
  }
}

/** The base index's entry file: a new base is a new file, never written into the old one. */
const SEARCH_ENTRY = path.join('pagefind', 'pagefind-entry.json');

function sameInode(a: string, b: string): boolean {
  try {
    const [x, y] = [fs.statSync(a), fs.statSync(b)];
    return x.ino === y.ino && x.dev === y.dev;
  } catch {
    return false;
  }
}
