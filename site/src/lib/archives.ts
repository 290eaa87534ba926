import { EVENT_TYPES, VOIVODESHIPS, type EventType, type Voivodeship } from '@cus/shared';
import type { Event } from './content';
import { digestOf } from './listing';

// The archives of the event listing: by year (of the first day), by type, by województwo
// (of the venue). Only archives that hold at least one event exist.

export interface Archive<K> {
  key: K;
  events: Event[];
}

export const eventYear = (e: Event) => Number(e.start.slice(0, 4));

export function byYear(events: Event[]): Archive<number>[] {
  const map = new Map<number, Event[]>();
  for (const e of events) map.set(eventYear(e), [...(map.get(eventYear(e)) ?? []), e]);
  return [...map.entries()].sort((a, b) => b[0] - a[0]).map(([key, list]) => ({ key, events: list }));
}

export function byType(events: Event[]): Archive<EventType>[] {
  return EVENT_TYPES.map((key) => ({ key, events: events.filter((e) => e.type === key) })).filter((a) => a.events.length > 0);
}

export function byVoivodeship(events: Event[]): Archive<Voivodeship>[] {
  return VOIVODESHIPS.map((key) => ({ key, events: events.filter((e) => e.venue?.voivodeship === key) })).filter((a) => a.events.length > 0);
}

/** Changes when any count in the archive links does: part of every listing page's cache key. */
export const archiveNavKey = (events: Event[]) => digestOf(events.map((e) => [e.start, e.type, e.venue?.voivodeship]));
