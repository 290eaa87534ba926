// Limits on Markdown that a parser may see: Markdown is no longer stored (bodies are Strapi
// Blocks), but it is still converted into Blocks (the seed, blocks/from-markdown.ts, and the
// importer of other sites' content). Everything here is a linear scan of the text: remark
// overflows its stack on lists or quotes nested 1,000 deep and spends 75 s on 10,000.

/** Most lists and quotes inside one another. */
export const MARKDOWN_MAX_NESTING = 8;
/** Most raw HTML elements inside one another. */
export const MARKDOWN_MAX_HTML_NESTING = 32;
/** Most emphasis marks (*, _, ~) open at once in a paragraph: "**a *b* c**" opens three. */
export const MARKDOWN_MAX_EMPHASIS = 64;
/** Longest body, in characters: above anything Strapi's 1 MB request limit lets through. */
export const MARKDOWN_MAX_LENGTH = 1_048_576;

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

/** Whether remark may parse the text: within every limit above. */
export function markdownWithinLimits(text: string): boolean {
  return (
    text.length <= MARKDOWN_MAX_LENGTH &&
    markdownNestingDepth(text).depth <= MARKDOWN_MAX_NESTING &&
    emphasisNestingDepth(text) <= MARKDOWN_MAX_EMPHASIS &&
    htmlNestingDepth(text) <= MARKDOWN_MAX_HTML_NESTING
  );
}
