import { HEAD_BY_NOMINATIVE, HEADS_BY_FORM, type Gender } from './head-nouns.ts';

// Polish singular declension of what directories hold: first names and surnames by their ending
// (-a, -ek, -ec, consonant, -ski/-cki/-dzki, -owa, -ska), adjectives ("Regionalny",
// "Podkarpackiego") and institution names around a head noun. Everything is lower case; the
// result over-generates rather than misses: a form no text contains costs nothing, a missing
// one loses a match. Each function returns the forms per case (nominative, genitive, dative,
// accusative, instrumental, locative, vocative), each a small list of variants.

export type Cases = string[][];
const CASES = 7;

const uniq = (forms: string[]): string[] => [...new Set(forms)];
const same = (word: string): Cases => Array.from({ length: CASES }, () => [word]);

/** The locative/dative ending a hard stem takes: "Beata" → "Beacie", "Piotr" → "Piotrze". */
function softenedE(stem: string): string | null {
  const rules: [string, string][] = [
    ['st', 'ście'], ['sł', 'śle'], ['zd', 'ździe'], ['sn', 'śnie'], ['zn', 'źnie'], ['tt', 'cie'],
    ['t', 'cie'], ['d', 'dzie'], ['r', 'rze'], ['ł', 'le'], ['n', 'nie'], ['s', 'sie'], ['z', 'zie'],
    ['w', 'wie'], ['m', 'mie'], ['b', 'bie'], ['p', 'pie'], ['f', 'fie'],
    ['k', 'ce'], ['g', 'dze'], ['ch', 'sze'],
  ];
  for (const [end, replacement] of rules) if (stem.endsWith(end)) return stem.slice(0, -end.length) + replacement;
  return null;
}

const SOFT_STEM = /(?:i|l|j|c|cz|sz|rz|ż|dz|dż)$/;

/** Nouns in -a (Anna, Marlena, Mączka, Żymuła, Kuba) and -o as their stem would take them. */
export function aDeclension(word: string): Cases {
  const stem = word.slice(0, -1);
  let gen: string;
  if (/[kg]$/.test(stem) || /[il]$/.test(stem)) gen = `${stem}i`;
  else if (/[aeiouyąęó]j$/.test(stem)) gen = `${stem.slice(0, -1)}i`; // Maja → Mai
  else if (/j$/.test(stem)) gen = `${stem}i`; // Alicja → Alicji
  else if (SOFT_STEM.test(stem)) gen = `${stem}y`; // Rymsza → Rymszy
  else gen = `${stem}y`;
  const datLoc = SOFT_STEM.test(stem) ? gen : (softenedE(stem) ?? gen);
  const acc = `${stem}ę`;
  const inst = `${stem}ą`;
  const voc = `${stem}o`;
  return [[word], [gen], [datLoc], [acc], [inst], [datLoc], [voc]];
}

/** Masculine nouns ending in a consonant: Piotr, Marek, Paweł, Mikrut, Materek, Budyńczuk. */
export function consonantDeclension(word: string): Cases {
  const stems = [word];
  // The mobile e of -ek, -ec, -eł, -el, -eń: Marek → Marka, Paweł → Pawła, Wróbel → Wróbla.
  const mobile = /^(.*[^aeiouyąęó])(?:i?e)([kcłl])$/.exec(word);
  if (mobile) stems.push(mobile[1]! + mobile[2]!);
  // Soft consonants written with an accent at the end, "i" before a vowel: Łoś → Łosia.
  const accented: Record<string, string> = { ś: 'si', ć: 'ci', ź: 'zi', ń: 'ni' };
  const last = word.at(-1)!;
  if (accented[last]) stems.splice(0, stems.length, word.slice(0, -1) + accented[last]);
  const out: Cases = [[word], [], [], [], [], [], []];
  for (const stem of stems) {
    const gen = `${stem}a`;
    out[1]!.push(gen);
    out[2]!.push(`${stem}owi`);
    out[3]!.push(gen); // people are animate: accusative = genitive
    out[4]!.push(/[kg]$/.test(stem) ? `${stem}iem` : `${stem}em`);
    const loc = /(?:[kg]|ch|sz|cz|rz|ż|j|l|c|dz|i)$/.test(stem) ? `${stem}u` : (softenedE(stem) ?? `${stem}u`);
    out[5]!.push(loc);
    out[6]!.push(/(?:[kg]|ch)$/.test(stem) ? `${stem}u` : loc);
  }
  return out.map(uniq);
}

