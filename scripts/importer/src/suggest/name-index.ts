import { institutionNameForms, personNameParts } from './declension.ts';

// The directory's names in every form, indexed once per run so that matching a report is one
// walk over its words with a few map look-ups per word, whatever the directory's size.
// Institutions: a token trie of their declined names. People: their surname forms map to the
// entries, whose first-name forms are checked on the words before (no first name × surname
// product: 10,000 people build in a fraction of a second).

export interface DirectoryEntry {
  documentId: string;
  name: string;
  shortName?: string;
}
export interface Directory {
  people: DirectoryEntry[];
  institutions: DirectoryEntry[];
}

export type NameKind = 'speaker' | 'institution';

interface InstitutionTarget {
  entry: DirectoryEntry;
  /** Matched through the short name ("ROPS w Rzeszowie", "MRPiPS"). */
  viaShortName: boolean;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  /** The directory wrote this word with a capital: the text must too. */
  capital: boolean;
  targets: InstitutionTarget[];
}

interface PersonTarget {
  entry: DirectoryEntry;
  /** Every form of each first name, in order (shared between people of the same first names). */
  firstNames: ReadonlySet<string>[];
}

export interface NameIndex {
  institutions: TrieNode;
  /** Surname form (lower case) → the people it may name. */
  surnames: Map<string, PersonTarget[]>;
  size: number;
}

export interface Token {
  text: string;
  start: number;
  end: number;
}

// Words, with hyphenated compounds kept whole ("Korycka-Żymuła", "Bielsku-Białej").
const WORD = /[\p{L}\p{M}\p{N}]+(?:[-‐][\p{L}\p{M}\p{N}]+)*/gu;

