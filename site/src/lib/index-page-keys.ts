import { archiveNavKey, byType } from './archives';
import { pageKey } from './cache-key';
import { upcomingEvents } from './calendar-feeds';
import { appearancesByPerson, getEvents, getInstitutions, getSettings, getSpeakers, todayInPoland, type Event } from './content';
import { hasFeed, MAX_ITEMS } from './feed';
import { cardKey, digestOf, keyByRefs, pageOwner, partDigest } from './listing';

// The keys of the pages that gather the whole site (home, people, institutions, search, the
// feeds), for the publisher: each covers what its page shows, compared by reference first
// (src/lib/listing.ts keyByRefs), so an edit of a report those pages do not show renders none
// of them. At 10,000 events they took 100–140 ms of every publish's rendering.

/** The newest past reports the home page lists. */
const HOME_LATEST = 8;

/** What the home page lists: the upcoming events (soonest first) and the newest past reports. */
export async function homeEvents(): Promise<{ upcoming: Event[]; latest: Event[] }> {
  const [events, upcomingNewestFirst] = await Promise.all([getEvents(), upcomingEvents()]);
  const today = todayInPoland();
  const latest: Event[] = [];
  for (const e of events) {
    if (latest.length === HOME_LATEST) break;
    if (e.end < today) latest.push(e);
  }
  return { upcoming: [...upcomingNewestFirst].reverse(), latest };
}

const card = (e: Event, today: string) => partDigest(e, e.end >= today ? 'card-upcoming' : 'card-past', () => cardKey(e, today));

/** Home: the layout, the site's name and description, the listed cards, the count of all reports and the archive links with counts. */
export async function homeKey(): Promise<string> {
  const [layout, settings, events, { upcoming, latest }] = await Promise.all([pageKey(), getSettings(), getEvents(), homeEvents()]);
  const today = todayInPoland();
  const nav = archiveNavKey(events);
  return keyByRefs(pageOwner('home'), 'page', [layout, settings.siteName, settings.siteDescription, today, events.length, nav, upcoming.length, ...upcoming, ...latest], () =>
    digestOf(layout, settings.siteName, settings.siteDescription, events.length, nav, upcoming.map((e) => card(e, today)), latest.map((e) => card(e, today))),
  );
}

/** /osoby/: every person (objects are kept while unchanged) and the number of reports of each. */
export async function peopleIndexKey(): Promise<string> {
  const [layout, people, appearances] = await Promise.all([pageKey(), getSpeakers(), appearancesByPerson()]);
  const counts = people.map((p) => appearances.get(p.documentId)?.length ?? 0);
  return keyByRefs(pageOwner('people'), 'page', [layout, people, ...counts], () => digestOf(layout, people.map((p) => partDigest(p, 'self', () => [p])), counts));
}

/** /instytucje/: every institution (the array is kept while none changed). */
export async function institutionsIndexKey(): Promise<string> {
  const [layout, institutions] = await Promise.all([pageKey(), getInstitutions()]);
  return keyByRefs(pageOwner('institutions'), 'page', [layout, institutions], () => digestOf(layout, institutions.map((i) => partDigest(i, 'self', () => [i]))));
}

/**
 * /szukaj/: its filters count reports by type, year and województwo (the archive links' counts
 * hold the same numbers) and institutions by województwo; its fallback links name the archives.
 */
export async function searchPageKey(): Promise<string> {
  const [layout, events, institutions] = await Promise.all([pageKey(), getEvents(), getInstitutions()]);
  const nav = archiveNavKey(events);
  return keyByRefs(pageOwner('search'), 'page', [layout, nav, institutions], () => digestOf(layout, nav, institutions.map((i) => i.voivodeship ?? null)));
}

/** What a feed item shows of a report. */
const feedItem = (e: Event) => partDigest(e, 'feed-item', () => [e.slug, e.title, e.lead, e.type, e.dates, e.publishedAt ?? null]);

/** A feed's key: the site's name and description and the reports it shows (src/lib/feed.ts). */
export async function feedKey(id: string, events: readonly Event[]): Promise<string> {
  const settings = await getSettings();
  const shown = events.slice(0, MAX_ITEMS);
  return keyByRefs(pageOwner(`feed ${id}`), 'feed', [settings.siteName, settings.siteDescription, shown.length, ...shown], () =>
    digestOf(id, settings.siteName, settings.siteDescription, shown.map(feedItem)),
  );
}

/** The reports of each type that has a feed (grouped once per list of events). */
export const feedsByType = async () => byType(await getEvents()).filter((a) => hasFeed(a.events));
