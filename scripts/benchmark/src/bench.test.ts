import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// ./scripts/bench end to end at a small size: corpus, CMS, the publisher's cold start, a
// no-change reconcile, edits and new events through webhooks until served, and the baseline
// all run, and every figure the issue names is written. (The figures themselves are measured
// by running the bench, never asserted here.)

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const KEYS = [
  'events', 'pages', 'corpus_load_s',
  'cold_build_s', 'cold_build_peak_rss_mb', 'publisher_rss_mb', 'publisher_rss_after_publish_mb', 'reserves_ready_s',
  'publish_to_live_p50_s', 'publish_to_live_max_s', 'new_event_to_live_p50_s', 'new_event_live_phase',
  'sync_full_s', 'reconcile_nochange_s', 'reconcile_deep_s', 'pages_rendered_per_publish',
  'images_encoded_during_build', 'baseline_ratio', 'event_page_gzip_bytes',
  'import_items_per_s', 'import_peak_rss_mb', 'import_retained_heap_mb', 'search_base_records', 'search_base_s',
];

describe('./scripts/bench', () => {
  it('runs on 200 events and writes every key', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-bench-'));
    const out = path.join(work, 'results.json');
    try {
      const run = spawnSync(
        path.join(ROOT, 'scripts/bench'),
        ['--events', '200', '--photos', '6', '--baseline-events', '2', '--baseline-photos', '2', '--publishes', '3', '--new-events', '2', '--import-mb', '2', '--work', path.join(work, 'run'), '--out', out],
        { cwd: ROOT, encoding: 'utf8', timeout: 15 * 60_000 },
      );
      expect(run.status, `${run.stdout}\n${run.stderr}`.slice(-4000)).toBe(0);
      const results = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>;
      for (const key of KEYS) expect(typeof results[key], key).toBe('number');
      expect(results.events).toBe(200);
      expect(results.images_encoded_during_build).toBe(0);
      // Every published event is a search record of the base index; the dry run imported reports.
      expect(results.search_base_records).toBeGreaterThanOrEqual(200);
      expect(results.import_items).toBeGreaterThan(0);
      // An edit re-renders what shows the event, not the whole site.
      expect(results.pages_rendered_per_publish).toBeGreaterThan(0);
      expect(results.pages_rendered_per_publish).toBeLessThan(results.pages as number);
      expect(run.stdout).toContain('cold_build_s');
      expect(run.stdout).toContain('Cold start');
      // The profiles are the publisher's reported timings, with the steps around them.
      type Step = { step: string; seconds: number; pages?: number };
      const steps = (key: string) => (results[key] as Step[]).map((s) => s.step);
      expect(steps('cold_build_profile')).toEqual(expect.arrayContaining(['sync (CMS → memory)', 'render (changed outputs, each written as it comes)', 'switch (release live)']));
      expect(steps('publish_profile')).toEqual(expect.arrayContaining(['webhook and coalescing (REBUILD_QUIET_MS)', 'publisher, until its first phase was live', 'until served (first phase live → seen over HTTP)']));
      // Of a publish: the publisher's steps summed over its phases.
      expect(steps('publish_profile')).toContainEqual(expect.stringMatching(/^all \d phase\(s\): render \(changed outputs, each written as it comes\)$/));
      expect(steps('new_event_profile')).toContainEqual(expect.stringMatching(/^all \d phase\(s\): render \(changed outputs, each written as it comes\)$/));
      expect(steps('reconcile_nochange_profile')).toContain('render (changed outputs, each written as it comes)');
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 16 * 60_000);
});
