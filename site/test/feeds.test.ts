import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EVENT_TYPES, EVENT_TYPE_LABELS, slugify, type EventType } from '@cus/shared';
import { launchChromium } from './helpers/browser.ts';
import { decode } from './helpers/html.ts';
import { childText, childrenNamed, parseXml, type XmlElement, type XmlResult } from './helpers/xml.ts';
import { EXTRA_EVENTS, SITE_URL, UPCOMING_EVENT } from './global-setup.ts';

// The RSS feeds of the seed build, read by a strict XML parser (Chromium's): RSS 2.0's required
// elements, the feed's own address (atom:link rel="self"), each item dated when its report was
// published in the CMS (never the build time), no ".." in a description; a feed exists only
// where it has items, and pages link the feeds that exist.

const dist = inject('distDir');
const cmsEvents = inject('cmsEvents');
const buildStartedAt = inject('buildStartedAt');
const seed = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../cms/seed/reports.json'), 'utf8')) as { events: { title: string; type: EventType }[] };
const typeOfSlug = new Map<string, EventType>(
  [...seed.events, UPCOMING_EVENT, ...EXTRA_EVENTS].map((e) => [slugify(e.title), e.type as EventType]),
);
const typeSlug = (t: EventType) => t.replace(/_/g, '-');
const usedTypes = EVENT_TYPES.filter((t) => [...typeOfSlug.values()].includes(t));
const unusedTypes = EVENT_TYPES.filter((t) => !usedTypes.includes(t));
const feedFiles = ['rss.xml', ...usedTypes.map((t) => `wydarzenia/rodzaj/${typeSlug(t)}/rss.xml`)];
const htmlFiles = fs.readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));

const RFC_822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/;
const ATOM = 'http://www.w3.org/2005/Atom';

let browser: Browser;
let parsed: Record<string, XmlResult>;
beforeAll(async () => {
  browser = await launchChromium();
  parsed = await parseXml(browser, Object.fromEntries(feedFiles.map((f) => [f, fs.readFileSync(path.join(dist, f), 'utf8')])));
});
afterAll(async () => {
  await browser?.close();
});

const channelOf = (file: string): XmlElement => {
  const result = parsed[file]!;
  if (!result.ok) throw new Error(`${file} is not well-formed XML: ${result.error}`);
  expect(result.root.name).toBe('rss');
  expect(result.root.attributes.version).toBe('2.0');
  const channels = childrenNamed(result.root, 'channel');
  expect(channels).toHaveLength(1);
  return channels[0]!;
};
/** Alternate feed links in a page's head. */
const feedLinksOf = (html: string) =>
  [...html.matchAll(/<link rel="alternate" type="application\/rss\+xml"[^>]*href="([^"]+)"/g)].map((m) => decode(m[1]!));

