import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { slugify, type EventEntry } from '@cus/shared';
import { eventJsonLd, isoInPoland } from '../src/lib/jsonld.ts';
import { EXTRA_EVENTS, SITE_URL } from './global-setup.ts';

// schema.org JSON-LD of every event page of the seed build (and of the online and hybrid events
// global-setup adds): valid JSON in the schema.org context; what Google's Event rich results
// require (name, startDate, location) and recommend (description, endDate, eventStatus,
// eventAttendanceMode, image, organizer, performer) where the data has it; an online or hybrid
// event at a VirtualLocation with its stream; nobody listed twice; every sub-event located.

const dist = inject('distDir');
const cmsEvents = inject('cmsEvents');
type Json = Record<string, any>; // parsed JSON-LD
const MODES = {
  offline: 'https://schema.org/OfflineEventAttendanceMode',
  online: 'https://schema.org/OnlineEventAttendanceMode',
  mixed: 'https://schema.org/MixedEventAttendanceMode',
};
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$/;

function jsonLdBlocks(html: string): unknown[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}
const eventData = (slug: string): Json => {
  const blocks = jsonLdBlocks(fs.readFileSync(path.join(dist, 'wydarzenia', slug, 'index.html'), 'utf8'));
  expect(blocks, slug).toHaveLength(1);
  return blocks[0] as Json;
};
const asList = (v: unknown): Json[] => (v === undefined ? [] : Array.isArray(v) ? v : [v as Json]);
const fileOf = (url: string) => path.join(dist, decodeURIComponent(new URL(url).pathname));

