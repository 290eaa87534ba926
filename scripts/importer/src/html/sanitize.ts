import type { Element, ElementContent, Root, RootContent } from 'hast';
import { BLOCKS_MAX_LIST_NESTING, isAllowedBlocksLink } from '@cus/shared/blocks';
import type { SourceImage } from '../source-item.ts';
import { descendants, element, textOf } from './hast-text.ts';
import { absoluteHttpUrl, classNames, imageOf, looksLikeImageFile, originalWordpressUrl, type ImageContext } from './image-source.ts';
import { imageMarker, stripMarkers, UNDERLINE_CLOSE, UNDERLINE_OPEN } from './markers.ts';
import { tableToBlocks } from './tables.ts';
import type { ConvertOptions } from './types.ts';
import { quote, type Warnings } from './warnings.ts';

// The parsed body → a new, small hast tree of only what Blocks can hold, for hast-util-to-mdast:
// - dropped with their content: scripts, styles, frames, objects, forms, SVG … (a warning when the
//   reader saw something there: a film, a map, a form);
// - kept: headings (h1 → h2: the page title is the site's h1), paragraphs, line breaks, lists,
//   links (http(s), mailto:, tel:, resolved against the old site), bold, italic, strikethrough,
//   quotes, code; underline as markers (mdast has none);
// - images → a marker in the text where they stood (markers.ts), their SourceImage in `images`;
//   a <figure>'s caption goes to its image; a link around an image to the image itself is dropped;
// - galleries (data-cus-gallery, from wp:gallery / [gallery]) → `gallery`, out of the body;
// - tables → paragraphs (tables.ts); everything else unwrapped, its text kept; no attributes but href.
// The walk is iterative and the new tree at most MAX_DEPTH elements deep: past it, and past the
// Blocks' list nesting, elements are unwrapped (their text stays).

const MAX_DEPTH = 48;
/**
 * What each kept node adds at least to the JSON of the blocks (text: its length): once the sum
 * passes the body's budget, the rest of the body cannot fit in it and is not converted at all
 * (hast-util-to-mdast takes seconds on a 5 MB body).
 */
const MIN_JSON = { block: 20, br: 1, image: 4000 };
/** Kept elements that make no node of their own (their text does): they add nothing. */
const NO_NODE = new Set(['div', 'strong', 'em', 'del', 'code', 'q']);
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

