import type { APIContext, GetStaticPaths } from 'astro';
import { VOIVODESHIPS, VOIVODESHIP_LABELS, voivodeshipSlug, type Voivodeship } from '@cus/shared';
import { calendarFor } from '../../lib/calendar';
import { calendarKey, upcomingByRegion } from '../../lib/calendar-feeds';
import { getSettings, type Event } from '../../lib/content';
import { notFound, routeProps } from '../../lib/route-props';

// /kalendarz/<województwo>.ics: upcoming events of one województwo (all 16 exist, empty or not,
// so a subscription never breaks).
export const getStaticPaths = (async () => {
  const [{ siteName }, byRegion] = await Promise.all([getSettings(), upcomingByRegion()]);
  return VOIVODESHIPS.map((region) => {
    const events = byRegion.get(region) ?? [];
    return { params: { region: voivodeshipSlug(region) }, props: { region, events }, cacheKey: calendarKey(`kalendarz/${region}`, siteName, events) };
  });
}) satisfies GetStaticPaths;

export async function GET(context: APIContext) {
  const props = await routeProps<{ region: Voivodeship; events: Event[] }>(context, getStaticPaths);
  if (!props) return notFound();
  const { region, events } = props;
  const { site } = context;
  const { siteName } = await getSettings();
  return new Response(calendarFor(`${siteName}: województwo ${VOIVODESHIP_LABELS[region]}`, events, site!), {
    headers: { 'content-type': 'text/calendar; charset=utf-8' },
  });
}
