import { defineConfig } from 'astro/config';

// Static output only: the built site is plain files for a CDN. Values that change per
// environment (STRAPI_URL, STRAPI_TOKEN) are read at build time from process.env, never
// here: a change of this file discards Astro's incremental build cache (TOOLCHAIN.md).
export default defineConfig({
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory' },
});
