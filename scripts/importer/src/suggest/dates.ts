import { formatDateRanges } from '@cus/shared';
import type { ImportSuggestion } from '@cus/shared/import';
import { evidenceAt, suggestionId } from './text.ts';

// Dates as Polish reports write them: "W dniu 23 listopada 2023 roku", "23.11.2023 r.",
// "19–21 i 26 czerwca 2023 r.", "21 czerwca br.", "od 3 do 5 kwietnia 2022 r.",
// "31 maja – 2 czerwca 2023", "23 XI 2023". A hand-written parser over sticky regexes rather
// than one large regex: the Roman "I" must not be read in "21 i 26 czerwca", and a list of days
// only becomes a date once a month closes it.

type DatesSuggestion = Extract<ImportSuggestion, { kind: 'dates' }>;

const GENITIVE_MONTHS = ['stycznia', 'lutego', 'marca', 'kwietnia', 'maja', 'czerwca', 'lipca', 'sierpnia', 'września', 'października', 'listopada', 'grudnia'];
const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

const DAY = /(\d{1,2})(?![\d\p{L}])/uy;
const MONTH_WORD = new RegExp(`[ \\t\\u00a0]+(${GENITIVE_MONTHS.join('|')})(?![\\p{L}])`, 'iuy');
// Upper case only (no i flag): "21 i 26" is a list, not 21 January.
const MONTH_ROMAN = /[ \t\u00a0]+(XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)(?![\p{L}\d])/uy;
// 23.11.2023, 23.XI.2023: the month is read only with the year after it.
const MONTH_NUMERIC = /\.(1[0-2]|0?[1-9]|XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)\.(?=\d{4}(?!\d))/uy;
const YEAR = /[ \t\u00a0.]*((?:19|20)\d\d)(?!\d)(?:[ \t\u00a0]*(?:r\.|roku(?![\p{L}])|r(?![\p{L}])))?/uy;
const THIS_YEAR = /[ \t\u00a0]+(?:br\.|b\.r\.|bieżącego roku|roku bieżącego)/uy;
const RANGE_DASH = /[ \t\u00a0]*[-–—][ \t\u00a0]*/y;
const RANGE_DO = /[ \t\u00a0]+do[ \t\u00a0]+/y;
const LIST_SEP = /(?:[ \t\u00a0]*,[ \t\u00a0]*|[ \t\u00a0]+(?:i|oraz|a także)[ \t\u00a0]+)/y;
// Where a date expression may start: a day number not glued to other digits or letters.
const START = /(?<![\p{L}\p{N}.,])\d{1,2}(?![\d\p{L}])/gu;
const PREFIX = /(?:\b[Ww] dniach|\b[Ww] dniu|\b[Dd]nia|\b[Oo]d)[ \t\u00a0]+$/u;

interface DayRef {
  day: number;
  month?: number;
  year?: number;
}
interface Part {
  start: DayRef;
  end?: DayRef;
}

interface ParsedExpression {
  parts: Part[];
  /** Offset just past the expression. */
  end: number;
  /** How the year was known: written, "br." (the year of publication) or not at all. */
  yearSource: 'written' | 'this-year' | 'assumed';
}

