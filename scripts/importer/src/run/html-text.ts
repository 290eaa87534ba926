import type { Root, RootContent } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';

// Titles and excerpts arrive as HTML-ish text (WordPress stores "&#8222;" and "&amp;" in titles,
// excerpts may carry tags): their plain text, entities decoded, whitespace collapsed.

const parser = unified().use(rehypeParse, { fragment: true });

export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim();
  const tree = parser.parse(html) as Root;
  const parts: string[] = [];
  const stack: (Root | RootContent)[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') parts.push(node.value);
    else if (node.type === 'element' && ['script', 'style', 'template'].includes(node.tagName)) continue;
    else if ('children' in node) {
      if (node.type === 'element' && ['p', 'br', 'div', 'li'].includes(node.tagName)) parts.push(' ');
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** At most `max` characters, cut at a word boundary with "…". */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}
