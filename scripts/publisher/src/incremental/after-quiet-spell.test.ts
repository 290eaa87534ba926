import { describe, expect, it } from 'vitest';
import { AfterQuietSpell } from './after-quiet-spell.ts';

// Idle work runs once, after the last arm(), never while a run is under way.

describe('AfterQuietSpell', () => {
  it('runs once after the last arm(), waits while busy, and lets settled() go when it has run', async () => {
    let busy = true;
    let runs = 0;
    const spell = new AfterQuietSpell(10, () => busy, () => void runs++);
    expect(spell.waiting).toBe(false);
    spell.arm();
    spell.arm();
    const settled = spell.settled();
    // Busy when the spell ends: nothing runs until it is armed again.
    await new Promise((r) => setTimeout(r, 40));
    expect(runs).toBe(0);
    expect(spell.waiting).toBe(true);
    busy = false;
    spell.arm();
    await settled;
    expect(runs).toBe(1);
    expect(spell.waiting).toBe(false);
    // Nothing waits: settled() resolves at once.
    await spell.settled();
  });

  it('cancel() stops it and lets waiters go', async () => {
    let runs = 0;
    const spell = new AfterQuietSpell(10, () => false, () => void runs++);
    spell.arm();
    const settled = spell.settled();
    spell.cancel();
    await settled;
    await new Promise((r) => setTimeout(r, 30));
    expect(runs).toBe(0);
  });

  it('a task that throws is reported to onError and lets waiters go: no unhandled rejection', async () => {
    const errors: unknown[] = [];
    const spell = new AfterQuietSpell(10, () => false, () => Promise.reject(new Error('folder gone')), (err) => errors.push(err));
    spell.arm();
    await spell.settled();
    expect(errors.map((e) => (e as Error).message)).toEqual(['folder gone']);
    expect(spell.waiting).toBe(false);
  });
});
