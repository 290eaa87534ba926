import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, inject, it } from 'vitest';
import { slugify } from '@cus/shared';
import { calendarFor } from '../src/lib/calendar.ts';
import { checkICalendar } from './helpers/icalendar.ts';
import { linksOf, readPage } from './helpers/html.ts';
import { EXTRA_EVENTS, SITE_URL, UPCOMING_EVENT } from './global-setup.ts';

// The calendar files of the built site, parsed back with ical.js (a parser that is not the
// library that wrote them): every part of every event, on the right days and hours. Then every
// file against RFC 5545 by hand (helpers/icalendar.ts), where ical.js is lenient.

const dist = inject('distDir');
const cmsEvents = inject('cmsEvents');
const icsFiles = fs.readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ics')).sort();
const seed = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../cms/seed/reports.json'), 'utf8')) as {
  events: { title: string; dates: { start: string; end: string | null }[] }[];
};

function vevents(file: string) {
  const comp = new ICAL.Component(ICAL.parse(fs.readFileSync(path.join(dist, file), 'utf8')));
  return comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

/** The day after an ISO date: DTEND of an all-day entry. */
const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('calendar files', () => {
  it.each(seed.events.map((e) => [e.title, e] as const))('%s', (_title, event) => {
    const slug = slugify(event.title);
    const parsed = vevents(`wydarzenia/${slug}.ics`);
    const parts = [...event.dates].sort((a, b) => a.start.localeCompare(b.start));
    expect(parsed).toHaveLength(parts.length);
    parts.forEach((part, i) => {
      const e = parsed[i]!;
      expect(e.startDate.isDate).toBe(true);
      expect(e.startDate.toString()).toBe(part.start);
      expect(e.endDate.toString()).toBe(dayAfter(part.end ?? part.start));
      expect(e.summary).toContain(event.title.slice(0, 20));
      expect(e.component.getFirstPropertyValue('url')).toBe(`http://127.0.0.1:4321/wydarzenia/${slug}/`);
    });
    // The report links its calendar file and Google Calendar.
    const links = linksOf(readPage(dist, `/wydarzenia/${slug}/`));
    expect(links).toContain(`/wydarzenia/${slug}.ics`);
    expect(links.some((l) => l.startsWith('https://calendar.google.com/calendar/render?action=TEMPLATE'))).toBe(true);
  });

  it('writes the Bukowsko visits as two entries: 19–21 and 26 June 2023', () => {
    const [first, second] = vevents('wydarzenia/wizyty-studyjne-w-centrum-uslug-spolecznych-w-bukowsku.ics');
    expect([first!.startDate.toString(), first!.endDate.toString()]).toEqual(['2023-06-19', '2023-06-22']);
    expect([second!.startDate.toString(), second!.endDate.toString()]).toEqual(['2023-06-26', '2023-06-27']);
  });

  it('puts hours in Polish time', () => {
    const [e] = vevents(`wydarzenia/${slugify(UPCOMING_EVENT.title)}.ics`);
    // 10:00–14:00 in Warsaw in March (UTC+1).
    expect(e!.startDate.toJSDate().toISOString()).toBe('2099-03-15T09:00:00.000Z');
    expect(e!.endDate.toJSDate().toISOString()).toBe('2099-03-15T13:00:00.000Z');
    expect(e!.location).toContain('Lublin');
  });

  it('lists only upcoming events in the subscribable feeds', () => {
    const all = vevents('kalendarz.ics');
    expect(all.map((e) => e.summary)).toEqual([UPCOMING_EVENT.title]);
    expect(vevents('kalendarz/lubelskie.ics').map((e) => e.summary)).toEqual([UPCOMING_EVENT.title]);
    expect(vevents('kalendarz/podkarpackie.ics')).toEqual([]);
    expect(fs.readdirSync(path.join(dist, 'kalendarz'))).toHaveLength(16);
  });
});

describe('every calendar file follows RFC 5545', () => {
  it('has one .ics per event, the upcoming calendar and one per województwo', () => {
    // Seed reports, the announced event, the extra events; kalendarz.ics; 16 województwa.
    expect(icsFiles).toHaveLength(seed.events.length + 1 + EXTRA_EVENTS.length + 1 + 16);
    console.log(`[calendar] ${icsFiles.length} .ics files checked against RFC 5545 and parsed with ical.js`);
  });

  it.each(icsFiles.map((f) => [f] as const))('%s', (file) => {
    const bytes = fs.readFileSync(path.join(dist, file));
    const { problems, events } = checkICalendar(bytes);
    expect(problems).toEqual([]);
    // ical.js reads the same events, and the calendar has at least one component.
    const cal = new ICAL.Component(ICAL.parse(bytes.toString('utf8')));
    expect(cal.getAllSubcomponents().length).toBeGreaterThan(0);
    expect(cal.getAllSubcomponents('vevent')).toHaveLength(events.length);
    expect(cal.getFirstPropertyValue('prodid')).toBe('-//Centra Uslug Spolecznych//Relacje//PL');
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
  });

  it('keeps a calendar with no upcoming event valid: Poland\'s VTIMEZONE is its component', () => {
    const bytes = fs.readFileSync(path.join(dist, 'kalendarz/podkarpackie.ics'));
    expect(checkICalendar(bytes)).toEqual({ problems: [], events: [] });
    const cal = new ICAL.Component(ICAL.parse(bytes.toString('utf8')));
    expect(cal.getAllSubcomponents().map((c) => c.name)).toEqual(['vtimezone']);
    expect(cal.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('Europe/Warsaw');
  });

  it('describes Poland\'s time as the system\'s zone data does, on every day of 2024–2027', () => {
    const vtimezone = new ICAL.Component(ICAL.parse(fs.readFileSync(path.join(dist, 'kalendarz.ics'), 'utf8'))).getFirstSubcomponent('vtimezone')!;
    const zone = new ICAL.Timezone(vtimezone);
    const offsetName = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', timeZoneName: 'longOffset' });
    for (let t = Date.UTC(2024, 0, 1, 12); t < Date.UTC(2028, 0, 1); t += 86_400_000) {
      const expected = offsetName.formatToParts(new Date(t)).find((p) => p.type === 'timeZoneName')!.value; // "GMT+01:00"
      const utc = ICAL.Time.fromJSDate(new Date(t), true);
      const hours = zone.utcOffset(utc) / 3600;
      expect(`GMT+0${hours}:00`, new Date(t).toISOString()).toBe(expected);
    }
  });

  it('gives every part of an event a UID of its own, the same in every file, and the CMS version\'s time as DTSTAMP', () => {
    const byUid = new Map<string, string>();
    for (const file of icsFiles) {
      for (const e of checkICalendar(fs.readFileSync(path.join(dist, file))).events) {
        const uid = e.get('UID')!.value;
        const start = e.get('DTSTART')!.value;
        // One UID is one part of one event wherever it appears.
        expect(byUid.get(uid) ?? start, `${uid} in ${file}`).toBe(start);
        byUid.set(uid, start);
      }
    }
    for (const event of cmsEvents) {
      const { events } = checkICalendar(fs.readFileSync(path.join(dist, `wydarzenia/${event.slug}.ics`)));
      const stamp = event.updatedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
      for (const e of events) {
        expect(e.get('UID')!.value).toMatch(new RegExp(`^${event.documentId}-\\d+@cus-relacje$`));
        expect(e.get('DTSTAMP')!.value, event.slug).toBe(stamp);
      }
    }
    expect(byUid.size).toBe(seed.events.reduce((n, e) => n + e.dates.length, 0) + 1 + EXTRA_EVENTS.reduce((n, e) => n + e.dates.length, 0));
  });

  it('writes hostile text as valid iCalendar: escaped, folded at 75 octets in UTF-8, never a scheme other than http(s)', () => {
    const title = 'Zażółć gęślą jaźń; „cytat”, przecinek\\ukośnik 🎉 '.repeat(6).trim();
    const event = {
      documentId: 'hostile1', slug: 'wrogi', title, lead: 'Linia pierwsza\nLinia druga\r\nTrzecia;,\\', type: 'inne' as const,
      dates: [{ start: '2025-03-30', startTime: '01:30:00.000', endTime: '03:30:00.000' }, { start: '2025-03-30', label: 'drugi; dzień' }],
      venue: { name: 'Sala „A”; piętro 2, Łódź', city: 'Łódź', voivodeship: 'lodzkie' as const },
      format: 'hybrydowe' as const, streamUrl: 'javascript:alert(1)', updatedAt: '2025-01-02T03:04:05.678Z', publishedAt: null,
    };
    const text = calendarFor(`Kalendarz ${'ąęśćżźńół'.repeat(20)}`, [event], new URL(SITE_URL));
    expect(checkICalendar(Buffer.from(text, 'utf8')).problems).toEqual([]);
    const vevents = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(vevents[1]!.summary).toBe(`${title} (część 2)`);
    expect(vevents[0]!.summary).toBe(`${title} (drugi; dzień)`);
    expect(vevents[0]!.description).toContain('Linia pierwsza\nLinia druga');
    expect(text).not.toContain('javascript:');
    // 01:30 on the night clocks go forward is still winter time (UTC+1).
    expect(vevents[1]!.startDate.toJSDate().toISOString()).toBe('2025-03-30T00:30:00.000Z');
    expect(vevents[0]!.component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2025-01-02T03:04:05Z');
  });

  it('is a check that can fail: a missing final CRLF, a long line, no component, an unescaped comma and a UID used twice are reported', () => {
    const lines = (...l: string[]) => Buffer.from(l.join('\r\n'), 'utf8');
    expect(checkICalendar(lines('BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//x//y//PL', 'END:VCALENDAR')).problems).toEqual([
      'does not end with CRLF',
      'the calendar has no component (RFC 5545 requires at least one)',
    ]);
    const vevent = (uid: string, extra: string[] = []) => ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20250101T000000Z', 'DTSTART;VALUE=DATE:20250101', ...extra, 'END:VEVENT'];
    const bad = lines('BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//x//y//PL', ...vevent('a', [`SUMMARY:${'ł'.repeat(40)}`]), ...vevent('a', ['SUMMARY:a, b']), 'END:VCALENDAR', '');
    expect(checkICalendar(bad).problems).toEqual([
      'line 8: 88 octets, more than 75 without folding',
      'line 14: SUMMARY has an unescaped ";", "," or "\\"',
      'UIDs used twice: a',
    ]);
  });
});
