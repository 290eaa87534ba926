import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminLogin } from '@cus/cms-admin/admin-api';
import { buildSite } from '@cus/site-build';
import { cmsRequest, readTemplate, startCms, waitForImageVariants, type CmsProcess } from '@cus/testing/cms-process';
import { waitFor } from '@cus/testing/wait';
import { todayInPoland } from '@cus/site/publisher';
import { publishEvent } from '../publishing-stack.ts';
import { fetchContentVersions } from '../rebuild/content-versions.ts';
import type { ChangedEntries } from './contract.ts';
import type { PublishReport } from './engine.ts';
import { createIncrementalPublisher, isSearchFile, type IncrementalPublisher } from './publisher.ts';
import { diffTrees } from './testing/release-diff.ts';

// The long-lived publisher against the real CMS (strapi start on a copy of the seeded template)
// and the site's real publisher build: each edit renders exactly the outputs it affects (counted,
// by address), the release equals a full static `astro build` of the same content file by file,
// and a bad entry keeps its last good page while other changes go live.

const SITE_URL = 'http://127.0.0.1:4321';
let cms: CmsProcess;
let work: string;
let publisher: IncrementalPublisher;
const log: string[] = [];

beforeAll(async () => {
  cms = await startCms(readTemplate(inject('templateDir')));
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-incremental-'));
  publisher = await createIncrementalPublisher({
    deployDir: path.join(work, 'deploy'),
    strapiUrl: cms.url,
    strapiToken: cms.readToken,
    siteUrl: SITE_URL,
    cacheDir: path.join(work, 'cache'),
    // As ./scripts/start runs it: the CMS's files copied from its folder. The static build they
    // are compared with downloads them over HTTP.
    cmsUploadsDir: path.join(cms.workDir, 'public', 'uploads'),
    log: (line) => log.push(line),
  });
  expect(log.some((line) => line.startsWith('CMS files are copied from '))).toBe(true);
}, 240_000);

