import { describe, expect, it } from 'vitest';
import { BuildScheduler, type Trigger } from './scheduler.ts';

// The coalescing rules on their own, with a build whose end the test controls.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function harness(opts = { quietMs: 40, maxWaitMs: 200 }) {
  const builds: { triggers: string[]; finish: () => void; overlapping: boolean }[] = [];
  let running = 0;
  const scheduler = new BuildScheduler(
    (triggers: Trigger[]) =>
      new Promise<void>((resolve) => {
        running++;
        const build = { triggers: triggers.map((t) => t.reason), overlapping: running > 1, finish: () => {} };
        build.finish = () => {
          running--;
          resolve();
        };
        builds.push(build);
      }),
    opts,
  );
  return { scheduler, builds };
}

describe('BuildScheduler', () => {
  it('waits for a quiet spell and builds a burst once', async () => {
    const { scheduler, builds } = harness();
    for (let i = 0; i < 5; i++) {
      scheduler.notify(`change ${i}`);
      await sleep(10);
    }
    expect(builds).toHaveLength(0);
    await sleep(80);
    expect(builds).toHaveLength(1);
    expect(builds[0]!.triggers).toEqual(['change 0', 'change 1', 'change 2', 'change 3', 'change 4']);
    builds[0]!.finish();
    await scheduler.idle();
    expect(builds).toHaveLength(1);
  });

  it('does not wait longer than the maximum while changes keep coming', async () => {
    const { scheduler, builds } = harness({ quietMs: 50, maxWaitMs: 120 });
    let sent = 0;
    while (builds.length === 0 && sent < 100) {
      scheduler.notify('steady trickle');
      sent++;
      await sleep(20);
    }
    // The quiet spell never comes; the maximum wait (about 6 changes in) starts the build.
    expect(builds).toHaveLength(1);
    expect(sent).toBeLessThan(30);
    builds[0]!.finish();
  });

  it('turns every change during a build into exactly one more build, never overlapping', async () => {
    const { scheduler, builds } = harness();
    scheduler.notify('first');
    await sleep(60);
    expect(builds).toHaveLength(1);
    scheduler.notify('during 1');
    scheduler.notify('during 2');
    await sleep(100);
    scheduler.notify('during 3');
    await sleep(100);
    expect(builds).toHaveLength(1); // still one: the first has not finished
    builds[0]!.finish();
    await sleep(80);
    expect(builds).toHaveLength(2);
    expect(builds[1]!.triggers).toEqual(['during 1', 'during 2', 'during 3']);
    expect(builds.some((b) => b.overlapping)).toBe(false);
    builds[1]!.finish();
    await scheduler.idle();
    expect(builds).toHaveLength(2);
  });

  it('keeps going after a failed build', async () => {
    let calls = 0;
    const scheduler = new BuildScheduler(async () => {
      calls++;
      if (calls === 1) throw new Error('boom');
    }, { quietMs: 10, maxWaitMs: 50 });
    scheduler.notify('a');
    await sleep(40);
    scheduler.notify('b');
    await sleep(40);
    await scheduler.idle();
    expect(calls).toBe(2);
  });
});
