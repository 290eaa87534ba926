// Dates and times as Polish editors type them, read into the values Strapi stores
// (date: YYYY-MM-DD, time: HH:mm:ss.SSS) and shown back the Polish way (14.03.2026, 09:30).
// Pure functions: the admin inputs use them, and cms/test/date-time-parse.test.ts checks them.

export type Parsed = { kind: 'empty' } | { kind: 'ok'; value: string; display: string } | { kind: 'error'; message: string };

const MONTHS = ['styczeń', 'luty', 'marzec', 'kwiecień', 'maj', 'czerwiec', 'lipiec', 'sierpień', 'wrzesień', 'październik', 'listopad', 'grudzień'];
/** The admin's own date inputs stop at 2099 (Strapi's DateInput MAX_DATE); the site's archives start long after 1900. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2099;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** "14.03.2026", "14.3.2026", "14/03/2026", "14-03-2026", "2026-03-14" (also a stored "2026-03-14T…"). */
export function parseDate(text: string): Parsed {
  const input = text.trim();
  if (input === '') return { kind: 'empty' };
  let day: number, month: number, year: number;
  const polish = /^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})\s*r?\.?$/.exec(input);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T.*)?$/.exec(input);
  if (polish) [day, month, year] = [Number(polish[1]), Number(polish[2]), Number(polish[3])];
  else if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return { kind: 'error', message: `Nie rozpoznano daty „${input}”. Wpisz ją jako dzień.miesiąc.rok, np. 14.03.2026.` };
  if (month < 1 || month > 12) return { kind: 'error', message: `Nie ma miesiąca ${month}: „${input}”. Miesiąc to liczba od 1 do 12, np. 14.03.2026.` };
  if (year < MIN_YEAR || year > MAX_YEAR) return { kind: 'error', message: `Rok ${year} jest poza zakresem ${MIN_YEAR}–${MAX_YEAR}: „${input}”.` };
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return { kind: 'error', message: `Nie ma takiego dnia: „${input}”. ${capitalize(MONTHS[month - 1]!)} ${year} r. ma ${last} dni.` };
  }
  return { kind: 'ok', value: `${year}-${pad(month)}-${pad(day)}`, display: `${pad(day)}.${pad(month)}.${year}` };
}

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase('pl') + s.slice(1);

/**
 * "9:30", "09:30", "9.30", "9,30", "9 30", "930", "0930", "9", "9:30:00" and the stored "09:30:00.000".
 * Three or four digits alone are hours and minutes (930 → 09:30); one or two are a full hour.
 */
export function parseTime(text: string): Parsed {
  const input = text.trim();
  if (input === '') return { kind: 'empty' };
  let hours: number, minutes: number;
  const separated = /^(\d{1,2})\s*[:.,\sh]\s*(\d{2})(?::\d{2}(?:\.\d{1,3})?)?\s*$/.exec(input);
  const digits = /^(\d{1,4})$/.exec(input);
  if (separated) [hours, minutes] = [Number(separated[1]), Number(separated[2])];
  else if (digits && digits[1]!.length <= 2) [hours, minutes] = [Number(digits[1]), 0];
  else if (digits) [hours, minutes] = [Number(digits[1]!.slice(0, -2)), Number(digits[1]!.slice(-2))];
  else return { kind: 'error', message: `Nie rozpoznano godziny „${input}”. Wpisz ją jako godzina:minuty, np. 9:30 lub 14.15.` };
  if (hours > 23) return { kind: 'error', message: `Nie ma godziny ${hours}: „${input}”. Godzina to liczba od 0 do 23, np. 9:30.` };
  if (minutes > 59) return { kind: 'error', message: `Minuty muszą być od 00 do 59: „${input}”.` };
  const display = `${pad(hours)}:${pad(minutes)}`;
  return { kind: 'ok', value: `${display}:00.000`, display };
}

/** What a stored value looks like in the field: "2026-03-14" → "14.03.2026", "09:30:00.000" → "09:30"; anything else as it is. */
export function displayValue(kind: 'date' | 'time', stored: unknown): string {
  if (typeof stored !== 'string' || stored === '') return '';
  const parsed = kind === 'date' ? parseDate(stored) : parseTime(stored);
  return parsed.kind === 'ok' ? parsed.display : stored;
}
