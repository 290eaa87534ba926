import type { APIContext, GetStaticPaths } from 'astro';
import { EVENT_TYPES, EVENT_TYPE_LABELS, type EventType } from '@cus/shared';
import { eventsFeed } from '../../../../lib/feed';
import { getEvents } from '../../../../lib/content';
import { typeSlug } from '../../../../lib/urls';

// /wydarzenia/rodzaj/<type>/rss.xml: the reports of one type.
export const getStaticPaths = (() => EVENT_TYPES.map((type) => ({ params: { type: typeSlug(type) }, props: { type } }))) satisfies GetStaticPaths;

export async function GET(context: APIContext) {
  const { type } = context.props as { type: EventType };
  const events = (await getEvents()).filter((e) => e.type === type);
  return eventsFeed(context, events, `${EVENT_TYPE_LABELS[type]}: relacje`);
}
