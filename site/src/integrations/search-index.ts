import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { siteCacheDir } from '../lib/cache-dir.ts';
import { reportSearchDeferred } from '../loader/build-report.ts';
import { linkTree } from '../lib/fs-links.ts';
import { takeSearchRecords } from '../lib/search-handoff.ts';
import { PAGEFIND_CONFIG, pagefindRecord, type SearchRecord } from '../lib/search-records.ts';

// The search index, made with Pagefind from records of every report, person and institution
// (src/lib/search-records.ts: made from the content, as the long-lived publisher makes them, so
// both make the same index from the same content), in Polish, written to /pagefind/. Search runs
// in the visitor's browser: no server, nothing sent anywhere. Indexing 10,000 reports takes a
// while, so the index is kept in the build cache and reused while no record changed.
//
// SEARCH_INDEX=later (set by the rebuild service for builds that follow an editor's change):
// when the previous index was made from at least SEARCH_DEFER_MIN_PAGES records (default 1000),
// the build ships that previous index and says so in its report (SITE_BUILD_REPORT, as data) and
// its log; the service then makes the new index in a build of its own, once the changed pages are live.

const readOr = (file: string, fallback: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : fallback);

/** Writes the Pagefind bundle of `records` to `outputPath`. */
async function writeIndex(records: readonly SearchRecord[], outputPath: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex(PAGEFIND_CONFIG);
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    // Many records in flight at a time: Pagefind's process answers each message on its own.
    for (let i = 0; i < records.length; i += 256) {
      await Promise.all(
        records.slice(i, i + 256).map(async (record) => {
          const added = await index.addCustomRecord(pagefindRecord(record));
          if (added.errors.length > 0) throw new Error(`Pagefind could not index ${record.url}: ${added.errors.join('; ')}`);
        }),
      );
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
}

export function searchIndex(): AstroIntegration {
  let root: URL;
  return {
    name: 'cus-search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = config.root;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = Date.now();
        const records = takeSearchRecords();
        if (!records) throw new Error('The search page (src/pages/szukaj.astro) left no search records: it must render in every static build.');
        const outDir = fileURLToPath(dir);
        const target = path.join(outDir, 'pagefind');
        const cache = path.join(siteCacheDir(root), 'search');
        const recordsJson = JSON.stringify(records);
        const digest = createHash('sha256').update(recordsJson).digest('hex');
        const digestFile = path.join(cache, 'records.sha256');
        const cached = fs.existsSync(path.join(cache, 'pagefind')) && fs.existsSync(digestFile);
        if (cached && fs.readFileSync(digestFile, 'utf8') === digest) {
          linkTree(path.join(cache, 'pagefind'), target);
          logger.info(`search index unchanged: reused (${Date.now() - started} ms)`);
          return;
        }
        const cachedPages = cached ? Number(readOr(path.join(cache, 'pages.count'), '0')) : 0;
        if (process.env.SEARCH_INDEX === 'later' && cached && cachedPages >= Number(process.env.SEARCH_DEFER_MIN_PAGES || 1000)) {
          linkTree(path.join(cache, 'pagefind'), target);
          // Told to whoever runs the build as data (SITE_BUILD_REPORT); the log line is for people.
          reportSearchDeferred(cachedPages);
          logger.info(`search index deferred: the previous index (${cachedPages} pages) ships with this build (${Date.now() - started} ms)`);
          return;
        }
        await writeIndex(records, target);
        logger.info(`search index of ${records.length} pages in ${Date.now() - started} ms`);
        // Keep a copy for the next build (written beside, then swapped in), with the records it was made of.
        fs.rmSync(`${cache}.next`, { recursive: true, force: true });
        linkTree(target, path.join(`${cache}.next`, 'pagefind'));
        fs.writeFileSync(path.join(`${cache}.next`, 'records.sha256'), digest);
        fs.writeFileSync(path.join(`${cache}.next`, 'records.json'), recordsJson);
        fs.writeFileSync(path.join(`${cache}.next`, 'pages.count'), String(records.length));
        fs.rmSync(cache, { recursive: true, force: true });
        fs.renameSync(`${cache}.next`, cache);
      },
    },
  };
}
