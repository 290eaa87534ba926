import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { EVENT_TYPE_LABELS, formatDateRanges } from '@cus/shared';
import { getSettings, type Event } from './content';
import { polish } from './typography';
import { url } from './urls';

// An RSS feed of reports, newest event first (at most 50).
export async function eventsFeed(context: APIContext, events: Event[], title?: string) {
  const settings = await getSettings();
  return rss({
    title: title ? `${settings.siteName}: ${title}` : settings.siteName,
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
