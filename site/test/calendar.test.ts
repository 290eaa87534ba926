import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, inject, it } from 'vitest';
import { slugify } from '@cus/shared';
import { linksOf, readPage } from './helpers/html.ts';
import { UPCOMING_EVENT } from './global-setup.ts';

// The calendar files of the built site, parsed back with ical.js (a parser that is not the
// library that wrote them): every part of every event, on the right days and hours.

const dist = inject('distDir');
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
