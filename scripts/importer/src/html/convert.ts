import type { Root as HastRoot } from 'hast';
import { toMdast } from 'hast-util-to-mdast';
import type { Root as MdastRoot } from 'mdast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { BLOCKS_MAX_JSON_LENGTH, mdastToBlocks } from '@cus/shared/blocks';
import { autop } from './autop.ts';
import { autoembedLinks } from './wordpress-autoembed.ts';
import { plainParagraphs } from './fallback.ts';
import { removeJoomlaTags } from './joomla-tags.ts';
import { limitNesting } from './limit-nesting.ts';
import { placeImages } from './place-images.ts';
import { sanitize } from './sanitize.ts';
import { isPendingImage, type ConvertedBody, type ConvertedNode, type ConvertOptions } from './types.ts';
import { Warnings } from './warnings.ts';
import { readWordpressBlocks } from './wordpress-blocks.ts';
import { replaceShortcodes } from './wordpress-shortcodes.ts';

// An old report's body (WordPress content:encoded, Joomla introtext + fulltext) → Blocks nodes
// with the images still to upload, the gallery, and warnings for the editor:
//   source preprocessing on the string (WordPress block comments and shortcodes; Joomla plugin
//   tags) → nesting capped (limit-nesting.ts) → rehype-parse → wpautop for classic WordPress
//   content → sanitize (a small tree of what Blocks hold; images as text markers) →
//   hast-util-to-mdast → mdastToBlocks (@cus/shared) → images placed where their markers are.
// Images travel as text markers rather than mdast image nodes because mdastToBlocks turns an
// image into a link (it cannot know a Media Library file), and a link is indistinguishable from
// a real one afterwards; a marker is plain text, which every step keeps wherever it stands.

const parser = unified().use(rehypeParse, { fragment: true });

/** What an image block will add once uploaded (its file object with formats), for the size budget. */
export const IMAGE_BLOCK_ESTIMATE = 4000;
/** Room left under the CMS's limit for the image blocks' real size and the rest of the payload. */
export const BODY_BUDGET = Math.floor(BLOCKS_MAX_JSON_LENGTH * 0.85);

function baseWithSlash(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    url.search = '';
    url.hash = '';
    return url.href;
  } catch {
    return baseUrl; // relative addresses will not resolve and are reported one by one
  }
}

const nodeSize = (node: ConvertedNode) => (isPendingImage(node) ? IMAGE_BLOCK_ESTIMATE : JSON.stringify(node).length) + 1;

/** A text block cut to about `room` characters of JSON (a single paragraph longer than the whole budget). */
function cutBlock(node: ConvertedNode, room: number): ConvertedNode | undefined {
  if (isPendingImage(node) || node.type === 'list' || node.type === 'image') return undefined;
  const first = node.children[0];
  if (!first || first.type !== 'text') return undefined;
  // JSON escapes can make a character 6 long: cut to what surely fits.
  const text = first.text.slice(0, Math.max(0, Math.floor((room - 200) / 6)));
  return text.trim() ? ({ ...node, children: [{ ...first, text: `${text}…` }] } as ConvertedNode) : undefined;
}

/** Nodes up to the size the CMS accepts; the rest dropped with a warning. */
function withinBudget(nodes: ConvertedNode[], warnings: Warnings, truncated = false): ConvertedNode[] {
  let size = 2;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const next = nodeSize(node);
    if (size + next > BODY_BUDGET) {
      const cut = cutBlock(node, BODY_BUDGET - size);
      warnings.add('content_dropped', tooLong);
      return cut ? [...nodes.slice(0, i), cut] : nodes.slice(0, i);
    }
    size += next;
  }
  if (truncated) warnings.add('content_dropped', tooLong);
  return nodes;
}

const tooLong =
  `Treść jest dłuższa, niż edytor przyjmie (około ${BODY_BUDGET.toLocaleString('pl-PL')} znaków zapisu) — ` +
  'przeniesiono jej początek, resztę pominięto; podziel relację na kilka';

function convert(html: string, options: ConvertOptions, warnings: Warnings): ConvertedBody {
  let text = html.replace(/\r\n?/g, '\n');
  let classic = false;
  if (options.system === 'wordpress') {
    const read = readWordpressBlocks(text, warnings);
    classic = !read.hasBlocks;
    text = replaceShortcodes(read.html, warnings);
    if (classic) text = autoembedLinks(text);
  } else {
    text = removeJoomlaTags(text, warnings);
  }
  const tree = parser.parse(limitNesting(text)) as HastRoot;
  if (classic) autop(tree);
  const { root, images, gallery, truncated } = sanitize(tree, options, warnings, BODY_BUDGET);
  const mdast = toMdast(root, { quotes: ['„”'] }) as MdastRoot;
  const { nodes, unplaced } = placeImages(mdastToBlocks(mdast), images);
  for (const index of unplaced) nodes.push({ kind: 'pending-image', image: images[index]! });
  return { nodes: withinBudget(nodes, warnings, truncated), gallery, warnings: warnings.list };
}

/** Never throws: a body the converter cannot handle comes back as plain paragraphs, with a warning. */
export function convertBody(html: string, options: ConvertOptions): ConvertedBody {
  const resolved: ConvertOptions = { ...options, baseUrl: baseWithSlash(options.baseUrl) };
  const attachment = options.attachment;
  // A lookup that fails is an attachment the export does not have, not a body that cannot be converted.
  if (attachment) {
    resolved.attachment = (id) => {
      try {
        return attachment(id);
      } catch {
        return undefined;
      }
    };
  }
  const input = typeof html === 'string' ? html : '';
  const warnings = new Warnings();
  try {
    return convert(input, resolved, warnings);
  } catch {
    const fallback = new Warnings();
    fallback.add(
      'other',
      'Treści nie udało się przenieść z formatowaniem — zapisano sam tekst w akapitach, bez zdjęć, odnośników i galerii; porównaj ją ze starą stroną',
    );
    let nodes: ConvertedNode[];
    try {
      nodes = withinBudget(plainParagraphs(input), fallback);
    } catch {
      nodes = [];
    }
    return { nodes, gallery: [], warnings: fallback.list };
  }
}
