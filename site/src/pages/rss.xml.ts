import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { EVENT_TYPE_LABELS, formatDateRanges } from '@cus/shared';
import { getEvents, getSettings } from '../lib/content';
import { polish } from '../lib/typography';
import { url } from '../lib/urls';

// The reports as an RSS feed, newest event first.
export async function GET(context: APIContext) {
  const settings = await getSettings();
  const events = await getEvents();
  return rss({
    title: settings.siteName,
    description: settings.siteDescription ?? settings.siteName,
    site: context.site!,
    customData: '<language>pl</language>',
    items: events.slice(0, 50).map((e) => ({
      title: polish(e.title),
      link: url.event(e.slug),
      pubDate: new Date(e.publishedAt ?? `${e.start}T12:00:00Z`),
      description: `${EVENT_TYPE_LABELS[e.type]}, ${formatDateRanges(e.dates)}. ${polish(e.lead)}`.trim(),
      categories: [EVENT_TYPE_LABELS[e.type]],
    })),
  });
}
