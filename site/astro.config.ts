import fs from 'node:fs';
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { cmsMedia } from './src/integrations/cms-media.ts';
import { previewRoutes } from './src/integrations/preview-routes.ts';
import { publisherAdapter } from './src/integrations/publisher-adapter.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { siteCacheDir } from './src/lib/cache-dir.ts';

// The public site is plain files for a CDN (the build's client/ part). The CMS address and token
// are read by the content loader from the environment (site/.env fills in what the shell did
// not set); nothing here changes from one content build to the next, because any change of
// this file discards Astro's build cache.
if (fs.existsSync(new URL('.env', import.meta.url))) process.loadEnvFile(new URL('.env', import.meta.url));

const root = new URL('.', import.meta.url);
// Three builds of the same code: the public site as plain files ('static'); the draft preview
// server's on-demand build (SITE_PREVIEW=1); the long-lived publisher's build
// (SITE_BUILD_MODE=publisher): the site's pages on demand, rendered one output at a time from
// content the publisher installs (src/publisher/entry.ts), byte for byte what 'static' writes.
const mode = process.env.SITE_PREVIEW === '1' ? 'preview' : process.env.SITE_BUILD_MODE === 'publisher' ? 'publisher' : 'static';
const integrations = {
  // The sitemap is the site's own routes (src/pages/sitemap-*.xml.ts), so the publisher makes it too.
  static: [cmsMedia(), searchIndex()],
  preview: [previewRoutes()],
  publisher: [],
}[mode];
const adapter = { static: undefined, preview: node({ mode: 'middleware' }), publisher: publisherAdapter() }[mode];

export default defineConfig({
  // The public site: every page prerendered, plain files. With SITE_PREVIEW=1 the same code is
  // built instead as the draft preview server (scripts/preview): on demand, nothing
  // prerendered, its own cache; scripts/site-build/src/site-build.ts does that only when the code changed.
  output: mode === 'static' ? 'static' : 'server',
  ...(adapter ? { adapter } : {}),
  // Canonical URLs, the sitemap and feeds use the public address of the site.
  site: process.env.SITE_URL || 'http://127.0.0.1:4321',
  trailingSlash: 'always',
  cacheDir: `${siteCacheDir(root)}/${{ static: 'astro', preview: 'astro-preview', publisher: 'astro-publisher' }[mode]}`,
  build: {
    format: 'directory',
    // CSS in files, never inline: a strict Content-Security-Policy needs no 'unsafe-inline'.
    inlineStylesheets: 'never',
    // Pages render a few at a time: share cards are drawn by sharp off the main thread.
    concurrency: 4,
  },
  // Scripts in files too, never inline (the search page's script; the CSP allows only 'self').
  // The build's mode, for the few routes that differ (robots.txt: the preview asks robots to stay away).
  vite: { build: { assetsInlineLimit: 0 }, define: { __CUS_SITE_MODE__: JSON.stringify(mode) } },
  // No image is encoded by any build: CMS photos come in the formats the CMS made at upload,
  // and the site's own images are plain files (src/assets, see BaseLayout.astro).
  // Pages whose cache key (see src/lib/cache-key.ts) and code did not change are restored from
  // the build cache instead of rendered again.
  experimental: { incrementalBuild: true },
  integrations,
});
