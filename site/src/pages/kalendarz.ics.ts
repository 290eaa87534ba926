import type { APIContext } from 'astro';
import { calendarFor } from '../lib/calendar';
import { getEvents, getSettings, todayInPoland } from '../lib/content';

// /kalendarz.ics: every upcoming event, for calendar apps to subscribe to.
export async function GET({ site }: APIContext) {
  const today = todayInPoland();
  const upcoming = (await getEvents()).filter((e) => e.end >= today);
  const { siteName } = await getSettings();
  return new Response(calendarFor(`${siteName}: nadchodzące wydarzenia`, upcoming, site!), { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
}
