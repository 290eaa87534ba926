import type { APIContext, GetStaticPaths } from 'astro';
import { calendarFor } from '../../lib/calendar';
import { getEvents, type Event } from '../../lib/content';
import { digestOf } from '../../lib/listing';

// /wydarzenia/<slug>.ics: the event for a calendar, every part of it.
export const getStaticPaths = (async () =>
  (await getEvents()).map((event) => ({
    params: { slug: event.slug },
    props: { event },
    cacheKey: digestOf('ics', event.slug, event.title, event.lead, event.type, event.dates, event.venue, event.format, event.streamUrl, event.updatedAt ?? null),
  }))) satisfies GetStaticPaths;

export function GET({ props, site }: APIContext) {
  const { event } = props as { event: Event };
  return new Response(calendarFor(event.title, [event], site!), { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
}
