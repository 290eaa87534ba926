import type { APIContext } from 'astro';
import { getEvents } from '../lib/content';
import { eventsFeed } from '../lib/feed';

// /rss.xml: every report.
export async function GET(context: APIContext) {
  return eventsFeed(context, await getEvents());
}