function sticky(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** Reads one date expression starting at `pos` (a day number), or null when no month closes it. */
function parseAt(text: string, pos: number, rangeWithDo: boolean, publishedYear: number): ParsedExpression | null {
  const parts: Part[] = [];
  let committedEnd = -1;
  let committedParts = 0;
  let yearSource: ParsedExpression['yearSource'] = 'written';
  let sawThisYear = false;
  let sawAssumed = false;
  let cursor = pos;
  const RANGE = rangeWithDo ? RANGE_DO : RANGE_DASH;

  const readMonth = (at: number): { month: number; end: number; numeric: boolean } | null => {
    let m = sticky(MONTH_WORD, text, at);
    if (m) return { month: GENITIVE_MONTHS.indexOf(m[1]!.toLowerCase()) + 1, end: at + m[0].length, numeric: false };
    m = sticky(MONTH_ROMAN, text, at);
    if (m) return { month: ROMAN_MONTHS.indexOf(m[1]!) + 1, end: at + m[0].length, numeric: false };
    m = sticky(MONTH_NUMERIC, text, at);
    if (m) {
      const v = m[1]!;
      const month = /^\d/.test(v) ? Number(v) : ROMAN_MONTHS.indexOf(v) + 1;
      return { month, end: at + m[0].length, numeric: true };
    }
    return null;
  };
  const readYear = (at: number): { year?: number; thisYear?: boolean; end: number } | null => {
    let m = sticky(YEAR, text, at);
    if (m) return { year: Number(m[1]), end: at + m[0].length };
    m = sticky(THIS_YEAR, text, at);
    if (m) return { thisYear: true, end: at + m[0].length };
    return null;
  };
  const fill = (from: number, field: 'month' | 'year', value: number) => {
    for (const part of parts.slice(from)) {
      for (const ref of [part.start, part.end]) if (ref && ref[field] === undefined) ref[field] = value;
    }
  };

  for (;;) {
    const groupStart = parts.length;
    // Days of one month: "19", "19-21", "19-21 i 26".
    for (;;) {
      const d = sticky(DAY, text, cursor);
      if (!d) return committedParts ? finish() : null;
      const part: Part = { start: { day: Number(d[1]) } };
      cursor += d[0].length;
      const dash = sticky(RANGE, text, cursor);
      const d2 = dash ? sticky(DAY, text, cursor + dash[0].length) : null;
      if (dash && d2) {
        part.end = { day: Number(d2[1]) };
        cursor += dash[0].length + d2[0].length;
      }
      parts.push(part);
      const sep = sticky(LIST_SEP, text, cursor);
      if (sep && sticky(DAY, text, cursor + sep[0].length)) {
        cursor += sep[0].length;
        continue;
      }
      break;
    }
    const month = readMonth(cursor);
    if (!month) {
      parts.length = groupStart;
      return committedParts ? finish() : null;
    }
    cursor = month.end;
    fill(groupStart, 'month', month.month);
    // "31 maja – 2 czerwca", "31 maja 2023 – 2 czerwca 2023", "01.09.2022 – 10.12.2022".
    let year = readYear(cursor);
    if (month.numeric && !year) return committedParts ? finish() : null;
    const afterFirst = year ? year.end : cursor;
    const dash = sticky(RANGE, text, afterFirst);
    const d2 = dash && parts.length === groupStart + 1 && !parts[groupStart]!.end ? sticky(DAY, text, afterFirst + dash[0].length) : null;
    if (d2) {
      const month2 = readMonth(afterFirst + dash![0].length + d2[0].length);
      if (month2) {
        if (year?.year !== undefined) fill(groupStart, 'year', year.year);
        parts[groupStart]!.end = { day: Number(d2[1]), month: month2.month };
        cursor = month2.end;
        year = readYear(cursor);
      }
    }
    if (year) {
      cursor = year.end;
      if (year.thisYear) {
        sawThisYear = true;
        fill(0, 'year', publishedYear);
      } else fill(0, 'year', year.year!);
    }
    committedEnd = cursor;
    committedParts = parts.length;
    // More days after "i", "oraz", ",": "19–21 czerwca i 2 lipca 2023".
    const sep = sticky(LIST_SEP, text, cursor);
    if (sep && sticky(DAY, text, cursor + sep[0].length)) {
      cursor += sep[0].length;
      continue;
    }
    return finish();
  }

  function finish(): ParsedExpression {
    parts.length = committedParts;
    for (const part of parts) {
      for (const ref of [part.start, part.end]) {
        if (ref && ref.year === undefined) {
          ref.year = publishedYear;
          sawAssumed = true;
        }
      }
    }
    if (sawAssumed) yearSource = 'assumed';
    else if (sawThisYear) yearSource = 'this-year';
    return { parts, end: committedEnd, yearSource };
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

function toIso(ref: DayRef): string | null {
  const { day, month, year } = ref;
  if (!month || !year) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Ranges in date order, overlapping or repeated ones merged; null when any day does not exist. */
function toRanges(parts: Part[]): { start: string; end?: string }[] | null {
  const ranges: { start: string; end: string }[] = [];
  for (const part of parts) {
    const start = toIso(part.start);
    const end = part.end ? toIso(part.end) : start;
    if (!start || !end || end < start) return null;
    ranges.push({ start, end });
  }
  ranges.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const merged: { start: string; end: string }[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) {
      if (r.end > last.end) last.end = r.end;
    } else merged.push({ ...r });
  }
  return merged.map((r) => (r.end === r.start ? { start: r.start } : { start: r.start, end: r.end }));
}

// Words that tell the event happened on that date, in the same sentence.
const VERB_REACH = 60;
const EVENT_VERB = /\b(?:odbył|odbyła|odbyło|odbyły|odbędzie|odbywa|rozpoczął|rozpoczęła|rozpoczęło|zorganizowa|gości)/iu;

/** One `dates` suggestion per distinct date expression, the event's date first. */
export function findDates(text: string, publishedAt: string): DatesSuggestion[] {
  const publishedYear = Number(publishedAt.slice(0, 4));
  const publishedDay = publishedAt.slice(0, 10);
  const found = new Map<string, { suggestion: DatesSuggestion; score: number }>();
  START.lastIndex = 0;
  let consumedTo = 0;
  for (let m = START.exec(text); m; m = START.exec(text)) {
    if (m.index < consumedTo) continue;
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    const prefix = PREFIX.exec(before);
    const startsWithOd = prefix !== null && /^od/i.test(prefix[0]);
    // "od 3 do 5 kwietnia": "do" joins a range only after "od".
    const parsed = (startsWithOd ? parseAt(text, m.index, true, publishedYear) : null) ?? parseAt(text, m.index, false, publishedYear);
    if (!parsed || parsed.parts.length === 0) continue;
    consumedTo = parsed.end;
    START.lastIndex = parsed.end;
    const ranges = toRanges(parsed.parts);
    if (!ranges) continue;
    const usedDo = startsWithOd && /[ \t\u00a0]do[ \t\u00a0]/.test(text.slice(m.index, parsed.end));
    const keepPrefix = prefix !== null && (!startsWithOd || usedDo);
    const start = keepPrefix ? m.index - prefix![0].length : m.index;
    const evidence = evidenceAt(text, start, parsed.end);
    let score = 0;
    if (prefix && !startsWithOd) score += 2;
    // The verb near the date, not anywhere in a long sentence ("… obchodzony jest 21 listopada").
    const near = text.slice(Math.max(0, start - VERB_REACH), Math.min(text.length, parsed.end + VERB_REACH));
    if (EVENT_VERB.test(near) && EVENT_VERB.test(evidence.context)) score += 1;
    if (ranges.length === 1 && !ranges[0]!.end && ranges[0]!.start === publishedDay && !prefix) score -= 1;
    const idValue = ranges.map((r) => (r.end ? `${r.start}..${r.end}` : r.start)).join('+');
    const id = suggestionId('dates', idValue, false);
    let label = `Termin: ${formatDateRanges(ranges)}`;
    if (parsed.yearSource === 'assumed') label += ` (rok ${publishedYear} przyjęty z daty publikacji, bo tekst go nie podaje)`;
    const previous = found.get(id);
    if (previous && previous.score >= score) continue;
    found.set(id, { suggestion: { kind: 'dates', id, label, evidence, ranges: ranges.slice(0, 20) }, score });
  }
  return [...found.values()]
    .sort((a, b) => b.score - a.score || a.suggestion.evidence.offset - b.suggestion.evidence.offset)
    .map((f) => f.suggestion);
}
