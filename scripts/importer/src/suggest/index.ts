import type { ImportSuggestion } from '@cus/shared/import';
import { findAttendance } from './attendance.ts';
import { findDates } from './dates.ts';
import { findEventType } from './event-type.ts';
import type { NameIndex } from './name-index.ts';
import { findNames } from './names.ts';
import { findVenues } from './venue.ts';

// What the importer proposes for the editor to confirm, read from a report's plain text (title,
// "\n\n", body paragraphs joined by "\n\n"): dates, place, type, attendance, and the people and
// institutions of the directory the text names. Deterministic: the same text gives the same
// suggestions with the same ids.

export { buildNameIndex, type Directory, type DirectoryEntry, type NameIndex } from './name-index.ts';

export interface SuggestInput {
  text: string;
  /** ISO 8601: when the old site published the report; its year stands for "br." and missing years. */
  publishedAt: string;
  names: NameIndex;
}

const MAX_SUGGESTIONS = 200; // the contract's limit per report
const LABEL_MAX = 300;

export function suggest({ text, publishedAt, names }: SuggestInput): ImportSuggestion[] {
  const all: ImportSuggestion[] = [
    ...findDates(text, publishedAt),
    ...findVenues(text),
    ...findEventType(text),
    ...findAttendance(text),
    ...findNames(text, names),
  ];
  return all.slice(0, MAX_SUGGESTIONS).map((s) => (s.label.length > LABEL_MAX ? { ...s, label: `${s.label.slice(0, LABEL_MAX - 1)}…` } : s));
}
