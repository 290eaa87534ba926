import type { APIContext, GetStaticPaths } from 'astro';
import { getEvents } from '../lib/content';
import { eventsFeed, hasFeed } from '../lib/feed';
import { feedKey } from '../lib/index-page-keys';
import { notFound, routeProps } from '../lib/route-props';

// /rss.xml: every report. A route with parameters only so that a site with no report yet has
// no (empty) feed at all: the layout links the feed under the same condition.
export const getStaticPaths = (async () => {
  const events = await getEvents();
  return hasFeed(events) ? [{ params: { feed: 'rss' }, cacheKey: await feedKey('rss', events) }] : [];
}) satisfies GetStaticPaths;

export async function GET(context: APIContext) {
  // Rendered on demand (publisher, draft preview): only a path getStaticPaths gives is a feed.
  if (!(await routeProps(context, getStaticPaths))) return notFound();
  return eventsFeed(context, await getEvents());
}
