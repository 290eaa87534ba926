import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

// Astro writes <root>/.astro/content-*.mjs through temporary files of fixed names, so two builds
// of one site at once (the publisher's, the draft preview's, a static one, two tests') can rename
// them from under each other and one fails (ENOENT). Builds of one site root take turns: a lock
// folder (made atomically) names its holder, and one left by a process that died is taken over.

export interface BuildLockOptions {
  /** Told once when the build must wait, with the holder ("<pid>-<id>"). */
  onWait?: (holder: string) => void;
  /** How often a waiting build looks again (default 200 ms). */
  pollMs?: number;
  signal?: AbortSignal;
}

/** The lock of builds of `siteDir`. */
export const buildLockPath = (siteDir: string) => path.join(siteDir, '.astro', 'build.lock');

/** A lock folder without a holder for this long was left half-made by a process that died. */
const UNNAMED_STALE_MS = 10_000;

function holderOf(lock: string): string | null {
  try {
    return fs.readFileSync(path.join(lock, 'holder'), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive, another user's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock is left by a process that is gone (or was never named and is old). */
function stale(lock: string, holder: string | null): boolean {
  if (holder) return !processAlive(Number(holder.split('-')[0]));
  try {
    return Date.now() - fs.statSync(lock).mtimeMs > UNNAMED_STALE_MS;
  } catch {
    return false;
  }
}

/** Waits for the site's build lock, takes it, runs `build`, and gives the lock back whatever happens. */
export async function withBuildLock<T>(siteDir: string, build: () => Promise<T>, opts: BuildLockOptions = {}): Promise<T> {
  const lock = buildLockPath(siteDir);
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const token = `${process.pid}-${randomUUID()}`;
  let told = false;
  for (;;) {
    opts.signal?.throwIfAborted();
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'holder'), `${token}\n`);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = holderOf(lock);
    // Taken over only if it still names the same dead holder (two waiters may both find it stale).
    if (stale(lock, holder) && holderOf(lock) === holder) {
      const aside = `${lock}.stale-${token}`;
      try {
        fs.renameSync(lock, aside);
        fs.rmSync(aside, { recursive: true, force: true });
      } catch {
        // Another waiter took it over first.
      }
      continue;
    }
    if (!told) opts.onWait?.(holder ?? 'a process that is starting');
    told = true;
    await delay(opts.pollMs ?? 200, undefined, opts.signal ? { signal: opts.signal } : undefined);
  }
  try {
    return await build();
  } finally {
    if (holderOf(lock) === token) fs.rmSync(lock, { recursive: true, force: true });
  }
}
