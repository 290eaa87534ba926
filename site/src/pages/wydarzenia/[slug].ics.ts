import type { APIContext, GetStaticPaths } from 'astro';
import { calendarFor } from '../../lib/calendar';
import { getEvents, type Event } from '../../lib/content';
import { partDigest } from '../../lib/listing';
import { notFound, routeProps } from '../../lib/route-props';

// /wydarzenia/<slug>.ics: the event for a calendar, every part of it.
export const getStaticPaths = (async () =>
  (await getEvents()).map((event) => ({
    params: { slug: event.slug },
    props: { event },
    cacheKey: partDigest(event, 'ics', () => ['ics', event.slug, event.title, event.lead, event.type, event.dates, event.venue, event.format, event.streamUrl, event.updatedAt ?? null]),
  }))) satisfies GetStaticPaths;

export async function GET(context: APIContext) {
  const props = await routeProps<{ event: Event }>(context, getStaticPaths);
  if (!props) return notFound();
  const { event } = props;
  const { site } = context;
  return new Response(calendarFor(event.title, [event], site!), { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
}
