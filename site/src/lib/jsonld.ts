import { VOIVODESHIP_LABELS, eventEnd, eventStart, type EventEntry } from '@cus/shared';
import { responsiveImage, mediaPath } from './media';
import { personName } from './format';
import { url } from './urls';

// schema.org Event for a report: dates of all parts, where, how, who organized and who spoke.

const ATTENDANCE_MODE = {
  stacjonarne: 'https://schema.org/OfflineEventAttendanceMode',
  online: 'https://schema.org/OnlineEventAttendanceMode',
  hybrydowe: 'https://schema.org/MixedEventAttendanceMode',
} as const;

export function eventJsonLd(event: EventEntry, site: URL): Record<string, unknown> {
  const abs = (path: string) => new URL(path, site).href;
  const v = event.venue;
  const place = v && (v.name || v.city || v.address)
    ? {
        '@type': 'Place',
        name: v.name ?? v.city,
        address: {
          '@type': 'PostalAddress',
          streetAddress: v.address ?? undefined,
          postalCode: v.postalCode ?? undefined,
          addressLocality: v.city ?? undefined,
          addressRegion: v.voivodeship ? `województwo ${VOIVODESHIP_LABELS[v.voivodeship]}` : undefined,
          addressCountry: 'PL',
        },
      }
    : undefined;
  const virtual = event.streamUrl ? { '@type': 'VirtualLocation', url: event.streamUrl } : undefined;
  const locations = [place, event.format !== 'stacjonarne' ? virtual : undefined].filter(Boolean);
  const image = event.cover ?? event.gallery?.photos?.find((p) => p.image)?.image;
  const img = image ? responsiveImage(image) : null;
  const org = (i: { name: string; slug: string }) => ({ '@type': 'Organization', name: i.name, url: abs(url.institution(i.slug)) });
  return {
    '@type': 'Event',
    name: event.title,
    description: event.lead ?? undefined,
    url: abs(url.event(event.slug)),
    startDate: eventStart(event.dates),
    endDate: eventEnd(event.dates),
    eventStatus: 'https://schema.org/EventScheduled',
    eventAttendanceMode: event.format ? ATTENDANCE_MODE[event.format] : undefined,
    location: locations.length === 1 ? locations[0] : locations.length > 1 ? locations : undefined,
    image: img && image ? [abs(mediaPath(image))] : undefined,
    organizer: (event.organizers ?? []).map(org),
    performer: (event.appearances ?? [])
      .filter((a) => a.speaker && a.role !== 'uczestnik')
      .map((a) => ({ '@type': 'Person', name: personName(a.speaker!), url: abs(url.person(a.speaker!.slug)) })),
    subEvent:
      event.dates.length > 1
        ? event.dates.map((d) => ({ '@type': 'Event', name: d.label ?? event.title, startDate: d.start, endDate: d.end ?? d.start }))
        : undefined,
    inLanguage: 'pl',
  };
}
