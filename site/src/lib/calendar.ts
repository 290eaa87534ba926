import ical, { ICalCalendarMethod } from 'ical-generator';
import { EVENT_TYPE_LABELS, parseIsoDate, type EventEntry } from '@cus/shared';
import { placeLabel, venueLines } from './format';
import { safeWebUrl } from './safe-url';
import { url } from './urls';

// Calendar files: one .ics per event (every part of a multi-part event is its own VEVENT) and
// subscribable feeds of upcoming events. Days without hours are all-day entries; hours are
// Polish local time, written in UTC so every calendar places them right. Every file follows
// RFC 5545 where ical-generator does not by itself: each line ends in CRLF (the last one too),
// calendar properties come before components, and a calendar always holds one component, the
// VTIMEZONE of Poland, so a feed with no upcoming events is still a valid calendar.

const ZONE = 'Europe/Warsaw';

/** Poland's zone as RFC 5545 describes it (EU rules since 1996: CEST from the last Sunday of March 02:00 to the last Sunday of October 03:00). */
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** 'YYYY-MM-DD' + 'HH:MM[:SS]' in Warsaw → the instant. */
export function warsawTime(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // The zone's offset at about that moment (1 or 2 hours); asked twice around a DST change.
  const offsetAt = (t: number) => {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(t))
      .reduce<Record<string, number>>((acc, p) => (p.type === 'literal' ? acc : { ...acc, [p.type]: Number(p.value) }), {});
    return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!) - t;
  };
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first));
}

const utcDay = (iso: string, plusDays = 0) => {
  const d = parseIsoDate(iso);
  return new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate() + plusDays));
};

type CalendarEvent = Pick<EventEntry, 'documentId' | 'slug' | 'title' | 'lead' | 'type' | 'dates' | 'venue' | 'format' | 'streamUrl' | 'updatedAt' | 'publishedAt'>;

/**
 * DTSTAMP: when this version of the entry was made (its last change), not when the file was
 * written, so a build with no change writes the same bytes. The epoch only if the CMS gave none.
 */
const stampOf = (event: CalendarEvent) => new Date(event.updatedAt ?? event.publishedAt ?? 0);

function addEvent(cal: ReturnType<typeof ical>, event: CalendarEvent, site: URL) {
  const link = new URL(url.event(event.slug), site).href;
  const location = venueLines(event).join(', ') || (event.format === 'online' ? 'online' : '');
  const parts = [...event.dates].sort((a, b) => a.start.localeCompare(b.start) || (a.startTime ?? '').localeCompare(b.startTime ?? ''));
  const stream = safeWebUrl(event.streamUrl); // only a web address reaches a calendar
  parts.forEach((part, i) => {
    const timed = !!part.startTime;
    const start = timed ? warsawTime(part.start, part.startTime!) : utcDay(part.start);
    const end = timed
      ? warsawTime(part.end ?? part.start, part.endTime ?? part.startTime!)
      : utcDay(part.end ?? part.start, 1); // DTEND of an all-day entry is the day after
    cal.createEvent({
      // Stable between builds: the entry's documentId and the part's place in date order.
      id: `${event.documentId}-${i + 1}@cus-relacje`,
      stamp: stampOf(event),
      lastModified: stampOf(event),
      start,
      end: end > start ? end : timed ? new Date(start.getTime() + 60 * 60_000) : end,
      allDay: !timed,
      summary: parts.length > 1 ? `${event.title} (${part.label || `część ${i + 1}`})` : event.title,
      description: [event.lead, `${EVENT_TYPE_LABELS[event.type]}. Relacja: ${link}`, stream ? `Transmisja: ${stream}` : null].filter(Boolean).join('\n\n'),
      location: location || null,
      url: link,
      categories: [{ name: EVENT_TYPE_LABELS[event.type] }],
    });
  });
}

export function calendarFor(name: string, events: CalendarEvent[], site: URL): string {
  const cal = ical({
    name,
    prodId: { company: 'Centra Uslug Spolecznych', product: 'Relacje', language: 'PL' },
    method: ICalCalendarMethod.PUBLISH,
    timezone: null,
    ttl: 60 * 60 * 6,
  });
  for (const event of events) addEvent(cal, event, site);
  // ical-generator writes its x-properties after the events and no CRLF after the last line:
  // our calendar properties go before the first component, and the file ends with CRLF.
  const text = cal.toString().replace(/(\r\n)?$/, '\r\n');
  const firstComponent = text.search(/\r\n(BEGIN:VEVENT|END:VCALENDAR)\r\n/) + 2;
  return `${text.slice(0, firstComponent)}${[`X-WR-TIMEZONE:${ZONE}`, ...VTIMEZONE].join('\r\n')}\r\n${text.slice(firstComponent)}`;
}

/** "Add to Google Calendar" for the event (its first part, to the end of its last). */
export function googleCalendarUrl(event: CalendarEvent, site: URL): string {
  const parts = [...event.dates].sort((a, b) => a.start.localeCompare(b.start));
  const first = parts[0]!;
  const last = parts.at(-1)!;
  const compact = (iso: string) => iso.replace(/-/g, '');
  const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const dates = first.startTime
    ? `${stamp(warsawTime(first.start, first.startTime))}/${stamp(warsawTime(last.end ?? last.start, last.endTime ?? last.startTime ?? first.startTime))}`
    : `${compact(first.start)}/${compact(utcDay(last.end ?? last.start, 1).toISOString().slice(0, 10))}`;
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: event.title,
    dates,
    ctz: ZONE,
    details: `${event.lead ?? ''}\n\n${new URL(url.event(event.slug), site).href}`.trim(),
    location: venueLines(event).join(', ') || placeLabel(event),
  });
  return `https://calendar.google.com/calendar/render?${params}`;
}
