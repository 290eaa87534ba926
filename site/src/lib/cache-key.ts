import { getEvents, getSettings } from './content';
import { digestOf, keyByRefs } from './listing';
import { perContentVersion } from './site-content';

// Astro's incremental build re-renders a page only when its cache key (or its code) changed.
// A key must cover everything the page shows: its own data, and the site-wide parts of the
// layout (site name, publisher and contact in the footer) that come from the settings.

// The layout links the site's feed only while a report is published (src/lib/feed.ts hasFeed).
const layoutKey = perContentVersion(() => Promise.all([getSettings(), getEvents()]).then(([s, events]) => digestOf(s, events.length > 0)));

/** The cache key of a page that shows `parts` inside the common layout. */
export async function pageKey(...parts: unknown[]): Promise<string> {
  return digestOf(await layoutKey(), ...parts);
}

/**
 * pageKey(...parts()) for the pages of single entries, made again only when the layout's key or
 * the entry's object changed (an unchanged entry keeps its object): listing 10,000 report pages
 * after one edit digests one of them, not all.
 */
export async function entryPageKeys(): Promise<(entry: object, kind: string, parts: () => unknown[]) => string> {
  const layout = await layoutKey();
  return (entry, kind, parts) => keyByRefs(entry, kind, [layout], () => digestOf(layout, ...parts()));
}
