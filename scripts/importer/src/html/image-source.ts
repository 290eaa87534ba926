import type { Element } from 'hast';
import type { SourceImage } from '../source-item.ts';
import type { ConvertOptions } from './types.ts';
import { quote, type Warnings } from './warnings.ts';

// An <img> of the old body → the SourceImage the run fetches: its address made absolute and, for
// WordPress, the original file instead of a thumbnail ("foto-300x200.jpg" → "foto.jpg", or the
// attachment's own address when the id is known); alt and title from the tag, else from the
// attachment. Emoji images become their text; tracking pixels and placeholders are dropped.

export type ImageOutcome =
  | { kind: 'image'; image: SourceImage }
  | { kind: 'text'; text: string }
  | { kind: 'none' };

const WP_SIZE_SUFFIX = /-\d{1,5}x\d{1,5}(\.[a-zA-Z0-9]{2,5})$/;
/** A data: URI longer than this was a real picture pasted into the text, worth a warning. */
const PASTED_IMAGE_MIN_LENGTH = 1000;

const attr = (el: Element, name: string): string | undefined => {
  const v = el.properties?.[name];
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.join(' ');
  return undefined;
};

export const classNames = (el: Element): string[] => {
  const v = el.properties?.className;
  if (Array.isArray(v)) return v.map(String);
  return typeof v === 'string' ? (v as string).split(/\s+/) : [];
};

/** An absolute http(s) address, or undefined. */
export function absoluteHttpUrl(value: string, baseUrl: string): string | undefined {
  try {
    const url = new URL(value.trim(), baseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** "…/foto-300x200.jpg" → "…/foto.jpg" (WordPress's resized copies). */
export function originalWordpressUrl(url: string): string {
  try {
    const u = new URL(url);
    u.pathname = u.pathname.replace(WP_SIZE_SUFFIX, '$1');
    return u.href;
  } catch {
    return url;
  }
}

export const looksLikeImageFile = (url: string) => /\.(jpe?g|png|gif|webp|avif|bmp|tiff?)$/i.test(new URL(url).pathname);

/** The attachment id an <img> names: the block's id (data-cus-attachment), data-id or class "wp-image-N". */
export function attachmentIdOf(el: Element): number | undefined {
  const candidates = [attr(el, 'dataCusAttachment'), attr(el, 'dataId'), ...classNames(el).map((c) => /^wp-image-(\d+)$/.exec(c)?.[1])];
  for (const c of candidates) {
    const n = Number(c);
    if (c && Number.isInteger(n) && n > 0) return n;
  }
  return undefined;
}

const isTiny = (el: Element) => {
  const w = Number(attr(el, 'width'));
  const h = Number(attr(el, 'height'));
  return (Number.isFinite(w) && w > 0 && w <= 2) || (Number.isFinite(h) && h > 0 && h <= 2);
};

const clean = (s: string | undefined) => {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
};

export interface ImageContext {
  /** The address of a link around the image that showed it larger (a lightbox). */
  fullSizeUrl?: string;
  caption?: string;
}

export function imageOf(el: Element, options: ConvertOptions, warnings: Warnings, context: ImageContext = {}): ImageOutcome {
  const classes = classNames(el);
  const alt = clean(attr(el, 'alt'));
  if (classes.includes('wp-smiley') || classes.includes('emoji')) return alt ? { kind: 'text', text: alt } : { kind: 'none' };
  if (isTiny(el)) return { kind: 'none' };

  // Lazy-loading plugins keep the real address in data-src and a placeholder in src.
  const candidates = [attr(el, 'dataLazySrc'), attr(el, 'dataSrc'), attr(el, 'src')].map((s) => s?.trim()).filter((s): s is string => !!s);
  const src = candidates.find((s) => !/^data:/i.test(s)) ?? candidates[0];
  if (!src) return { kind: 'none' };
  if (/^data:/i.test(src)) {
    if (src.length >= PASTED_IMAGE_MIN_LENGTH) {
      warnings.add(
        'content_dropped',
        `Zdjęcie wklejone bezpośrednio w tekst (adres „data:”)${alt ? ` ${quote(alt)}` : ''} pominięte — wstaw je ponownie jako plik z Biblioteki mediów`,
      );
    }
    return { kind: 'none' };
  }
  const absolute = absoluteHttpUrl(src, options.baseUrl);
  if (!absolute) {
    warnings.add('content_dropped', `Zdjęcie o adresie ${quote(src)} pominięte — to nie jest adres http(s), którego plik można pobrać`);
    return { kind: 'none' };
  }

  const wordpress = options.system === 'wordpress';
  const id = wordpress ? attachmentIdOf(el) : undefined;
  const attachment = id !== undefined ? options.attachment?.(id) : undefined;
  const url = context.fullSizeUrl ?? attachment?.url ?? (wordpress ? originalWordpressUrl(absolute) : absolute);

  const image: SourceImage = { url };
  if (attachment && id !== undefined) image.attachmentId = id;
  const finalAlt = alt ?? clean(attachment?.alt);
  if (finalAlt) image.alt = finalAlt;
  const caption = clean(context.caption);
  if (caption) image.caption = caption;
  const title = clean(attr(el, 'title')) ?? clean(attachment?.title);
  if (title) image.title = title;
  return { kind: 'image', image };
}
