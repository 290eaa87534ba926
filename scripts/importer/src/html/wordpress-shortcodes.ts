import { escapeAttribute, linkParagraph, tagFirstImage } from './html-text.ts';
import { quote, type Warnings } from './warnings.ts';

// WordPress shortcodes, as WordPress reads them: "[name attrs]" alone or enclosing up to the
// first "[/name]", "[name … /]", "[[name]]" for the literal text. [caption], [gallery] and
// [embed] become HTML the next steps understand; other shortcodes lose their tags and keep
// their text (a link when they have a url attribute: buttons). Brackets in ordinary text ("[sic]", "[1]") are not shortcodes: an unknown name
// counts only when it has a closing tag, "/]" or attributes with "=".
// One pass finds every tag (a bounded regex), closing tags are looked up by binary search,
// and nesting deeper than MAX_DEPTH only loses its tags: linear enough for a 5 MB body.

const MAX_DEPTH = 20;
const KNOWN = new Set(['caption', 'wp_caption', 'gallery', 'embed', 'audio', 'video', 'playlist']);
const MEDIA_ATTRS = ['src', 'mp4', 'm4v', 'webm', 'ogv', 'wmv', 'flv', 'mp3', 'ogg', 'm4a', 'wav'];

const TAG = /\[(\[?)(\/?)([A-Za-z][\w-]{0,63})((?:\s[^[\]]{0,4000})?)\](\]?)/g;

interface Tag {
  start: number;
  end: number;
  name: string;
  closing: boolean;
  selfClosing: boolean;
  attrs: string;
  /** "[[name]]": shown as "[name]". */
  escaped: boolean;
}

/** WordPress's shortcode_parse_atts: name="v", name='v', name=v, and positional values. */
export function parseShortcodeAttrs(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const pattern = /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|'([^']*)'|(\S+)/g;
  let positional = 0;
  for (const m of text.matchAll(pattern)) {
    if (m[1] !== undefined) attrs[m[1].toLowerCase()] = m[2]!;
    else if (m[3] !== undefined) attrs[m[3].toLowerCase()] = m[4]!;
    else if (m[5] !== undefined) attrs[m[5].toLowerCase()] = m[6]!;
    else {
      const value = m[7] ?? m[8] ?? m[9]!;
      if (value !== '/') attrs[String(positional++)] = value;
    }
  }
  return attrs;
}

const looksLikeShortcode = (tag: Tag, hasClose: boolean) =>
  KNOWN.has(tag.name) || (/^[a-z][a-z0-9_-]*$/.test(tag.name) && (hasClose || tag.selfClosing || tag.attrs.includes('=')));

/** Text of a piece of HTML without its tags (an [embed]'s address). */
const stripTags = (html: string) => html.replace(/<[^<>]*>/g, '').trim();

