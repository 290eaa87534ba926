import type { APIContext, GetStaticPaths } from 'astro';
import { getEvents } from '../lib/content';
import { eventsFeed, hasFeed } from '../lib/feed';

// /rss.xml: every report. A route with parameters only so that a site with no report yet has
// no (empty) feed at all: the layout links the feed under the same condition.
export const getStaticPaths = (async () => (hasFeed(await getEvents()) ? [{ params: { feed: 'rss' } }] : [])) satisfies GetStaticPaths;

export async function GET(context: APIContext) {
  // The draft preview server renders routes on demand, without getStaticPaths: only /rss.xml is a feed.
  if (context.params.feed !== 'rss') return new Response(null, { status: 404 });
  return eventsFeed(context, await getEvents());
}
