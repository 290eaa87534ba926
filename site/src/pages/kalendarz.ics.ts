import type { APIContext } from 'astro';
import { calendarFor } from '../lib/calendar';
import { calendarKey, upcomingEvents } from '../lib/calendar-feeds';
import { getSettings } from '../lib/content';

// /kalendarz.ics: every upcoming event, for calendar apps to subscribe to.
export const cacheKey = async () => calendarKey('kalendarz.ics', (await getSettings()).siteName, await upcomingEvents());

export async function GET({ site }: APIContext) {
  const upcoming = await upcomingEvents();
  const { siteName } = await getSettings();
  return new Response(calendarFor(`${siteName}: nadchodzące wydarzenia`, upcoming, site!), { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
}
