import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readTemplate, startCms, type CmsProcess } from '@cus/testing/cms-process';
import { COLLECTION_NAMES, memoryContext, siteContentOf, syncCollection, type CollectionName, type PublisherEntry, type SiteContent, type SitePath } from '../src/publisher/index.ts';
import { axeContext, axeProblems, servedSiteInBrowser } from './helpers/browser.ts';
import { buildPublisher, loadEntry } from './helpers/publisher-build.ts';
import { vnuErrors } from './helpers/vnu.ts';
import { SITE_URL } from './global-setup.ts';

// Listings large enough to have numbered pages (the seed has one page per listing): the seed's
// reports and 60 more made from them, rendered by the publisher build of the real site. A change
// must change the cache key of exactly the listing pages that show it, and a page whose key
// stayed must render the same bytes (the key covers all it shows). Numbered pages show nothing
// that depends on the listing's size, so a new event does not touch the older numbered pages.

let cms: CmsProcess;
let entry: PublisherEntry;
let base: SiteContent;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-listing-fanout-'));
const served = path.join(work, 'served');
fs.mkdirSync(served, { recursive: true });
const site = servedSiteInBrowser(served);

const COPIES = 60;
/** The synthetic reports: one a week from 2021-01-04 to 2022-02-21, in the seed's types and places. */
const copyDate = (n: number) => new Date(Date.UTC(2021, 0, 4 + 7 * n)).toISOString().slice(0, 10);

/** An event's dates as one day: its first part, moved. */
const oneDay = (data: Record<string, unknown>, start: string) => [{ ...(data.dates as Record<string, unknown>[])[0], start, end: null }];

beforeAll(async () => {
  cms = await startCms(readTemplate(inject('templateDir')));
  const [publisher] = await Promise.all([buildPublisher(path.join(work, 'publisher', 'out'), { SITE_URL, SITE_CACHE_DIR: path.join(work, 'publisher-cache') })]);
  fs.cpSync(path.join(publisher.dir, 'client'), served, { recursive: true });
  process.env.SITE_CACHE_DIR = path.join(work, 'sync-cache');
  const stores = Object.fromEntries(COLLECTION_NAMES.map((c) => [c, memoryContext(c, work)])) as Record<CollectionName, ReturnType<typeof memoryContext>>;
  for (const c of COLLECTION_NAMES) await syncCollection(c, stores[c], { url: cms.url, token: cms.readToken });
  base = siteContentOf('seed', stores);
  await cms.stop();
  const seed = base.collections.events;
  const copies = Array.from({ length: COPIES }, (_, n) => {
    const from = seed[n % seed.length]!;
    const data = { ...structuredClone(from.data), slug: `kopia-${n}`, documentId: `kopia-${n}`, title: `Kopia relacji nr ${n}`, dates: oneDay(from.data, copyDate(n)) };
    return { ...from, id: `kopia-${n}`, data, digest: `kopia-${n}-v1` };
  });
  base = { ...base, collections: { ...base.collections, events: [...seed, ...copies] } };
  entry = await loadEntry(publisher.dir);
}, 300_000);

