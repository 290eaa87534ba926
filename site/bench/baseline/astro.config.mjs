import { defineConfig } from 'astro/config';

// The comparison build of ./scripts/bench: the approach of Astro's own Strapi guide (data
// fetched in getStaticPaths over REST, photos optimized by astro:assets at build time), made to
// produce the same responsive set as the real site (AVIF and WebP at three widths, JPEG
// fallback). Not part of the product; never deployed.
const cms = new URL(process.env.STRAPI_URL ?? 'http://127.0.0.1:1337');

export default defineConfig({
  output: 'static',
  cacheDir: process.env.BASELINE_CACHE_DIR ?? './.cache',
  image: {
    remotePatterns: [{ protocol: cms.protocol.replace(':', ''), hostname: cms.hostname, port: cms.port }],
  },
});
