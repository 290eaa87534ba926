import type { ImportSuggestion } from '@cus/shared/import';
import { evidenceAt, suggestionId } from './text.ts';

// How many took part: "około 140 osób", "ok. 60 uczestników", "blisko 200 osób", "ponad 100
// uczestników" (approximate), "udział wzięło 45 osób" (exact). A bare "300 osób" only counts in a
// sentence about taking part ("uczestniczyło", "udział", "zgromadził"): reports also give numbers
// of people helped. Words without a number ("kilkudziesięciu") give nothing.

type AttendanceSuggestion = Extract<ImportSuggestion, { kind: 'attendance' }>;

const APPROX = '(?:około|ok\\.|blisko|ponad|przeszło|prawie|niemal|niemalże|ponad|powyżej|przeszło|mniej więcej)';
const NUMBER = '(\\d{1,3}(?:[ \\u00a0]\\d{3})+|\\d{1,7})';
const PEOPLE = '(?:osób|osoby|uczestników|uczestniczek|uczestnicy|gości|słuchaczy|słuchaczek|przedstawicieli|delegatów|seniorów|studentów)';
const ATTENDEE_NOUN = /^(?:uczestnik|uczestniczek|słuchacz|delegat|gości)/u;
const COUNT = new RegExp(`(?<![\\p{L}\\d])(?:(${APPROX})[ \\t\\u00a0]+)?${NUMBER}[ \\t\\u00a0]+(${PEOPLE})(?![\\p{L}])`, 'giu');
const TAKING_PART = /(?:uczestnicz|udział|wzię|zgromadzi|przybył|przybyło|obecn|frekwencj|zebrał|wysłuchał)/iu;

export function findAttendance(text: string): AttendanceSuggestion[] {
  const found = new Map<string, AttendanceSuggestion>();
  for (const m of text.matchAll(COUNT)) {
    const approxWord = m[1];
    const count = Number(m[2]!.replace(/[ \u00a0]/g, ''));
    const noun = m[3]!.toLowerCase();
    if (!Number.isInteger(count) || count < 1 || count > 1_000_000) continue;
    const evidence = evidenceAt(text, m.index, m.index + m[0].length);
    // "140 uczestników" says attendance by itself; "140 osób" needs a sentence about taking part.
    if (!ATTENDEE_NOUN.test(noun) && !TAKING_PART.test(evidence.context)) continue;
    const approximate = approxWord !== undefined;
    const id = suggestionId('attendance', String(count));
    if (found.has(id)) continue;
    const label = approximate
      ? `Liczba uczestników: ${count} (w przybliżeniu; w tekście „${m[0].trim()}”)`
      : `Liczba uczestników: ${count}`;
    found.set(id, { kind: 'attendance', id, label, evidence, count, approximate });
  }
  return [...found.values()];
}
