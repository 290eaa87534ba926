import { EVENT_TYPES, VOIVODESHIPS, type EventType, type Voivodeship } from '@cus/shared';
import type { Event } from './content';
import { digestOf } from './listing';

// The archives of the event listing: by year (of the first day), by type, by województwo
// (of the venue). Only archives that hold at least one event exist. Each grouping is made once
// per list of events (every listing page shows the archive links; 2,000 pages at 10,000 events).
// The counts are shown only on the main listing's own address and the home page: a page that
// shows them changes with every new event, so numbered pages and archives show the links alone.

export interface Archive<K> {
  key: K;
  events: Event[];
}

export const eventYear = (e: Event) => Number(e.start.slice(0, 4));

/** The events by year, type and województwo, in one pass over the list (once per list). */
const groups = memo((events) => {
  const years = new Map<number, Event[]>();
  const types = new Map<EventType, Event[]>();
  const regions = new Map<Voivodeship, Event[]>();
  const add = <K>(map: Map<K, Event[]>, key: K, e: Event) => {
    const list = map.get(key);
    if (list) list.push(e);
    else map.set(key, [e]);
  };
  for (const e of events) {
    add(years, eventYear(e), e);
    add(types, e.type, e);
    const region = e.venue?.voivodeship;
    if (region) add(regions, region, e);
  }
  return { years, types, regions };
});

function memo<T>(compute: (events: Event[]) => T): (events: Event[]) => T {
  const cache = new WeakMap<Event[], T>();
  return (events) => {
    let v = cache.get(events);
    if (v === undefined) cache.set(events, (v = compute(events)));
    return v;
  };
}

export const byYear = memo((events): Archive<number>[] =>
  [...groups(events).years.entries()].sort((a, b) => b[0] - a[0]).map(([key, list]) => ({ key, events: list })),
);

export const byType = memo((events): Archive<EventType>[] => {
  const map = groups(events).types;
  return EVENT_TYPES.filter((t) => map.has(t)).map((key) => ({ key, events: map.get(key)! }));
});

export const byVoivodeship = memo((events): Archive<Voivodeship>[] => {
  const map = groups(events).regions;
  return VOIVODESHIPS.filter((v) => map.has(v)).map((key) => ({ key, events: map.get(key)! }));
});

/** What the archive links show: each year, type and województwo that has events, with its count or without. */
export function archiveLinks(events: Event[], counts: boolean) {
  const n = (a: Archive<unknown>) => (counts ? a.events.length : null);
  return {
    years: byYear(events).map((a) => ({ key: a.key, n: n(a) })),
    types: byType(events).map((a) => ({ key: a.key, n: n(a) })),
    voivodeships: byVoivodeship(events).map((a) => ({ key: a.key, n: n(a) })),
  };
}

/**
 * Part of the cache key of a page that shows the archive links with their counts (the main
 * listing's own address): it changes when a count does, not when an event moves within its year.
 */
export const archiveNavKey = memo((events) => digestOf(archiveLinks(events, true)));

/**
 * Part of the cache key of a page that shows the archive links without counts (archives,
 * numbered pages): it changes only when an archive appears or goes, not with every new event.
 */
export const archiveLinksKey = memo((events) => digestOf(archiveLinks(events, false)));
