// Text of rendered HTML as a visitor reads it, for the search index: tags dropped, entities
// decoded, block boundaries kept as line breaks so words of adjacent blocks never run together.
// No imports: the publisher runs this file directly in Node.

const BLOCK = /^(?:p|div|section|article|header|footer|aside|nav|h[1-6]|ul|ol|li|dl|dt|dd|blockquote|figure|figcaption|table|thead|tbody|tfoot|tr|td|th|caption|pre|hr|br|address|details|summary)$/i;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad' };

function decodeEntity(entity: string, body: string): string {
  if (body.startsWith('#x') || body.startsWith('#X')) return safeCodePoint(Number.parseInt(body.slice(2), 16)) ?? entity;
  if (body.startsWith('#')) return safeCodePoint(Number.parseInt(body.slice(1), 10)) ?? entity;
  return NAMED[body] ?? entity;
}

function safeCodePoint(n: number): string | undefined {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : undefined;
}

/** Pagefind's weight of a heading's words (h1 7 … h6 2); body text 1. */
const HEADING_WEIGHT: Record<string, number> = { h1: 7, h2: 6, h3: 5, h4: 4, h5: 3, h6: 2 };

export interface TextBlock {
  text: string;
  /** 1, or a heading's weight as Pagefind gives it when it reads the HTML. */
  weight: number;
}

/** The blocks of an HTML fragment as a visitor reads them: tags dropped, entities decoded, spaces collapsed. */
export function htmlBlocks(html: string): TextBlock[] {
  const cleaned = html
    // Nothing a visitor reads lives in comments, scripts or styles.
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, '');
  const blocks: TextBlock[] = [];
  let current = '';
  let heading: string | null = null;
  const flush = () => {
    const text = current.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (entity, body: string) => decodeEntity(entity, body)).replace(/[ \t\n\r\f\v]+/g, ' ').trim();
    if (text) blocks.push({ text, weight: heading ? HEADING_WEIGHT[heading]! : 1 });
    current = '';
  };
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>/g;
  let at = 0;
  for (let m = tag.exec(cleaned); m; m = tag.exec(cleaned)) {
    current += cleaned.slice(at, m.index);
    at = tag.lastIndex;
    const name = m[2]!.toLowerCase();
    if (!BLOCK.test(name)) continue;
    flush();
    if (name in HEADING_WEIGHT) heading = m[1] ? null : name;
  }
  current += cleaned.slice(at);
  flush();
  return blocks;
}

/** The text of an HTML fragment: one line per block. */
export const htmlText = (html: string): string => htmlBlocks(html).map((b) => b.text).join('\n');
