import type { BlockNode, InlineNode, LinkNode, ListItemNode, ListNode, TextNode } from '@cus/shared/blocks';
import { BLOCKS_MAX_LIST_NESTING } from '@cus/shared/blocks';
import type { SourceImage } from '../source-item.ts';
import { MARKER_SPLIT, parseImageMarker, stripMarkers, UNDERLINE_CLOSE, UNDERLINE_OPEN } from './markers.ts';
import type { ConvertedNode, PendingImage } from './types.ts';

// mdastToBlocks' output, with the sanitizer's markers still in its text → the final nodes:
// - a paragraph, heading or quote with an image marker is split there: the text before, the
//   image (a PendingImage), the text after, each part only if it has content;
// - in a list or a code block (which cannot be split around a block), the image goes after it;
// - underline markers become the `underline` mark;
// - lists nested deeper than Blocks allow are flattened into their parent at the limit;
// - no empty paragraphs: edges of every part trimmed, parts without text dropped.

type Piece = { kind: 'inline'; children: InlineNode[] } | { kind: 'image'; index: number };

const sameMarks = (a: TextNode, b: TextNode) =>
  !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.underline === !!b.underline && !!a.strikethrough === !!b.strikethrough && !!a.code === !!b.code;

function pushText(out: (InlineNode | TextNode)[], node: TextNode) {
  if (node.text === '') return;
  const last = out[out.length - 1];
  if (last && last.type === 'text' && sameMarks(last, node)) last.text += node.text;
  else out.push(node);
}

/** Splits inline content at image markers and applies underline markers (state across the block). */
class InlineSplitter {
  readonly pieces: Piece[] = [];
  #current: InlineNode[] = [];
  #underline = 0;

  #image(index: number) {
    this.pieces.push({ kind: 'inline', children: this.#current });
    this.pieces.push({ kind: 'image', index });
    this.#current = [];
  }

  /** The texts of one text node, with its marks; `onImage` decides what an image marker does. */
  #texts(node: TextNode, emit: (text: TextNode) => void, onImage: (index: number) => void) {
    for (const token of node.text.split(MARKER_SPLIT)) {
      if (token === '') continue;
      if (token === UNDERLINE_OPEN) this.#underline++;
      else if (token === UNDERLINE_CLOSE) this.#underline = Math.max(0, this.#underline - 1);
      else {
        const index = parseImageMarker(token);
        if (index !== undefined) onImage(index);
        else {
          const text: TextNode = { ...node, text: stripMarkers(token) };
          if (this.#underline > 0) text.underline = true;
          emit(text);
        }
      }
    }
  }

  add(children: readonly InlineNode[]) {
    for (const child of children) {
      if (child.type === 'text') {
        this.#texts(child, (t) => pushText(this.#current, t), (i) => this.#image(i));
        continue;
      }
      let linkText: TextNode[] = [];
      const closeLink = () => {
        if (linkText.length > 0) this.#current.push({ type: 'link', url: child.url, children: linkText } satisfies LinkNode);
        linkText = [];
      };
      for (const text of child.children) {
        this.#texts(
          text,
          (t) => pushText(linkText, t),
          (i) => {
            closeLink();
            this.#image(i);
          },
        );
      }
      closeLink();
    }
  }

