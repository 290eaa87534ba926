import { format } from 'date-fns/format';
import { pl } from 'date-fns/locale/pl';

// Polish dates as a report writes them: "21 listopada 2022 r.", "19–21 czerwca 2023 r.",
// "19–21 i 26 czerwca 2023 r.". Inputs are Strapi `date` values ('YYYY-MM-DD'), read as
// calendar days: no time zone can move them to the day before.

export interface DateRange {
  start: string;
  end?: string | null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DASH = '–'; // en dash, U+2013

/** Parses 'YYYY-MM-DD' (or a longer ISO string) as a local calendar date; throws on nonsense. */
export function parseIsoDate(value: string): Date {
  const m = ISO_DATE.exec(value.slice(0, 10));
  if (!m) throw new Error(`Not an ISO date: "${value}"`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(y, mo - 1, d);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) {
    throw new Error(`Not a calendar date: "${value}"`);
  }
  return date;
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

export function toIsoDate(date: Date): string {
  return format(date, 'yyyy-MM-dd');
}

const day = (d: Date) => format(d, 'd', { locale: pl });
const dayMonth = (d: Date) => format(d, 'd MMMM', { locale: pl }); // MMMM is the genitive: "czerwca"
const year = (d: Date) => `${d.getFullYear()} r.`;

interface Parsed {
  start: Date;
  end: Date;
}

function parse(range: DateRange): Parsed {
  const start = parseIsoDate(range.start);
  const end = range.end ? parseIsoDate(range.end) : start;
  return { start, end: end < start ? start : end };
}

const sameDay = (a: Date, b: Date) => a.getTime() === b.getTime();
const sameMonth = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth();
const sameYear = (a: Date, b: Date) => a.getFullYear() === b.getFullYear();

/** A part without its year: "21 listopada", "19–21 czerwca", "30 czerwca – 2 lipca". */
function partWithoutYear({ start, end }: Parsed): string {
  if (sameDay(start, end)) return dayMonth(start);
  if (sameMonth(start, end)) return `${day(start)}${DASH}${dayMonth(end)}`;
  return `${dayMonth(start)} ${DASH} ${dayMonth(end)}`;
}

/** Days only, for parts that share one month: "19–21", "26". */
function daysOnly({ start, end }: Parsed): string {
  return sameDay(start, end) ? day(start) : `${day(start)}${DASH}${day(end)}`;
}

function joinPolish(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} i ${parts.at(-1)}`;
}

export function formatDate(value: string): string {
  const d = parseIsoDate(value);
  return `${dayMonth(d)} ${year(d)}`;
}

export function formatDateRange(range: DateRange): string {
  const p = parse(range);
  if (sameYear(p.start, p.end)) return `${partWithoutYear(p)} ${year(p.end)}`;
  return `${dayMonth(p.start)} ${year(p.start)} ${DASH} ${dayMonth(p.end)} ${year(p.end)}`;
}

// An event's dates are shown on many pages (its own, listings, each of its people's pages):
// each set of dates is formatted once per process, kept by value. The pages pass the event's
// own array every time, so the result is also kept with the array, and reused while its parts
// are the same (compared one by one: building the key string at every call took half a second of
// a 10,000-event cold start).
const formattedRanges = new Map<string, string>();
const FORMATTED_MAX = 100_000;
const formattedArrays = new WeakMap<readonly DateRange[], { parts: (string | null | undefined)[]; out: string }>();

/** Several parts of one event, in date order: "19–21 i 26 czerwca 2023 r.". */
export function formatDateRanges(ranges: readonly DateRange[]): string {
  if (ranges.length === 0) return '';
  const kept = formattedArrays.get(ranges);
  if (kept && sameParts(kept.parts, ranges)) return kept.out;
  const key = ranges.map((r) => `${r.start}/${r.end ?? ''}`).join(' ');
  let out = formattedRanges.get(key);
  if (out === undefined) {
    out = formatRanges(ranges);
    if (formattedRanges.size >= FORMATTED_MAX) formattedRanges.clear();
    formattedRanges.set(key, out);
  }
  formattedArrays.set(ranges, { parts: ranges.flatMap((r) => [r.start, r.end]), out });
  return out;
}

function sameParts(parts: readonly (string | null | undefined)[], ranges: readonly DateRange[]): boolean {
  if (parts.length !== ranges.length * 2) return false;
  for (let i = 0; i < ranges.length; i++) if (parts[2 * i] !== ranges[i]!.start || parts[2 * i + 1] !== ranges[i]!.end) return false;
  return true;
}

function formatRanges(ranges: readonly DateRange[]): string {
  const parsed = ranges.map(parse).sort((a, b) => a.start.getTime() - b.start.getTime());
  if (parsed.length === 1) return formatDateRange(ranges.length === 1 ? ranges[0]! : { start: toIsoDate(parsed[0]!.start), end: toIsoDate(parsed[0]!.end) });
  const first = parsed[0]!.start;
  const last = parsed.reduce((m, p) => (p.end > m ? p.end : m), parsed[0]!.end);
  if (parsed.every((p) => sameMonth(p.start, first) && sameMonth(p.end, first))) {
    return `${joinPolish(parsed.map(daysOnly))} ${format(first, 'MMMM', { locale: pl })} ${year(first)}`;
  }
  if (parsed.every((p) => sameYear(p.start, first) && sameYear(p.end, first))) {
    return `${joinPolish(parsed.map(partWithoutYear))} ${year(last)}`;
  }
  return joinPolish(parsed.map((p) => formatDateRange({ start: toIsoDate(p.start), end: toIsoDate(p.end) })));
}

/** Earliest start of an event's parts ('YYYY-MM-DD'). */
export function eventStart(ranges: readonly DateRange[]): string | null {
  const starts = ranges.map((r) => r.start.slice(0, 10)).sort();
  return starts[0] ?? null;
}

/** Latest day of an event's parts ('YYYY-MM-DD'). */
export function eventEnd(ranges: readonly DateRange[]): string | null {
  const ends = ranges.map((r) => (r.end ?? r.start).slice(0, 10)).sort();
  return ends.at(-1) ?? null;
}

/** True when the event's last day is today or later. `today` is 'YYYY-MM-DD'. */
export function isUpcoming(ranges: readonly DateRange[], today: string): boolean {
  const end = eventEnd(ranges);
  return end !== null && end >= today;
}

/** A date as the admin's date field shows it: "14.03.2026" (a non-date is returned as given). */
export function formatFieldDate(value: string): string {
  return isIsoDate(value) ? format(parseIsoDate(value), 'dd.MM.yyyy') : value;
}

/**
 * A Polish message when a range ends before it starts (or holds no valid dates); else null.
 * Said of the field in question (the end date, or the start date when that is the problem), which
 * the caller names: "pole „Data zakończenia”: wpisana data 04.03.2026 jest wcześniejsza niż data
 * rozpoczęcia (05.03.2026)." Dates are written as the admin's date field shows them.
 */
export function dateRangeError(range: { start?: string | null; end?: string | null }): string | null {
  if (!range.start) return 'podaj datę rozpoczęcia.';
  if (!isIsoDate(range.start)) return `„${range.start}” nie jest poprawną datą (DD.MM.RRRR).`;
  if (!range.end) return null;
  if (!isIsoDate(range.end)) return `„${range.end}” nie jest poprawną datą (DD.MM.RRRR).`;
  if (range.end < range.start) {
    return `wpisana data ${formatFieldDate(range.end)} jest wcześniejsza niż data rozpoczęcia (${formatFieldDate(range.start)}).`;
  }
  return null;
}

/** A month as a heading names it: "Czerwiec 2023" (nominative). `month` is 0–11. */
export function formatMonthHeading(year: number, month: number): string {
  const text = format(new Date(year, month, 1), 'LLLL yyyy', { locale: pl });
  return text.charAt(0).toUpperCase() + text.slice(1);
}
