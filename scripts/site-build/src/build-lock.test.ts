import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildLockPath, withBuildLock } from './build-lock.ts';

// Builds of one site root take turns (two `astro build`s at once rename each other's fixed-name
// temporary files in <root>/.astro): the second waits for the first to end, a lock whose holder
// died is taken over, and a failed build gives the lock back.

let siteDir: string;
afterEach(() => fs.rmSync(siteDir, { recursive: true, force: true }));
const newSite = () => (siteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-build-lock-')));

/** A promise and its resolve, to hold a build open until the test lets it end. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('the build lock of a site root', () => {
  it('makes a second build wait until the first has ended, telling it who holds the lock', async () => {
    newSite();
    const order: string[] = [];
    const first = gate();
    const running = gate();
    const one = withBuildLock(siteDir, async () => {
      order.push('first starts');
      running.open();
      await first.opened;
      order.push('first ends');
    });
    await running.opened;
    const waitedFor: string[] = [];
    const two = withBuildLock(siteDir, async () => void order.push('second runs'), { pollMs: 10, onWait: (holder) => waitedFor.push(holder) });
    // The second is waiting: it cannot have run while the first holds the lock.
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(order).toEqual(['first starts']);
    first.open();
    await Promise.all([one, two]);
    expect(order).toEqual(['first starts', 'first ends', 'second runs']);
    expect(waitedFor).toHaveLength(1);
    expect(waitedFor[0]).toMatch(new RegExp(`^${process.pid}-`));
    expect(fs.existsSync(buildLockPath(siteDir))).toBe(false);
  });

  it('takes over a lock left by a process that died', async () => {
    newSite();
    // A real process that has ended: its pid names the lock's holder.
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    fs.mkdirSync(buildLockPath(siteDir), { recursive: true });
    fs.writeFileSync(path.join(buildLockPath(siteDir), 'holder'), `${dead}-left-behind\n`);
    let waited = false;
    expect(await withBuildLock(siteDir, async () => 'built', { pollMs: 10, onWait: () => (waited = true) })).toBe('built');
    expect(waited).toBe(false);
  });

  it('gives the lock back when the build throws', async () => {
    newSite();
    await expect(withBuildLock(siteDir, async () => Promise.reject(new Error('astro build failed')))).rejects.toThrow('astro build failed');
    expect(fs.existsSync(buildLockPath(siteDir))).toBe(false);
    expect(await withBuildLock(siteDir, async () => 'next')).toBe('next');
  });

  it('stops waiting when its signal is aborted', async () => {
    newSite();
    const held = gate();
    const running = gate();
    const one = withBuildLock(siteDir, async () => {
      running.open();
      await held.opened;
    });
    await running.opened;
    const stop = new AbortController();
    const two = withBuildLock(siteDir, async () => 'ran', { pollMs: 10, signal: stop.signal, onWait: () => stop.abort() });
    await expect(two).rejects.toThrow(/abort/i);
    held.open();
    await one;
  });
});