const DROP_SILENT = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'base', 'select', 'option', 'optgroup',
  'datalist', 'textarea', 'input', 'button', 'param', 'source', 'track', 'area', 'map', 'col', 'colgroup', 'hr', 'wbr',
  'frame', 'frameset', 'noframes', 'noembed', 'applet', 'dialog', 'menu',
]);
/** Dropped with a warning: what it was, and "dropped" in its gender. */
const DROP_WARN: Record<string, [string, string]> = {
  iframe: ['Osadzona ramka (iframe)', 'pominięta'],
  object: ['Osadzony obiekt (np. Flash)', 'pominięty'],
  embed: ['Osadzony obiekt (np. Flash)', 'pominięty'],
  video: ['Film osadzony w treści', 'pominięty'],
  audio: ['Nagranie osadzone w treści', 'pominięte'],
  form: ['Formularz', 'pominięty'],
  svg: ['Grafika SVG', 'pominięta'],
  canvas: ['Rysunek (canvas)', 'pominięty'],
  math: ['Wzór matematyczny (MathML)', 'pominięty'],
};
/** Element → the element kept in its place. */
const KEEP: Record<string, string> = {
  h1: 'h2', h2: 'h2', h3: 'h3', h4: 'h4', h5: 'h5', h6: 'h6',
  p: 'p', blockquote: 'blockquote', pre: 'pre', q: 'q',
  strong: 'strong', b: 'strong', em: 'em', i: 'em', dfn: 'em', cite: 'em',
  s: 'del', del: 'del', strike: 'del',
  code: 'code', kbd: 'code', samp: 'code', tt: 'code', var: 'code',
  // Blocks of other kinds: their content as paragraphs.
  div: 'div', section: 'div', article: 'div', header: 'div', footer: 'div', main: 'div', aside: 'div', nav: 'div',
  center: 'div', figure: 'div', details: 'div', fieldset: 'div', hgroup: 'div', dl: 'div', body: 'div', html: 'div',
  address: 'p', dt: 'p', dd: 'p', summary: 'p', legend: 'p', caption: 'p', figcaption: 'p',
};
/** Output elements that are blocks: unwrapped past MAX_DEPTH, they leave line breaks around their text. */
const BLOCK_OUT = new Set(['p', 'div', 'blockquote', 'pre', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li']);

type Parent = Root | Element;
type Child = RootContent | ElementContent;

interface Context {
  depth: number;
  /** Lists open around here (ul/ol kept). */
  lists: number;
  /** Directly in a kept list (an <li> is a list item), or in a list flattened past the limit. */
  list?: 'open' | 'flat';
  inLink: boolean;
}

interface Frame {
  nodes: readonly Child[];
  i: number;
  parent: Parent;
  context: Context;
  /** Text appended to the parent when the frame is done (an underline's end marker). */
  after?: string;
}

export interface SanitizedBody {
  root: Root;
  /** Inline images, by the index in their marker. */
  images: SourceImage[];
  gallery: SourceImage[];
  /** The body went past the budget: the rest was not read. */
  truncated: boolean;
}

function appendText(parent: Parent, value: string) {
  if (!value) return;
  const last = parent.children[parent.children.length - 1];
  if (last && last.type === 'text') last.value += value;
  else (parent.children as Child[]).push({ type: 'text', value });
}

const attr = (el: Element, name: string) => {
  const v = el.properties?.[name];
  return typeof v === 'string' ? v : undefined;
};

type LinkTarget = { ok: string } | { drop: 'silent' } | { drop: 'warn'; shown: string };

/** An href → the address Blocks may hold (absolute), or why not. */
export function linkTarget(href: string | undefined, baseUrl: string): LinkTarget {
  const t = href?.trim() ?? '';
  if (!t || t.startsWith('#')) return { drop: 'silent' }; // anchors of the old page: no such ids any more
  if (/^(tel|mailto):/i.test(t)) return isAllowedBlocksLink(t) ? { ok: t } : { drop: 'warn', shown: quote(t) };
  let url: URL;
  try {
    url = new URL(t, baseUrl);
  } catch {
    return { drop: 'warn', shown: quote(t) };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { drop: 'warn', shown: `typu „${url.protocol}”` };
  return isAllowedBlocksLink(url.href) ? { ok: url.href } : { drop: 'warn', shown: quote(t) };
}

/** The one <img> a link holds and nothing else (but whitespace and wrappers), if so. */
function soleImage(link: Element): Element | undefined {
  let node: Element = link;
  for (let level = 0; level < 4; level++) {
    const meaningful = node.children.filter((c) => !(c.type === 'text' && !c.value.trim()) && c.type !== 'comment');
    if (meaningful.length !== 1 || meaningful[0]!.type !== 'element') return undefined;
    const only = meaningful[0]!;
    if (only.tagName === 'img') return only;
    if (!['span', 'picture', 'figure', 'div', 'font', 'strong', 'b', 'em', 'i'].includes(only.tagName)) return undefined;
    node = only;
  }
  return undefined;
}

export function sanitize(root: Root, options: ConvertOptions, warnings: Warnings, budget: number): SanitizedBody {
  const out: Root = { type: 'root', children: [] };
  const images: SourceImage[] = [];
  const gallery: SourceImage[] = [];
  const galleryUrls = new Set<string>();
  /** Captions found for images (their figure's figcaption), and the figcaptions so used. */
  const captionOf = new Map<Element, string>();
  const usedCaptions = new Set<Element>();
  /** A link around an image that showed it larger: the larger file's address. */
  const fullSizeOf = new Map<Element, string>();

  const readFigure = (figure: Element) => {
    const inside = descendants(figure, (el) => el !== figure && el.tagName === 'figure');
    const imgs = inside.filter((el) => el.tagName === 'img');
    const caption = inside.find((el) => el.tagName === 'figcaption');
    if (imgs.length === 1 && caption && !captionOf.has(imgs[0]!)) {
      captionOf.set(imgs[0]!, textOf(caption, 500));
      usedCaptions.add(caption);
    }
  };

  const imageContext = (img: Element): ImageContext => {
    const context: ImageContext = {};
    const caption = captionOf.get(img);
    if (caption) context.caption = caption;
    const full = fullSizeOf.get(img);
    if (full) context.fullSizeUrl = full;
    return context;
  };

  /** For a link around just an image: whether it only showed the image (kept as the image alone). */
  const readImageLink = (link: Element, img: Element) => {
    const href = attr(link, 'href');
    const target = href ? absoluteHttpUrl(href, options.baseUrl) : undefined;
    if (!target) return;
    if (looksLikeImageFile(target)) {
      fullSizeOf.set(img, options.system === 'wordpress' ? originalWordpressUrl(target) : target);
    } else if (!/[?&]attachment_id=|\/attachment\//.test(target)) {
      warnings.add(
        'content_dropped',
        `Zdjęcie ${quote(attr(img, 'alt') || attr(img, 'src') || '')} było odnośnikiem do ${quote(target)}; w nowej treści zdjęcie nie może być odnośnikiem — jeśli adres jest ważny, dopisz go w tekście`,
      );
    }
  };

  const collectGallery = (el: Element, parent: Parent) => {
    for (const figure of descendants(el).filter((d) => d.tagName === 'figure')) readFigure(figure);
    const add = (image: SourceImage) => {
      if (galleryUrls.has(image.url)) return;
      galleryUrls.add(image.url);
      gallery.push(image);
    };
    const all = descendants(el);
    for (const link of all.filter((d) => d.tagName === 'a')) {
      const img = soleImage(link);
      if (img) readImageLink(link, img);
    }
    const imgs = all.filter((d) => d.tagName === 'img');
    for (const img of imgs) {
      const outcome = imageOf(img, options, warnings, imageContext(img));
      if (outcome.kind !== 'image') continue;
      const image = outcome.image;
      if (!image.caption && image.attachmentId !== undefined) {
        const caption = options.attachment?.(image.attachmentId)?.caption?.trim();
        if (caption) image.caption = caption;
      }
      add(image);
    }
    if (imgs.length === 0) {
      const ids = (attr(el, 'dataCusGallery') ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
      for (const id of ids) {
        const attachment = options.system === 'wordpress' ? options.attachment?.(id) : undefined;
        if (attachment) add({ ...attachment, attachmentId: id });
        else warnings.add('content_dropped', `Zdjęcia nr ${id} z galerii nie ma w eksporcie — dodaj je do galerii wydarzenia ręcznie`);
      }
    }
    // The gallery's own caption (not an image's) stays as text.
    for (const caption of all.filter((d) => d.tagName === 'figcaption' && !usedCaptions.has(d))) {
      const text = textOf(caption, 500);
      if (text) (parent.children as Child[]).push(element('p', [{ type: 'text', value: stripMarkers(text) }]));
    }
  };

  let size = 0; // at least the JSON length of the blocks made so far (MIN_JSON)
  const placeImage = (img: Element, parent: Parent) => {
    const outcome = imageOf(img, options, warnings, imageContext(img));
    if (outcome.kind === 'image') {
      appendText(parent, imageMarker(images.push(outcome.image) - 1));
      size += MIN_JSON.image;
    }
    else if (outcome.kind === 'text') appendText(parent, outcome.text);
  };

  const stack: Frame[] = [{ nodes: root.children, i: 0, parent: out, context: { depth: 0, lists: 0, inLink: false } }];
  const descend = (nodes: readonly Child[], parent: Parent, context: Context, after?: string) => {
    const next: Frame = { nodes, i: 0, parent, context };
    if (after) next.after = after;
    stack.push(next);
  };

  let truncated = false;
  while (stack.length > 0) {
    if (size > budget) {
      truncated = true;
      break;
    }
    const frame = stack[stack.length - 1]!;
    if (frame.i >= frame.nodes.length) {
      stack.pop();
      if (frame.after) appendText(frame.parent, frame.after);
      continue;
    }
    const node = frame.nodes[frame.i++]!;
    const { parent, context } = frame;
    if (node.type === 'text') {
      const value = stripMarkers(node.value).replace(CONTROL_CHARACTERS, '');
      appendText(parent, value);
      size += value.length;
      continue;
    }
    if (node.type !== 'element') continue;
    const tag = node.tagName.toLowerCase();
    const inner: Context = { ...context, list: undefined };

    if (node.properties?.dataCusGallery !== undefined) {
      collectGallery(node, parent);
      continue;
    }
    if (usedCaptions.has(node) || DROP_SILENT.has(tag)) continue;
    const dropped = DROP_WARN[tag];
    if (dropped) {
      const src = attr(node, 'src') ?? attr(node, 'data') ?? attr(node, 'action');
      const address = src ? absoluteHttpUrl(src, options.baseUrl) : undefined;
      warnings.add(
        'content_dropped',
        `${dropped[0]}${address ? ` z adresu ${quote(address)}` : ''} ${dropped[1]} — jeśli to było coś ważnego, wstaw do tekstu odnośnik ręcznie`,
      );
      continue;
    }
    if (tag === 'img') {
      placeImage(node, parent);
      continue;
    }
    if (tag === 'br') {
      (parent.children as Child[]).push(element('br', []));
      size += MIN_JSON.br;
      continue;
    }
    if (tag === 'table') {
      descend(tableToBlocks(node, warnings), parent, inner);
      continue;
    }
    if (tag === 'u' || tag === 'ins') {
      appendText(parent, UNDERLINE_OPEN);
      descend(node.children, parent, inner, UNDERLINE_CLOSE);
      continue;
    }
    if (tag === 'a') {
      const img = soleImage(node);
      if (img) {
        readImageLink(node, img);
        descend(node.children, parent, inner);
        continue;
      }
      const target = context.inLink ? ({ drop: 'silent' } as const) : linkTarget(attr(node, 'href'), options.baseUrl);
      if ('ok' in target && context.depth < MAX_DEPTH) {
        const link = element('a', [], { href: target.ok });
        size += MIN_JSON.block + target.ok.length;
        (parent.children as Child[]).push(link);
        descend(node.children, link, { ...inner, depth: context.depth + 1, inLink: true });
      } else {
        if ('drop' in target && target.drop === 'warn') {
          warnings.add(
            'content_dropped',
            `Odnośnik ${quote(textOf(node, 200))} prowadził pod adres ${target.shown}, którego nowa strona nie pokaże — zostawiono sam tekst`,
          );
        }
        descend(node.children, parent, inner);
      }
      continue;
    }
    if (tag === 'figure') readFigure(node);

    let keep = KEEP[tag];
    let childContext: Context = { ...inner, depth: context.depth + 1 };
    if (tag === 'ul' || tag === 'ol' || tag === 'dir') {
      if (context.lists >= BLOCKS_MAX_LIST_NESTING) {
        descend(node.children, parent, { ...inner, list: 'flat' });
        continue;
      }
      keep = tag === 'ol' ? 'ol' : 'ul';
      childContext = { ...childContext, lists: context.lists + 1, list: 'open' };
    } else if (tag === 'li') {
      if (context.list === 'flat') {
        // A list item past the nesting limit: a line of its parent item.
        (parent.children as Child[]).push(element('br', []));
        appendText(parent, '– ');
        descend(node.children, parent, inner);
        continue;
      }
      keep = context.list === 'open' ? 'li' : 'p';
    }
    if (!keep) {
      descend(node.children, parent, inner); // span, font, unknown elements: their content
      continue;
    }
    if (context.depth >= MAX_DEPTH) {
      const block = BLOCK_OUT.has(keep);
      if (block) (parent.children as Child[]).push(element('br', []));
      descend(node.children, parent, inner, block ? '\n' : undefined);
      continue;
    }
    const properties: Element['properties'] = {};
    if (keep === 'code') {
      const language = classNames(node).find((c) => c.startsWith('language-'));
      if (language) properties.className = [language];
    }
    const kept = element(keep, [], properties);
    if (!NO_NODE.has(keep)) size += MIN_JSON.block;
    (parent.children as Child[]).push(kept);
    descend(node.children, kept, childContext);
  }
  return { root: out, images, gallery, truncated };
}
