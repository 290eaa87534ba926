import type { Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import type { BlockNode } from '@cus/shared/blocks';
import { stripMarkers } from './markers.ts';

// When the converter fails on a body (it should not; this is the net under "never throws"):
// its text in paragraphs, without any markup. Linear: scripts and styles cut out by indexOf,
// tags removed by a regex that cannot backtrack, entities decoded by parsing text without tags.

const parser = unified().use(rehypeParse, { fragment: true });

function withoutRawText(html: string): string {
  const lower = html.toLowerCase();
  const out: string[] = [];
  let pos = 0;
  for (;;) {
    const script = lower.indexOf('<script', pos);
    const style = lower.indexOf('<style', pos);
    const start = script === -1 ? style : style === -1 ? script : Math.min(script, style);
    if (start === -1) break;
    out.push(html.slice(pos, start));
    const name = start === script ? 'script' : 'style';
    const end = lower.indexOf(`</${name}`, start);
    if (end === -1) return out.join('');
    const close = lower.indexOf('>', end);
    pos = close === -1 ? html.length : close + 1;
  }
  out.push(html.slice(pos));
  return out.join('');
}

function decode(text: string): string {
  try {
    const root = parser.parse(text.replace(/</g, '&lt;')) as Root;
    return root.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
  } catch {
    return text;
  }
}

export function plainParagraphs(html: string): BlockNode[] {
  const text = withoutRawText(html)
    .replace(/<\/?(p|div|h[1-6]|li|ul|ol|tr|table|blockquote|section|article|figure|pre)\b[^<>]*>|<br\b[^<>]*>/gi, '\n\n')
    .replace(/<[^<>]*>/g, ' ');
  return stripMarkers(text)
    .split(/\n\s*\n/)
    .map((p) => decode(p).replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((p) => ({ type: 'paragraph', children: [{ type: 'text', text: p }] }));
}