export function tokenize(text: string): Token[] {
  return [...text.matchAll(WORD)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

// Acronyms ("ROPS", "MRPiPS", "RP") only match in their own letters: "rops" in lower case is a word.
const ACRONYM = /^(?=.*\p{Lu}.*\p{Lu})(?!.*\p{Ll}\p{Ll})/u;
const ACRONYM_KEY = '\u0001';

const startsUpper = (word: string): boolean => {
  const first = word[0] ?? '';
  return first !== first.toLowerCase();
};

/** The keys a text word may be found under. */
function wordKeys(word: string): string[] {
  const lower = word.normalize('NFC').toLowerCase();
  return ACRONYM.test(word) ? [ACRONYM_KEY + word.normalize('NFC'), lower] : [lower];
}

const newNode = (): TrieNode => ({ children: new Map(), capital: false, targets: [] });

function insert(root: TrieNode, originals: readonly string[], forms: readonly string[], target: InstitutionTarget): void {
  let node = root;
  for (const [i, form] of forms.entries()) {
    const original = originals[i] ?? form;
    const key = ACRONYM.test(original) ? ACRONYM_KEY + original.normalize('NFC') : form;
    let child = node.children.get(key);
    if (!child) {
      child = newNode();
      node.children.set(key, child);
    }
    if (startsUpper(original)) child.capital = true;
    node = child;
  }
  if (!node.targets.some((t) => t.entry.documentId === target.entry.documentId)) node.targets.push(target);
}

export function buildNameIndex(directory: Directory): NameIndex {
  const institutions = newNode();
  const surnames = new Map<string, PersonTarget[]>();
  const firstNameSets = new Map<string, ReadonlySet<string>>();
  let size = 0;
  for (const entry of directory.people) {
    // A first name and a surname at least: a surname alone never matches.
    const parts = personNameParts(tokenize(entry.name).map((t) => t.text).join(' '));
    if (!parts) continue;
    const firstNames = parts.firstNames.map((forms) => {
      const key = forms[0]!;
      let set = firstNameSets.get(key);
      if (!set) firstNameSets.set(key, (set = new Set(forms)));
      return set;
    });
    for (const surname of parts.surnames) {
      const list = surnames.get(surname);
      const target = { entry, firstNames };
      if (!list) surnames.set(surname, [target]);
      else if (!list.some((t) => t.entry.documentId === entry.documentId)) list.push(target);
    }
    size++;
  }
  for (const entry of directory.institutions) {
    const originals = tokenize(entry.name).map((t) => t.text.normalize('NFC'));
    if (originals.length === 0) continue;
    for (const forms of institutionNameForms(originals)) insert(institutions, originals, forms, { entry, viaShortName: false });
    const short = tokenize(entry.shortName ?? '').map((t) => t.text.normalize('NFC'));
    if (short.length) insert(institutions, short, short.map((w) => w.toLowerCase()), { entry, viaShortName: true });
    size++;
  }
  return { institutions, surnames, size };
}

export interface NameMatch {
  kind: NameKind;
  entries: DirectoryEntry[];
  viaShortName: boolean;
  start: number;
  end: number;
}

// Between the words of a person's name only spaces; an institution's name may hold a comma
// ("Ministerstwo Rodziny, Pracy i Polityki Społecznej").
const PERSON_GAP = /^[ \t\u00a0]+$/;
const INSTITUTION_GAP = /^[ \t\u00a0]*,?[ \t\u00a0]+$/;

interface Candidate {
  first: number;
  last: number;
  match: NameMatch;
}

/** Matches of directory names, longest first where they overlap, in text order. */
export function matchNames(text: string, tokens: readonly Token[], index: NameIndex): NameMatch[] {
  const lower = tokens.map((t) => t.text.normalize('NFC').toLowerCase());
  const gapOk = (gap: RegExp, a: number) => gap.test(text.slice(tokens[a]!.end, tokens[a + 1]!.start));
  const candidates: Candidate[] = [];

  // Institutions: the longest trie path from each word.
  for (let i = 0; i < tokens.length; i++) {
    let best: { last: number; targets: InstitutionTarget[] } | null = null;
    const walk = (node: TrieNode, at: number): void => {
      const token = tokens[at];
      if (!token) return;
      if (at > i && !gapOk(INSTITUTION_GAP, at - 1)) return;
      for (const key of wordKeys(token.text)) {
        const child = node.children.get(key);
        if (!child || (child.capital && !startsUpper(token.text))) continue;
        if (child.targets.length && (!best || at > best.last)) best = { last: at, targets: child.targets };
        if (child.children.size) walk(child, at + 1);
      }
    };
    walk(index.institutions, i);
    if (best) {
      const { last, targets } = best as { last: number; targets: InstitutionTarget[] };
      candidates.push({
        first: i,
        last,
        match: { kind: 'institution', entries: targets.map((t) => t.entry), viaShortName: targets.every((t) => t.viaShortName), start: tokens[i]!.start, end: tokens[last]!.end },
      });
    }
  }

  // People: a surname form, with the entry's first names in the words right before it.
  for (let s = 1; s < tokens.length; s++) {
    const targets = index.surnames.get(lower[s]!);
    if (!targets || !startsUpper(tokens[s]!.text)) continue;
    const byStart = new Map<number, DirectoryEntry[]>();
    for (const target of targets) {
      const n = target.firstNames.length;
      const from = s - n;
      if (from < 0) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const at = from + k;
        ok = target.firstNames[k]!.has(lower[at]!) && startsUpper(tokens[at]!.text) && gapOk(PERSON_GAP, at);
      }
      if (ok) byStart.set(from, [...(byStart.get(from) ?? []), target.entry]);
    }
    for (const [from, entries] of byStart) {
      candidates.push({ first: from, last: s, match: { kind: 'speaker', entries, viaShortName: false, start: tokens[from]!.start, end: tokens[s]!.end } });
    }
  }

  // Longest first where matches overlap; at equal length the institution (listed first) wins.
  const order = candidates.map((c, i) => ({ c, i })).sort((a, b) => b.c.last - b.c.first - (a.c.last - a.c.first) || a.c.first - b.c.first || a.i - b.i);
  const taken = new Uint8Array(tokens.length);
  const chosen: Candidate[] = [];
  for (const { c } of order) {
    let free = true;
    for (let t = c.first; t <= c.last && free; t++) free = taken[t] === 0;
    if (!free) continue;
    taken.fill(1, c.first, c.last + 1);
    chosen.push(c);
  }
  return chosen.sort((a, b) => a.first - b.first).map((c) => c.match);
}