/** Adjectives and adjectival surnames: Kuberski, Regionalny, Rosińska, Kowalowa, Podkarpackie. */
export function adjectiveDeclension(word: string, gender: Gender, animate = false): Cases {
  // Only the last part of "Kielecko-Ostrowiecki" declines.
  const dash = word.lastIndexOf('-');
  const head = dash === -1 ? '' : word.slice(0, dash + 1);
  const adj = word.slice(dash + 1);
  let cases: Cases;
  if (gender === 'f') {
    if (!adj.endsWith('a')) return same(word);
    const stem = adj.slice(0, -1);
    const ej = /[kg]$/.test(stem) ? `${stem}iej` : `${stem}ej`;
    cases = [[adj], [ej], [ej], [`${stem}ą`], [`${stem}ą`], [ej], [adj]];
  } else {
    let stem: string;
    if (gender === 'm' && /[yi]$/.test(adj)) stem = adj.endsWith('i') ? adj : adj.slice(0, -1);
    else if (gender === 'n' && /e$/.test(adj)) stem = adj.slice(0, -1);
    else return same(word);
    // stem ends with "i" for soft adjectives (rzeszowski, podkarpacki-e): no extra y.
    const soft = stem.endsWith('i');
    const gen = `${stem}ego`;
    const dat = `${stem}emu`;
    const inst = soft ? `${stem}m` : `${stem}ym`;
    const acc = gender === 'n' ? adj : animate ? gen : adj;
    cases = [[adj], [gen], [dat], [acc], [inst], [inst], [adj]];
  }
  return cases.map((forms) => forms.map((f) => head + f));
}

const FEMALE_FIRST_NAME_EXCEPTIONS = new Set(['kuba', 'barnaba', 'bonawentura', 'kosma', 'jarema', 'saba']);

export function isFemaleFirstName(first: string): boolean {
  return first.endsWith('a') && !FEMALE_FIRST_NAME_EXCEPTIONS.has(first);
}

function firstNameFormsUncached(first: string, female: boolean): Cases {
  if (female) return aDeclension(first);
  if (first.endsWith('a') || first.endsWith('o')) return aDeclension(`${first.slice(0, -1)}a`).map((f, i) => (i === 0 ? [first] : f));
  if (/[yi]$/.test(first)) return adjectiveDeclension(first, 'm', true); // Jerzy, Antoni
  if (/[aeiouyąęó]$/.test(first)) return same(first);
  return consonantDeclension(first);
}

function surnamePartFormsUncached(part: string, female: boolean): Cases {
  if (female) {
    if (/(?:sk|ck|dzk|ow)a$/.test(part)) return adjectiveDeclension(part, 'f');
    if (part.endsWith('a')) return aDeclension(part);
    return same(part); // Maląg, Kończak: women's consonant surnames do not decline
  }
  if (/(?:sk|ck|dzk)i$/.test(part) || /[yi]$/.test(part)) return adjectiveDeclension(part, 'm', true);
  if (part.endsWith('a')) return aDeclension(part);
  if (part.endsWith('o')) return aDeclension(`${part.slice(0, -1)}a`).map((f, i) => (i === 0 ? [part] : f));
  if (/[eéuóąę]$/.test(part)) return same(part);
  return consonantDeclension(part);
}

// Directories repeat first names and surname parts: each is declined once (bounded by the
// directory's distinct words).
const firstNameCache = new Map<string, Cases>();
const surnamePartCache = new Map<string, Cases>();
function memo(cache: Map<string, Cases>, key: string, make: () => Cases): Cases {
  let value = cache.get(key);
  if (!value) cache.set(key, (value = make()));
  return value;
}
const firstNameForms = (first: string, female: boolean) => memo(firstNameCache, `${female ? 'f' : 'm'}:${first}`, () => firstNameFormsUncached(first, female));
const surnamePartForms = (part: string, female: boolean) => memo(surnamePartCache, `${female ? 'f' : 'm'}:${part}`, () => surnamePartFormsUncached(part, female));

function surnameForms(surname: string, female: boolean): Cases {
  const parts = surname.split('-').map((p) => surnamePartForms(p, female));
  return Array.from({ length: CASES }, (_, c) => {
    let combos = [''];
    for (const [i, part] of parts.entries()) {
      combos = combos.flatMap((prefix) => part[c]!.map((form) => (i === 0 ? form : `${prefix}-${form}`)));
    }
    return uniq(combos);
  });
}

// Titles that may stand in a directory name and are not part of the name.
const TITLE_WORDS = /^(?:dr|hab\.?|prof\.?|mgr|inż\.?|lek\.?|ks\.?|pan|pani|dr\.|dyr\.?)$/i;

/** A person's name as the words a text may write it in: each first name's forms and the surname's, in any case. */
export interface PersonNameParts {
  /** Per first name (in order), every form of it. */
  firstNames: string[][];
  surnames: string[];
  /** How many words of the directory's name the parts stand for (titles dropped): the last ones. */
  words: number;
}

/**
 * "Piotr Mączka" → first names [piotr, piotra, piotrowi, …], surnames [mączka, mączki, mączce, …];
 * "Marlena Maląg" keeps "maląg" (women's consonant surnames do not decline). Any combination of
 * the forms counts: reports mix cases ("przez Dyrektora Piotra Mączkę"). Null for one word.
 */
