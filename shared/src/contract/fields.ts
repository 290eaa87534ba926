import { z } from 'zod';
import { isIsoDate } from '../dates.js';
import { parseBlocks } from '../blocks/limits.js';
import type { BlocksContent } from '../blocks/schema.js';
import { SLUG_PATTERN } from '../slugify.js';
import { isSafeUrl, UNSAFE_URL_MESSAGE, type UrlKind } from '../urls.js';

// Building blocks of the REST contract. Strapi 5 answers in its flat format: an entry's
// fields at the top level next to `id` and `documentId`; an empty scalar is null; a
// relation, media or component appears only when the request populated it.

export const text = z.string().nullable().optional();
export const requiredText = z.string().trim().min(1, 'is empty');
export const slug = z.string().regex(SLUG_PATTERN, 'is not a slug (a-z, 0-9 and single dashes)');

/** A URL field: empty, or an absolute http(s) address (mailto: too for an e-mail link). */
export const url = (kind: UrlKind = 'web') =>
  z
    .string()
    .nullable()
    .optional()
    .refine((v) => v === null || v === undefined || v.trim() === '' || isSafeUrl(v, kind), UNSAFE_URL_MESSAGE);

/**
 * A rich-text body (Strapi's Blocks field): empty, or blocks within what the site renders
 * (known node types, list depth, size, safe links, images with alt text and size). Each problem
 * is an issue of the field itself, its Polish message naming the block.
 */
export const blocks = z
  .unknown()
  .transform((value, ctx): BlocksContent | null => {
    const parsed = parseBlocks(value);
    if (parsed.ok) return parsed.value;
    for (const p of parsed.problems) ctx.addIssue({ code: 'custom', message: p.message, params: { blocks: p.code, path: p.path } });
    return z.NEVER;
  })
  .optional();

export const isoDate = z.string().refine(isIsoDate, 'is not a date (YYYY-MM-DD)');

export const entryBase = {
  id: z.number().int(),
  documentId: z.string().min(1),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  publishedAt: z.string().nullable().optional(),
};

export const mediaFormat = z.looseObject({
  url: z.string().min(1),
  width: z.number().nullable().optional(),
  height: z.number().nullable().optional(),
  mime: z.string().optional(),
  size: z.number().optional(),
});

export const media = z.looseObject({
  id: z.number().int(),
  documentId: z.string().optional(),
  name: z.string(),
  url: z.string().min(1),
  alternativeText: text,
  caption: text,
  width: z.number().nullable().optional(),
  height: z.number().nullable().optional(),
  mime: z.string(),
  formats: z.record(z.string(), mediaFormat).nullable().optional(),
});
export type Media = z.infer<typeof media>;

/** A related entry as it appears nested in another: a few fields, more allowed. */
export const institutionRef = z.looseObject({ documentId: z.string(), name: requiredText, slug, shortName: text });
export const speakerRef = z.looseObject({ documentId: z.string(), name: requiredText, slug, honorific: text });
export const eventRef = z.looseObject({ documentId: z.string(), title: requiredText, slug });
