import { z } from 'zod';

// Strapi 5's Blocks field as its REST API returns it: an array of block nodes, each with
// inline children (text with marks, links). The shapes follow Strapi 5.54's own validator
// (@strapi/core services/entity-validator/blocks-validator) and its editor: a nested list is a
// `list` node among the `list-item`s of its parent list (with `indentLevel`), never inside an item.
// Known keys are checked; unknown keys on text and block nodes are dropped, and the media
// object of an image keeps all of Strapi's keys (hash, provider, …) the site never reads.

export const textNode = z.object({
  type: z.literal('text'),
  text: z.string(),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  underline: z.boolean().optional(),
  strikethrough: z.boolean().optional(),
  code: z.boolean().optional(),
});
export type TextNode = z.infer<typeof textNode>;

export const linkNode = z.object({
  type: z.literal('link'),
  url: z.string(),
  children: z.array(textNode),
});
export type LinkNode = z.infer<typeof linkNode>;

export const inlineNode = z.discriminatedUnion('type', [textNode, linkNode]);
export type InlineNode = TextNode | LinkNode;

export const blocksImageFormat = z.looseObject({
  url: z.string().min(1),
  width: z.number().nullable().optional(),
  height: z.number().nullable().optional(),
  mime: z.string().optional(),
});
export type BlocksImageFormat = z.infer<typeof blocksImageFormat>;

/** The media file an image block carries (a copy of the upload's fields at insertion time). */
export const blocksImage = z.looseObject({
  url: z.string().min(1),
  alternativeText: z.string().nullable().optional(),
  caption: z.string().nullable().optional(),
  name: z.string().optional(),
  width: z.number().positive(),
  height: z.number().positive(),
  mime: z.string().optional(),
  formats: z.record(z.string(), blocksImageFormat).nullable().optional(),
});
export type BlocksImage = z.infer<typeof blocksImage>;

export const paragraphNode = z.object({ type: z.literal('paragraph'), children: z.array(inlineNode) });
export type ParagraphNode = z.infer<typeof paragraphNode>;

export const headingNode = z.object({
  type: z.literal('heading'),
  level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]),
  children: z.array(inlineNode),
});
export type HeadingNode = z.infer<typeof headingNode>;

export const quoteNode = z.object({ type: z.literal('quote'), children: z.array(inlineNode) });
export type QuoteNode = z.infer<typeof quoteNode>;

export const codeNode = z.object({
  type: z.literal('code'),
  language: z.string().nullable().optional(),
  children: z.array(textNode),
});
export type CodeNode = z.infer<typeof codeNode>;

export const listItemNode = z.object({ type: z.literal('list-item'), children: z.array(inlineNode) });
export type ListItemNode = z.infer<typeof listItemNode>;

export interface ListNode {
  type: 'list';
  format: 'ordered' | 'unordered';
  indentLevel?: number | undefined;
  children: (ListItemNode | ListNode)[];
}
// Recursive: only ever parsed after blocksProblems() has bounded the depth (see limits.ts).
export const listNode: z.ZodType<ListNode> = z.lazy(() =>
  z.object({
    type: z.literal('list'),
    format: z.enum(['ordered', 'unordered']),
    indentLevel: z.number().int().min(0).optional(),
    children: z.array(z.union([listItemNode, listNode])),
  }),
);

export const imageNode = z.object({
  type: z.literal('image'),
  image: blocksImage,
  children: z.array(inlineNode).optional(),
});
export type ImageNode = z.infer<typeof imageNode>;

export type BlockNode = ParagraphNode | HeadingNode | QuoteNode | CodeNode | ListNode | ImageNode;
export const blockNode: z.ZodType<BlockNode> = z.union([paragraphNode, headingNode, quoteNode, codeNode, listNode, imageNode]);

/** A whole Blocks value (the field's content). */
export const blocksContent = z.array(blockNode);
export type BlocksContent = BlockNode[];

/** The block types Strapi's editor makes, in the order its menu lists them. */
export const BLOCK_TYPES = ['paragraph', 'heading', 'list', 'quote', 'code', 'image'] as const;
