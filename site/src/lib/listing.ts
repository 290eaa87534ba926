import { createHash } from 'node:crypto';
import type { Event } from './content';
import { pageParam } from './urls';

// Paginated listings of events. Numbered pages are counted from the OLDEST event, so a page
// keeps its events (and its address stays a good bookmark) as new reports come in: only the
// newest page fills up. The listing's own address shows the newest events. Each page has a
// cache key that changes only when something shown on it does (Astro's incremental build).

export const PAGE_SIZE = 20;

/** Row ids, timestamps and store digests change on every save without changing what a page shows. */
const VOLATILE = new Set(['id', 'updatedAt', 'createdAt', 'digest']);

/** A short hash of what a page shows (for cache keys). */
export const digestOf = (...parts: unknown[]) =>
  createHash('sha1')
    .update(JSON.stringify(parts, (key, value) => (VOLATILE.has(key) ? undefined : value)))
    .digest('base64url');

export interface ListingPage {
  /** Newest first. */
  events: Event[];
  /** Page number, or null for the listing's own address (the newest events). */
  current: number | null;
  /** Number of numbered pages. */
  last: number;
}

/** What a listing shows of an event (a card), and whether it counts as upcoming today. */
export const cardKey = (e: Event, today: string) => [e.slug, e.title, e.lead, e.dates, e.type, e.venue, e.format, e.end >= today];

/** `events` newest first; `extra`: what else every page shows (archive links, the layout's key). */
export function paginate<P extends Record<string, string>>(events: Event[], params: P, today: string, extra: unknown = null) {
  const chronological = [...events].reverse();
  const last = Math.max(1, Math.ceil(events.length / PAGE_SIZE));
  const page = (listing: ListingPage) => ({
    params: { ...params, page: pageParam(listing.current) },
    props: { listing },
    cacheKey: digestOf(listing.events.map((e) => cardKey(e, today)), listing.current, last, extra),
  });
  const front = page({ events: events.slice(0, PAGE_SIZE), current: null, last });
  if (last === 1) return [front];
  const numbered = Array.from({ length: last }, (_, i) =>
    page({ events: chronological.slice(i * PAGE_SIZE, (i + 1) * PAGE_SIZE).reverse(), current: i + 1, last }),
  );
  return [front, ...numbered];
}