afterAll(async () => {
  await publisher?.close();
  await cms?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const live = () => publisher.target.current()!;
const liveText = (file: string) => fs.readFileSync(path.join(live(), file), 'utf8');
const reader = () => ({ url: cms.url, writeToken: cms.readToken });


interface ExportedEvent {
  documentId: string;
  slug: string;
  dates: { start: string }[];
  type: string;
  venue?: { voivodeship: string } | null;
  shareCard?: unknown;
  appearances?: { speaker?: { documentId: string; slug: string } | null; affiliation?: { slug: string } | null }[];
  organizers?: { slug: string }[];
  partners?: { slug: string }[];
  participants?: { slug: string }[];
}
const exportedEvents = async () => (await cmsRequest(reader(), 'GET', '/api/site-export/events?pageSize=100')).data as ExportedEvent[];

/**
 * The CMS draws share cards in the background after an event or the site's name changes, and
 * the event's version moves on when it has: a publish made before that would be followed by
 * another. Waits until every published event's card is drawn (when the export has cards).
 */
async function cardsDrawn(except?: string): Promise<void> {
  await waitFor('share cards drawn', async () => (await exportedEvents()).every((e) => !('shareCard' in e) || e.shareCard !== null || e.documentId === except), 60_000);
}

/** The outputs without a cache key: rendered on every publish (written only when their bytes change). */
const unkeyed = () => new Set([...publisher.engine.liveIndex.values()].filter((f) => f.cacheKey === null).map((f) => f.pathname));
/** What a publish rendered besides the unkeyed outputs. */
const keyedRendered = (r: PublishReport) => {
  const always = unkeyed();
  return (r.rendered ?? []).filter((p) => !always.has(p)).sort();
};

const contentNow = async () => (await fetchContentVersions({ url: cms.url, token: cms.readToken })).digest;

/** A full static build of what the CMS publishes now, compared with the live release (the publisher catches up first). */
async function compareWithStaticBuild(label: string) {
  const outDir = path.join(work, `static-${label}`);
  for (let attempt = 1; ; attempt++) {
    const before = await contentNow();
    await publisher.publish();
    const built = await buildSite({ outDir, strapiUrl: cms.url, strapiToken: cms.readToken, siteUrl: SITE_URL, cacheDir: path.join(work, 'static-cache'), preview: false });
    expect(built.ok, built.output.slice(-2000)).toBe(true);
    if ((await contentNow()) === before) break;
    if (attempt === 3) throw new Error('The CMS content kept changing during three static builds.');
  }
  // The search index is made apart (search/); `_headers` is the publisher's (a static build gets it from the pipeline).
  const diff = diffTrees(live(), outDir, (f) => isSearchFile(f) || f === '_headers');
  for (const f of diff.different.slice(0, 3)) {
    const a = fs.readFileSync(path.join(live(), f), 'utf8').split(/(?<=>)|\n/);
    const b = fs.readFileSync(path.join(outDir, f), 'utf8').split(/(?<=>)|\n/);
    const i = a.findIndex((line, n) => line !== b[n]);
    console.log(`${f} differs at part ${i}:\n  publisher: ${a.slice(i, i + 3).join('')}\n  static:    ${b.slice(i, i + 3).join('')}`);
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  return diff;
}

async function adminPost(apiPath: string) {
  const jwt = await adminLogin(cms.url, cms.admin.email, cms.admin.password);
  const res = await fetch(`${cms.url}${apiPath}`, { method: 'POST', headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' }, body: '{}' });
  expect(res.status, await res.text()).toBe(200);
}

/**
 * A publish of the entries a webhook would name (only they and the entries around them are read),
 * then a full publish (every version list): it must find nothing the first one missed.
 */
async function publishNamed(changed: ChangedEntries): Promise<PublishReport> {
  const r = await publisher.publish(changed);
  expect(r.synced).toBe('named');
  const check = await publisher.publish();
  // The same content as every version list gives: nothing more to render.
  expect({ synced: check.synced, version: check.version, keyed: keyedRendered(check) }).toEqual({ synced: 'all', version: r.version, keyed: [] });
  return r;
}

const timings: Record<string, unknown> = {};
const note = (label: string, r: PublishReport) => (timings[label] = { rendered: r.pagesRendered, written: r.filesWritten, removed: r.filesRemoved, liveAfterMs: r.phases.map((p) => p.liveAfterMs), ...r.timings });

/** Every listing page of the seed's archives (5 events: one page each) and the main listing. */
const ARCHIVES_2020_2023 = [
  '/wydarzenia/',
  '/wydarzenia/rodzaj/konferencja/',
  '/wydarzenia/rodzaj/kongres/',
  '/wydarzenia/rodzaj/wizyta-studyjna/',
  '/wydarzenia/rok/2020/',
  '/wydarzenia/rok/2022/',
  '/wydarzenia/rok/2023/',
  '/wydarzenia/wojewodztwo/podkarpackie/',
  '/wydarzenia/wojewodztwo/swietokrzyskie/',
];

/** The pages that show every new or edited report of the seed's size: home, the feed of all reports. */
const HOME_AND_FEED = ['/', '/rss.xml'];

/**
 * What a new szkolenie in Lublin on a 2026 date shows on: its own outputs, its year's months,
 * home and the feeds (its type's feed is new), the search page (its filters count a new type,
 * year and województwo), and every listing: it opens the archives 2026, szkolenie and lubelskie,
 * so every listing's archive links change.
 */
const newEventOutputs = (slug: string) =>
  [
    ...ARCHIVES_2020_2023,
    ...HOME_AND_FEED,
    '/szukaj/',
    `/wydarzenia/${slug}.ics`,
    `/wydarzenia/${slug}/`,
    '/wydarzenia/rodzaj/szkolenie/',
    '/wydarzenia/rodzaj/szkolenie/rss.xml',
    '/wydarzenia/rok/2026/',
    '/wydarzenia/rok/2026/miesiace/',
    '/wydarzenia/wojewodztwo/lubelskie/',
  ].sort();

/**
 * The subscribable calendars a Lublin event is in while it is upcoming (its day today or later in
 * Poland): the test's events are dated around the day the tests were written, so this depends on the day.
 */
const calendarsOf = (day: string) => (day >= todayInPoland() ? ['/kalendarz.ics', '/kalendarz/lubelskie.ics'] : []);

describe('the incremental publisher', () => {
  let created: { documentId: string; slug: string };

  it('starts with a reconcile whose release equals a static build of the seed, file by file', async () => {
    await cardsDrawn();
    const r = await publisher.publish();
    note('first (reconcile)', r);
    expect(r.kind).toBe('reconcile');
    expect(r.failures).toEqual([]);
    expect(r.release).not.toBeNull();
    const diff = await compareWithStaticBuild('seed');
    expect(diff).toMatchObject({ onlyLeft: [], onlyRight: [], different: [] });
    expect(diff.same).toBeGreaterThan(100);
  });

  it('nothing changed: renders nothing (the same content, day and code make the same bytes) and makes no release', async () => {
    const before = live();
    const r = await publisher.publish();
    note('no change', r);
    expect(r.rendered).toEqual([]);
    expect(r.release).toBeNull();
    expect(live()).toBe(before);
  });

  it('a new event: its page and calendar, the main listing, every archive listing (their counts changed), its year’s months', async () => {
    created = await publishEvent(cms, 'Nowe wydarzenie publikatora');
    await cardsDrawn();
    const r = await publishNamed({ events: [created.documentId] });
    note('new event', r);
    expect(keyedRendered(r)).toEqual([...newEventOutputs(created.slug), ...calendarsOf('2026-12-03')].sort());
    expect(liveText(`wydarzenia/${created.slug}/index.html`)).toContain('Nowe wydarzenie publikatora');
  });

  it('its title and date edited (within its year): its own outputs, its year’s months and the listings that show it', async () => {
    await cmsRequest(cms, 'PUT', `/api/events/${created.documentId}`, { data: { title: 'Nowe wydarzenie publikatora (zmienione)', dates: [{ start: '2026-12-10' }] } });
    await cardsDrawn();
    const r = await publishNamed({ events: [created.documentId] });
    note('title and date', r);
    // No archive link or count changed: the other listings and the search page's filters stay.
    expect(keyedRendered(r)).toEqual(
      [
        ...HOME_AND_FEED,
        '/wydarzenia/rodzaj/szkolenie/rss.xml',
        `/wydarzenia/${created.slug}.ics`,
        `/wydarzenia/${created.slug}/`,
        '/wydarzenia/',
        '/wydarzenia/rodzaj/szkolenie/',
        '/wydarzenia/rok/2026/',
        '/wydarzenia/rok/2026/miesiace/',
        '/wydarzenia/wojewodztwo/lubelskie/',
        ...calendarsOf('2026-12-03'),
        ...calendarsOf('2026-12-10'),
      ]
        .filter((p, i, all) => all.indexOf(p) === i)
        .sort(),
    );
    expect(liveText(`wydarzenia/${created.slug}/index.html`)).toContain('Nowe wydarzenie publikatora (zmienione)');
  });

  it('a person shown on several events renamed: the person, the people index, the events showing them, the institution they represented', async () => {
    const events = await exportedEvents();
    const byPerson = new Map<string, { slug: string; events: Set<string>; institutions: Set<string> }>();
    for (const e of events) {
      for (const a of e.appearances ?? []) {
        if (!a.speaker) continue;
        const p = byPerson.get(a.speaker.documentId) ?? { slug: a.speaker.slug, events: new Set(), institutions: new Set() };
        p.events.add(e.slug);
        if (a.affiliation) p.institutions.add(a.affiliation.slug);
        byPerson.set(a.speaker.documentId, p);
      }
    }
    const [id, person] = [...byPerson].sort((a, b) => b[1].events.size - a[1].events.size)[0]!;
    expect(person.events.size).toBeGreaterThan(1);
    await cmsRequest(cms, 'PUT', `/api/speakers/${id}`, { data: { name: 'Osoba Przemianowana' } });
    await cardsDrawn();
    // The webhook names the person only: the events that show them are found in memory.
    const r = await publishNamed({ speakers: [id] });
    note('person renamed', r);
    expect(keyedRendered(r)).toEqual(
      ['/osoby/', `/osoby/${person.slug}/`, ...[...person.events].map((s) => `/wydarzenia/${s}/`), ...[...person.institutions].map((s) => `/instytucje/${s}/`)].sort(),
    );
    for (const s of person.events) expect(liveText(`wydarzenia/${s}/index.html`)).toContain('Osoba Przemianowana');
  });

  it('an event unpublished: its outputs removed, the listings re-rendered (its archives went, so every listing’s links changed)', async () => {
    await adminPost(`/content-manager/collection-types/api::event.event/${created.documentId}/actions/unpublish`);
    await cardsDrawn();
    const r = await publishNamed({ events: [created.documentId] });
    note('unpublished', r);
    // Its type's feed went with it; the search page's filters lost its type, year and województwo.
    expect(keyedRendered(r)).toEqual([...ARCHIVES_2020_2023, ...HOME_AND_FEED, '/szukaj/', '/wydarzenia/wojewodztwo/lubelskie/', ...calendarsOf('2026-12-10')].sort());
    expect(fs.existsSync(path.join(live(), 'wydarzenia', created.slug))).toBe(false);
    expect(fs.existsSync(path.join(live(), 'wydarzenia', `${created.slug}.ics`))).toBe(false);
    expect(fs.existsSync(path.join(live(), 'wydarzenia/rok/2026'))).toBe(false);
  });

  it('an event deleted: its people’s and institutions’ pages and the listings re-rendered, its outputs removed', async () => {
    const events = await exportedEvents();
    const victim = events.find((e) => e.slug.startsWith('regionalna-konferencja'))!;
    const people = [...new Set((victim.appearances ?? []).map((a) => a.speaker?.slug).filter((s): s is string => !!s))];
    const institutions = [...new Set([...(victim.organizers ?? []), ...(victim.partners ?? []), ...(victim.participants ?? []), ...(victim.appearances ?? []).map((a) => a.affiliation).filter((x) => !!x)].map((i) => i!.slug))];
    await cmsRequest(cms, 'DELETE', `/api/events/${victim.documentId}`);
    await cardsDrawn();
    const r = await publishNamed({ events: [victim.documentId] });
    note('deleted', r);
    const rendered = keyedRendered(r);
    // Pages of people and institutions shown on no other event stay (they are entries of their own), re-rendered without it;
    // the people index counts one report fewer for each of its people.
    expect(rendered.filter((p) => p.startsWith('/osoby/'))).toEqual([...(people.length > 0 ? ['/osoby/'] : []), ...people.map((s) => `/osoby/${s}/`)].sort());
    expect(rendered.filter((p) => p.startsWith('/instytucje/'))).toEqual(institutions.map((s) => `/instytucje/${s}/`).sort());
    // The listings that showed it (the main one and its archives); every listing when one of its
    // archives went (the archive links changed); its year's months if that year keeps other events.
    const year = victim.dates[0]!.start.slice(0, 4);
    const listings = [...publisher.engine.liveIndex.values()].filter((f) => /^\/wydarzenia\/((rok|rodzaj|wojewodztwo)\/[^/]+\/)?$/.test(f.pathname)).map((f) => f.pathname);
    const own = ['/wydarzenia/', `/wydarzenia/rok/${year}/`, `/wydarzenia/rodzaj/${victim.type.replace(/_/g, '-')}/`, `/wydarzenia/wojewodztwo/${victim.venue!.voivodeship.replace(/_/g, '-')}/`];
    const archiveWent = own.some((l) => !listings.includes(l));
    const months = listings.includes(`/wydarzenia/rok/${year}/`) ? [`/wydarzenia/rok/${year}/miesiace/`] : [];
    expect(rendered.filter((p) => p.startsWith('/wydarzenia/') && !p.endsWith('.xml'))).toEqual([...(archiveWent ? listings : own), ...months].sort());
    // The feeds that listed it: every report's, and its type's unless that type has no report left.
    const typeFeed = `/wydarzenia/rodzaj/${victim.type.replace(/_/g, '-')}/rss.xml`;
    expect(rendered.filter((p) => p.endsWith('.xml'))).toEqual(['/rss.xml', ...(listings.includes(own[2]!) ? [typeFeed] : [])].sort());
    expect(rendered).toContain('/');
    expect(people.length + institutions.length).toBeGreaterThan(0);
    expect(people.every((s) => fs.existsSync(path.join(live(), 'osoby', s, 'index.html')))).toBe(true);
    expect(fs.existsSync(path.join(live(), 'wydarzenia', victim.slug))).toBe(false);
  });

  it('a photo replaced in the Media Library: its gallery links the new file, which the release holds with its bytes; the old file is gone', async () => {
    const galleries = (await cmsRequest(reader(), 'GET', '/api/site-export/galleries?pageSize=100')).data as { slug: string; photos: { image: { id: number; url: string } }[] }[];
    const gallery = galleries.find((g) => g.photos.length >= 2)!;
    const [photo, other] = [gallery.photos[0]!.image, gallery.photos[1]!.image];
    const oldName = path.basename(photo.url);
    const galleryPage = `galerie/${gallery.slug}/index.html`;
    expect(liveText(galleryPage)).toContain(`/media/${oldName}`);

    // The editor uploads other content in its place ("Zastąp" in the Media Library): here, another photo's bytes.
    const uploads = path.join(cms.workDir, 'public', 'uploads');
    const form = new FormData();
    form.append('files', new Blob([fs.readFileSync(path.join(uploads, path.basename(other.url)))], { type: 'image/jpeg' }), 'nowe-ujecie.jpg');
    const res = await fetch(`${cms.url}/api/upload?id=${photo.id}`, { method: 'POST', headers: { authorization: `Bearer ${cms.writeToken}` }, body: form });
    expect(res.status, await res.clone().text()).toBe(200);
    const newName = path.basename(((await res.json()) as { url: string }).url);
    expect(newName).not.toBe(oldName);
    await waitForImageVariants(cms.url, cms.readToken);
    await cardsDrawn();

    const r = await publisher.publish();
    note('photo replaced', r);
    const page = liveText(galleryPage);
    expect(page).toContain(`/media/${newName}`);
    expect(page).not.toContain(`/media/${oldName}`);
    // Under its new name the release has the new bytes; the old name, which browsers may keep forever, is gone.
    expect(fs.readFileSync(path.join(live(), 'media', newName))).toEqual(fs.readFileSync(path.join(uploads, newName)));
    expect(fs.existsSync(path.join(live(), 'media', oldName))).toBe(false);
    // The next reconcile (a full sync) drops the old name from the media cache as well.
    const cached = (name: string) => fs.existsSync(path.join(work, 'cache', 'media', 'files', name));
    expect(cached(oldName)).toBe(true);
    await publisher.reconcile();
    expect([cached(oldName), cached(newName)]).toEqual([false, true]);
  });

  it('the site settings changed: every page in the layout re-rendered, and every event’s calendar (its new share card moved its version); equals a static build after the whole sequence', async () => {
    await cmsRequest(cms, 'PUT', '/api/site-setting', { data: { siteName: 'Relacje CUS (zmiana)' } });
    await cardsDrawn();
    const r = await publisher.publish();
    note('settings', r);
    // The CMS redraws every card when the site's name changes, so every event's version (the calendar's DTSTAMP) moves too.
    // Not robots.txt: it names the site's address alone.
    const pages = [...publisher.engine.liveIndex.values()].filter((f) => f.cacheKey !== null && f.pathname !== '/robots.txt').map((f) => f.pathname);
    expect(keyedRendered(r)).toEqual(pages.sort());
    expect(liveText('index.html')).toContain('Relacje CUS (zmiana)');
    const diff = await compareWithStaticBuild('after-sequence');
    expect(diff).toMatchObject({ onlyLeft: [], onlyRight: [], different: [] });
  });

  it('a bad entry keeps its last good page; another change still goes live; the failure names entry and field', async () => {
    const events = await exportedEvents();
    const [bad, other] = [events[0]!, events[1]!];
    const good = liveText(`wydarzenia/${bad.slug}/index.html`);
    const db = new DatabaseSync(path.join(cms.workDir, 'data.db'), { timeout: 15_000 });
    try {
      // A change the site's contract refuses, made behind the CMS's back (the CMS itself refuses it at save).
      db.prepare("UPDATE events SET type = 'webinarium', title = 'Zepsute wydarzenie', updated_at = ? WHERE document_id = ? AND published_at IS NOT NULL").run(Date.now(), bad.documentId);
    } finally {
      db.close();
    }
    await cmsRequest(cms, 'PUT', `/api/events/${other.documentId}`, { data: { title: 'Inne wydarzenie, poprawione' } });
    await cardsDrawn(bad.documentId);
    const r = await publisher.publish();
    note('bad entry', r);
    expect(r.failures).toEqual([expect.objectContaining({ type: 'event', slug: bad.slug, documentId: bad.documentId, field: 'type' })]);
    expect(liveText(`wydarzenia/${bad.slug}/index.html`)).toBe(good);
    expect(liveText(`wydarzenia/${other.slug}/index.html`)).toContain('Inne wydarzenie, poprawione');
    console.log('timings at seed size', JSON.stringify(timings, null, 1));
  });
});
