import { describe, expect, it } from 'vitest';
import { sharedWhilePending } from './shared-while-pending.ts';

describe('sharedWhilePending', () => {
  it('calls made while one is pending share it; a settled one (even rejected) is made anew', async () => {
    let started = 0;
    let finish!: (ok: boolean) => void;
    const work = sharedWhilePending(() => {
      started++;
      return new Promise<number>((resolve, reject) => (finish = (ok) => (ok ? resolve(started) : reject(new Error('failed')))));
    });
    const a = work();
    const b = work();
    expect(a).toBe(b);
    finish(false);
    await expect(a).rejects.toThrow('failed');
    const c = work();
    expect(c).not.toBe(a);
    finish(true);
    expect(await c).toBe(2);
    expect(started).toBe(2);
  });
});