afterAll(async () => {
  await cms?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

type Keys = Map<string, SitePath>;
async function keysOf(content: SiteContent): Promise<Keys> {
  entry.installContent(content);
  return new Map((await entry.listPaths()).map((p) => [p.pathname, p]));
}
/** The keyed outputs whose key changed, appeared or went. */
function changed(before: Keys, after: Keys): string[] {
  const out = new Set<string>();
  for (const [p, a] of after) if (a.cacheKey !== null && before.get(p)?.cacheKey !== a.cacheKey) out.add(p);
  for (const p of before.keys()) if (!after.has(p)) out.add(p);
  return [...out].sort();
}
const LISTING = /^\/wydarzenia\/(?:(?:rok|rodzaj|wojewodztwo)\/[^/]+\/)?(?:strona\/\d+\/)?$/;

/** Every listing page of both versions whose key did not change renders the same bytes in both. */
async function expectUnchangedKeysSameBytes(before: SiteContent, after: SiteContent, beforeKeys: Keys, afterKeys: Keys) {
  const same = [...afterKeys.values()].filter((p) => LISTING.test(p.pathname) && p.cacheKey !== null && beforeKeys.get(p.pathname)?.cacheKey === p.cacheKey);
  expect(same.length).toBeGreaterThan(5);
  entry.installContent(before);
  const old = await Promise.all(same.map((p) => entry.render(p)));
  entry.installContent(after);
  for (const [i, p] of same.entries()) expect(Buffer.from(await entry.render(p)).equals(Buffer.from(old[i]!)), p.pathname).toBe(true);
}

const eventOf = (content: SiteContent, slug: string) => content.collections.events.find((e) => e.data.slug === slug)!;
function edited(content: SiteContent, slug: string, change: Record<string, unknown>, version: string): SiteContent {
  const events = content.collections.events.map((e) => (e.data.slug === slug ? { ...e, data: { ...structuredClone(e.data), ...change }, digest: `${e.digest}-${version}` } : e));
  return { ...content, version, collections: { ...content.collections, events } };
}

describe('listing pages with numbered pages', () => {
  it('a new event changes its own outputs, the front pages of its listings and the newest numbered pages, not the older numbered pages', async () => {
    const before = await keysOf(base);
    const mainPages = [...before.keys()].filter((p) => /^\/wydarzenia\/strona\/\d+\/$/.test(p));
    expect(mainPages.length).toBeGreaterThanOrEqual(3);
    // The newest event of an existing year, type and województwo (no new archive link): 2023, as the seed's newest is.
    const model = base.collections.events.find((e) => (e.data.venue as { voivodeship?: string } | null)?.voivodeship)!;
    const data = { ...structuredClone(model.data), slug: 'nowa-relacja', documentId: 'nowa-relacja', title: 'Nowa relacja', dates: oneDay(model.data, '2023-12-30') };
    const after: SiteContent = { ...base, version: 'new', collections: { ...base.collections, events: [...base.collections.events, { ...model, id: 'nowa-relacja', data, digest: 'nowa-v1' }] } };
    const afterKeys = await keysOf(after);
    const listings = changed(before, afterKeys).filter((p) => LISTING.test(p));
    const type = String(model.data.type).replace(/_/g, '-');
    const region = String((model.data.venue as { voivodeship: string }).voivodeship).replace(/_/g, '-');
    const newest = (listing: string) => Math.max(0, ...[...afterKeys.keys()].filter((p) => p.startsWith(`${listing}strona/`)).map((p) => Number(/strona\/(\d+)\//.exec(p)![1])));
    const expected = ['/wydarzenia/', '/wydarzenia/rok/2023/', `/wydarzenia/rodzaj/${type}/`, `/wydarzenia/wojewodztwo/${region}/`].flatMap((l) => {
      const n = newest(l);
      // The new event lands on the newest numbered page; when it opened that page, the one before links it now.
      const opened = n > 0 && !before.has(`${l}strona/${n}/`);
      return [l, ...(n > 0 ? [`${l}strona/${n}/`] : []), ...(opened && n > 1 ? [`${l}strona/${n - 1}/`] : [])];
    });
    expect(listings).toEqual(expected.sort());
    console.log(`[listing-fanout] new event: ${changed(before, afterKeys).length} keyed outputs changed, ${listings.length} of them listing pages (of ${[...afterKeys.keys()].filter((p) => LISTING.test(p)).length})`);
    await expectUnchangedKeysSameBytes(base, after, before, afterKeys);
  });

  it('a title edit changes only the listing pages that show the event; a date edit within its year too', async () => {
    const before = await keysOf(base);
    // kopia-10: on an older numbered page of the main listing, of 2021, of its type and województwo.
    const slug = 'kopia-10';
    const showing = async (content: SiteContent) => {
      entry.installContent(content);
      const out: string[] = [];
      for (const p of await entry.listPaths()) if (LISTING.test(p.pathname) && new TextDecoder().decode(await entry.render(p)).includes(`href="/wydarzenia/${slug}/"`)) out.push(p.pathname);
      return out.sort();
    };
    const shownOn = await showing(base);
    expect(shownOn.some((p) => p.startsWith('/wydarzenia/strona/'))).toBe(true);
    const title = edited(base, slug, { title: 'Kopia relacji nr 10 (poprawiona)' }, 'title');
    const titleKeys = await keysOf(title);
    expect(changed(before, titleKeys).filter((p) => LISTING.test(p))).toEqual(shownOn);
    console.log(`[listing-fanout] title edit: ${changed(before, titleKeys).length} keyed outputs changed: ${changed(before, titleKeys).join(' ')}`);
    await expectUnchangedKeysSameBytes(base, title, before, titleKeys);

    // A day later: the same place in every listing, the same pages.
    const date = edited(base, slug, { dates: oneDay(eventOf(base, slug).data, '2021-03-16') }, 'date');
    const dateKeys = await keysOf(date);
    expect(changed(before, dateKeys).filter((p) => LISTING.test(p))).toEqual(shownOn);
    console.log(`[listing-fanout] date edit: ${changed(before, dateKeys).length} keyed outputs changed: ${changed(before, dateKeys).join(' ')}`);
    await expectUnchangedKeysSameBytes(base, date, before, dateKeys);
  });

  it('numbered pages: valid HTML, no WCAG violation, and navigation by neighbours, page 1 and the newest events', async () => {
    const keys = await keysOf(base);
    const pages = [...keys.values()].filter((p) => LISTING.test(p.pathname));
    for (const p of pages) {
      const file = path.join(served, p.file);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, await entry.render(p));
    }
    const numbered = pages.filter((p) => p.pathname.includes('/strona/'));
    expect(numbered.length).toBeGreaterThan(5);
    expect(await vnuErrors(pages.map((p) => path.join(served, p.file)), served)).toEqual([]);

    const html = (pathname: string) => fs.readFileSync(path.join(served, keys.get(pathname)!.file), 'utf8');
    const two = html('/wydarzenia/strona/2/');
    expect(two).toContain('<title>Wydarzenia – strona 2 –');
    expect(two).not.toMatch(/strona \d+ z \d+|wydarze(ń|nia)\.|\(\d+\)<\/span>/i);
    expect(two).toMatch(/<a href="\/wydarzenia\/strona\/3\/" rel="prev">‹ Nowsze<span class="visually-hidden"> wydarzenia<\/span><\/a>/);
    expect(two).toMatch(/<a href="\/wydarzenia\/">Najnowsze<\/a>/);
    expect(two).toMatch(/<a href="\/wydarzenia\/strona\/2\/" aria-current="page"><span class="visually-hidden">Strona <\/span>2<\/a>/);
    expect(two).toMatch(/<a href="\/wydarzenia\/strona\/1\/" rel="next">Starsze/);
    // The newest numbered page leads on to the listing's own address, which shows the total and the counts.
    const newest = Math.max(...numbered.filter((p) => p.pathname.startsWith('/wydarzenia/strona/')).map((p) => Number(/strona\/(\d+)\//.exec(p.pathname)![1])));
    expect(html(`/wydarzenia/strona/${newest}/`)).toMatch(/<a href="\/wydarzenia\/" rel="prev">‹ Nowsze/);
    const front = html('/wydarzenia/');
    expect(front).toMatch(new RegExp(`${base.collections.events.length} wydarzeń\\.`));
    expect(front).toMatch(/\(\d+\)<\/span>/);
    expect(front).toContain(`href="/wydarzenia/strona/${newest}/"`);
    // An archive's own address: its total, the archive links without counts.
    expect(html('/wydarzenia/rok/2021/')).toMatch(/\d+ wydarze(ń|nia)\./);
    expect(html('/wydarzenia/rok/2021/')).not.toMatch(/\(\d+\)<\/span>/);

    const context = await axeContext(site.browser());
    const page = await context.newPage();
    const problems = await axeProblems(page, site.base(), pages.map((p) => p.pathname));
    await context.close();
    expect(problems).toEqual([]);
  });
});
