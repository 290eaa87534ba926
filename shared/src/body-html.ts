import type { Element, ElementContent, Root as HastRoot, RootContent as HastNode } from 'hast';
import type { Heading, Root as MdRoot, RootContent as MdNode } from 'mdast';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { parseBlocks } from './blocks/limits.js';
import type { BlocksImage } from './blocks/schema.js';
import { blocksToMdast, type BlocksImageSource } from './blocks/to-mdast.js';
import { mediaPath } from './media-path.js';
import { slugify } from './slugify.js';
import { PolishTypographer } from './typography.js';

// Rich-text bodies (Strapi Blocks: structured JSON, no raw HTML) → safe HTML for the public
// pages. The CMS renders each published body once, where its export record is made, and sends
// the HTML (cms/src/site-export-body-html.ts); the site renders only what arrives as blocks (a
// body this code refuses, the accessibility statement). The pipeline: blocks → mdast (@cus/shared) → headings from <h2> (or deeper), Polish typography →
// hast → sanitized with GitHub's allow-list (no script, style, iframe, form, on* attributes;
// only http(s), mailto and tel links) → heading ids and in-page links → HTML. No Markdown
// parser runs here. The limits of @cus/shared (node types, depth, size, links, alt texts) are checked
// first: the CMS refuses such a body at save and the build's contract refuses it too; what
// still arrives here (a draft in the preview) is shown as plain text paragraphs.

const TEXT_BLOCKS = new Set(['paragraph', 'heading']);
type Node = MdRoot | MdNode;

/** Typography on every text node, block by block (quotes never pair across blocks), outside code. */
function typographyPlugin() {
  return (tree: MdRoot) => {
    const typographer = new PolishTypographer();
    const walk = (node: Node) => {
      if (node.type === 'text') {
        node.value = typographer.text(node.value);
        return;
      }
      if (node.type === 'code' || node.type === 'inlineCode' || !('children' in node)) return;
      if (TEXT_BLOCKS.has(node.type)) typographer.reset();
      for (const child of node.children as Node[]) walk(child);
    };
    walk(tree);
  };
}

/** The shallowest heading becomes <h{top}>; the rest keep their distance to it (at most <h6>). */
function shiftHeadings(tree: MdRoot, top: number) {
  const headings = tree.children.filter((n): n is Heading => n.type === 'heading');
  if (headings.length === 0) return;
  const shift = top - Math.min(...headings.map((h) => h.depth));
  for (const h of headings) h.depth = Math.min(6, Math.max(top, h.depth + shift)) as Heading['depth'];
}

// Ids the pages around a body already use (components/pages/EventReport.astro, BaseLayout and
// the other components; keep in step with them): a heading of the same text gets "-2", and a
// link to one of them is left as it is.
export const PAGE_IDS = [
  'tresc', 'osoby', 'instytucje', 'organizatorzy', 'partnerzy', 'instytucje-uczestniczace', 'galeria', 'materialy',
  'finansowanie', 'przedstawiciele', 'archiwa', 'nadchodzace', 'minione',
];

const isElement = (node: HastNode | ElementContent | HastRoot): node is Element => node.type === 'element';

function textOf(node: HastNode | ElementContent): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? (node.children as ElementContent[]).map(textOf).join('') : '';
}

function walkElements(node: HastRoot | Element, visit: (el: Element, parent: HastRoot | Element) => void) {
  for (const child of [...node.children] as (HastNode | ElementContent)[]) {
    if (isElement(child)) {
      visit(child, node);
      walkElements(child, visit);
    }
  }
}

/**
 * Headings get ids from their text, unique among `ids` (which they are added to); a link to
 * "#x" points at the heading whose id is x (or slugify(x): "#Program" finds "program"); a
 * fragment that names nothing is no link at all (its text stays), so a body never carries a
 * broken anchor. Runs after the sanitizer: the ids are made here, from [a-z0-9-] only.
 */
function assignHeadingIds(tree: HastRoot, ids: Set<string>) {
  walkElements(tree, (el) => {
    if (!/^h[1-6]$/.test(el.tagName)) return;
    const base = slugify(textOf(el)) || 'sekcja';
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    el.properties.id = id;
  });
  const unwrap: { el: Element; parent: HastRoot | Element }[] = [];
  walkElements(tree, (el, parent) => {
    const href = el.tagName === 'a' ? el.properties.href : undefined;
    if (typeof href !== 'string' || !href.startsWith('#')) return;
    let fragment = href.slice(1);
    try {
      fragment = decodeURIComponent(fragment);
    } catch {
      // a malformed escape names nothing
    }
    if (ids.has(fragment)) return;
    const slug = slugify(fragment);
    if (slug && ids.has(slug)) el.properties.href = `#${slug}`;
    else unwrap.push({ el, parent });
  });
  for (const { el, parent } of unwrap) {
    const at = parent.children.indexOf(el);
    if (at >= 0) parent.children.splice(at, 1, ...el.children);
  }
}

// The body column is 42rem wide (styles/global.css, --measure): a variant about that wide (twice
// that for sharp screens comes from srcset) is what <img src> names.
const BODY_WIDTH_PX = 672;
const BODY_SIZES = '(min-width: 46rem) 42rem, 100vw';

