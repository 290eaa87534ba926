import type { ImportSuggestion } from '@cus/shared/import';
import { headPhraseToNominative } from './declension.ts';
import { HEADS_BY_FORM } from './head-nouns.ts';
import { readTown } from './places.ts';
import { evidenceAt, sentenceBounds, suggestionId, titleEnd } from './text.ts';

// Where the event took place, read only where the text says so: after "w"/"we" in the title or
// in a sentence saying the event happened ("odbyła się", "zorganizował", "odbywające się"), or
// "w siedzibie …" anywhere. A named place ("w Centrum Usług Społecznych w Bukowsku",
// "w starachowickim Hotelu Europa", "w sali konferencyjnej Urzędu Miasta w Rzeszowie") gives a
// name in the nominative and, when a town follows, the town; "w Rzeszowie" alone gives the town.
// A town that only locates an institution ("Ośrodka Polityki Społecznej w Rzeszowie") is no venue.

type VenueSuggestion = Extract<ImportSuggestion, { kind: 'venue' }>;

interface Word {
  text: string;
  start: number;
  end: number;
}

const IN = /(?<![\p{L}\p{N}])[Ww]e?[ \t\u00a0]+(?=[„"]?[\p{L}])/gu;
const WORD = /[„"]?([\p{L}\p{N}]+(?:[-‐][\p{L}\p{N}]+)*)[”"]?/uy;
const GAP = /[ \t\u00a0]+/y;
const EVENT_SENTENCE = /(?<![\p{L}])(?:odby|odbęd|zorganizowa|gości[łl]|zgromadzi|spotkal|spotkał)/iu;
const MAX_NAME_WORDS = 8;

/** Words after `pos` separated by spaces only: a comma, a period or a line ends the phrase. */
function readWords(text: string, pos: number, max: number): Word[] {
  const words: Word[] = [];
  let at = pos;
  while (words.length < max) {
    WORD.lastIndex = at;
    const m = WORD.exec(text);
    if (!m) break;
    words.push({ text: m[1]!, start: m.index, end: m.index + m[0].length });
    at = m.index + m[0].length;
    GAP.lastIndex = at;
    const gap = GAP.exec(text);
    if (!gap) break;
    at += gap[0].length;
  }
  return words;
}

const isCapitalised = (w: string) => /^\p{Lu}/u.test(w);
const isLowerAdjective = (w: string) => /^\p{Ll}+(?:ym|im|ej)$/u.test(w);
// Lower-case words a place's name may hold between its capitalised ones.
const NAME_CONNECTORS = new Set(['i', 'im', 'nr', 'pw', 'św']);
// Generic places written in lower case ("w sali konferencyjnej", "w siedzibie").
const LOWERCASE_HEADS = new Set(['sali', 'auli', 'siedzibie', 'budynku', 'hali', 'świetlicy']);
// Territories, not buildings: "w Gminie Bukowsko" says where, not in which place.
const NOT_PLACE_HEADS = new Set(['gminie', 'powiecie', 'województwie', 'mieście', 'gminy', 'powiatu', 'województwa', 'miasta']);

interface Candidate {
  name?: string;
  city?: string;
  cityCertain: boolean;
  start: number;
  end: number;
  score: number;
}

function capitaliseFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "w <place> [w <town>]": the named place, or null when the words are no place's name. */
function readNamedPlace(text: string, words: Word[]): Omit<Candidate, 'start' | 'score'> | null {
  let i = 0;
  // "w starachowickim Hotelu Europa": an adjective in lower case before the head is not part of the name.
  if (words[0] && isLowerAdjective(words[0].text) && words[1] && isCapitalised(words[1].text)) i = 1;
  const head = words[i];
  if (!head) return null;
  const headLower = head.text.toLowerCase();
  if (NOT_PLACE_HEADS.has(headLower)) return null;
  if (!HEADS_BY_FORM.has(headLower) && !/^\p{Lu}\p{Ll}*(?:ym|im)$/u.test(head.text)) return null;
  if (!isCapitalised(head.text) && !LOWERCASE_HEADS.has(headLower)) return null;
  const nameWords: Word[] = [];
  let j = i;
  for (; j < words.length && nameWords.length < MAX_NAME_WORDS; j++) {
    const w = words[j]!;
    if (w.text === 'w' || w.text === 'we') break;
    const lower = w.text.toLowerCase();
    const ok = isCapitalised(w.text) || NAME_CONNECTORS.has(lower) || /^\d+$/.test(w.text) || (j <= i + 1 && isLowerAdjective(w.text)) || j === i;
    if (!ok) break;
    nameWords.push(w);
  }
  // Drop a trailing connector ("… i").
  while (nameWords.length && NAME_CONNECTORS.has(nameWords.at(-1)!.text.toLowerCase())) nameWords.pop();
  if (nameWords.length === 0) return null;
  let end = nameWords.at(-1)!.end;
  let city: string | undefined;
  let cityCertain = true;
  const next = words[j];
  if (next && (next.text === 'w' || next.text === 'we')) {
    const town = readTown(words.slice(j + 1).map((w) => w.text));
    if (town && (town.certain || !isCapitalised(words[j + 1 + town.words]?.text ?? ''))) {
      city = town.city;
      cityCertain = town.certain;
      end = words[j + town.words]!.end;
    }
  }
  const texts = nameWords.map((w) => w.text);
  let name: string;
  if (headLower === 'siedzibie') {
    // "w siedzibie Urzędu Marszałkowskiego": the seat is the body named after it.
    const body = texts.slice(1);
    if (body.length === 0 || !body.some(isCapitalised)) return null;
    name = headPhraseToNominative(body) ?? `siedziba ${body.join(' ')}`;
  } else {
    name = headPhraseToNominative(texts) ?? texts.join(' ');
  }
  // A generic place with nothing proper in it ("sala gimnastyczna") and no town says too little.
  if (!texts.some(isCapitalised) && !city) return null;
  return { name: capitaliseFirst(name), city, cityCertain, end };
}

export function findVenues(text: string): VenueSuggestion[] {
  const titleTo = titleEnd(text);
  const candidates: Candidate[] = [];
  for (const m of text.matchAll(IN)) {
    const start = m.index;
    const inTitle = start < titleTo;
    const sentence = sentenceBounds(text, start, start + m[0].length);
    const eventSentence = inTitle || EVENT_SENTENCE.test(text.slice(sentence.start, sentence.end));
    const words = readWords(text, start + m[0].length, MAX_NAME_WORDS + 4);
    if (words.length === 0) continue;
    const named = readNamedPlace(text, words);
    if (named) {
      const isSeat = words[0]!.text.toLowerCase() === 'siedzibie';
      if (!eventSentence && !isSeat) continue;
      candidates.push({ ...named, start, score: eventSentence ? 2 : 1 });
      continue;
    }
    if (!eventSentence) continue;
    // "w Rzeszowie" alone, not the seat of an institution named just before it.
    const before = /(\S+)[ \t\u00a0]+$/u.exec(text.slice(Math.max(sentence.start, start - 60), start))?.[1] ?? '';
    const previousIsName = isCapitalised(before) && !(inTitle && /^\p{Lu}{2,}$/u.test(before)) && !/^[–—-]$/.test(before);
    if (previousIsName && start > sentence.start) continue;
    const town = readTown(words.map((w) => w.text));
    if (!town) continue;
    if (!town.certain && isCapitalised(words[1]?.text ?? '')) continue;
    candidates.push({ city: town.city, cityCertain: town.certain, start, end: words[town.words - 1]!.end, score: 2 });
  }
  const out = new Map<string, VenueSuggestion>();
  candidates.sort((a, b) => b.score - a.score || a.start - b.start);
  const namedCities = new Set(candidates.filter((c) => c.name && c.city).map((c) => c.city));
  for (const c of candidates) {
    if (!c.name && c.city && namedCities.has(c.city)) continue;
    const id = suggestionId('venue', [c.name, c.city].filter(Boolean).join(' '));
    if (out.has(id)) continue;
    const cityLabel = c.city ? (c.cityCertain ? c.city : `${c.city} (forma z tekstu – popraw na mianownik)`) : undefined;
    const label = c.name ? `Miejsce: ${c.name}${cityLabel ? `, ${cityLabel}` : ''}` : `Miejscowość: ${cityLabel}`;
    const suggestion: VenueSuggestion = { kind: 'venue', id, label: label.slice(0, 300), evidence: evidenceAt(text, c.start, c.end) };
    if (c.name) suggestion.name = c.name.slice(0, 300);
    if (c.city) suggestion.city = c.city.slice(0, 120);
    out.set(id, suggestion);
    if (out.size === 3) break;
  }
  return [...out.values()];
}
