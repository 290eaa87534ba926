import type { APIContext, GetStaticPaths } from 'astro';
import { EVENT_TYPE_LABELS, type EventType } from '@cus/shared';
import { eventsFeed } from '../../../../lib/feed';
import type { Event } from '../../../../lib/content';
import { feedKey, feedsByType } from '../../../../lib/index-page-keys';
import { typeSlug } from '../../../../lib/urls';
import { notFound, routeProps } from '../../../../lib/route-props';

// /wydarzenia/rodzaj/<type>/rss.xml: the reports of one type; a type with none has no feed.
export const getStaticPaths = (async () =>
  Promise.all(
    (await feedsByType()).map(async ({ key: type, events }) => ({ params: { type: typeSlug(type) }, props: { type, events }, cacheKey: await feedKey(`type ${type}`, events) })),
  )) satisfies GetStaticPaths;

export async function GET(context: APIContext) {
  const props = await routeProps<{ type: EventType; events: Event[] }>(context, getStaticPaths);
  if (!props) return notFound();
  const { type, events } = props;
  return eventsFeed(context, events, `${EVENT_TYPE_LABELS[type]}: relacje`);
}
