import type { APIContext, GetStaticPaths } from 'astro';
import { VOIVODESHIPS, VOIVODESHIP_LABELS, voivodeshipSlug, type Voivodeship } from '@cus/shared';
import { calendarFor } from '../../lib/calendar';
import { getEvents, getSettings, todayInPoland } from '../../lib/content';
import { notFound, routeProps } from '../../lib/route-props';

// /kalendarz/<województwo>.ics: upcoming events of one województwo (all 16 exist, empty or not,
// so a subscription never breaks).
export const getStaticPaths = (() => VOIVODESHIPS.map((region) => ({ params: { region: voivodeshipSlug(region) }, props: { region } }))) satisfies GetStaticPaths;

export async function GET(context: APIContext) {
  const props = await routeProps<{ region: Voivodeship }>(context, getStaticPaths);
  if (!props) return notFound();
  const { region } = props;
  const { site } = context;
  const today = todayInPoland();
  const events = (await getEvents()).filter((e) => e.end >= today && e.venue?.voivodeship === region);
  const { siteName } = await getSettings();
  return new Response(calendarFor(`${siteName}: województwo ${VOIVODESHIP_LABELS[region]}`, events, site!), {
    headers: { 'content-type': 'text/calendar; charset=utf-8' },
  });
}