  finish(): Piece[] {
    this.pieces.push({ kind: 'inline', children: this.#current });
    this.#current = [];
    return this.pieces;
  }
}

const hasContent = (children: InlineNode[]) => children.some((c) => (c.type === 'link' ? c.children.some((t) => t.text.trim()) : c.text.trim() !== ''));

/** Whitespace (and the line breaks of <br>s) at the edges of a part is not content. */
function trimEdges(children: InlineNode[]): InlineNode[] {
  const out = children.map((c) => (c.type === 'link' ? { ...c, children: c.children.map((t) => ({ ...t })) } : { ...c }));
  const edgeText = (node: InlineNode | undefined, end: 'start' | 'end'): TextNode | undefined =>
    node === undefined ? undefined : node.type === 'text' ? node : end === 'start' ? node.children[0] : node.children[node.children.length - 1];
  const first = edgeText(out[0], 'start');
  if (first) first.text = first.text.replace(/^\s+/, '');
  const last = edgeText(out[out.length - 1], 'end');
  if (last) last.text = last.text.replace(/\s+$/, '');
  return out.filter((c) => (c.type === 'link' ? c.children.some((t) => t.text !== '') : c.text !== ''));
}

/** Text only (a list item, a code block): images are collected, not split around. */
function textOnly(children: readonly InlineNode[], images: number[]): InlineNode[] {
  const splitter = new InlineSplitter();
  splitter.add(children);
  const out: InlineNode[] = [];
  for (const piece of splitter.finish()) {
    if (piece.kind === 'image') images.push(piece.index);
    else for (const c of piece.children) if (c.type === 'link') out.push(c);
    else pushText(out, c);
  }
  return out;
}

/** A list with marker-free items, lists past the nesting limit merged into their parent. */
function cleanList(list: ListNode, level: number, images: number[]): ListNode {
  const children: (ListItemNode | ListNode)[] = [];
  const addItems = (items: (ListItemNode | ListNode)[], itemLevel: number) => {
    for (const item of items) {
      if (item.type === 'list-item') {
        const text = trimEdges(textOnly(item.children, images));
        children.push({ type: 'list-item', children: text.length > 0 ? text : [{ type: 'text', text: '' }] });
      } else if (itemLevel < BLOCKS_MAX_LIST_NESTING) children.push(cleanList(item, itemLevel + 1, images));
      else addItems(item.children, itemLevel); // too deep: its items join this list
    }
  };
  addItems(list.children, level);
  const cleaned: ListNode = { type: 'list', format: list.format, children };
  if (list.indentLevel !== undefined) cleaned.indentLevel = Math.min(list.indentLevel, BLOCKS_MAX_LIST_NESTING - 1);
  return cleaned;
}

const listHasContent = (list: ListNode): boolean => list.children.some((c) => (c.type === 'list' ? listHasContent(c) : hasContent(c.children)));

export interface PlacedNodes {
  nodes: ConvertedNode[];
  /** Images whose marker was not found (should not happen; the caller appends them). */
  unplaced: number[];
}

export function placeImages(blocks: readonly BlockNode[], images: readonly SourceImage[]): PlacedNodes {
  const nodes: ConvertedNode[] = [];
  const placed = new Set<number>();
  const pending = (index: number): PendingImage[] => {
    const image = images[index];
    if (!image || placed.has(index)) return [];
    placed.add(index);
    return [{ kind: 'pending-image', image }];
  };

  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
      case 'quote': {
        const splitter = new InlineSplitter();
        splitter.add(block.children);
        for (const piece of splitter.finish()) {
          if (piece.kind === 'image') {
            nodes.push(...pending(piece.index));
            continue;
          }
          const children = trimEdges(piece.children);
          if (hasContent(children)) nodes.push({ ...block, children } as BlockNode);
        }
        break;
      }
      case 'list': {
        const found: number[] = [];
        const list = cleanList(block, 1, found);
        if (listHasContent(list)) nodes.push(list);
        for (const index of found) nodes.push(...pending(index));
        break;
      }
      case 'code': {
        const found: number[] = [];
        const children = textOnly(block.children, found).filter((c): c is TextNode => c.type === 'text');
        const text = children.map((c) => c.text).join('');
        if (text.trim()) nodes.push({ ...block, children: [{ type: 'text', text }] });
        for (const index of found) nodes.push(...pending(index));
        break;
      }
      default:
        nodes.push(block);
    }
  }
  const unplaced = images.map((_, i) => i).filter((i) => !placed.has(i));
  return { nodes, unplaced };
}
