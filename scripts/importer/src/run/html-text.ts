import type { Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { textOf } from '../html/hast-text.ts';

// Titles and excerpts arrive as HTML-ish text (WordPress stores "&#8222;" and "&amp;" in titles,
// excerpts may carry tags): their plain text, entities decoded, whitespace collapsed.

const parser = unified().use(rehypeParse, { fragment: true });
/** Longer than any title or lead is kept (they are shortened after). */
const MAX_TEXT = 5000;

export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim();
  return textOf(parser.parse(html) as Root, MAX_TEXT);
}

/** At most `max` characters, cut at a word boundary with "…". */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}
