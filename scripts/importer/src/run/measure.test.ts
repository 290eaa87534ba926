import { expect, it } from 'vitest';
import { measureImport } from './measure.ts';

// The bench's figures on a small generated export (the bench runs it large): they are produced
// and plausible; the numbers themselves are printed, not asserted.
it('measures a dry run of a generated export: items per second and memory', async () => {
  const m = await measureImport({ targetBytes: 2 * 1024 * 1024 });
  console.log(`import --dry-run: ${m.items} reports from ${(m.fileBytes / 1e6).toFixed(1)} MB in ${m.seconds.toFixed(1)} s = ${m.itemsPerSecond.toFixed(1)}/s, peak RSS ${m.peakRssMb} MB, peak heap ${m.peakHeapMb} MB`);
  expect(m.fileBytes).toBeGreaterThanOrEqual(2 * 1024 * 1024);
  expect(m.items).toBeGreaterThan(50);
  // Every tenth generated post is a draft: skipped, not imported.
  expect(m.entries).toBeGreaterThan(m.items);
  expect(m.itemsPerSecond).toBeGreaterThan(0);
  expect(m.peakRssMb).toBeGreaterThan(0);
});
