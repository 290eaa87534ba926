import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { siteCacheDir } from '../lib/cache-dir.ts';
import { linkTree } from '../lib/fs-links.ts';

// The search index, made with Pagefind from the built pages (reports, people, institutions:
// the pages marked data-pagefind-body), in Polish, written to /pagefind/ beside them. Search
// runs in the visitor's browser: no server, nothing sent anywhere. Indexing 17,000 pages takes
// most of a minute, so the index is kept in the build cache and reused while no page changed.
//
// SEARCH_INDEX=later (set by the rebuild service for builds that follow an editor's change):
// when the previous index was made from at least SEARCH_DEFER_MIN_PAGES HTML pages (default 1000), the
// build ships that previous index and says so in its log ("search index deferred"); the
// service then makes the new index in a build of its own, once the changed pages are live.

const INDEXED = /data-pagefind-body/;

/** A hash over every page the index is made of. */
function pagesDigest(outDir: string): string {
  const hash = createHash('sha256');
  const files = fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).sort();
  for (const f of files) {
    const html = fs.readFileSync(path.join(outDir, f));
    if (!INDEXED.test(html.toString('latin1'))) continue;
    hash.update(f).update('\0').update(html);
  }
  return hash.digest('hex');
}

const readOr = (file: string, fallback: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : fallback);

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
        const outDir = fileURLToPath(dir);
        const target = path.join(outDir, 'pagefind');
        const cache = path.join(siteCacheDir(root), 'search');
        const digest = pagesDigest(outDir);
        const digestFile = path.join(cache, 'pages.sha256');
        const cached = fs.existsSync(path.join(cache, 'pagefind')) && fs.existsSync(digestFile);
        if (cached && fs.readFileSync(digestFile, 'utf8') === digest) {
          linkTree(path.join(cache, 'pagefind'), target);
          logger.info(`search index unchanged: reused (${Date.now() - started} ms)`);
          return;
        }
        const cachedPages = cached ? Number(readOr(path.join(cache, 'pages.count'), '0')) : 0;
        if (process.env.SEARCH_INDEX === 'later' && cached && cachedPages >= Number(process.env.SEARCH_DEFER_MIN_PAGES || 1000)) {
          linkTree(path.join(cache, 'pagefind'), target);
          logger.info(`search index deferred: the previous index (${cachedPages} pages) ships with this build (${Date.now() - started} ms)`);
          return;
        }
        let pageCount: number;
        const { index, errors } = await pagefind.createIndex({ forceLanguage: 'pl' });
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        try {
          const added = await index.addDirectory({ path: outDir });
          if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: target });
          if (written.errors.length > 0) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
          pageCount = added.page_count;
          logger.info(`search index of ${added.page_count} pages in ${Date.now() - started} ms`);
        } finally {
          await pagefind.close();
        }
        // Keep a copy for the next build (written beside, then swapped in).
        fs.rmSync(`${cache}.next`, { recursive: true, force: true });
        linkTree(target, path.join(`${cache}.next`, 'pagefind'));
        fs.writeFileSync(path.join(`${cache}.next`, 'pages.sha256'), digest);
        fs.writeFileSync(path.join(`${cache}.next`, 'pages.count'), String(pageCount));
        fs.rmSync(cache, { recursive: true, force: true });
        fs.renameSync(`${cache}.next`, cache);
      },
    },
  };
}
