import { hash } from 'node:crypto';
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
// One-shot hash(): a cold start makes one of these per row of every person's and institution's
// page (about ten appearances per event at 10,000 events); for 200,000 short texts it took 131 ms
// against createHash()'s 228 ms in a micro-benchmark.
export const digestOf = (...parts: unknown[]) => hash('sha1', JSON.stringify(parts, (key, value) => (VOLATILE.has(key) ? undefined : value)), 'base64url');

/**
 * digestOf(...parts()) of what a page shows of one object (an event's card, a person's row),
 * once per object and kind: the key lists of 10,000 events are made again per content version,
 * but an unchanged entry keeps its object (src/lib/content.ts) and so its digests.
 */
const partDigests = new WeakMap<object, Map<string, string>>();
export function partDigest(owner: object, kind: string, parts: () => unknown[]): string {
  let byKind = partDigests.get(owner);
  if (!byKind) partDigests.set(owner, (byKind = new Map()));
  let digest = byKind.get(kind);
  if (digest === undefined) byKind.set(kind, (digest = digestOf(...parts())));
  return digest;
}

/**
 * A page's key made from objects (entries, appearances) and strings, made again only when one
 * of them is not the one it was made from last time. Every object the pages get is the same
 * object while its entry is unchanged (src/lib/content.ts), so after one edit only the pages
 * that list the edited entry digest anything: comparing a person's or an institution's list of
 * objects is far cheaper than digesting it again (10,000 events: ~100,000 rows per publish).
 * `refs` must hold everything `make` reads besides `owner`, in order, with the lists' lengths.
 */
const keysByRefs = new WeakMap<object, Map<string, { refs: readonly unknown[]; key: string }>>();
export function keyByRefs(owner: object, kind: string, refs: readonly unknown[], make: () => string): string {
  let byKind = keysByRefs.get(owner);
  if (!byKind) keysByRefs.set(owner, (byKind = new Map()));
  const hit = byKind.get(kind);
  if (hit && hit.refs.length === refs.length && hit.refs.every((r, i) => r === refs[i])) return hit.key;
  const key = make();
  byKind.set(kind, { refs, key });
  return key;
}

/**
 * A page of a listing, newest event first. The listing's own address shows its size (the total,
 * the links to every numbered page). A numbered page shows nothing that depends on the size:
 * only its events, its number and whether a newer numbered page exists, so a new event
 * re-renders the pages it lands on (and the one before a page it opens), not all of them.
 */
export type ListingPage =
  | {
      events: Event[];
      current: null;
      /** Number of numbered pages (1: the listing has none). */
      last: number;
      total: number;
    }
  | {
      events: Event[];
      current: number;
      /** Whether page current + 1 exists (otherwise the newer events are on the listing's own address). */
      hasNewer: boolean;
    };

/** What a listing shows of an event (a card), and whether it counts as upcoming today. */
export const cardKey = (e: Event, today: string) => [e.slug, e.title, e.lead, e.dates, e.type, e.venue, e.format, e.end >= today];

/** What else a listing's pages show: on its own address, on its numbered pages (archive links, the layout's key). */
export interface ListingExtras {
  front: unknown;
  numbered: unknown;
}

/** One object per page (by an id: its route and params), to hold that page's key (keyByRefs). */
const listingPages = new Map<string, object>();
export function pageOwner(id: string): object {
  let page = listingPages.get(id);
  if (!page) listingPages.set(id, (page = {}));
  return page;
}

/** `events` newest first. A page's cache key covers exactly what its ListingPage holds, and its extras. */
export function paginate<P extends Record<string, string>>(events: Event[], params: P, today: string, extras: ListingExtras) {
  const chronological = [...events].reverse();
  const last = Math.max(1, Math.ceil(events.length / PAGE_SIZE));
  const cards = (list: Event[]) => list.map((e) => partDigest(e, e.end >= today ? 'card-upcoming' : 'card-past', () => cardKey(e, today)));
  const listingId = JSON.stringify(params);
  const page = (listing: ListingPage, extra: unknown) => {
    const { events: shown, ...rest } = listing;
    // The same events (objects), numbers, extras and day as last time: the same key.
    const refs = [today, extra, ...Object.values(rest), shown.length, ...shown];
    const cacheKey = keyByRefs(pageOwner(`listing ${listingId} ${listing.current}`), 'listing-page', refs, () => digestOf(cards(shown), rest, extra));
    return { params: { ...params, page: pageParam(listing.current) }, props: { listing }, cacheKey };
  };
  const front = page({ events: events.slice(0, PAGE_SIZE), current: null, last, total: events.length }, extras.front);
  if (last === 1) return [front];
  const numbered = Array.from({ length: last }, (_, i) =>
    page({ events: chronological.slice(i * PAGE_SIZE, (i + 1) * PAGE_SIZE).reverse(), current: i + 1, hasNewer: i + 1 < last }, extras.numbered),
  );
  return [front, ...numbered];
}
