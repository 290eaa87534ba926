import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminLogin } from '@cus/cms-admin/admin-api';
import { siteHeaders } from '@cus/serve/headers';
import { createStaticServer, listen } from '@cus/serve/static-server';
import { launchChromium } from '@cus/testing/chromium';
import { cmsRequest, readTemplate, startCms, type CmsProcess } from '@cus/testing/cms-process';
import { waitFor } from '@cus/testing/wait';
import { eventStart, type EventEntry, type InstitutionEntry, type SpeakerEntry } from '@cus/shared';
import { searchRecords, type SearchRecord } from '@cus/site/search-records';
import { publishEvent } from '../publishing-stack.ts';
import { recordDigest } from '../search/index.ts';
import type { SiteContent } from './contract.ts';
import type { PublishReport } from './engine.ts';
import { createIncrementalPublisher, type IncrementalPublisher } from './publisher.ts';
import { SearchRecordsOfContent } from './search-content.ts';

// Search follows every publish: the real CMS, the real publisher (its base index made in the
// background after the first reconcile, a delta in each release), the live release served as in
// production and searched on /szukaj/ in Chromium. A published event is found by its title, a
// retitled one by its new title once and not by its old one, a withdrawn one not at all.

type Browser = Awaited<ReturnType<typeof launchChromium>>;
type Page = Awaited<ReturnType<Browser['newPage']>>;

let cms: CmsProcess;
let work: string;
let publisher: IncrementalPublisher;
let server: Server;
let base: string;
let browser: Browser;
const log: string[] = [];
/** The content of each release, and the records kept across them as the publisher keeps them. */
let released: SiteContent | undefined;
const kept = new SearchRecordsOfContent();

/** Every record made afresh from all the content, as the static build's search page makes them. */
function allRecords(content: SiteContent): SearchRecord[] {
  const collator = new Intl.Collator('pl');
  const sortName = (name: string) => (name.trim().split(/\s+/).length > 1 ? `${name.trim().split(/\s+/).at(-1)} ${name.trim().split(/\s+/).slice(0, -1).join(' ')}` : name);
  const events = content.collections.events
    .map((e) => ({ ...(e.data as unknown as EventEntry), bodyHtml: e.rendered?.html ?? '', start: eventStart((e.data as unknown as EventEntry).dates) ?? '' }))
    .sort((a, b) => b.start.localeCompare(a.start) || collator.compare(a.title, b.title));
  const speakers = content.collections.speakers.map((e) => e.data as unknown as SpeakerEntry).sort((a, b) => collator.compare(sortName(a.name), sortName(b.name)));
  const institutions = content.collections.institutions.map((e) => e.data as unknown as InstitutionEntry).sort((a, b) => collator.compare(a.name, b.name));
  return searchRecords({ events, speakers, institutions });
}