/** Every rule of this file for one Event object; the problems found. */
function eventProblems(ld: Json, where: string, sub = false): string[] {
  const out: string[] = [];
  const need = (cond: unknown, what: string) => cond || out.push(`${where}: ${what}`);
  need(ld['@type'] === 'Event', '@type is not Event');
  need(typeof ld.name === 'string' && ld.name.trim(), 'no name');
  need(typeof ld.startDate === 'string' && DATE.test(ld.startDate), `startDate ${ld.startDate}`);
  need(typeof ld.endDate === 'string' && DATE.test(ld.endDate), `endDate ${ld.endDate}`);
  need(!ld.endDate || !ld.startDate || ld.endDate.slice(0, 10) >= ld.startDate.slice(0, 10), 'ends before it starts');
  need(ld.eventStatus === 'https://schema.org/EventScheduled', 'no eventStatus');
  need(Object.values(MODES).includes(ld.eventAttendanceMode), 'no eventAttendanceMode');
  const locations = asList(ld.location);
  need(locations.length > 0, 'no location');
  const places = locations.filter((l) => l['@type'] === 'Place');
  const virtual = locations.filter((l) => l['@type'] === 'VirtualLocation');
  need(places.length + virtual.length === locations.length, 'a location that is neither Place nor VirtualLocation');
  for (const p of places) need(p.name && p.address?.['@type'] === 'PostalAddress' && p.address.addressCountry === 'PL', 'a Place without name or address');
  for (const v of virtual) need(/^https?:\/\//.test(v.url), `a VirtualLocation without an http(s) url: ${v.url}`);
  const mode = ld.eventAttendanceMode;
  if (mode === MODES.online) need(virtual.length === 1 && places.length === 0, 'online, but not (only) at a VirtualLocation');
  if (mode === MODES.mixed) need(virtual.length === 1 && places.length === 1, 'hybrid, but not at a Place and a VirtualLocation');
  if (mode === MODES.offline) need(virtual.length === 0 && places.length === 1, 'in person, but not at one Place');
  if (sub) return out;

  need(ld['@context'] === 'https://schema.org', '@context is not https://schema.org');
  need(typeof ld.description === 'string' && ld.description.trim(), 'no description');
  need(typeof ld.url === 'string' && fs.existsSync(path.join(fileOf(ld.url), 'index.html')), `url ${ld.url} is not a page of the site`);
  for (const image of asList(ld.image) as unknown as string[]) need(fs.existsSync(fileOf(image)), `image ${image} is not in the build`);
  for (const key of ['organizer', 'performer']) {
    const list = asList(ld[key]);
    need(ld[key] === undefined || list.length > 0, `an empty ${key} list`);
    const urls = list.map((x) => x.url);
    need(new Set(urls).size === urls.length, `a ${key} listed twice`);
    for (const x of list) need(x.name && fs.existsSync(path.join(fileOf(x.url), 'index.html')), `${key} ${x.name} without a page`);
  }
  const subs = asList(ld.subEvent);
  for (const [i, s] of subs.entries()) out.push(...eventProblems(s, `${where} subEvent ${i + 1}`, true));
  return out;
}

describe('structured data of event pages', () => {
  it.each(cmsEvents.map((e) => [e.slug] as const))('%s', (slug) => {
    const ld = eventData(slug);
    expect(eventProblems(ld, slug)).toEqual([]);
    expect(ld.url).toBe(`${SITE_URL}/wydarzenia/${slug}/`);
  });

  it('covers every event page of the build', () => {
    const pages = fs.readdirSync(path.join(dist, 'wydarzenia'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.existsSync(path.join(dist, 'wydarzenia', d.name, 'index.html')) && !['rok', 'rodzaj', 'wojewodztwo', 'strona'].includes(d.name));
    expect(pages.map((d) => d.name).sort()).toEqual(cmsEvents.map((e) => e.slug).sort());
    console.log(`[structured-data] ${pages.length} event pages: JSON-LD parsed and checked`);
  });

  it('puts an online event at a VirtualLocation with its stream, with hours in Polish time', () => {
    const [online] = EXTRA_EVENTS;
    const ld = eventData(slugify(online.title));
    expect(ld.eventAttendanceMode).toBe(MODES.online);
    expect(ld.location).toEqual({ '@type': 'VirtualLocation', url: online.streamUrl });
    expect([ld.startDate, ld.endDate]).toEqual(['2023-04-18T11:00:00+02:00', '2023-04-18T12:30:00+02:00']);
    expect(ld.performer).toEqual([{ '@type': 'Person', name: 'Piotr Mączka', url: `${SITE_URL}/osoby/piotr-maczka/` }]);
    expect(ld.organizer).toBeUndefined();
  });

  it('puts a hybrid event at its venue and its stream, lists a person who spoke and moderated once, and locates each part', () => {
    const hybrid = EXTRA_EVENTS[1];
    const ld = eventData(slugify(hybrid.title));
    expect(ld.eventAttendanceMode).toBe(MODES.mixed);
    expect(ld.location).toEqual([
      expect.objectContaining({ '@type': 'Place', name: hybrid.venue.name }),
      { '@type': 'VirtualLocation', url: hybrid.streamUrl },
    ]);
    expect(ld.performer.map((p: Json) => p.url)).toEqual([`${SITE_URL}/osoby/sylwia-korycka-zymula/`, `${SITE_URL}/osoby/piotr-maczka/`]);
    expect(ld.organizer.map((o: Json) => o.name)).toEqual(['Centrum Usług Społecznych Gminy Dębica']);
    expect(ld.subEvent.map((s: Json) => [s.name, s.startDate, s.endDate])).toEqual([
      [`${hybrid.title} (dzień pierwszy)`, '2023-10-09T09:00:00+02:00', '2023-10-09T16:00:00+02:00'],
      [`${hybrid.title} (dzień drugi)`, '2023-10-16', '2023-10-16'],
    ]);
    for (const s of ld.subEvent) expect(s.location).toEqual(ld.location);
    expect([ld.startDate, ld.endDate]).toEqual(['2023-10-09T09:00:00+02:00', '2023-10-16']);
  });
});

describe('eventJsonLd on entries the build would not show', () => {
  const site = new URL(SITE_URL);
  const base = { id: 1, documentId: 'x', slug: 'proba', title: 'Próba', type: 'inne', lead: 'Wstęp.', dates: [{ start: '2025-01-15' }] } as unknown as EventEntry;

  it('never writes a stream link of another scheme: an online event without a web link points at its report', () => {
    const ld = eventJsonLd({ ...base, format: 'online', streamUrl: 'javascript:alert(1)' }, site) as Json;
    expect(JSON.stringify(ld)).not.toContain('javascript:');
    expect(ld.location).toEqual({ '@type': 'VirtualLocation', url: `${SITE_URL}/wydarzenia/proba/` });
  });

  it('without a format, infers it from a venue and a stream link', () => {
    const venue = { name: 'Sala', city: 'Łódź', voivodeship: 'lodzkie' };
    const ld = eventJsonLd({ ...base, format: null, venue, streamUrl: 'https://example.org/live' } as unknown as EventEntry, site) as Json;
    expect(ld.eventAttendanceMode).toBe(MODES.mixed);
    expect(ld.location).toEqual([expect.objectContaining({ '@type': 'Place', name: 'Sala' }), { '@type': 'VirtualLocation', url: 'https://example.org/live' }]);
  });

  it('writes Poland\'s offset of the day: winter, summer, and the night clocks change', () => {
    expect(isoInPoland('2025-01-15', '10:00:00.000')).toBe('2025-01-15T10:00:00+01:00');
    expect(isoInPoland('2025-07-15', '10:00')).toBe('2025-07-15T10:00:00+02:00');
    expect(isoInPoland('2025-03-30', '03:30')).toBe('2025-03-30T03:30:00+02:00');
    expect(isoInPoland('2025-01-15', null)).toBe('2025-01-15');
  });

  it('is a check that can fail: a performer twice, a sub-event without location, an online event at a Place are reported', () => {
    const person = { '@type': 'Person', name: 'A', url: `${SITE_URL}/osoby/piotr-maczka/` };
    const problems = eventProblems({
      '@context': 'https://schema.org', '@type': 'Event', name: 'x', startDate: '2025-01-01', endDate: '2025-01-01', description: 'd',
      eventStatus: 'https://schema.org/EventScheduled', eventAttendanceMode: MODES.online, url: `${SITE_URL}/`,
      location: { '@type': 'Place', name: 'p', address: { '@type': 'PostalAddress', addressCountry: 'PL' } },
      performer: [person, person],
      subEvent: [{ '@type': 'Event', name: 's', startDate: '2025-01-01', endDate: '2025-01-01', eventStatus: 'https://schema.org/EventScheduled', eventAttendanceMode: MODES.offline }],
    }, 'x');
    expect(problems).toEqual(['x: online, but not (only) at a VirtualLocation', 'x: a performer listed twice', 'x subEvent 1: no location', 'x subEvent 1: in person, but not at one Place']);
  });
});
