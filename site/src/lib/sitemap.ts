import { siteDates } from './lastmod.ts';
import { lastmodFor } from './site-dates.ts';
import { perContentVersion } from './site-content.ts';
import { listSitePaths } from './site-paths.ts';

// The sitemap (sitemap-index.xml, sitemap-0.xml …), made by the site's own routes so that a
// static build and the publisher write it alike: every page the routes make (not the
// not-found page), sorted as @astrojs/sitemap sorted them, each with its <lastmod> from the
// content (src/lib/lastmod.ts), never the build time. The same bytes as that integration wrote.

/** URLs per sitemap file (@astrojs/sitemap's entryLimit). */
export const SITEMAP_LIMIT = 45_000;

// The pages (not endpoints) of the site, imported when listed.
const pageModules = import.meta.glob('../pages/**/*.astro');

export interface SitemapEntry {
  loc: string;
  lastmod: string;
}

const STATUS_PAGES = new Set(['404.html', '500.html']);
// @astrojs/sitemap's order: a.localeCompare(b, 'en', { numeric: true }), with one collator.
const byUrl = new Intl.Collator('en', { numeric: true });
// What the `sitemap` package strips and escapes in a text node.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const text = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(INVALID_XML, '');

/** The site's public address (astro.config.ts `site`). */
export const siteUrl = () => new URL(import.meta.env.SITE);

/** Every sitemap URL with its date, in the sitemap's order; computed once per content version. */
export const sitemapEntries: () => Promise<SitemapEntry[]> = perContentVersion(() => makeEntries(siteUrl()));

async function makeEntries(site: URL): Promise<SitemapEntry[]> {
  const [paths, dates] = await Promise.all([listSitePaths(pageModules), siteDates()]);
  const pages = paths.filter((p) => !STATUS_PAGES.has(p.file));
  return sortedLocs(site, pages.map((p) => p.pathname)).map(({ loc, pathname }) => ({ loc, lastmod: lastmodFor(dates, pathname) }));
}

// The sorted addresses, made again only when the set of pages changed (most publishes change
// dates, not pages; sorting 17,000 addresses with the collator took 50 ms).
let sorted: { site: string; listed: string; locs: { loc: string; pathname: string }[] } | undefined;
function sortedLocs(site: URL, pathnames: string[]): { loc: string; pathname: string }[] {
  const listed = pathnames.join('\n');
  if (sorted?.site === site.href && sorted.listed === listed) return sorted.locs;
  const locs = pathnames.map((pathname) => ({ loc: new URL(pathname, site).href, pathname })).sort((a, b) => byUrl.compare(a.loc, b.loc));
  sorted = { site: site.href, listed, locs };
  return locs;
}

/** The number of sitemap files (at least one). */
export const sitemapCount = (entries: SitemapEntry[]) => Math.max(1, Math.ceil(entries.length / SITEMAP_LIMIT));

export function sitemapXml(entries: SitemapEntry[]): string {
  const urls = entries.map((e) => `<url><loc>${text(e.loc)}</loc><lastmod>${text(e.lastmod)}</lastmod></url>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" xmlns:video="http://www.google.com/schemas/sitemap-video/1.1">' +
    `${urls}</urlset>`
  );
}

/** The index of the sitemap files; each file's date is the newest of its URLs. */
export function sitemapIndexXml(entries: SitemapEntry[], site: URL): string {
  const files = Array.from({ length: sitemapCount(entries) }, (_, i) => {
    const chunk = entries.slice(i * SITEMAP_LIMIT, (i + 1) * SITEMAP_LIMIT);
    const newest = chunk.reduce<string | null>((max, e) => (max === null || e.lastmod > max ? e.lastmod : max), null);
    return `<sitemap><loc>${text(new URL(`/sitemap-${i}.xml`, site).href)}</loc>${newest ? `<lastmod>${text(newest)}</lastmod>` : ''}</sitemap>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${files.join('')}</sitemapindex>`;
}

export const xmlResponse = (body: string) => new Response(body, { headers: { 'content-type': 'application/xml; charset=utf-8' } });
