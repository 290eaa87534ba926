import type { Element, ElementContent, Root as HastRoot, RootContent as HastNode } from 'hast';
import type { Root as MdRoot, RootContent as MdNode, Heading } from 'mdast';
import {
  emphasisNestingDepth,
  htmlNestingDepth,
  markdownNestingDepth,
  MARKDOWN_MAX_EMPHASIS,
  MARKDOWN_MAX_HTML_NESTING,
  MARKDOWN_MAX_LENGTH,
  MARKDOWN_MAX_NESTING,
  slugify,
} from '@cus/shared';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { PolishTypographer } from './typography.ts';

// Markdown written by editors → safe HTML for the static pages.
// Raw HTML is parsed (so a stray <br> or <abbr> works) and then sanitized with GitHub's
// allow-list: no script, style, iframe, object or form; no on* attributes; only http(s),
// mailto and tel links. Headings are shifted so the body starts at <h2> under the page's <h1>,
// and get ids from their text ("## Program" → id="program"), so in-page links work.
// The limits of @cus/shared (nesting, length) are checked before any parser runs: the CMS
// refuses such text at save and the build's contract refuses it too; what still arrives here
// (a draft in the preview) is shown as plain text.

// Blocks whose inline content is one run of text: quotes never pair across them.
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

type Node = MdRoot | MdNode;

/** Typography on every text node, block by block, outside code. */
function typographyPlugin() {
  return (tree: MdRoot) => {
    const typographer = new PolishTypographer();
    const walk = (node: Node) => {
      if (node.type === 'text') {
        node.value = typographer.text(node.value);
        return;
      }
      if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') return;
      if (!('children' in node)) return;
      if (TEXT_BLOCKS.has(node.type)) typographer.reset();
      for (const child of node.children as Node[]) walk(child);
    };
    walk(tree);
  };
}

/** The shallowest heading becomes <h2>; the rest keep their distance to it (at most <h6>). */
function headingLevelsPlugin() {
  return (tree: MdRoot) => {
    const headings: Heading[] = [];
    const walk = (node: Node) => {
      if (node.type === 'heading') headings.push(node);
      if ('children' in node) for (const child of node.children as Node[]) walk(child);
    };
    walk(tree);
    if (headings.length === 0) return;
    const shift = 2 - Math.min(...headings.map((h) => h.depth));
    for (const h of headings) h.depth = Math.min(6, Math.max(2, h.depth + shift)) as Heading['depth'];
  };
}

// Ids the pages around a body already use (components/pages/EventReport.astro, BaseLayout and
// the other components; keep in step with them): a heading of the same text gets "-2", and a
// link to one of them is left as it is.
const PAGE_IDS = [
  'tresc', 'osoby', 'instytucje', 'organizatorzy', 'partnerzy', 'instytucje-uczestniczace', 'galeria', 'materialy',
  'finansowanie', 'przedstawiciele', 'archiwa', 'nadchodzace', 'minione',
];

const CLOBBER_PREFIX = defaultSchema.clobberPrefix ?? 'user-content-';

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
 * Headings get ids from their text, unique on the page; a link to "#x" points at the heading
 * whose id is x (or slugify(x): "#Program" finds "program"); a fragment that names nothing on the
 * page is no link at all (its text stays), so a body never carries a broken anchor. Runs after
 * the sanitizer: the ids are made here, from [a-z0-9-] only.
 */
function headingIdsPlugin() {
  return (tree: HastRoot) => {
    const ids = new Set<string>(PAGE_IDS);
    walkElements(tree, (el) => {
      if (typeof el.properties.id === 'string') ids.add(el.properties.id);
    });
    walkElements(tree, (el) => {
      if (!/^h[2-6]$/.test(el.tagName) || el.properties.id) return;
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
      // The sanitizer prefixes ids written in the text (and footnotes') with "user-content-".
      const target = [slug, `${CLOBBER_PREFIX}${fragment}`].find((id) => id && ids.has(id));
      if (target) el.properties.href = `#${target}`;
      else unwrap.push({ el, parent });
    });
    for (const { el, parent } of unwrap) {
      const at = parent.children.indexOf(el);
      if (at >= 0) parent.children.splice(at, 1, ...el.children);
    }
  };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Beyond the limits a parser must not see: plain paragraphs of the text, escaped. */
function withinLimits(markdown: string): boolean {
  return (
    markdown.length <= MARKDOWN_MAX_LENGTH &&
    markdownNestingDepth(markdown).depth <= MARKDOWN_MAX_NESTING &&
    emphasisNestingDepth(markdown) <= MARKDOWN_MAX_EMPHASIS &&
    htmlNestingDepth(markdown) <= MARKDOWN_MAX_HTML_NESTING
  );
}

function plainText(markdown: string): string {
  return markdown
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${escapeHtml(block)}</p>`)
    .join('\n');
}

const schema = {
  ...defaultSchema,
  // No form controls (GitHub keeps task-list checkboxes).
  tagNames: defaultSchema.tagNames!.filter((t) => t !== 'input'),
  // Only these link targets; "javascript:" and "data:" never pass.
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto', 'tel'], src: ['http', 'https'] },
};

// Footnotes in Polish; their ids get the sanitizer's "user-content-" prefix once, not twice.
const TO_HTML = {
  clobberPrefix: '',
  footnoteLabel: 'Przypisy',
  footnoteLabelProperties: {},
  footnoteBackLabel: (i: number) => `Wróć do odwołania ${i + 1}`,
};

// GFM (tables, ~~strike~~, bare links) and raw HTML are the slow parts of the pipeline (about
// 2 ms of 2.7 per report): a body that has none of their marks takes the short way, with the
// same result. At 10,000 reports that is the difference between 27 s and 8 s.
function processor(gfm: boolean, raw: boolean) {
  const p = unified().use(remarkParse);
  if (gfm) p.use(remarkGfm);
  p.use(headingLevelsPlugin).use(typographyPlugin);
  if (raw) p.use(remarkRehype, { ...TO_HTML, allowDangerousHtml: true }).use(rehypeRaw);
  else p.use(remarkRehype, TO_HTML);
  return p.use(rehypeSanitize, schema).use(headingIdsPlugin).use(rehypeStringify);
}
const PROCESSORS = [0, 1, 2, 3].map((i) => processor(!!(i & 1), !!(i & 2)));

const needsGfm = (md: string) => /\||~~|https?:\/\/|www\.|@|\[\^|^\s*[-*+] \[[ xX]\]/m.test(md);
const needsRaw = (md: string) => md.includes('<');

export function renderMarkdown(markdown: string | null | undefined): string {
  if (!markdown || !markdown.trim()) return '';
  if (!withinLimits(markdown)) return plainText(markdown);
  const pick = (needsGfm(markdown) ? 1 : 0) | (needsRaw(markdown) ? 2 : 0);
  return String(PROCESSORS[pick]!.processSync(markdown));
}
