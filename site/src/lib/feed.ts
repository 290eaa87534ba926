import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { EVENT_TYPE_LABELS, formatDateRanges } from '@cus/shared';
import { getSettings, type Event } from './content';
import { polish } from '@cus/shared/typography';
import { url } from './urls';

// RSS 2.0 feeds of reports, newest event first (at most 50). An item's pubDate is when the
// report was published in the CMS, never the build time; the feed names its own address
// (atom:link rel="self"). A feed exists only where it has items: routes ask hasFeed first.

/** Items of a feed (its newest reports). */
export const MAX_ITEMS = 50;
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A feed is made (and linked) only when it has at least one item. */
export const hasFeed = (events: readonly Event[]) => events.length > 0;

/** The text as a sentence: a full stop added only when it does not end in one already ("r." + "." never makes "r.."). */
export function sentence(text: string): string {
  const t = text.trim();
  return t === '' || /[.!?…]["”»)]*$/.test(t) ? t : `${t}.`;
}

/** The item's description: type and dates, then the lead (a typed ".." made one full stop; "..." is already "…"). */
export function feedDescription(e: Pick<Event, 'type' | 'dates' | 'lead'>): string {
  return [sentence(`${EVENT_TYPE_LABELS[e.type]}, ${formatDateRanges(e.dates)}`), e.lead ? sentence(polish(e.lead)) : '']
    .filter(Boolean)
    .join(' ')
    .replace(/\.{2,}/g, '.');
}

export async function eventsFeed(context: APIContext, events: Event[], title?: string) {
  const settings = await getSettings();
  const self = new URL(context.url.pathname, context.site).href;
  return rss({
    title: title ? `${settings.siteName}: ${title}` : settings.siteName,
    description: settings.siteDescription ?? settings.siteName,
    site: context.site!,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>pl</language><atom:link href="${escapeXml(self)}" rel="self" type="application/rss+xml"/>`,
    items: events.slice(0, MAX_ITEMS).map((e) => ({
      title: polish(e.title),
      link: url.event(e.slug),
      // Strapi's publishedAt: when this version of the report went live. No date rather than a made-up one.
      pubDate: e.publishedAt ? new Date(e.publishedAt) : undefined,
      description: feedDescription(e),
      categories: [EVENT_TYPE_LABELS[e.type]],
    })),
  });
}
