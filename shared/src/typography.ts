// Polish typography for text the editors typed on a plain keyboard:
//   "cytat"  → „cytat”        (Polish quotation marks; a quote inside a quote: „a »b« c”)
//   a - b    → a – b          (spaced hyphen → półpauza, the en dash)
//   --, ---  → –, —
//   ...      → …
//   w domu   → w\u00a0domu   (no one-letter word left at the end of a line: "sierotki")
// Hyphens inside words, numbers, dates and postal codes ("39-200") are left alone.

const NBSP = '\u00a0';
const OPENING_CONTEXT = /[\s([{\u2013\u2014/\u00a0]/;
const QUOTES = /["„”»«]/;

/** Keeps the quote state across the inline pieces of one paragraph ("**bold**" splits it). */
export class PolishTypographer {
  private prev = ''; // last character seen in this block
  private depth = 0; // quotes open in this block

  text(input: string): string {
    let out = '';
    // Most text has no quotation mark: the loop would copy it character by character.
    if (!QUOTES.test(input)) out = input;
    else for (let i = 0; i < input.length; i++) {
      const ch = input[i]!;
      const before = i === 0 ? this.prev : input[i - 1]!;
      const opens = ch === '„' || ch === '»' || (ch === '"' && (before === '' || OPENING_CONTEXT.test(before)));
      const closes = ch === '”' || ch === '«' || (ch === '"' && !opens);
      if (opens) {
        out += this.depth % 2 === 0 ? '„' : '»';
        this.depth++;
      } else if (closes && this.depth > 0) {
        this.depth--;
        out += this.depth % 2 === 0 ? '”' : '«';
      } else {
        out += ch === '"' ? '”' : ch;
      }
    }
    // Each rule only where its characters occur (a full sync types 10,000 bodies).
    if (out.includes('...')) out = out.replace(/\.\.\./g, '…');
    if (out.includes('-')) out = out.replace(/---/g, '—').replace(/--/g, '–').replace(/(^|[^\S\u00a0])-(?=\s)/g, '$1–');
    // One-letter words (and the spaced dash) keep to the next word; "a i w domu" too (the lookbehind does not consume).
    out = out.replace(/(?<=^|[\s(„\u00a0])([aiouwzAIOUWZ]) /g, `$1${NBSP}`);
    if (out.includes(' –')) out = out.replace(/ –(?= )/g, `${NBSP}–`);
    if (input.length > 0) this.prev = input[input.length - 1]!;
    return out;
  }

  /** The next text belongs to a new block (paragraph, heading, list item). */
  reset(): void {
    this.prev = '';
    this.depth = 0;
  }
}

// A title, a name or a lead recurs on many pages (an event's title on its page, in listings, on
// the page of each of its people and institutions): each text is typed once per process.
const polished = new Map<string, string>();
const POLISHED_MAX = 100_000;
const POLISHED_MAX_LENGTH = 2_000;

/** Typography for one standalone piece of text: a title, a lead, a caption. */
export function polish(text: string | null | undefined): string {
  if (!text) return '';
  let out = polished.get(text);
  if (out === undefined) {
    out = new PolishTypographer().text(text);
    if (text.length <= POLISHED_MAX_LENGTH) {
      if (polished.size >= POLISHED_MAX) polished.clear();
      polished.set(text, out);
    }
  }
  return out;
}
