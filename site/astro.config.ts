import fs from 'node:fs';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { cmsMedia } from './src/integrations/cms-media.ts';
import { previewRoutes } from './src/integrations/preview-routes.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { sitemapLastmod } from './src/integrations/sitemap-lastmod.ts';
import { siteCacheDir } from './src/lib/cache-dir.ts';

// The public site is plain files for a CDN (the build's client/ part). The CMS address and token
// are read by the content loader from the environment (site/.env fills in what the shell did
// not set); nothing here changes from one content build to the next, because any change of
// this file discards Astro's build cache.
if (fs.existsSync(new URL('.env', import.meta.url))) process.loadEnvFile(new URL('.env', import.meta.url));

const root = new URL('.', import.meta.url);
const preview = process.env.SITE_PREVIEW === '1';
// <lastmod> of each sitemap URL: the content's own dates, taken from the build (see the integration).
const lastmod = sitemapLastmod();

export default defineConfig({
  // The public site: every page prerendered, plain files. With SITE_PREVIEW=1 the same code is
  // built instead as the draft preview server (scripts/src/preview): on demand, nothing
  // prerendered, its own cache; scripts/src/site-build.ts does that only when the code changed.
  output: preview ? 'server' : 'static',
  ...(preview ? { adapter: node({ mode: 'middleware' }) } : {}),
  // Canonical URLs, the sitemap and feeds use the public address of the site.
  site: process.env.SITE_URL || 'http://127.0.0.1:4321',
  trailingSlash: 'always',
  cacheDir: `${siteCacheDir(root)}/${preview ? 'astro-preview' : 'astro'}`,
  build: {
    format: 'directory',
    // CSS in files, never inline: a strict Content-Security-Policy needs no 'unsafe-inline'.
    inlineStylesheets: 'never',
    // Pages render a few at a time: share cards are drawn by sharp off the main thread.
    concurrency: 4,
  },
  // Scripts in files too, never inline (the search page's script; the CSP allows only 'self').
  vite: { build: { assetsInlineLimit: 0 } },
  // astro:assets handles only the site's own images in src/assets (CMS photos never pass
  // through it): the default share image is our own SVG, rasterized to PNG for social sites.
  image: { dangerouslyProcessSVG: true },
  // Pages whose cache key (see src/lib/cache-key.ts) and code did not change are restored from
  // the build cache instead of rendered again.
  experimental: { incrementalBuild: true },
  integrations: preview ? [previewRoutes()] : [lastmod.integration, sitemap({ filter: (page) => !page.includes('/404'), serialize: lastmod.serialize }), cmsMedia(), searchIndex()],
});
