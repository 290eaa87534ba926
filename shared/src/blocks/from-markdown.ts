import type { Nodes, PhrasingContent, Root, RootContent, Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { markdownWithinLimits } from '../markdown-limits.js';
import type { BlockNode, BlocksContent, InlineNode, ListItemNode, ListNode, TextNode } from './schema.js';

// Markdown (and anything else that becomes mdast: the issue-15 importer turns HTML into mdast)
// → Strapi Blocks. Blocks hold less than Markdown, so some things are flattened on the way:
// - a table becomes one paragraph per row, its cells joined by " | " (Blocks have no tables);
// - an image becomes a link to its address with the alt text as the link's text (a Markdown image
//   is an address, not a file of the Media Library, which an image block needs);
// - a quote keeps its paragraphs joined by "\n", and anything structured inside it (lists, nested
//   quotes, code) as plain text; the same for blocks other than paragraphs and lists in a list item;
// - raw HTML keeps its text, without tags; a thematic break (---) is dropped; an ordered list's
//   start number and a task's checkbox are lost; footnotes become "[label]" text and paragraphs.

type Marks = Pick<TextNode, 'bold' | 'italic' | 'strikethrough' | 'code'>;

const htmlText = (html: string) =>
  html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

const sameMarks = (a: TextNode, b: TextNode) =>
  !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.strikethrough === !!b.strikethrough && !!a.code === !!b.code && !!a.underline === !!b.underline;

function textNode(text: string, marks: Marks): TextNode {
  const node: TextNode = { type: 'text', text };
  if (marks.bold) node.bold = true;
  if (marks.italic) node.italic = true;
  if (marks.strikethrough) node.strikethrough = true;
  if (marks.code) node.code = true;
  return node;
}

/** Appends, merging a text into the previous one of the same marks. */
function pushText(out: (InlineNode | TextNode)[], node: TextNode) {
  if (node.text === '') return;
  const last = out[out.length - 1];
  if (last && last.type === 'text' && sameMarks(last, node)) last.text += node.text;
  else out.push(node);
}

interface Context {
  definitions: Map<string, string>;
}

function inline(nodes: readonly (PhrasingContent | Nodes)[], marks: Marks, ctx: Context, out: InlineNode[], inLink: boolean) {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        pushText(out, textNode(node.value, marks));
        break;
      case 'emphasis':
        inline(node.children, { ...marks, italic: true }, ctx, out, inLink);
        break;
      case 'strong':
        inline(node.children, { ...marks, bold: true }, ctx, out, inLink);
        break;
      case 'delete':
        inline(node.children, { ...marks, strikethrough: true }, ctx, out, inLink);
        break;
      case 'inlineCode':
        pushText(out, textNode(node.value, { ...marks, code: true }));
        break;
      case 'break':
        pushText(out, textNode('\n', marks));
        break;
      case 'html':
        pushText(out, textNode(htmlText(node.value), marks));
        break;
      case 'link':
      case 'linkReference': {
        const url = node.type === 'link' ? node.url : ctx.definitions.get(node.identifier.toLowerCase());
        if (inLink || url === undefined) {
          inline(node.children, marks, ctx, out, inLink);
          break;
        }
        const children: InlineNode[] = [];
        inline(node.children, marks, ctx, children, true);
        const texts = children.filter((c): c is TextNode => c.type === 'text');
        out.push({ type: 'link', url, children: texts.length > 0 ? texts : [textNode(url, marks)] });
        break;
      }
      case 'image':
      case 'imageReference': {
        const url = node.type === 'image' ? node.url : ctx.definitions.get(node.identifier.toLowerCase());
        const alt = node.alt ?? '';
        if (inLink || url === undefined) pushText(out, textNode(alt, marks));
        else out.push({ type: 'link', url, children: [textNode(alt || url, marks)] });
        break;
      }
      case 'footnoteReference':
        pushText(out, textNode(`[${node.label ?? node.identifier}]`, marks));
        break;
      default:
        // Block content where inline content is expected (a list inside a quote …): its text.
        if ('children' in node) {
          const before = out.length;
          if (before > 0) pushText(out, textNode('\n', marks));
          inline(node.children as Nodes[], marks, ctx, out, inLink);
        } else if ('value' in node && typeof node.value === 'string') {
          pushText(out, textNode(node.value, marks));
        }
    }
  }
}