describe('the RSS feeds', () => {
  it('exist for the whole site and for each type with reports, never empty', () => {
    expect(fs.existsSync(path.join(dist, 'rss.xml'))).toBe(true);
    for (const t of usedTypes) expect(fs.existsSync(path.join(dist, `wydarzenia/rodzaj/${typeSlug(t)}/rss.xml`)), t).toBe(true);
    expect(unusedTypes.length).toBeGreaterThan(0); // the seed leaves some types empty: they must have no feed
    for (const t of unusedTypes) expect(fs.existsSync(path.join(dist, `wydarzenia/rodzaj/${typeSlug(t)}`)), t).toBe(false);
    const all = fs.readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('rss.xml')).sort();
    expect(all).toEqual([...feedFiles].sort());
    console.log(`[feeds] ${feedFiles.length} feeds checked (${feedFiles.join(', ')})`);
  });

  it.each(feedFiles.map((f) => [f] as const))('%s is well-formed RSS 2.0 with its self link, dated items and clean descriptions', (file) => {
    const channel = channelOf(file);
    for (const name of ['title', 'link', 'description']) expect(childText(channel, name)?.trim(), name).toBeTruthy();
    expect(childText(channel, 'link')).toBe(`${SITE_URL}/`);
    expect(childText(channel, 'language')).toBe('pl');
    const self = childrenNamed(channel, 'atom:link');
    expect(self).toHaveLength(1);
    expect(self[0]!.namespace).toBe(ATOM);
    expect(self[0]!.attributes).toEqual({ href: `${SITE_URL}/${file}`, rel: 'self', type: 'application/rss+xml' });

    const items = childrenNamed(channel, 'item');
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(50);
    const type = file === 'rss.xml' ? null : usedTypes.find((t) => file.includes(`/${typeSlug(t)}/`))!;
    const expectedSlugs = [...typeOfSlug.entries()].filter(([, t]) => type === null || t === type).map(([s]) => s).sort();
    const slugs: string[] = [];
    for (const item of items) {
      const link = childText(item, 'link')!;
      const slug = /^http:\/\/127\.0\.0\.1:4321\/wydarzenia\/([a-z0-9-]+)\/$/.exec(link)?.[1];
      expect(slug, link).toBeDefined();
      slugs.push(slug!);
      expect(childText(item, 'title')?.trim()).toBeTruthy();
      expect(childText(item, 'guid')).toBe(link);
      const description = childText(item, 'description')!;
      expect(description.trim()).toBeTruthy();
      expect(description, link).not.toContain('..');
      if (type) expect(childText(item, 'category')).toBe(EVENT_TYPE_LABELS[type]);
      // The publication date of the report in the CMS, to the second; never the build's time.
      const pubDate = childText(item, 'pubDate')!;
      expect(pubDate).toMatch(RFC_822);
      const published = cmsEvents.find((e) => e.slug === slug)!.publishedAt;
      expect(new Date(pubDate).toISOString(), slug).toBe(new Date(Math.floor(Date.parse(published) / 1000) * 1000).toISOString());
      expect(Date.parse(pubDate)).toBeLessThan(buildStartedAt);
    }
    expect(slugs.sort()).toEqual(expectedSlugs);
  });

  it('is linked from every page\'s head (the site feed) and from each type\'s listing pages (its own feed), only where the feed exists', () => {
    for (const file of htmlFiles) {
      const links = feedLinksOf(fs.readFileSync(path.join(dist, file), 'utf8'));
      expect(links[0], file).toBe(`${SITE_URL}/rss.xml`);
      for (const href of links) expect(fs.existsSync(path.join(dist, new URL(href).pathname)), `${file} → ${href}`).toBe(true);
    }
    for (const t of usedTypes) {
      const pages = htmlFiles.filter((f) => f.startsWith(`wydarzenia/rodzaj/${typeSlug(t)}/`));
      expect(pages.length).toBeGreaterThan(0);
      for (const page of pages) {
        expect(feedLinksOf(fs.readFileSync(path.join(dist, page), 'utf8')), page).toEqual([`${SITE_URL}/rss.xml`, `${SITE_URL}/wydarzenia/rodzaj/${typeSlug(t)}/rss.xml`]);
      }
    }
    // No page points at a feed that was not made.
    for (const file of htmlFiles) {
      const html = fs.readFileSync(path.join(dist, file), 'utf8');
      for (const t of unusedTypes) expect(html, file).not.toContain(`/wydarzenia/rodzaj/${typeSlug(t)}/rss.xml`);
    }
  });

  it('is a check that can fail: the parser refuses a broken feed and an undeclared atom: prefix', async () => {
    const results = await parseXml(browser, {
      unclosed: '<rss version="2.0"><channel><title>a</title></rss>',
      prefix: '<rss version="2.0"><channel><atom:link href="x" rel="self"/></channel></rss>',
      fine: '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><atom:link href="x" rel="self"/></channel></rss>',
    });
    expect(results.unclosed!.ok).toBe(false);
    expect(results.prefix!.ok).toBe(false);
    expect(results.fine!.ok).toBe(true);
  });
});
