import type { APIContext, GetStaticPaths } from 'astro';
import { EVENT_TYPES, EVENT_TYPE_LABELS, type EventType } from '@cus/shared';
import { eventsFeed, hasFeed } from '../../../../lib/feed';
import { getEvents, type Event } from '../../../../lib/content';
import { typeSlug } from '../../../../lib/urls';
import { notFound, routeProps } from '../../../../lib/route-props';

// /wydarzenia/rodzaj/<type>/rss.xml: the reports of one type; a type with none has no feed.
export const getStaticPaths = (async () => {
  const events = await getEvents();
  return EVENT_TYPES.map((type) => ({ type, events: events.filter((e) => e.type === type) }))
    .filter(({ events: ofType }) => hasFeed(ofType))
    .map(({ type, events: ofType }) => ({ params: { type: typeSlug(type) }, props: { type, events: ofType } }));
}) satisfies GetStaticPaths;

export async function GET(context: APIContext) {
  const props = await routeProps<{ type: EventType; events: Event[] }>(context, getStaticPaths);
  if (!props) return notFound();
  const { type, events } = props;
  return eventsFeed(context, events, `${EVENT_TYPE_LABELS[type]}: relacje`);
}
