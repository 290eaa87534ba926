import { createHash } from 'node:crypto';
import type { Event } from './content';
import { pageParam } from './urls';

// Paginated listings of events: which events are on page n, and a cache key that changes
// only when something shown on that page does (Astro's incremental build).

export const PAGE_SIZE = 20;

/** Row ids, timestamps and store digests change on every save without changing what a page shows. */
const VOLATILE = new Set(['id', 'updatedAt', 'createdAt', 'digest']);

/** A short hash of what a page shows (for cache keys). */
export const digestOf = (...parts: unknown[]) =>
  createHash('sha1')
    .update(JSON.stringify(parts, (key, value) => (VOLATILE.has(key) ? undefined : value)))
    .digest('base64url');

export interface ListingPage {
  events: Event[];
  current: number;
  last: number;
}

/** `extra`: what else every page of the listing shows (the archive links, the layout's key). */
export function paginate<P extends Record<string, string>>(events: Event[], params: P, extra: unknown = null) {
  const last = Math.max(1, Math.ceil(events.length / PAGE_SIZE));
  return Array.from({ length: last }, (_, i) => {
    const current = i + 1;
    const slice = events.slice(i * PAGE_SIZE, current * PAGE_SIZE);
    const listing: ListingPage = { events: slice, current, last };
    return {
      params: { ...params, page: pageParam(current) },
      props: { listing },
      cacheKey: digestOf(slice.map((e) => [e.slug, e.title, e.lead, e.dates, e.type, e.venue, e.format]), last, extra),
    };
  });
}
