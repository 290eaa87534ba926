import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './helpers/browser.ts';
import { childText, childrenNamed, parseXml, type XmlElement } from './helpers/xml.ts';
import { SITE_URL } from './global-setup.ts';

// robots.txt names the sitemap; the sitemap (read by a strict XML parser) lists every page once
// with a <lastmod> taken from the content (src/lib/lastmod.ts): no later than the build's start,
// an entry's page no earlier than the entry's last change, a listing as new as its newest entry.

const dist = inject('distDir');
const cmsEvents = inject('cmsEvents');
const buildStartedAt = inject('buildStartedAt');
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
/** W3C Datetime as the sitemaps protocol allows it (a date, or a date-time with a zone). */
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

let browser: Browser;
let index: XmlElement;
let urlset: XmlElement;
const lastmod = new Map<string, string>();
beforeAll(async () => {
  browser = await launchChromium();
  const files = ['sitemap-index.xml', ...fs.readdirSync(dist).filter((f) => /^sitemap-\d+\.xml$/.test(f))];
  const parsed = await parseXml(browser, Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(dist, f), 'utf8')])));
  for (const [file, result] of Object.entries(parsed)) if (!result.ok) throw new Error(`${file} is not well-formed XML: ${result.error}`);
  index = (parsed['sitemap-index.xml'] as { root: XmlElement }).root;
  expect(files).toEqual(['sitemap-index.xml', 'sitemap-0.xml']); // one part is all a site of this size needs
  urlset = (parsed['sitemap-0.xml'] as { root: XmlElement }).root;
  for (const url of childrenNamed(urlset, 'url')) lastmod.set(childText(url, 'loc')!, childText(url, 'lastmod')!);
});
afterAll(async () => {
  await browser?.close();
});

const pathOf = (loc: string) => new URL(loc).pathname;

describe('robots.txt and the sitemap', () => {
  it('robots.txt allows crawling and names the sitemap by its absolute address', () => {
    const robots = fs.readFileSync(path.join(dist, 'robots.txt'), 'utf8');
    expect(robots).toMatch(/^User-agent: \*\nAllow: \/\n/);
    const sitemaps = [...robots.matchAll(/^Sitemap: (.+)$/gm)].map((m) => m[1]);
    expect(sitemaps).toEqual([`${SITE_URL}/sitemap-index.xml`]);
    expect(fs.existsSync(path.join(dist, 'sitemap-index.xml'))).toBe(true);
  });

  it('the index lists the sitemap files that exist', () => {
    expect(index.name).toBe('sitemapindex');
    expect(index.namespace).toBe(SITEMAP_NS);
    const locs = childrenNamed(index, 'sitemap').map((s) => childText(s, 'loc')!);
    expect(locs).toEqual([`${SITE_URL}/sitemap-0.xml`]);
  });

  it('lists every page once, each with a <lastmod> from the content, never after the build started', () => {
    expect(urlset.name).toBe('urlset');
    expect(urlset.namespace).toBe(SITEMAP_NS);
    const urls = childrenNamed(urlset, 'url');
    const pages = fs.readdirSync(dist, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('index.html'))
      .map((f) => `${SITE_URL}/${f.replace(/index\.html$/, '')}`)
      .sort();
    expect([...lastmod.keys()].sort()).toEqual(pages);
    expect(urls).toHaveLength(pages.length);
    for (const url of urls) {
      const loc = childText(url, 'loc')!;
      expect(childrenNamed(url, 'lastmod'), loc).toHaveLength(1);
      const date = childText(url, 'lastmod')!;
      expect(date, loc).toMatch(W3C_DATETIME);
      expect(Date.parse(date), loc).toBeLessThan(buildStartedAt);
    }
    console.log(`[sitemap] ${urls.length} URLs, each with <lastmod>; robots.txt and the sitemap index checked`);
    expect(fs.existsSync(path.join(dist, 'sitemap-lastmod.json'))).toBe(false); // the build's hand-over file is not published
  });

  it('dates a report\'s page by its last change, a listing by its newest report, the home page by the newest content', () => {
    for (const e of cmsEvents) {
      const date = lastmod.get(`${SITE_URL}/wydarzenia/${e.slug}/`)!;
      expect(Date.parse(date), e.slug).toBeGreaterThanOrEqual(Date.parse(e.updatedAt));
    }
    const eventPages = [...lastmod.entries()].filter(([loc]) => cmsEvents.some((e) => pathOf(loc) === `/wydarzenia/${e.slug}/`));
    expect(eventPages).toHaveLength(cmsEvents.length);
    const newest = (dates: string[]) => dates.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
    expect(lastmod.get(`${SITE_URL}/wydarzenia/`)).toBe(newest(eventPages.map(([, d]) => d)));
    // A type's listing: as new as the newest report its feed lists.
    for (const [loc, date] of lastmod) {
      const type = /^\/wydarzenia\/rodzaj\/([a-z-]+)\/$/.exec(pathOf(loc))?.[1];
      if (!type) continue;
      const feed = fs.readFileSync(path.join(dist, `wydarzenia/rodzaj/${type}/rss.xml`), 'utf8');
      const listed = [...feed.matchAll(/<link>([^<]+)<\/link>/g)].map((m) => m[1]!).filter((l) => l !== `${SITE_URL}/`);
      expect(listed.length, type).toBeGreaterThan(0);
      expect(date, type).toBe(newest(listed.map((l) => lastmod.get(l)!)));
    }
    expect(lastmod.get(`${SITE_URL}/`)).toBe(newest([...lastmod.values()]));
  });
});
