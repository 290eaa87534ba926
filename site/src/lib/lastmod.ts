import { byType, byVoivodeship, byYear } from './archives';
import { appearancesByPerson, eventsByInstitution, getEvents, getGalleries, getInstitutions, getSettings, getSpeakers } from './content';
import type { SiteDates } from './site-dates';
import { url } from './urls';

// When each page of the sitemap last changed (<lastmod>), from the CMS's own dates, never the
// build time, so a build with no change writes the same sitemap:
// - a page of one entry (report, person, institution, gallery): the newest updatedAt or
//   publishedAt found in the entry and in everything it embeds and lists (a person's page lists
//   the reports they appeared in);
// - a listing (every report; an archive by year, type or województwo; people, institutions,
//   galleries) and each of its numbered pages: the newest of the entries it lists;
// - the accessibility statement: the site settings;
// - any other page (home, search, not found): the newest date of all content.
// What changes with the calendar alone (an event moving from upcoming to past) is not counted.

const DATE_KEYS = new Set(['updatedAt', 'publishedAt']);

/** The newest updatedAt/publishedAt anywhere in the values (ISO strings compare as dates once normalized). */
export function newestDate(...values: unknown[]): string | null {
  let newest: string | null = null;
  const visit = (v: unknown, seen: Set<object>) => {
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    for (const [k, x] of Object.entries(v)) {
      if (DATE_KEYS.has(k) && typeof x === 'string' && !Number.isNaN(Date.parse(x))) {
        const iso = new Date(x).toISOString();
        if (newest === null || iso > newest) newest = iso;
      } else if (x && typeof x === 'object') {
        visit(x, seen);
      }
    }
  };
  const seen = new Set<object>();
  for (const v of values) visit(v, seen);
  return newest;
}

/** The newest of ISO dates (as newestDate gives them). */
function latest(dates: readonly (string | null)[]): string | null {
  let max: string | null = null;
  for (const d of dates) if (d !== null && (max === null || d > max)) max = d;
  return max;
}

// The newest date within one entry, once per entry object (content.ts keeps an unchanged
// entry's object from one content version to the next): bodies are walked once, not per publish.
const ownDates = new WeakMap<object, string | null>();
function ownDate(entry: object): { updatedAt: string | null } {
  let date = ownDates.get(entry);
  if (date === undefined) ownDates.set(entry, (date = newestDate(entry)));
  return { updatedAt: date };
}

// The newest date of what a list of events holds, once per list object (its events are the same
// objects while it is: an event that changed makes new lists wherever it is listed).
const listedDates = new WeakMap<object, string | null>();
function newestListed(list: object, dates: () => (string | null)[]): string | null {
  let date = listedDates.get(list);
  if (date === undefined) listedDates.set(list, (date = latest(dates())));
  return date;
}

// An entry's page address, once per entry object: the same string in every version, so the map
// of 17,000 addresses hashes it once, not per publish.
const pagesOf = new Map<(slug: string) => string, WeakMap<object, string>>();
function pageAddress(entry: { slug: string }, address: (slug: string) => string): string {
  let of = pagesOf.get(address);
  if (!of) pagesOf.set(address, (of = new WeakMap()));
  let path = of.get(entry);
  if (path === undefined) of.set(entry, (path = address(entry.slug)));
  return path;
}

export async function siteDates(): Promise<SiteDates> {
  const [events, speakers, institutions, galleries, settings, appearances, byInstitution] = await Promise.all([
    getEvents(), getSpeakers(), getInstitutions(), getGalleries(), getSettings(), appearancesByPerson(), eventsByInstitution(),
  ]);
  const paths = new Map<string, string>();
  const set = (path: string, date: string | null) => {
    if (date) paths.set(path, date);
  };
  // Each event's own date (kept per event object): listings reuse it. Those dates are ISO
  // already: the newest of a list is a string comparison.
  const eventDate = (e: (typeof events)[number]) => ownDate(e).updatedAt;
  const newestOf = (list: readonly (typeof events)[number][]) => latest(list.map(eventDate));

  for (const e of events) set(pageAddress(e, url.event), eventDate(e));
  // A person's or an institution's lists keep their arrays while unchanged (src/lib/event-index.ts): their newest date too.
  for (const s of speakers) {
    const listed = appearances.get(s.documentId);
    set(pageAddress(s, url.person), latest([ownDate(s).updatedAt, listed ? newestListed(listed, () => listed.map((a) => eventDate(a.event))) : null]));
  }
  for (const i of institutions) {
    const of = byInstitution.get(i.documentId);
    const listed = of ? newestListed(of, () => [...of.organized, ...of.partnered, ...of.participated, ...of.represented.map((r) => r.event)].map(eventDate)) : null;
    set(pageAddress(i, url.institution), latest([ownDate(i).updatedAt, listed]));
  }
  for (const g of galleries) set(pageAddress(g, url.gallery), ownDate(g).updatedAt);

  set(url.events(), newestOf(events));
  for (const a of byYear(events)) {
    set(url.year(a.key), newestOf(a.events));
    set(url.yearMonths(a.key), newestOf(a.events));
  }
  for (const a of byType(events)) set(url.type(a.key), newestOf(a.events));
  for (const a of byVoivodeship(events)) set(url.voivodeship(a.key), newestOf(a.events));
  set(url.people(), latest(speakers.map((s) => ownDate(s).updatedAt)));
  set(url.institutions(), latest(institutions.map((i) => ownDate(i).updatedAt)));
  set(url.galleries(), latest(galleries.map((g) => ownDate(g).updatedAt)));
  set(url.accessibility(), newestDate(settings));

  const site = latest([newestDate(settings), ...paths.values()]) ?? new Date(0).toISOString();
  return { paths, site };
}