function captionFigure(attrs: Record<string, string>, inner: string): string {
  // As img_caption_shortcode: the image (with the link around it) first, the rest is the caption.
  let image = inner;
  let caption = attrs.caption ?? '';
  const at = inner.search(/<img\b/i);
  if (at !== -1) {
    const imgEnd = inner.indexOf('>', at);
    let splitAt = imgEnd === -1 ? inner.length : imgEnd + 1;
    const closingLink = /^\s*<\/a\s*>/i.exec(inner.slice(splitAt));
    if (closingLink) splitAt += closingLink[0].length;
    image = inner.slice(0, splitAt);
    if (!attrs.caption) caption = inner.slice(splitAt).trim();
  }
  const id = /attachment_(\d+)/.exec(attrs.id ?? '')?.[1];
  if (id && !/data-cus-attachment|wp-image-\d/.test(image)) image = tagFirstImage(image, 'data-cus-attachment', id).html;
  return `<figure>${image}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
}

/** Said when the tag is met, so that nested unknown shortcodes are named in reading order. */
const unknownShortcode = (name: string, warnings: Warnings) =>
  warnings.add('shortcode_unknown', `Nieznany skrót WordPressa [${name}] usunięty; jego tekst (jeśli był) zostawiono — sprawdź, czy czegoś nie brakuje`);

function handle(tag: Tag, inner: string, warnings: Warnings): string {
  const attrs = parseShortcodeAttrs(tag.attrs.replace(/\/\s*$/, ''));
  switch (tag.name) {
    case 'caption':
    case 'wp_caption':
      return captionFigure(attrs, inner);
    case 'gallery': {
      const ids = (attrs.ids ?? attrs.include ?? '')
        .split(',')
        .map((s) => Number(s.trim()))
        .filter((n) => Number.isInteger(n) && n > 0);
      if (ids.length === 0) {
        warnings.add(
          'content_dropped',
          'Galeria [gallery] bez listy zdjęć pominięta — pokazywała wszystkie zdjęcia załączone do wpisu; dodaj je do galerii wydarzenia ręcznie',
        );
        return '';
      }
      return `<div data-cus-gallery="${ids.join(',')}"></div>`;
    }
    case 'embed': {
      const url = stripTags(inner) || attrs.src || attrs.url || '';
      return url ? linkParagraph(url) : '';
    }
    case 'audio':
    case 'video': {
      const src = MEDIA_ATTRS.map((a) => attrs[a]).find((v) => v && v.trim());
      const what = tag.name === 'video' ? 'Film' : 'Nagranie dźwiękowe';
      warnings.add(
        'content_dropped',
        `${what} ${src ? quote(src) : ''} nie został przeniesiony — w treści jest tylko odnośnik do pliku na starej stronie; wgraj plik albo wstaw odnośnik do serwisu z filmami`.replace('  ', ' '),
      );
      return src ? linkParagraph(src) : inner;
    }
    case 'playlist':
      warnings.add('content_dropped', 'Lista odtwarzania [playlist] pominięta — dodaj nagrania ręcznie');
      return '';
    default: {
      // Named (unknownShortcode) before its content was read. A button's address stays as a link.
      const url = attrs.url ?? attrs.link ?? attrs.href;
      return url && inner.trim() && !/<a\b/i.test(inner) ? `<a href="${escapeAttribute(url)}">${inner}</a>` : inner;
    }
  }
}

export function replaceShortcodes(html: string, warnings: Warnings): string {
  if (!html.includes('[')) return html;
  const tags: Tag[] = [];
  for (const m of html.matchAll(TAG)) {
    const attrs = m[4] ?? '';
    tags.push({
      start: m.index,
      end: m.index + m[0].length,
      name: m[3]!.toLowerCase(),
      closing: m[2] === '/',
      selfClosing: /\/\s*$/.test(attrs),
      attrs,
      escaped: m[1] === '[' && m[5] === ']',
    });
  }
  if (tags.length === 0) return html;

  // Closing tags of each name, in order: "the first [/name] after" is a binary search.
  const closes = new Map<string, number[]>();
  tags.forEach((t, i) => {
    if (t.closing && !t.escaped) {
      const list = closes.get(t.name) ?? [];
      list.push(i);
      closes.set(t.name, list);
    }
  });
  const closeFor = (i: number, limit: number): number | undefined => {
    const list = closes.get(tags[i]!.name);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! > i) hi = mid;
      else lo = mid + 1;
    }
    const j = list[lo];
    return j !== undefined && tags[j]!.end <= limit ? j : undefined;
  };
  const used = new Set<string>();

  const render = (from: number, to: number, first: number, depth: number): string => {
    const out: string[] = [];
    let pos = from;
    let i = first;
    while (i < tags.length && tags[i]!.end <= to) {
      const tag = tags[i]!;
      if (tag.start < pos) {
        i++;
        continue;
      }
      if (tag.escaped) {
        out.push(html.slice(pos, tag.start), html.slice(tag.start + 1, tag.end - 1));
        pos = tag.end;
        i++;
        continue;
      }
      if (tag.closing) {
        // A closing tag nobody opened: dropped when its name was a shortcode here.
        if (used.has(tag.name) || KNOWN.has(tag.name)) {
          out.push(html.slice(pos, tag.start));
          pos = tag.end;
        }
        i++;
        continue;
      }
      const close = tag.selfClosing ? undefined : closeFor(i, to);
      if (!looksLikeShortcode(tag, close !== undefined)) {
        i++;
        continue;
      }
      used.add(tag.name);
      if (!KNOWN.has(tag.name)) unknownShortcode(tag.name, warnings);
      out.push(html.slice(pos, tag.start));
      let inner = '';
      if (close !== undefined) {
        const innerHtml = html.slice(tag.end, tags[close]!.start);
        inner = depth < MAX_DEPTH ? render(tag.end, tags[close]!.start, i + 1, depth + 1) : innerHtml.replace(TAG, '');
      }
      out.push(handle(tag, inner, warnings));
      pos = close !== undefined ? tags[close]!.end : tag.end;
      i = close !== undefined ? close + 1 : i + 1;
    }
    out.push(html.slice(pos, to));
    return out.join('');
  };
  return render(0, html.length, 0, 0);
}
