import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// ./scripts/bench end to end at a small size: corpus, CMS, builds, publishes and the baseline
// all run, and every figure the issue names is written. (The figures themselves are measured
// by running the bench, never asserted here.)

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const KEYS = [
  'events', 'pages', 'cold_build_s', 'cold_build_peak_rss_mb', 'rebuild_nochange_s', 'publish_to_live_p50_s',
  'sync_full_s', 'images_encoded_during_build', 'event_page_gzip_bytes', 'baseline_ratio',
];

describe('./scripts/bench', () => {
  it('runs on 200 events and writes every key', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-bench-'));
    const out = path.join(work, 'results.json');
    try {
      const run = spawnSync(
        path.join(ROOT, 'scripts/bench'),
        ['--events', '200', '--photos', '6', '--baseline-events', '2', '--baseline-photos', '2', '--publishes', '3', '--work', path.join(work, 'run'), '--out', out],
        { cwd: ROOT, encoding: 'utf8', timeout: 15 * 60_000 },
      );
      expect(run.status, `${run.stdout}\n${run.stderr}`.slice(-4000)).toBe(0);
      const results = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>;
      for (const key of KEYS) expect(typeof results[key], key).toBe('number');
      expect(results.events).toBe(200);
      expect(results.images_encoded_during_build).toBe(0);
      expect(run.stdout).toContain('cold_build_s');
      // The profile of each build counts the pages it made by kind: every event page rendered
      // in the cold build, every one restored from the build cache when nothing changed.
      type Step = { step: string; pages?: number; restored?: number };
      const eventPages = (key: string) => (results[key] as Step[]).find((s) => s.step === 'pages: event pages');
      expect(eventPages('cold_build_profile')).toMatchObject({ pages: 200, restored: 0 });
      expect(eventPages('rebuild_nochange_profile')).toMatchObject({ pages: 200, restored: 200 });
      expect(run.stdout).toContain("Where the cold build's time goes:");
      // The publishes' profile ends with the steps after the build.
      expect((results.publish_profile as Step[]).map((s) => s.step)).toEqual(expect.arrayContaining(['content sync (loader)', 'checks (event count, internal links)', 'deploy (release switch)']));
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 16 * 60_000);
});