beforeAll(async () => {
  cms = await startCms(readTemplate(inject('templateDir')));
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-search-publish-'));
  publisher = await createIncrementalPublisher({
    deployDir: path.join(work, 'deploy'),
    strapiUrl: cms.url,
    strapiToken: cms.readToken,
    siteUrl: 'http://127.0.0.1:4321',
    cacheDir: path.join(work, 'cache'),
    beforeSwitch: async (_draft, change) => {
      released = change.content;
    },
    log: (line) => log.push(line),
  });
  server = createStaticServer({ root: () => publisher.target.current() ?? path.join(work, 'nothing'), headers: siteHeaders });
  base = await listen(server);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((r) => server.close(r));
  await publisher?.close();
  await cms?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const live = () => publisher.target.current()!;

/** The addresses and titles /szukaj/ of the live release lists for `term`. */
async function search(term: string): Promise<string[]> {
  const page: Page = await browser.newPage();
  try {
    await page.goto(`${base}/szukaj/`);
    await page.locator('#szukaj-form[data-ready]').waitFor({ state: 'attached' });
    const box = page.getByLabel('Szukane słowo');
    await box.fill(term);
    await box.press('Enter');
    await page.locator('#szukaj-status', { hasText: `„${term}”` }).waitFor();
    const found = await page.locator('#szukaj-wyniki li h2 a').evaluateAll((links) => links.map((a) => `${a.getAttribute('href')} ${a.textContent}`));
    // Titles carry the typography's non-breaking spaces.
    return found.map((line) => line.replace(/\s+/g, ' '));
  } finally {
    await page.close();
  }
}

/**
 * The results of `term` that are the page at `url`, and whether it is the first result. (A word
 * the base index does not know is widened there by Pagefind to a shorter word it knows, so the
 * base may add unrelated results to those of a word that is new since it: see the report.)
 */
async function hitsOf(term: string, url: string): Promise<{ hits: string[]; first: boolean }> {
  const results = await search(term);
  return { hits: results.filter((line) => line.startsWith(`${url} `)), first: results[0]?.startsWith(`${url} `) ?? false };
}

/** Publishes what changed; waits first until the CMS has drawn every share card (a card moves an event's version). */
async function publish(): Promise<PublishReport> {
  await waitFor(
    'share cards drawn',
    async () => ((await cmsRequest(cms, 'GET', '/api/site-export/events?pageSize=100')).data as { shareCard?: unknown }[]).every((e) => !('shareCard' in e) || e.shareCard !== null),
    60_000,
  );
  const r = await publisher.publish();
  if (released) {
    // Records remade only where their inputs changed are those made from all the content, and
    // so are their digests (a record dropped at the last publish stays dropped); with every
    // record dropped, all are made again the same.
    const fresh = allRecords(released);
    const slots = kept.of(released);
    expect(slots.map((s, i) => s.record ?? fresh[i])).toEqual(fresh);
    expect(slots.map((s) => [s.url, s.digest])).toEqual(fresh.map((f) => [f.url, recordDigest(f)]));
    kept.dropRecords(() => true);
    expect(kept.recordsOf(released, slots.slice(-3))).toEqual(fresh.slice(-3));
    expect(await kept.allRecords(released)).toEqual(fresh);
  }
  return r;
}

const timings: Record<string, unknown> = {};

describe('search in the incremental publisher', () => {
  let event: { documentId: string; slug: string };
  let seeded: { documentId: string; slug: string; title: string };

  it('a fresh deploy folder: the first release waits for a base index, made in the background and shipped in a release of its own', async () => {
    const r = await publish();
    expect(r.kind).toBe('reconcile');
    expect(r.search).toMatchObject({ baseId: null, deltaRecords: 0, baseShipped: false, waiting: expect.any(String) });
    await publisher.search!.settled();
    const shipped = await waitFor('the base index live', () => log.find((l) => l.startsWith('search: new base index')), 60_000);
    expect(shipped).not.toContain('?');
    expect(fs.existsSync(path.join(live(), 'pagefind', 'pagefind.js'))).toBe(true);
    expect(fs.existsSync(path.join(live(), 'pagefind-delta'))).toBe(false);
    timings.base = log.find((l) => l.startsWith('search: base index'));
    // Nothing changed since: no release, search as it was.
    const again = await publish();
    expect(again.release).toBeNull();
    expect(again.search).toMatchObject({ deltaRecords: 0, removed: 0, ms: 0, baseShipped: false });
    expect(await search('wytchnieniowej')).not.toEqual([]);
  });

  it('a published event is found by its title on the live release', async () => {
    event = await publishEvent(cms, 'Zlot kolibrów w Zamościu');
    const r = await publish();
    timings.newEvent = r.search;
    expect(r.search).toMatchObject({ deltaRecords: 1, removed: 0, baseShipped: false });
    expect(r.search!.baseId).toMatch(/^[0-9a-f]{16}$/);
    const manifest = JSON.parse(fs.readFileSync(path.join(live(), 'pagefind-delta', 'manifest.json'), 'utf8')) as { base: string; superseded: string[] };
    expect(manifest).toMatchObject({ base: r.search!.baseId, superseded: [] });
    expect(await hitsOf('kolibrów', `/wydarzenia/${event.slug}/`)).toEqual({ hits: [`/wydarzenia/${event.slug}/ Zlot kolibrów w Zamościu`], first: true });
  });

  it('a retitled event is found once by its new title, not by its old one', async () => {
    // The lead repeated the title: both change, so no text of the page has the old words.
    await cmsRequest(cms, 'PUT', `/api/events/${event.documentId}`, { data: { title: 'Sejmik pszczelarzy w Zamościu', lead: 'Zapowiedź: Sejmik pszczelarzy.' } });
    const r = await publish();
    timings.retitled = r.search;
    // Still one record since the base (the event is new since it): the delta replaces the previous one.
    expect(r.search).toMatchObject({ deltaRecords: 1, removed: 0 });
    expect(fs.readdirSync(path.join(live(), 'pagefind-delta')).filter((f) => f !== 'manifest.json')).toHaveLength(1);
    expect(await hitsOf('pszczelarzy', `/wydarzenia/${event.slug}/`)).toEqual({ hits: [`/wydarzenia/${event.slug}/ Sejmik pszczelarzy w Zamościu`], first: true });
    expect((await hitsOf('kolibrów', `/wydarzenia/${event.slug}/`)).hits).toEqual([]);
  });

  it('an event of the base retitled: the base’s result is superseded, the new title found once', async () => {
    seeded = ((await cmsRequest(cms, 'GET', '/api/site-export/events?pageSize=100')).data as (typeof seeded)[])[0]!;
    const oldWord = seeded.title.split(/\s+/).find((w) => w.length > 6)!.toLocaleLowerCase('pl').replace(/[^\p{L}]/gu, '');
    expect((await hitsOf(oldWord, `/wydarzenia/${seeded.slug}/`)).hits).toHaveLength(1);
    await cmsRequest(cms, 'PUT', `/api/events/${seeded.documentId}`, { data: { title: 'Narada dudziarzy z Podhala' } });
    const r = await publish();
    expect(r.search!.deltaRecords).toBeGreaterThanOrEqual(2);
    expect(await hitsOf('dudziarzy', `/wydarzenia/${seeded.slug}/`)).toEqual({ hits: [`/wydarzenia/${seeded.slug}/ Narada dudziarzy z Podhala`], first: true });
    // Its old title's word may still be in its text (lead, body): found then, but as it is now, never the base's superseded result.
    expect((await hitsOf(oldWord, `/wydarzenia/${seeded.slug}/`)).hits.filter((line) => !line.endsWith(' Narada dudziarzy z Podhala'))).toEqual([]);
  });

  it('an unpublished event is not found', async () => {
    const jwt = await adminLogin(cms.url, cms.admin.email, cms.admin.password);
    const res = await fetch(`${cms.url}/content-manager/collection-types/api::event.event/${event.documentId}/actions/unpublish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status, await res.text()).toBe(200);
    const r = await publish();
    timings.unpublished = r.search;
    expect(fs.existsSync(path.join(live(), 'wydarzenia', event.slug))).toBe(false);
    expect((await hitsOf('pszczelarzy', `/wydarzenia/${event.slug}/`)).hits).toEqual([]);
    expect((await hitsOf('dudziarzy', `/wydarzenia/${seeded.slug}/`)).hits).toHaveLength(1);
    console.log('[search] at seed size', JSON.stringify(timings));
  });
});
