import type { BlockContent, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { BlockNode, BlocksContent, BlocksImage, InlineNode, ListNode, TextNode } from './schema.js';

// Strapi Blocks → mdast, for a renderer that runs the usual remark/rehype plugins on it (the
// site: typography, heading levels, sanitizing). Type-only imports: no parser is loaded.
// - Marks become strong/emphasis/delete/inlineCode; "\n" inside a text becomes a line break.
// - Underline has no Markdown counterpart and is not rendered: on a web page underlined text
//   reads as a link.
// - A nested list goes into the item before it (an mdast list lives inside a list item).
// - An image becomes a <figure> (mdast with hName) with the <img> the `image` option describes.
// - Empty paragraphs and headings (the editor leaves them behind Enter) and links without text
//   are left out: an empty heading or link is an accessibility error.

/** What an image block renders as: the file to show and its size (width and height are required). */
export interface BlocksImageSource {
  src: string;
  width: number;
  height: number;
}

export interface BlocksToMdastOptions {
  /** The file to show for an image (e.g. a smaller format, at the site's own address); null leaves the image out. */
  image?: (image: BlocksImage) => BlocksImageSource | null;
}

const defaultImage = (image: BlocksImage): BlocksImageSource => ({ src: image.url, width: image.width, height: image.height });

const MARKS = [
  ['bold', 'strong'],
  ['italic', 'emphasis'],
  ['strikethrough', 'delete'],
] as const;

/** A text's own content: its lines with breaks between them, as code when marked so. */
function leaf(node: TextNode): PhrasingContent[] {
  const content: PhrasingContent[] = [];
  node.text.split('\n').forEach((part, i) => {
    if (i > 0) content.push({ type: 'break' });
    if (part !== '') content.push(node.code ? { type: 'inlineCode', value: part } : { type: 'text', value: part });
  });
  return content;
}

/**
 * Texts with marks → nested strong/emphasis/delete, one wrapper over each run of texts that share
 * a mark ("**a *b* c**" is one <strong>, not three).
 */
function marked(nodes: readonly TextNode[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (let i = 0; i < nodes.length; ) {
    const node = nodes[i]!;
    const mark = MARKS.find(([key]) => node[key]);
    if (!mark) {
      out.push(...leaf(node));
      i++;
      continue;
    }
    const [key, type] = mark;
    let j = i;
    while (j < nodes.length && nodes[j]![key]) j++;
    const inner = marked(nodes.slice(i, j).map((n) => ({ ...n, [key]: false })));
    if (inner.length > 0) out.push({ type, children: inner } as PhrasingContent);
    i = j;
  }
  return out;
}

function phrasing(children: readonly InlineNode[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let texts: TextNode[] = [];
  const flush = () => {
    out.push(...marked(texts));
    texts = [];
  };
  for (const child of children) {
    if (child.type === 'text') texts.push(child);
    else if (child.type === 'link') {
      flush();
      const content = marked(child.children);
      if (content.some((c) => c.type !== 'break')) out.push({ type: 'link', url: child.url, children: content });
    }
  }
  flush();
  return out;
}

const hasText = (content: PhrasingContent[]) => content.some((c) => c.type !== 'break');
const paragraph = (children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });

function list(node: ListNode): List {
  const items: ListItem[] = [];
  for (const child of node.children) {
    if (child.type === 'list-item') {
      const content = phrasing(child.children);
      items.push({ type: 'listItem', spread: false, children: content.length > 0 ? [paragraph(content)] : [] });
    } else {
      let last = items[items.length - 1];
      if (!last) {
        last = { type: 'listItem', spread: false, children: [] };
        items.push(last);
      }
      last.children.push(list(child));
    }
  }
  return { type: 'list', ordered: node.format === 'ordered', spread: false, children: items };
}

function image(node: Extract<BlockNode, { type: 'image' }>, options: BlocksToMdastOptions): RootContent | null {
  const source = (options.image ?? defaultImage)(node.image);
  if (!source) return null;
  const img: PhrasingContent = {
    type: 'image',
    url: source.src,
    alt: node.image.alternativeText ?? '',
    data: { hProperties: { width: source.width, height: source.height, loading: 'lazy', decoding: 'async' } },
  };
  const children: BlockContent[] = [paragraph([img])];
  const caption = node.image.caption?.trim();
  // Strapi fills an empty caption with the file name: only a caption that is not one is shown.
  if (caption && caption !== node.image.name) {
    children.push({ ...paragraph([{ type: 'text', value: caption }]), data: { hName: 'figcaption' } });
  }
  // mdast has no figure: a blockquote (a container of paragraphs) renamed by hName becomes one.
  return { type: 'blockquote', children, data: { hName: 'figure' } };
}

/** Strapi Blocks → mdast Root. */
export function blocksToMdast(blocks: BlocksContent | null | undefined, options: BlocksToMdastOptions = {}): Root {
  const children: RootContent[] = [];
  for (const node of blocks ?? []) {
    switch (node.type) {
      case 'paragraph': {
        const content = phrasing(node.children);
        if (hasText(content)) children.push(paragraph(content));
        break;
      }
      case 'heading': {
        const content = phrasing(node.children);
        if (hasText(content)) children.push({ type: 'heading', depth: node.level, children: content });
        break;
      }
      case 'quote': {
        const content = phrasing(node.children);
        if (hasText(content)) children.push({ type: 'blockquote', children: [paragraph(content)] });
        break;
      }
      case 'code':
        children.push({ type: 'code', lang: node.language && node.language !== 'plaintext' ? node.language : null, value: node.children.map((c) => c.text).join('') });
        break;
      case 'list':
        children.push(list(node));
        break;
      case 'image': {
        const figure = image(node, options);
        if (figure) children.push(figure);
        break;
      }
    }
  }
  return { type: 'root', children };
}
