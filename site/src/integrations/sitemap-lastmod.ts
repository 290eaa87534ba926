import fs from 'node:fs';
import type { SitemapItem } from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import { SITE_DATES_FILE, lastmodFor, type SiteDates } from '../lib/site-dates.ts';

// <lastmod> for every URL of the sitemap. The pages' dates come from the content, which only
// the build's routes can read: src/pages/sitemap-lastmod.json.ts writes them into the output,
// this integration (listed before @astrojs/sitemap, whose hook runs after it) takes them out of
// the output at the end of the build, and the sitemap's `serialize` looks each URL up.
export function sitemapLastmod(): { integration: AstroIntegration; serialize: (item: SitemapItem) => SitemapItem } {
  let dates: SiteDates | undefined;
  return {
    integration: {
      name: 'cus-sitemap-lastmod',
      hooks: {
        'astro:build:done': ({ dir }) => {
          const file = new URL(SITE_DATES_FILE, dir);
          dates = JSON.parse(fs.readFileSync(file, 'utf8')) as SiteDates;
          fs.rmSync(file);
        },
      },
    },
    serialize(item) {
      if (!dates) throw new Error(`${SITE_DATES_FILE} was not read: the sitemap-lastmod integration must come before the sitemap`);
      return { ...item, lastmod: lastmodFor(dates, new URL(item.url).pathname) };
    },
  };
}
