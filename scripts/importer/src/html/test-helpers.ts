import { blocksProblems, type BlockNode } from '@cus/shared/blocks';
import { expect } from 'vitest';
import type { SourceImage } from '../source-item.ts';
import { convertBody } from './convert.ts';
import { resolveImages } from './resolve-images.ts';
import type { ConvertedBody, ConvertedNode, ConvertOptions } from './types.ts';

// Shared by the converter's tests: a WordPress site with a few attachments, and the check every
// converted body must pass (the blocks the CMS accepts once the run has uploaded the images).

export const BASE = 'https://cus.example.pl';

export const ATTACHMENTS: Record<number, SourceImage> = {
  12: { url: `${BASE}/wp-content/uploads/2023/11/konferencja.jpg`, alt: 'Sala konferencyjna w Dębicy', caption: 'Konferencja', title: 'konferencja' },
  13: { url: `${BASE}/wp-content/uploads/2023/11/powitanie.jpg`, alt: 'Dyrektor CUS Piotr Mączka wita gości' },
  14: { url: `${BASE}/wp-content/uploads/2023/11/kochanowka.jpg`, caption: 'Centrum Opiekuńczo Mieszkalne w Kochanówce' },
};

export const wordpress: ConvertOptions = { system: 'wordpress', baseUrl: BASE, attachment: (id) => ATTACHMENTS[id] };
export const joomla: ConvertOptions = { system: 'joomla', baseUrl: 'https://rops.example.pl/' };

export const text = (value: string, marks: Partial<Record<'bold' | 'italic' | 'underline' | 'strikethrough' | 'code', true>> = {}) => ({
  type: 'text' as const,
  text: value,
  ...marks,
});
export const paragraph = (...children: unknown[]) => ({ type: 'paragraph', children });

/** What the run does with an uploaded image (a Media Library file object). */
export function uploaded(image: SourceImage): BlockNode {
  return {
    type: 'image',
    image: { url: `/uploads/${image.url.split('/').pop()}`, alternativeText: image.alt ?? 'opis do uzupełnienia', width: 800, height: 600 },
  };
}

export const finalBlocks = (nodes: ConvertedNode[]) => resolveImages(nodes, uploaded);

/** Converts and checks that the result is a body the CMS accepts. */
export function convertValid(html: string, options: ConvertOptions = wordpress): ConvertedBody {
  const body = convertBody(html, options);
  expect(blocksProblems(finalBlocks(body.nodes))).toEqual([]);
  return body;
}
