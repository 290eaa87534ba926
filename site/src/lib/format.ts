import { VOIVODESHIP_LABELS, type EventEntry } from '@cus/shared';

// Small Polish wordings shared by several pages.

const plNumber = new Intl.NumberFormat('pl-PL', { maximumFractionDigits: 1 });

/** "Dębica, woj. podkarpackie" / "online" / "" */
export function placeLabel(event: Pick<EventEntry, 'venue' | 'format'>): string {
  const v = event.venue;
  const region = v?.voivodeship ? `woj. ${VOIVODESHIP_LABELS[v.voivodeship]}` : '';
  const parts = [v?.city, region].filter(Boolean);
  if (parts.length === 0 && event.format === 'online') return 'online';
  return parts.join(', ');
}

/** Full address lines of a venue, as a list of non-empty parts. */
export function venueLines(event: Pick<EventEntry, 'venue'>): string[] {
  const v = event.venue;
  if (!v) return [];
  const cityLine = [v.postalCode, v.city].filter(Boolean).join(' ');
  return [v.name, v.address, cityLine, v.voivodeship ? `województwo ${VOIVODESHIP_LABELS[v.voivodeship]}` : null].filter(
    (x): x is string => !!x,
  );
}

/** 1234567 bytes → "1,2 MB" (Strapi stores sizes in kB). */
export function fileSize(kilobytes: number | undefined): string {
  if (!kilobytes) return '';
  if (kilobytes < 1000) return `${plNumber.format(Math.max(1, Math.round(kilobytes)))} kB`;
  return `${plNumber.format(kilobytes / 1000)} MB`;
}

/** "ok. 200 osób" / "35 osób" / "1 osoba" / "22 osoby" */
export function attendanceLabel(count: number, approximate?: boolean | null): string {
  return `${approximate ? 'ok. ' : ''}${count.toLocaleString('pl-PL')} ${peopleWord(count)}`;
}

/** Polish plural of "osoba" after a number. */
export function peopleWord(n: number): string {
  if (n === 1) return 'osoba';
  const lastTwo = n % 100;
  const last = n % 10;
  if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) return 'osoby';
  return 'osób';
}

/** Polish plural for counts of events: 1 wydarzenie, 2 wydarzenia, 5 wydarzeń. */
export function eventsWord(n: number): string {
  if (n === 1) return 'wydarzenie';
  const lastTwo = n % 100;
  const last = n % 10;
  if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) return 'wydarzenia';
  return 'wydarzeń';
}

/** "dr hab. Jan Kowalski" */
export const personName = (p: { name: string; honorific?: string | null }) => (p.honorific ? `${p.honorific} ${p.name}` : p.name);

/** File type in words for a link text: "PDF", "JPG". */
export function fileKind(file: { ext?: unknown; mime: string; name: string }): string {
  const ext = typeof file.ext === 'string' && file.ext ? file.ext : file.name.includes('.') ? file.name.slice(file.name.lastIndexOf('.')) : '';
  return ext ? ext.replace('.', '').toUpperCase() : file.mime;
}
