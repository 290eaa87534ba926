import { EVENT_TYPE_LABELS, type EventType } from '@cus/shared';
import type { ImportSuggestion } from '@cus/shared/import';
import { evidenceAt, suggestionId, titleEnd } from './text.ts';

// The kind of event from the words the report uses, in any case ("konferencji", "kongresu",
// "wizyty studyjnej", "warsztatach"): each occurrence counts, one in the title counts three times,
// and the strongest kind is the one suggestion.

type TypeSuggestion = Extract<ImportSuggestion, { kind: 'type' }>;

// Word starts, so "videokonferencja" is not a conference and "spotkań" still is a meeting.
const TYPE_WORDS: { type: Exclude<EventType, 'inne'>; pattern: RegExp }[] = [
  { type: 'kongres', pattern: /(?<![\p{L}])kongres(?:u|ie|em|y|ów|ach|ami|om)?(?![\p{L}])/giu },
  { type: 'konferencja', pattern: /(?<![\p{L}])konferencj(?:a|i|ę|ą|e|om|ach|ami)(?![\p{L}])/giu },
  { type: 'wizyta_studyjna', pattern: /(?<![\p{L}])wizyt(?:a|y|ę|ą|ie|om|ach|ami)?\s+studyjn(?:a|ej|ą|e|ych|ym|ymi)(?![\p{L}])/giu },
  { type: 'warsztaty', pattern: /(?<![\p{L}])warsztat(?:y|ów|ach|ami|om|u|em|owe|owych|owym)?(?![\p{L}])/giu },
  { type: 'szkolenie', pattern: /(?<![\p{L}])szkole(?:nie|nia|niu|niem|ń|niach|niami|niom)(?![\p{L}])/giu },
  { type: 'spotkanie', pattern: /(?<![\p{L}])spotka(?:nie|nia|niu|niem|ń|niach|niami|niom)(?![\p{L}])/giu },
];

const TITLE_WEIGHT = 3;

export function findEventType(text: string): TypeSuggestion[] {
  const titleTo = titleEnd(text);
  let best: { type: Exclude<EventType, 'inne'>; score: number; at: number; length: number } | null = null;
  // TYPE_WORDS is ordered from the most specific kind: a tie keeps the earlier one.
  for (const { type, pattern } of TYPE_WORDS) {
    let score = 0;
    let first: { at: number; length: number; inTitle: boolean } | null = null;
    for (const m of text.matchAll(pattern)) {
      const inTitle = m.index < titleTo;
      score += inTitle ? TITLE_WEIGHT : 1;
      // The evidence is the first occurrence in the title, else the first in the body.
      if (!first || (inTitle && !first.inTitle)) first = { at: m.index, length: m[0].length, inTitle };
    }
    if (first && (!best || score > best.score)) best = { type, score, at: first.at, length: first.length };
  }
  if (!best) return [];
  return [
    {
      kind: 'type',
      id: suggestionId('type', best.type),
      label: `Rodzaj wydarzenia: ${EVENT_TYPE_LABELS[best.type].toLowerCase()}`,
      evidence: evidenceAt(text, best.at, best.at + best.length),
      type: best.type,
    },
  ];
}
