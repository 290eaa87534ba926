import type { Media } from '@cus/shared';
import { mediaPath } from '@cus/shared/media-path';

// CMS files on the public site: their addresses under /media/ (@cus/shared/media-path, which the
// CMS renders rich-text bodies with too), the <picture> data of a photo, and the files an entry lists.

export { MEDIA_PREFIX, mediaFileName, mediaPath } from '@cus/shared/media-path';

/** Where the build downloads a file from: absolute URLs as they are, /uploads/… from the CMS. */
export function mediaOrigin(url: string, cmsUrl: string): string {
  return /^https?:\/\//.test(url) ? url : `${cmsUrl.replace(/\/+$/, '')}${url.startsWith('/') ? '' : '/'}${url}`;
}

export interface ResponsiveImage {
  src: string;
  width: number;
  height: number;
  /** srcset of the original's type, for <img>. */
  srcset: string;
  /** Further types (AVIF, WebP) for <source>, best first. */
  sources: { type: string; srcset: string }[];
}

const TYPE_PREFERENCE = ['image/avif', 'image/webp'];

/**
 * <picture> data from an upload and the formats the CMS made of it. Widths above the
 * original's are dropped; formats below `minWidth` (Strapi's 245 px thumbnail) are not offered.
 */
export function responsiveImage(media: Media, minWidth = 400): ResponsiveImage | null {
  if (!media.mime.startsWith('image/') || !media.width || !media.height) return null;
  const candidates = [
    { url: media.url, width: media.width, mime: media.mime },
    ...Object.values(media.formats ?? {}).map((f) => ({ url: f.url, width: f.width ?? 0, mime: f.mime ?? media.mime })),
  ].filter((c) => c.width >= Math.min(minWidth, media.width!) && c.width <= media.width!);
  const byType = new Map<string, Map<number, string>>();
  for (const c of candidates) {
    const widths = byType.get(c.mime) ?? new Map<number, string>();
    if (!widths.has(c.width)) widths.set(c.width, mediaPath(c));
    byType.set(c.mime, widths);
  }
  const srcsetOf = (widths: Map<number, string>) =>
    [...widths.entries()].sort((a, b) => a[0] - b[0]).map(([w, p]) => `${p} ${w}w`).join(', ');
  // <img> gets JPEG where the CMS made it (a PNG or WebP original gets JPEG variants too).
  const imgType = byType.has('image/jpeg') ? 'image/jpeg' : media.mime;
  const own = byType.get(imgType)!;
  // The <img src> is a mid-size version: a browser without srcset support gets no giant file.
  const fallback = [...own.entries()].sort((a, b) => a[0] - b[0]).find(([w]) => w >= 750) ?? [...own.entries()].at(-1)!;
  return {
    src: fallback[1],
    width: media.width,
    height: media.height,
    srcset: srcsetOf(own),
    sources: TYPE_PREFERENCE.filter((t) => t !== imgType && byType.has(t)).map((type) => ({ type, srcset: srcsetOf(byType.get(type)!) })),
  };
}

