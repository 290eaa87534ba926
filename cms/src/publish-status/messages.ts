import type { BuildFailure } from '@cus/shared';
import { fieldLabel } from '../bootstrap/field-labels';

// The Polish sentences an editor reads about an entry's state on the public site.

export const MESSAGES = {
  updating: 'Strona jest aktualizowana…',
  notPublic: 'Szkic: nie ma go na stronie',
  /** A published gallery whose event is not: the site shows it once the event is published. */
  galleryWaits: 'Nie ma jej na stronie: galeria pojawi się razem z opublikowanym wydarzeniem',
  unknown: 'Nie udało się sprawdzić stanu strony',
} as const;

const ZONE = 'Europe/Warsaw';
const dayOf = (d: Date) => new Intl.DateTimeFormat('pl-PL', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
const timeOf = (d: Date) => new Intl.DateTimeFormat('pl-PL', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);

/** "Na stronie od 12:03"; from another day "Na stronie od 14.03.2026, 12:03" (Polish time). */
export function liveMessage(since: string, now = new Date()): string {
  const at = new Date(since);
  if (Number.isNaN(at.getTime())) return 'Na stronie';
  const day = dayOf(at);
  return `Na stronie od ${day === dayOf(now) ? '' : `${day}, `}${timeOf(at)}`;
}

/** Content type of a build failure ("event") → its uid, and how an editor names an entry of it. */
export const TYPES: Record<string, { uid: string; noun: string }> = {
  event: { uid: 'api::event.event', noun: 'wydarzenie' },
  gallery: { uid: 'api::gallery.gallery', noun: 'galeria' },
  speaker: { uid: 'api::speaker.speaker', noun: 'osoba' },
  institution: { uid: 'api::institution.institution', noun: 'instytucja' },
  'site-setting': { uid: 'api::site-setting.site-setting', noun: 'ustawienia strony' },
};

/** What the site's contract says (zod's English), in words an editor reads. */
export function polishReason(message: string): string {
  const m = message.trim();
  if (/^Invalid option/i.test(m)) return 'wartość spoza listy dozwolonych';
  if (/^Invalid input: expected (string|number|boolean)/i.test(m)) return 'nieprawidłowa wartość';
  if (/^Invalid input/i.test(m)) return 'nieprawidłowa wartość';
  if (/^Too (small|big)/i.test(m)) return 'wartość poza dozwolonym zakresem';
  if (/^has no date$/i.test(m)) return 'brak terminu';
  if (/^Required$/i.test(m)) return 'pole jest wymagane';
  return m;
}

/**
 * "Strona nie została zaktualizowana: wydarzenie „Konferencja…”, pole „Rodzaj wydarzenia”:
 * wartość spoza listy dozwolonych". `title` is the entry's name where the CMS has it.
 */
export function failedMessage(failure: BuildFailure | undefined, title: string | undefined): string {
  const head = 'Strona nie została zaktualizowana';
  if (!failure) return `${head}: błąd budowania strony.`;
  if (failure.type === 'request' || !TYPES[failure.type ?? '']) return `${head}: nie udało się pobrać treści z systemu (${failure.message}).`;
  const type = TYPES[failure.type!]!;
  const name = title ?? failure.slug ?? failure.documentId;
  const entry = `${type.noun}${name ? ` „${name}”` : ''}`;
  const top = failure.field?.split('.')[0];
  const field = top ? `, pole „${fieldLabel(type.uid, top)}”` : '';
  return `${head}: ${entry}${field}: ${polishReason(failure.message)}`;
}
