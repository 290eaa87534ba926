// Limits on the Markdown editors write, shared by the CMS (refused at save) and the site
// (checked again before rendering). Everything here is a linear scan of the text: a parser
// must never see input it cannot handle (remark overflows its stack on lists or quotes
// nested 1,000 deep and spends 75 s on 10,000).

/** Most lists and quotes inside one another. */
export const MARKDOWN_MAX_NESTING = 8;
/** Most raw HTML elements inside one another. */
export const MARKDOWN_MAX_HTML_NESTING = 32;
/** Most emphasis marks (*, _, ~) open at once in a paragraph: "**a *b* c**" opens three. */
export const MARKDOWN_MAX_EMPHASIS = 64;
/** Longest body, in characters: above anything Strapi's 1 MB request limit lets through. */
export const MARKDOWN_MAX_LENGTH = 1_048_576;

export type MarkdownProblemCode = 'too-long' | 'too-deep' | 'relative-link' | 'image-without-alt';

export interface MarkdownProblem {
  code: MarkdownProblemCode;
  /** Polish, for the editor: what is wrong and how to fix it. */
  message: string;
  /** 1-based line of the text where it was found. */
  line?: number;
}

const TAB_WIDTH = 4;
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE = /^[ \t>]*(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+)*(`{3,}|~{3,})/;

/**
 * The deepest nesting of lists and block quotes, estimated line by line: quote markers on a
 * line plus the list items whose content column is left of (or at) the line's list marker.
 * An overestimate only for odd indentation; never an underestimate for markers on one line.
 */
export function markdownNestingDepth(text: string): { depth: number; line: number } {
  let deepest = { depth: 0, line: 0 };
  const listColumns: number[] = []; // content columns of the open list items
  let fence: string | null = null;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = null;
      continue;
    }
    if (fenceMatch) fence = fenceMatch[1]!.slice(0, 3);
    if (THEMATIC_BREAK.test(line)) continue; // "* * * * *" is a rule, not lists
    let quotes = 0;
    let col = 0;
    let i = 0;
    let sawMarker = false;
    for (;;) {
      while (i < line.length && (line[i] === ' ' || line[i] === '\t')) {
        col += line[i] === '\t' ? TAB_WIDTH - (col % TAB_WIDTH) : 1;
        i++;
      }
      if (line[i] === '>') {
        quotes++;
        i++;
        col++;
        continue;
      }
      const marker = LIST_MARKER.exec(line.slice(i, i + 11));
      if (!marker) break;
      if (!sawMarker) {
        // A list item closes every open item whose content starts right of it.
        while (listColumns.length > 0 && listColumns[listColumns.length - 1]! > col) listColumns.pop();
        sawMarker = true;
      }
      i += marker[0].length;
      col += marker[0].length;
      listColumns.push(col + 1);
      if (quotes + listColumns.length > MARKDOWN_MAX_NESTING + 1) break; // no need to count further
    }
    if (!sawMarker && line.trim() !== '' && col === 0 && quotes === 0) listColumns.length = 0;
    const depth = quotes + listColumns.length;
    if (depth > deepest.depth) deepest = { depth, line: n + 1 };
  }
  return deepest;
}

/**
 * How many emphasis marks (*, _, ~) can be open at once in a paragraph, estimated from the
 * flanking rules of CommonMark: a run followed by a letter and not preceded by one may open,
 * the reverse may close; runs inside words are ignored. remark nests a <strong> per pair,
 * and overflows its stack on a few thousand.
 */
export function emphasisNestingDepth(text: string): number {
  let deepest = 0;
  let open = 0;
  const runs = /(\*+|_+|~+)/g;
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') {
      open = 0;
      continue;
    }
    const line = raw.replace(/(`+)[^`]*?\1/g, '');
    // Table cells are read one by one: a row does not continue the emphasis of the row above.
    const tableRow = line.includes('|');
    if (tableRow) open = 0;
    for (const m of line.matchAll(runs)) {
      const before = line[m.index - 1] ?? ' ';
      const after = line[m.index + m[0].length] ?? ' ';
      const opens = !/\s/.test(after);
      const closes = !/\s/.test(before);
      if (opens && !closes) open += m[0].length;
      else if (closes && !opens) open = Math.max(0, open - m[0].length);
      deepest = Math.max(deepest, open);
    }
    if (tableRow) open = 0;
  }
  return deepest;
}

/** The deepest nesting of raw HTML elements (void elements and self-closing tags do not nest). */
export function htmlNestingDepth(text: string): number {
  const VOID = /^(?:area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)$/i;
  let depth = 0;
  let deepest = 0;
  for (const m of text.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*?(\/?)>/g)) {
    if (VOID.test(m[2]!) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else deepest = Math.max(deepest, ++depth);
  }
  return deepest;
}

const decodeEntities = (s: string) =>
  s.replace(/&#(?:x([0-9a-f]+)|(\d+));?/gi, (_, hex: string | undefined, dec: string | undefined) => {
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
  });

/**
 * What a body may link to: an in-page anchor (#program) or an address with a scheme. A target
 * without one (zdjecie.jpg, ../x, /x, //host/x) would point into the site itself, where
 * nothing the editor wrote exists. Schemes other than http(s), mailto and tel are removed by
 * the site's sanitizer, so they never become links.
 */
export function isAllowedMarkdownTarget(target: string): boolean {
  const t = decodeEntities(target.trim());
  if (t.startsWith('#')) return t.length > 1;
  // Browsers drop control characters and spaces inside a scheme ("java\tscript:").
  // eslint-disable-next-line no-control-regex
  return /^[a-z][a-z0-9+.-]*:/i.test(t.replace(/[\u0000-\u0020]/g, ''));
}

const shorten = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

// Inline links and images: [text](target "title"), ![alt](<target>); the text may hold one level of brackets.
const INLINE_LINK = /(!?)\[((?:[^[\]\\]|\\.|\[[^[\]]*\])*)\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)/g;
// Footnote definitions ([^1]: text) are not links.
const REFERENCE_DEFINITION = /^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*(<[^>\n]*>|\S+)/;
const EMPTY_ALT_REFERENCE_IMAGE = /!\[\s*\]\[[^\]]*\]/;
const HTML_TAG = /<(a|img|area|source|video|audio|iframe|embed|object|link)\b([^<>]*)>/gi;
const attribute = (attrs: string, name: string): string | undefined => {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : undefined;
};

/** What the site would refuse in a Markdown text (in Polish, with the line), in the order found. */
export function markdownProblems(text: string | null | undefined): MarkdownProblem[] {
  if (!text) return [];
  const problems: MarkdownProblem[] = [];
  if (text.length > MARKDOWN_MAX_LENGTH) {
    problems.push({ code: 'too-long', message: `tekst jest za długi (${text.length} znaków, najwyżej ${MARKDOWN_MAX_LENGTH})` });
    return problems;
  }
  const nesting = markdownNestingDepth(text);
  if (nesting.depth > MARKDOWN_MAX_NESTING) {
    problems.push({
      code: 'too-deep',
      line: nesting.line,
      message: `listy lub cytaty są zagnieżdżone zbyt głęboko (wiersz ${nesting.line}; najwyżej ${MARKDOWN_MAX_NESTING} poziomów)`,
    });
    return problems;
  }
  if (emphasisNestingDepth(text) > MARKDOWN_MAX_EMPHASIS) {
    problems.push({
      code: 'too-deep',
      message: `pogrubienia, kursywy lub przekreślenia są zagnieżdżone zbyt głęboko albo mają za długie ciągi znaków *, _ lub ~ (najwyżej ${MARKDOWN_MAX_EMPHASIS} otwartych naraz)`,
    });
    return problems;
  }
  if (htmlNestingDepth(text) > MARKDOWN_MAX_HTML_NESTING) {
    problems.push({ code: 'too-deep', message: `znaczniki HTML są zagnieżdżone zbyt głęboko (najwyżej ${MARKDOWN_MAX_HTML_NESTING} poziomów)` });
    return problems;
  }
  let fence: string | null = null;
  text.split('\n').forEach((raw, index) => {
    const lineNo = index + 1;
    const fenceMatch = FENCE.exec(raw);
    if (fence) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = null;
      return;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!.slice(0, 3);
      return;
    }
    const line = raw.replace(/(`+)[^`]*?\1/g, ''); // code spans show their text, links in them are not links
    const relative = (target: string) =>
      problems.push({
        code: 'relative-link',
        line: lineNo,
        message:
          `odnośnik lub obraz „${shorten(target)}” (wiersz ${lineNo}) nie jest pełnym adresem: ` +
          'użyj adresu zaczynającego się od https:// albo odnośnika do nagłówka na tej stronie (#nazwa)',
      });
    const noAlt = () =>
      problems.push({
        code: 'image-without-alt',
        line: lineNo,
        message: `obraz w wierszu ${lineNo} nie ma tekstu alternatywnego: opisz, co przedstawia (![opis](adres))`,
      });
    for (const m of line.matchAll(INLINE_LINK)) {
      const target = m[3]!.replace(/^<|>$/g, '');
      if (m[1] && m[2]!.trim() === '') noAlt();
      if (!isAllowedMarkdownTarget(target)) relative(target);
    }
    const definition = REFERENCE_DEFINITION.exec(line);
    if (definition && !isAllowedMarkdownTarget(definition[1]!.replace(/^<|>$/g, ''))) relative(definition[1]!);
    if (EMPTY_ALT_REFERENCE_IMAGE.test(line)) noAlt();
    for (const m of line.matchAll(HTML_TAG)) {
      const tag = m[1]!.toLowerCase();
      const attrs = m[2]!;
      for (const name of ['href', 'src', 'srcset', 'data', 'poster']) {
        const value = attribute(attrs, name);
        if (value !== undefined && !isAllowedMarkdownTarget(value.split(/\s/)[0] ?? '')) relative(value);
      }
      if (tag === 'img' && !(attribute(attrs, 'alt') ?? '').trim()) noAlt();
    }
  });
  return problems;
}
