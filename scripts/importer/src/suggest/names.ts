import type { ImportSuggestion } from '@cus/shared/import';
import { matchNames, tokenize, type NameIndex, type NameMatch } from './name-index.ts';
import { evidenceAt, sentenceBounds, suggestionId } from './text.ts';

// People and institutions the report names that the directory holds: one suggestion per entry,
// the first mention as evidence. An institution is an organizer or a partner when the sentence
// says so near its name ("zorganizowana przez", "we współpracy z", "Partnerami wydarzenia są"),
// otherwise a participant.

type SpeakerSuggestion = Extract<ImportSuggestion, { kind: 'speaker' }>;
type InstitutionSuggestion = Extract<ImportSuggestion, { kind: 'institution' }>;
type Relation = InstitutionSuggestion['relation'];

const CUES: { relation: Exclude<Relation, 'participants'>; pattern: RegExp }[] = [
  { relation: 'organizers', pattern: /(?<![\p{L}])(?:współ)?organizator\p{L}*|(?<![\p{L}])zorganizowa\p{L}*|(?<![\p{L}])organizowan\p{L}*|(?<![\p{L}])organizuj\p{L}*/giu },
  { relation: 'partners', pattern: /(?<![\p{L}])(?:we|w ramach)\s+współpracy\s+z(?:e)?(?![\p{L}])|(?<![\p{L}])partner\p{L}*/giu },
];
const CUE_REACH = 200;

const RELATION_LABELS: Record<Relation, string> = {
  organizers: 'organizator',
  partners: 'partner',
  participants: 'uczestnik',
};

/** The relation the words near the match give it, the nearest cue in its sentence winning. */
function relationAt(text: string, match: NameMatch): Relation {
  const sentence = sentenceBounds(text, match.start, match.end);
  const slice = text.slice(sentence.start, sentence.end);
  let best: { relation: Relation; distance: number } | null = null;
  for (const { relation, pattern } of CUES) {
    for (const m of slice.matchAll(pattern)) {
      const at = sentence.start + m.index;
      const distance = at < match.start ? match.start - (at + m[0].length) : at - match.end;
      if (distance < 0 || distance > CUE_REACH) continue;
      if (!best || distance < best.distance) best = { relation, distance };
    }
  }
  return best?.relation ?? 'participants';
}

const RELATION_RANK: Record<Relation, number> = { organizers: 2, partners: 1, participants: 0 };

export function findNames(text: string, index: NameIndex): (SpeakerSuggestion | InstitutionSuggestion)[] {
  const people = new Map<string, SpeakerSuggestion>();
  const institutions = new Map<string, { suggestion: InstitutionSuggestion; rank: number }>();
  for (const match of matchNames(text, tokenize(text), index)) {
    const ambiguous = match.entries.length > 1;
    // A short name shared by several entries ("CUS") says nothing about which one.
    if (ambiguous && match.viaShortName) continue;
    const note = ambiguous ? ' (w katalogu jest więcej wpisów o tej nazwie)' : '';
    for (const entry of match.entries) {
      if (match.kind === 'speaker') {
        const id = suggestionId('speaker', entry.documentId, false);
        if (people.has(id)) continue;
        const name = entry.name.slice(0, 200);
        people.set(id, { kind: 'speaker', id, label: `Osoba: ${name}${note}`, evidence: evidenceAt(text, match.start, match.end), documentId: entry.documentId, name });
        continue;
      }
      const id = suggestionId('institution', entry.documentId, false);
      const relation = relationAt(text, match);
      const previous = institutions.get(id);
      // A later mention that makes it an organizer or partner says more than a first plain one.
      if (previous && previous.rank >= RELATION_RANK[relation]) continue;
      const name = entry.name.slice(0, 300);
      const suggestion: InstitutionSuggestion = {
        kind: 'institution',
        id,
        label: `Instytucja (${RELATION_LABELS[relation]}): ${name}${note}`,
        evidence: evidenceAt(text, match.start, match.end),
        documentId: entry.documentId,
        name,
        relation,
      };
      institutions.set(id, { suggestion, rank: RELATION_RANK[relation] });
    }
  }
  const ordered = [...institutions.values()].map((v) => v.suggestion);
  return [...people.values(), ...ordered].sort((a, b) => a.evidence.offset - b.evidence.offset);
}
