import type { InlineNode, ListNode } from '@cus/shared/blocks';
import { isPendingImage, type ConvertedNode } from './types.ts';

// The text suggestions are read from; offsets in it are what evidence points at, so the format
// is fixed: the title, "\n\n", then each block's text, blocks joined by "\n\n". Images have no
// text here; a list's items are one line each.

const inlineText = (children: readonly InlineNode[]) =>
  children.map((c) => (c.type === 'text' ? c.text : c.children.map((t) => t.text).join(''))).join('');

function listText(list: ListNode): string {
  const lines: string[] = [];
  // Explicit stack: lists are bounded, but this costs nothing.
  const stack: ListNode['children'][number][] = [...list.children].reverse();
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.type === 'list') stack.push(...[...item.children].reverse());
    else lines.push(inlineText(item.children));
  }
  return lines.join('\n');
}

export function blockText(node: ConvertedNode): string {
  if (isPendingImage(node)) return '';
  switch (node.type) {
    case 'list':
      return listText(node);
    case 'image':
      return '';
    default:
      return inlineText(node.children ?? []);
  }
}

/** The plain text suggestions are read from: title, "\n\n", then each block's text, blocks joined by "\n\n". */
export function plainText(title: string, nodes: readonly ConvertedNode[]): string {
  return `${title}\n\n${nodes
    .map(blockText)
    .filter((t) => t !== '')
    .join('\n\n')}`;
}
