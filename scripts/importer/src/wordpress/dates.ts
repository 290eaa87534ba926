// WordPress writes dates as "YYYY-MM-DD HH:MM:SS": post_date in the site's zone, post_date_gmt
// in UTC, and "0000-00-00 00:00:00" for a GMT date it never set (drafts, some old imports).
// Polish sites run on Europe/Warsaw, so a missing GMT date is read in that zone.

const WP_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

interface WallTime {
  text: string;
  ms: number;
}

/** A real calendar date and time, as milliseconds if the parts were read as UTC; null for zero or garbage. */
function wallTime(value: string | undefined): WallTime | null {
  const m = WP_DATE.exec(value?.trim() ?? '');
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(ms).getUTCDate() !== d) return null; // 31 February
  return { text: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`, ms };
}

/** True for WordPress's "never set" date. */
export function isZeroWordPressDate(value: string | undefined): boolean {
  return /^0000-00-00[ T]00:00:00$/.test(value?.trim() ?? '');
}

/** post_date_gmt as ISO 8601 UTC, or null when absent, zero or invalid. */
export function wordPressGmtToIso(value: string | undefined): string | null {
  const t = wallTime(value);
  return t ? `${t.text}Z` : null;
}

const warsawOffset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Warsaw', timeZoneName: 'longOffset' });

/** Minutes east of UTC in Warsaw at a UTC instant ("GMT+02:00" → 120). */
function offsetAt(utcMs: number): number {
  const name = warsawOffset.formatToParts(new Date(utcMs)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** post_date read as Warsaw wall time, as ISO 8601 with its offset ("2023-11-28T10:15:00+01:00"); null when invalid. */
export function warsawLocalToIso(value: string | undefined): string | null {
  const t = wallTime(value);
  if (!t) return null;
  // The offset depends on the instant, which depends on the offset: two rounds settle it
  // (the second only differs within the hours around a DST change).
  const first = offsetAt(t.ms - offsetAt(t.ms) * 60_000);
  const offset = offsetAt(t.ms - first * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${t.text}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
