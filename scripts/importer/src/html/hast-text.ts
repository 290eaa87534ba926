import type { Element, ElementContent, Root, RootContent } from 'hast';

// Reading hast without recursion: the trees come from arbitrary HTML.

type Node = Root | RootContent | ElementContent;

/** Nodes a bounded look into a subtree visits at most (a hostile body must not make it quadratic). */
const MAX_VISITS = 20_000;

/** Whether some descendant element (among the first MAX_VISITS nodes) matches. */
export function someDescendant(node: Root | Element, test: (el: Element) => boolean): boolean {
  const stack: Node[] = [...node.children];
  let visits = 0;
  while (stack.length > 0 && visits++ < MAX_VISITS) {
    const n = stack.pop()!;
    if (n.type !== 'element') continue;
    if (test(n)) return true;
    for (const c of n.children) stack.push(c);
  }
  return false;
}

/** Every descendant element, in document order, without entering elements `skip` says no to. */
export function descendants(node: Root | Element, skip: (el: Element) => boolean = () => false): Element[] {
  const found: Element[] = [];
  const stack: Node[] = [...node.children].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type !== 'element') continue;
    found.push(n);
    if (skip(n)) continue;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return found;
}

/** Elements whose content is no text a reader sees. */
const HIDDEN = new Set(['script', 'style', 'template']);
/** Elements that separate words even when the HTML has no space between them. */
const BREAKS = new Set(['br', 'p', 'div', 'li']);

/** The text of a node, whitespace collapsed, at most `max` characters (enough for messages and captions). */
export function textOf(node: Node, max = 2000): string {
  let text = '';
  const stack: Node[] = [node];
  let visits = 0;
  while (stack.length > 0 && text.length < max && visits++ < MAX_VISITS) {
    const n = stack.pop()!;
    if (n.type === 'text') text += n.value;
    else if (n.type === 'element' && HIDDEN.has(n.tagName)) continue;
    else if ('children' in n) {
      if (n.type === 'element' && BREAKS.has(n.tagName)) text += ' ';
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, max);
}

export const element = (tagName: string, children: ElementContent[], properties: Element['properties'] = {}): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});
