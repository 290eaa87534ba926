import { VOIVODESHIP_LABELS, type Appearance, type EventEntry } from '@cus/shared';
import { warsawTime } from './calendar';
import { responsiveImage, mediaPath } from './media';
import { personName } from './format';
import { safeWebUrl } from './safe-url';
import { url } from './urls';

// schema.org Event for a report, with what Google's Event rich results ask for where the data
// has it: required name, startDate, location; recommended description, endDate, eventStatus,
// eventAttendanceMode, image, organizer, performer. Dates carry the hour and Poland's offset
// when the editor gave an hour. An online or hybrid event is at a VirtualLocation (its stream,
// or the report when no stream link was given); a multi-part event lists each part as a
// subEvent, at the same location. Nobody is listed twice. Only http(s) addresses are written.

const ATTENDANCE_MODE = {
  stacjonarne: 'https://schema.org/OfflineEventAttendanceMode',
  online: 'https://schema.org/OnlineEventAttendanceMode',
  hybrydowe: 'https://schema.org/MixedEventAttendanceMode',
} as const;

type Format = keyof typeof ATTENDANCE_MODE;
const NOT_PERFORMING = new Set<Appearance['role']>(['uczestnik', 'autor_listu']);
type DatePart = EventEntry['dates'][number];

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD', or with an hour 'YYYY-MM-DDTHH:MM:00+01:00' (Poland's offset on that day). */
export function isoInPoland(date: string, time?: string | null): string {
  if (!time) return date;
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const offset = Math.round((Date.UTC(y, m - 1, d, hh, mm) - warsawTime(date, time).getTime()) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  return `${date}T${pad(hh)}:${pad(mm)}:00${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

const partStart = (p: DatePart) => isoInPoland(p.start, p.startTime);
const partEnd = (p: DatePart) => isoInPoland(p.end ?? p.start, p.endTime);

/** Values once each, in order, by a key (a person appearing twice, as speaker and moderator). */
function unique<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && (seen.add(key(item)), true));
}

export function eventJsonLd(event: EventEntry, site: URL): Record<string, unknown> {
  const abs = (path: string) => new URL(path, site).href;
  const page = abs(url.event(event.slug));
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
  const stream = safeWebUrl(event.streamUrl);
  // Without a format: in person where there is a venue, online where there is only a stream.
  const format: Format | undefined = event.format ?? (place && stream ? 'hybrydowe' : stream ? 'online' : place ? 'stacjonarne' : undefined);
  const virtual = format === 'online' || format === 'hybrydowe' ? { '@type': 'VirtualLocation', url: stream ?? page } : undefined;
  const locations = [format === 'online' ? undefined : place, virtual].filter(Boolean);
  const location = locations.length === 1 ? locations[0] : locations.length > 1 ? locations : undefined;
  const attendance = format ? ATTENDANCE_MODE[format] : undefined;

  const image = event.cover ?? event.gallery?.photos?.find((p) => p.image)?.image;
  const img = image ? responsiveImage(image) : null;
  const org = (i: { name: string; slug: string }) => ({ '@type': 'Organization', name: i.name, url: abs(url.institution(i.slug)) });
  const organizers = unique(event.organizers ?? [], (i) => i.slug).map(org);
  // Performers: who spoke, moderated, hosted…; not a participant, nor the author of a letter read out.
  const performers = unique(
    (event.appearances ?? []).filter((a) => a.speaker && !NOT_PERFORMING.has(a.role)).map((a) => a.speaker!),
    (s) => s.slug,
  ).map((s) => ({ '@type': 'Person', name: personName(s), url: abs(url.person(s.slug)) }));
  const parts = [...event.dates].sort((a, b) => a.start.localeCompare(b.start) || (a.startTime ?? '').localeCompare(b.startTime ?? ''));
  const first = parts[0];
  const last = parts.at(-1);
  const status = 'https://schema.org/EventScheduled';

  return {
    '@type': 'Event',
    name: event.title,
    description: event.lead ?? event.seo?.metaDescription ?? undefined,
    url: page,
    startDate: first ? partStart(first) : undefined,
    endDate: last ? partEnd(last) : undefined,
    eventStatus: status,
    eventAttendanceMode: attendance,
    location,
    image: img && image ? [abs(mediaPath(image))] : undefined,
    organizer: organizers.length > 0 ? organizers : undefined,
    performer: performers.length > 0 ? performers : undefined,
    subEvent:
      parts.length > 1
        ? parts.map((p, i) => ({
            '@type': 'Event',
            name: `${event.title} (${p.label || `część ${i + 1}`})`,
            startDate: partStart(p),
            endDate: partEnd(p),
            eventStatus: status,
            eventAttendanceMode: attendance,
            location,
          }))
        : undefined,
    inLanguage: 'pl',
  };
}