interface BodyImageSource extends BlocksImageSource {
  srcset: string;
}

/**
 * The file an image block shows: the CMS's variants of the same type as <img> uses (JPEG where
 * the CMS made it, as covers do), at /media/…, never encoded by the build. `src` is the smallest
 * at least as wide as the body column (else the widest); width and height are that file's, so
 * the page does not shift while it loads. An address the site cannot serve leaves the image out.
 */
export function bodyImage(image: BlocksImage): BodyImageSource | null {
  try {
    // Only files with a type: the media step copies what an entry lists as {url, mime} (media.ts).
    const all = [
      { url: image.url, width: image.width, height: image.height, mime: image.mime },
      ...Object.values(image.formats ?? {}).map((f) => ({ url: f.url, width: f.width ?? 0, height: f.height ?? 0, mime: f.mime })),
    ].filter((c): c is typeof c & { mime: string } => !!c.mime && c.width > 0 && c.height > 0 && c.width <= image.width);
    const mime = image.mime ?? '';
    const type = all.some((c) => c.mime === 'image/jpeg') ? 'image/jpeg' : mime;
    const own = all.filter((c) => c.mime === type).sort((a, b) => a.width - b.width);
    const chosen = own.find((c) => c.width >= BODY_WIDTH_PX) ?? own.at(-1);
    if (!chosen) return null;
    const widths = new Map(own.map((c) => [c.width, mediaPath(c)]));
    return {
      src: mediaPath(chosen),
      width: chosen.width,
      height: chosen.height,
      srcset: [...widths].map(([w, p]) => `${p} ${w}w`).join(', '),
    };
  } catch {
    return null;
  }
}

const schema = {
  ...defaultSchema,
  // No form controls; figures for images.
  tagNames: [...defaultSchema.tagNames!.filter((t) => t !== 'input'), 'figure', 'figcaption'],
  attributes: {
    ...defaultSchema.attributes,
    img: [...(defaultSchema.attributes?.img ?? []), 'loading', 'decoding'],
  },
  // Only these link targets; "javascript:" and "data:" never pass.
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto', 'tel'], src: ['http', 'https'] },
};

const processor = unified().use(typographyPlugin).use(remarkRehype).use(rehypeSanitize, schema);
const stringifier = unified().use(rehypeStringify);

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The texts of a value the renderer refuses, one paragraph per top-level block, without recursion. */
function plainText(value: unknown): string {
  if (!Array.isArray(value)) return typeof value === 'string' && value.trim() ? `<p>${escapeHtml(value.trim())}</p>` : '';
  let budget = 1_048_576;
  const paragraphs: string[] = [];
  for (const block of value) {
    let text = '';
    const stack: unknown[] = [block];
    while (stack.length > 0 && budget > 0) {
      const v = stack.pop();
      if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.text === 'string') {
          text += o.text.slice(0, budget);
          budget -= o.text.length;
        }
        if (Array.isArray(o.children)) stack.push(o.children);
      }
    }
    if (text.trim()) paragraphs.push(`<p>${escapeHtml(text.trim())}</p>`);
    if (budget <= 0) break;
  }
  return paragraphs.join('\n');
}

export interface RenderBodyOptions {
  /** The level of the body's top headings: 2 under the page's <h1> (default), deeper in a section. */
  headingLevel?: 2 | 3 | 4 | 5 | 6;
  /**
   * Ids already used on the page (default: the event page's, PAGE_IDS); the body's heading ids
   * are added to it. Pass one set to every body rendered on the same page, so two bodies never
   * give headings the same id.
   */
  usedIds?: Set<string>;
}

/** A rich-text body (Strapi Blocks, as stored) → HTML; '' when empty; plain text paragraphs when the limits refuse it. */
export function renderBody(value: unknown, options: RenderBodyOptions = {}): string {
  if (value === null || value === undefined) return '';
  return renderValidBody(value, options) ?? plainText(value);
}

/** A body within the limits of @cus/shared → HTML ('' when empty); null when the limits refuse it. */
export function renderValidBody(value: unknown, options: RenderBodyOptions = {}): string | null {
  if (value === null || value === undefined) return '';
  const parsed = parseBlocks(value);
  if (!parsed.ok) return null;
  const images: Map<string, BodyImageSource> = new Map();
  const mdast = blocksToMdast(parsed.value, {
    image: (image) => {
      const source = bodyImage(image);
      if (source) images.set(source.src, source);
      return source;
    },
  });
  if (mdast.children.length === 0) return '';
  shiftHeadings(mdast, options.headingLevel ?? 2);
  const hast = processor.runSync(mdast) as HastRoot;
  // srcset and sizes go on after the sanitizer (whose allow-list has neither), from the image's own files.
  walkElements(hast, (el) => {
    const source = el.tagName === 'img' && typeof el.properties.src === 'string' ? images.get(el.properties.src) : undefined;
    if (source && source.srcset.includes(',')) Object.assign(el.properties, { srcSet: source.srcset, sizes: BODY_SIZES });
  });
  assignHeadingIds(hast, options.usedIds ?? new Set(PAGE_IDS));
  return stringifier.stringify(hast);
}
