import type { APIContext, GetStaticPaths } from 'astro';
import { EVENT_TYPES, EVENT_TYPE_LABELS, type EventType } from '@cus/shared';
import { eventsFeed, hasFeed } from '../../../../lib/feed';
import { getEvents, type Event } from '../../../../lib/content';
import { typeSlug } from '../../../../lib/urls';

// /wydarzenia/rodzaj/<type>/rss.xml: the reports of one type; a type with none has no feed.
export const getStaticPaths = (async () => {
  const events = await getEvents();
  return EVENT_TYPES.map((type) => ({ type, events: events.filter((e) => e.type === type) }))
    .filter(({ events: ofType }) => hasFeed(ofType))
    .map(({ type, events: ofType }) => ({ params: { type: typeSlug(type) }, props: { type, events: ofType } }));
}) satisfies GetStaticPaths;

export async function GET(context: APIContext) {
  const { type, events } = context.props as { type?: EventType; events?: Event[] };
  // The draft preview server renders routes on demand, without getStaticPaths' props.
  if (!type || !events) return new Response(null, { status: 404 });
  return eventsFeed(context, events, `${EVENT_TYPE_LABELS[type]}: relacje`);
}
