import type { Voivodeship } from '@cus/shared';
import { getEvents, todayInPoland, type Event } from './content';
import { digestOf, keyByRefs, pageOwner } from './listing';

// What the subscribable calendars (/kalendarz.ics, /kalendarz/<województwo>.ics) hold: the
// upcoming events, found once per list of events and day, and each calendar's key, so a publish
// re-renders a calendar only when one of its events (or the site's name) changed.

let upcoming: { events: Event[]; today: string; list: Event[]; byRegion: Map<Voivodeship, Event[]> } | undefined;
async function upcomingNow() {
  const events = await getEvents();
  const today = todayInPoland();
  if (upcoming?.events !== events || upcoming.today !== today) {
    const list = events.filter((e) => e.end >= today);
    const byRegion = new Map<Voivodeship, Event[]>();
    for (const e of list) {
      const region = e.venue?.voivodeship;
      if (!region) continue;
      let of = byRegion.get(region);
      if (!of) byRegion.set(region, (of = []));
      of.push(e);
    }
    upcoming = { events, today, list, byRegion };
  }
  return upcoming;
}

/** Every upcoming event (its last day today or later, in Poland), newest first. */
export const upcomingEvents = async (): Promise<Event[]> => (await upcomingNow()).list;

/** The upcoming events by the województwo of their venue. */
export const upcomingByRegion = async (): Promise<Map<Voivodeship, Event[]>> => (await upcomingNow()).byRegion;

/** A calendar's key: its name and its events (an event's digest changes with any change of it). */
export function calendarKey(id: string, siteName: string, events: readonly Event[]): string {
  return keyByRefs(pageOwner(`calendar ${id}`), 'calendar', [siteName, events.length, ...events], () => digestOf(siteName, events.map((e) => e.digest)));
}