/** Inline content of several blocks (a quote's paragraphs, a list item's), one "\n" between them. */
function joined(blocks: readonly Nodes[], ctx: Context): InlineNode[] {
  const out: InlineNode[] = [];
  blocks.forEach((block, i) => {
    if (i > 0) pushText(out, textNode('\n', {}));
    if (block.type === 'paragraph' || block.type === 'heading') inline(block.children, {}, ctx, out, false);
    else inline([block], {}, ctx, out, false);
  });
  return out;
}

const nonEmpty = (children: InlineNode[]): InlineNode[] => (children.length > 0 ? children : [{ type: 'text', text: '' }]);
const hasContent = (children: InlineNode[]) => children.some((c) => c.type === 'link' || c.text.trim() !== '');

function list(node: Extract<Nodes, { type: 'list' }>, indentLevel: number, ctx: Context): ListNode {
  const children: (ListItemNode | ListNode)[] = [];
  for (const item of node.children) {
    const nested = item.children.filter((c) => c.type === 'list');
    const own = item.children.filter((c) => c.type !== 'list');
    children.push({ type: 'list-item', children: nonEmpty(joined(own, ctx)) });
    for (const sub of nested) children.push(list(sub, indentLevel + 1, ctx));
  }
  return { type: 'list', format: node.ordered ? 'ordered' : 'unordered', indentLevel, children };
}

function tableRows(table: Table, ctx: Context): BlockNode[] {
  // Lossy: Blocks have no tables, so each row is a paragraph with its cells joined by " | ".
  return table.children.map((row) => {
    const out: InlineNode[] = [];
    row.children.forEach((cell, i) => {
      if (i > 0) pushText(out, textNode(' | ', {}));
      inline(cell.children, {}, ctx, out, false);
    });
    return { type: 'paragraph', children: nonEmpty(out) };
  });
}

function block(node: RootContent, ctx: Context): BlockNode[] {
  switch (node.type) {
    case 'paragraph': {
      const children: InlineNode[] = [];
      inline(node.children, {}, ctx, children, false);
      return hasContent(children) ? [{ type: 'paragraph', children }] : [];
    }
    case 'heading': {
      const children: InlineNode[] = [];
      inline(node.children, {}, ctx, children, false);
      return hasContent(children) ? [{ type: 'heading', level: node.depth, children }] : [];
    }
    case 'list':
      return [list(node, 0, ctx)];
    case 'blockquote': {
      const children = joined(node.children, ctx);
      return hasContent(children) ? [{ type: 'quote', children }] : [];
    }
    case 'code': {
      const code: BlockNode = { type: 'code', children: [{ type: 'text', text: node.value }] };
      if (node.lang) code.language = node.lang;
      return [code];
    }
    case 'html': {
      const text = htmlText(node.value).trim();
      return text ? [{ type: 'paragraph', children: [{ type: 'text', text }] }] : [];
    }
    case 'table':
      return tableRows(node, ctx);
    case 'footnoteDefinition': {
      const children = joined(node.children, ctx);
      children.unshift({ type: 'text', text: `[${node.label ?? node.identifier}] ` });
      return [{ type: 'paragraph', children }];
    }
    case 'thematicBreak':
    case 'definition':
    case 'yaml':
      return [];
    default: {
      const children: InlineNode[] = [];
      inline([node], {}, ctx, children, false);
      return hasContent(children) ? [{ type: 'paragraph', children }] : [];
    }
  }
}

/** mdast (from remark, or from an HTML importer) → Strapi Blocks. */
export function mdastToBlocks(root: Root): BlocksContent {
  const ctx: Context = { definitions: new Map() };
  for (const node of root.children) if (node.type === 'definition') ctx.definitions.set(node.identifier.toLowerCase(), node.url);
  return root.children.flatMap((node) => block(node, ctx));
}

/** Text that a parser must not see (see markdown-limits.ts): paragraphs of plain text. */
function plainParagraphs(markdown: string): BlocksContent {
  return markdown
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));
}

const parser = unified().use(remarkParse).use(remarkGfm);

/** Markdown (GFM) → Strapi Blocks; text beyond what remark can parse safely stays plain paragraphs. */
export function markdownToBlocks(markdown: string | null | undefined): BlocksContent {
  if (!markdown || !markdown.trim()) return [];
  if (!markdownWithinLimits(markdown)) return plainParagraphs(markdown);
  return mdastToBlocks(parser.runSync(parser.parse(markdown)) as Root);
}
