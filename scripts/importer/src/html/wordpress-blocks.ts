import { escapeAttribute, linkParagraph, tagFirstImage } from './html-text.ts';
import { quote, type Warnings } from './warnings.ts';

// The block editor's comments (<!-- wp:name {json} --> … <!-- /wp:name -->, <!-- wp:name /-->)
// carry what the HTML between them does not: the attachment id of an image, the ids of a
// gallery, an embed's address. They are read here, in one linear pass over the comments, and
// removed; what they said is left in the HTML as data-cus-* attributes the sanitizer reads.

/** Blocks without content of their own that lose nothing when removed. */
const SILENT_SELF_CLOSING = new Set(['more', 'nextpage', 'separator', 'spacer']);

const BLOCK_COMMENT = /^(\/)?wp:([a-z][a-z0-9_-]*(?:\/[a-z][a-z0-9_-]*)?)(?:\s+(\{[\s\S]*\}))?\s*(\/)?$/;

interface BlockComment {
  start: number;
  end: number;
  closing: boolean;
  selfClosing: boolean;
  name: string;
  attrs: Record<string, unknown>;
}

function parseAttrs(json: string | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Every wp: block comment, in order; other comments are left alone. */
function blockComments(html: string): BlockComment[] {
  const found: BlockComment[] = [];
  let from = 0;
  for (;;) {
    const start = html.indexOf('<!--', from);
    if (start === -1) break;
    const close = html.indexOf('-->', start + 4);
    if (close === -1) break;
    const end = close + 3;
    from = end;
    const match = BLOCK_COMMENT.exec(html.slice(start + 4, close).trim());
    if (!match) continue;
    found.push({
      start,
      end,
      closing: match[1] === '/',
      selfClosing: match[4] === '/',
      name: match[2]!.replace(/^core\//, ''),
      attrs: parseAttrs(match[3]),
    });
  }
  return found;
}

const positiveInt = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);

export interface WordpressBlocksResult {
  html: string;
  /** Block-editor content: WordPress does not run wpautop on it. */
  hasBlocks: boolean;
}

export function readWordpressBlocks(html: string, warnings: Warnings): WordpressBlocksResult {
  const comments = blockComments(html);
  if (comments.length === 0) return { html, hasBlocks: false };

  const out: string[] = [];
  let copiedTo = 0;
  let imageId: number | undefined; // of the open wp:image whose <img> is not tagged yet
  let skipUntilClose: string | undefined; // an embed replaced by its link

  const copy = (text: string) => {
    if (skipUntilClose) return;
    if (imageId !== undefined) {
      const tagged = tagFirstImage(text, 'data-cus-attachment', String(imageId));
      if (tagged.tagged) imageId = undefined;
      out.push(tagged.html);
    } else out.push(text);
  };

  // Where each block's last end comment is: an embed without one is not skipped to the end.
  const lastClose = new Map<string, number>();
  comments.forEach((c, i) => {
    if (c.closing) lastClose.set(c.name, i);
  });

  for (const [index, comment] of comments.entries()) {
    copy(html.slice(copiedTo, comment.start));
    copiedTo = comment.end;
    const { name, attrs } = comment;
    if (comment.closing) {
      if (skipUntilClose === name) skipUntilClose = undefined;
      else if (!skipUntilClose && name === 'gallery') out.push('</div>');
      if (name === 'image') imageId = undefined;
      continue;
    }
    if (skipUntilClose) continue;
    if (comment.selfClosing) {
      if (SILENT_SELF_CLOSING.has(name)) continue;
      if (name === 'block') {
        warnings.add(
          'content_dropped',
          `Blok wielokrotnego użytku WordPressa (nr ${positiveInt(attrs.ref) ?? '?'}) pominięty — jego treść jest zapisana w osobnym wpisie; wklej ją ręcznie, jeśli jest potrzebna`,
        );
      } else {
        warnings.add(
          'content_dropped',
          `Blok WordPressa ${quote(name)} pominięty — jego treść tworzyła stara strona przy wyświetlaniu, nie ma jej w eksporcie`,
        );
      }
      continue;
    }
    if (name === 'gallery') {
      const ids = Array.isArray(attrs.ids) ? attrs.ids.map(positiveInt).filter((id) => id !== undefined) : [];
      out.push(`<div data-cus-gallery="${escapeAttribute(ids.join(','))}">`);
    } else if (name === 'image') {
      imageId = positiveInt(attrs.id);
    } else if (name === 'embed' || name.startsWith('core-embed/')) {
      const url = typeof attrs.url === 'string' ? attrs.url.trim() : '';
      if (url && (lastClose.get(name) ?? -1) > index) {
        out.push(linkParagraph(url));
        skipUntilClose = name;
      }
    }
  }
  copy(html.slice(copiedTo));
  return { html: out.join(''), hasBlocks: true };
}
