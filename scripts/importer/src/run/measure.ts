import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateWordPressExport } from '../wordpress/index.ts';
import { readWordPressExport } from '../wordpress/index.ts';
import { runImport } from './run.ts';

// The importer's figures for the bench (`./scripts/bench --import-mb N`, in a process of its
// own): a generated WordPress export of the size asked for, imported with --dry-run and no CMS
// (reading, conversion, suggestions, summary; no images, no network), timed, with the
// process's peak memory and, under node --expose-gc, the heap it keeps.

export interface ImportMeasurement {
  fileBytes: number;
  /** Entries read (posts imported in the dry run, drafts skipped). */
  entries: number;
  items: number;
  seconds: number;
  itemsPerSecond: number;
  /** Peak resident memory of the process over the run, MB. */
  peakRssMb: number;
  /** Peak V8 heap sampled during the run, MB (garbage included). */
  peakHeapMb: number;
  /** Largest heap left after a full collection, sampled each second, MB: what the run keeps
   *  (only with node --expose-gc; null otherwise). */
  retainedHeapMb: number | null;
}

export async function measureImport(options: { targetBytes?: number; dir?: string } = {}): Promise<ImportMeasurement> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cus-import-measure-'));
  const file = path.join(dir, 'export.xml');
  try {
    const generated = await generateWordPressExport(file, { targetBytes: options.targetBytes ?? 50 * 1024 * 1024 });
    let peakHeap = 0;
    let peakRss = 0;
    const sample = () => {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
    };
    const timer = setInterval(sample, 50);
    const gc = (globalThis as { gc?: () => void }).gc;
    let retained = 0;
    const collect = gc
      ? setInterval(() => {
          gc();
          retained = Math.max(retained, process.memoryUsage().heapUsed);
        }, 1000)
      : undefined;
    const started = performance.now();
    try {
      const opened = await readWordPressExport(file);
      const summary = await runImport({ system: 'wordpress', source: file, site: opened.site, entries: opened.entries, dryRun: true, siteUrl: 'https://cus.example' });
      const seconds = (performance.now() - started) / 1000;
      sample();
      const items = summary.items.filter((i) => i.status === 'would_create').length;
      return {
        fileBytes: generated.bytes,
        entries: summary.items.length,
        items,
        seconds,
        itemsPerSecond: items / seconds,
        peakRssMb: Math.round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024),
        peakHeapMb: Math.round(peakHeap / 1024 / 1024),
        retainedHeapMb: gc ? Math.round(retained / 1024 / 1024) : null,
      };
    } finally {
      clearInterval(timer);
      clearInterval(collect);
    }
  } finally {
    if (!options.dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}