export function personNameParts(fullName: string): PersonNameParts | null {
  const tokens = fullName.normalize('NFC').toLowerCase().split(/\s+/).filter((t) => t && !TITLE_WORDS.test(t));
  if (tokens.length < 2) return null;
  const female = isFemaleFirstName(tokens[0]!);
  return {
    firstNames: tokens.slice(0, -1).map((t) => uniq(firstNameForms(t, female).flat())),
    surnames: uniq(surnameForms(tokens.at(-1)!, female).flat()),
    words: tokens.length,
  };
}

/** Every written form of a full name, as token lists (lower case): "piotra mączki", "janowi kowalskiemu". */
export function personNameForms(fullName: string): string[][] {
  const parts = personNameParts(fullName);
  if (!parts) return [];
  let sequences: string[][] = [[]];
  for (const forms of [...parts.firstNames, parts.surnames]) sequences = sequences.flatMap((seq) => forms.map((f) => [...seq, f]));
  return sequences;
}

function uniqSequences(sequences: string[][]): string[][] {
  const seen = new Set<string>();
  return sequences.filter((s) => {
    const key = s.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const looksAdjective = (word: string, gender: Gender): boolean =>
  gender === 'f' ? /(?:sk|ck|dzk|n|w|ow|l|t|cz|ż)a$/.test(word) : gender === 'n' ? /e$/.test(word) : /[yi]$/.test(word);

/**
 * The singular forms of an institution's name, as token lists (lower case): the adjectives
 * before the head noun and right after it agree with it, the rest ("Polityki Społecznej",
 * "w Rzeszowie", "Gminy Dębica") stays as written. Names without a known head noun only match
 * as written.
 */
export function institutionNameForms(tokens: readonly string[]): string[][] {
  const lower = tokens.map((t) => t.normalize('NFC').toLowerCase());
  const headAt = lower.findIndex((t) => HEAD_BY_NOMINATIVE.has(t));
  if (headAt === -1) return [lower];
  const head = HEAD_BY_NOMINATIVE.get(lower[headAt]!)!;
  const per: Cases[] = lower.map((token, i) => {
    if (i === headAt) return head.forms.map((f) => [f]).concat([[head.forms[0]]]);
    if (i < headAt) return adjectiveDeclension(token, head.gender);
    // Up to two adjectives right after the head ("Urząd Marszałkowski"); "as written" stays a
    // variant, since a genitive noun ("Gminy") can look like an adjective.
    const afterHead = i - headAt;
    const adjectiveRun = lower.slice(headAt + 1, i + 1).every((t) => looksAdjective(t, head.gender));
    if (afterHead <= 2 && adjectiveRun) return adjectiveDeclension(token, head.gender).map((forms) => uniq([...forms, token]));
    return same(token);
  });
  const sequences: string[][] = [];
  for (let c = 0; c < CASES - 1; c++) {
    let combos: string[][] = [[]];
    for (const forms of per) combos = combos.flatMap((seq) => forms[c]!.map((form) => [...seq, form]));
    sequences.push(...combos);
  }
  return uniqSequences(sequences);
}

/**
 * A name the text gives in the locative or genitive ("Urzędzie Marszałkowskim Województwa",
 * "sali konferencyjnej", "Hotelu Europa") in the nominative ("Urząd Marszałkowski Województwa",
 * "sala konferencyjna", "Hotel Europa"); null when its first word is no known head noun (after
 * optional adjectives). Capitals are kept as written.
 */
export function headPhraseToNominative(words: readonly string[]): string | null {
  const lower = words.map((w) => w.toLowerCase());
  const headAt = lower.findIndex((w) => HEADS_BY_FORM.has(w));
  if (headAt === -1 || headAt > 2) return null;
  const head = HEADS_BY_FORM.get(lower[headAt]!)!;
  const out = [...words];
  const recase = (original: string, nominative: string) =>
    original[0] === original[0]!.toUpperCase() ? nominative[0]!.toUpperCase() + nominative.slice(1) : nominative;
  out[headAt] = recase(words[headAt]!, head.forms[0]);
  const toNominativeAdjective = (word: string): string | null => {
    const w = word.toLowerCase();
    const rules: [RegExp, string][] =
      head.gender === 'f'
        ? [[/iej$/, 'a'], [/ej$/, 'a']]
        : head.gender === 'm'
          ? [[/iego$/, 'i'], [/ego$/, 'y'], [/im$/, 'i'], [/ym$/, 'y']]
          : [[/iego$/, 'ie'], [/ego$/, 'e'], [/im$/, 'ie'], [/ym$/, 'e']];
    for (const [re, nominative] of rules) if (re.test(w)) return recase(word, w.replace(re, nominative));
    return null;
  };
  for (let i = 0; i < headAt; i++) {
    const adj = toNominativeAdjective(words[i]!);
    if (!adj) return null;
    out[i] = adj;
  }
  for (let i = headAt + 1; i < words.length && i <= headAt + 2; i++) {
    const adj = toNominativeAdjective(words[i]!);
    if (!adj) break;
    out[i] = adj;
  }
  return out.join(' ');
}
