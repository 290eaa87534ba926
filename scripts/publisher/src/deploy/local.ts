import fs from 'node:fs';
import path from 'node:path';
import type { DeployResult, DeployTarget } from './target.ts';

// Releases in a local folder, served by scripts/publisher/src/serve-site.ts (or any web server pointed
// at `current`):
//   <dir>/releases/20261122T235959123Z/   one folder per deployed build
//   <dir>/releases/.build-…/              a build in progress (never served)
//   <dir>/current -> releases/…           the live release: a symlink, swapped atomically
// The last few releases are kept for rollback.

export interface LocalTargetOptions {
  dir: string;
  /** Releases kept, the live one included. */
  keep?: number;
}

const releaseId = (d = new Date()) => d.toISOString().replace(/[-:.]/g, '');

export class LocalTarget implements DeployTarget {
  readonly name = 'local';
  readonly dir: string;
  readonly keep: number;

  constructor(opts: LocalTargetOptions) {
    this.dir = path.resolve(opts.dir);
    this.keep = Math.max(2, opts.keep ?? 5);
    fs.mkdirSync(this.releasesDir, { recursive: true });
  }

  get releasesDir(): string {
    return path.join(this.dir, 'releases');
  }

  get currentLink(): string {
    return path.join(this.dir, 'current');
  }

  /** Folder of the live release, or null before the first deploy. */
  current(): string | null {
    try {
      return fs.realpathSync(this.currentLink);
    } catch {
      return null;
    }
  }

  /** Deployed releases, oldest first. */
  releases(): string[] {
    return fs.readdirSync(this.releasesDir).filter((n) => /^\d{8}T\d+Z$/.test(n)).sort();
  }

  /** Builds a crash left behind: never live, safe to remove (call when no build runs). */
  removeUnfinished(): number {
    const stale = fs.readdirSync(this.releasesDir).filter((n) => n.startsWith('.build-'));
    for (const n of stale) fs.rmSync(path.join(this.releasesDir, n), { recursive: true, force: true });
    return stale.length;
  }

  async prepare(): Promise<string> {
    const dir = path.join(this.releasesDir, `.build-${releaseId()}-${process.pid}`);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  async deploy(dir: string): Promise<DeployResult> {
    let id = releaseId();
    while (fs.existsSync(path.join(this.releasesDir, id))) id = releaseId(new Date(Date.now() + 1));
    const release = path.join(this.releasesDir, id);
    fs.renameSync(dir, release);
    this.switchTo(id);
    this.prune();
    return { release: id };
  }

  async discard(dir: string): Promise<void> {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  /** Makes a release live: a new symlink renamed over the old one, so no request sees neither. */
  switchTo(id: string): void {
    if (!fs.existsSync(path.join(this.releasesDir, id, 'index.html'))) throw new Error(`Release ${id} does not exist or is incomplete.`);
    const tmp = `${this.currentLink}.${process.pid}.tmp`;
    fs.rmSync(tmp, { force: true });
    fs.symlinkSync(path.join('releases', id), tmp);
    fs.renameSync(tmp, this.currentLink);
  }

  /** Makes the release before the live one live again; returns its id. */
  rollback(): string {
    const live = this.current();
    const all = this.releases();
    const index = live ? all.indexOf(path.basename(live)) : -1;
    const previous = index > 0 ? all[index - 1] : undefined;
    if (!previous) throw new Error(live ? `No release older than the live one (${path.basename(live)}) is kept.` : 'Nothing is deployed yet.');
    this.switchTo(previous);
    return previous;
  }

  private prune(): void {
    const live = this.current();
    const all = this.releases();
    for (const id of all.slice(0, Math.max(0, all.length - this.keep))) {
      if (path.join(this.releasesDir, id) !== live) fs.rmSync(path.join(this.releasesDir, id), { recursive: true, force: true });
    }
  }
}
