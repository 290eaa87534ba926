import type { Media } from './contract/index.js';

// CMS files on the public site. Every photo format and attachment the pages use is copied into
// the site under /media/<file name>, so the deployed site never depends on the CMS being
// reachable. A name never gets other bytes: Strapi's file names carry a hash, and a file
// replaced in the Media Library gets a new one (cms/patches), so /media/ files are served as
// immutable. Shared because the CMS renders rich-text bodies with these addresses (body-html.ts).

export const MEDIA_PREFIX = '/media/';

type FileLike = Pick<Media, 'url'>;

/** "…/uploads/medium_photo_ab12.jpg" → "medium_photo_ab12.jpg" */
export function mediaFileName(url: string): string {
  const pathname = /^https?:\/\//.test(url) ? new URL(url).pathname : url.split(/[?#]/)[0]!;
  const name = decodeURIComponent(pathname.slice(pathname.lastIndexOf('/') + 1));
  if (!/^[\w.-]+$/.test(name)) throw new Error(`Media file name "${name}" (from ${url}) has characters the site cannot serve.`);
  return name;
}

export const mediaPath = (file: FileLike) => `${MEDIA_PREFIX}${mediaFileName(file.url)}`;

/**
 * Every CMS file a value names, as url → mime (the first seen): each object with a string `url`
 * and `mime`, at any depth (a cover, a gallery's photos and their formats, a photo in rich text).
 * What the site copies beside its pages, and what the export lists of a body it sends rendered.
 */
export function mediaFilesIn(value: unknown, out: Map<string, string> = new Map()): Map<string, string> {
  if (Array.isArray(value)) {
    for (const v of value) if (v && typeof v === 'object') mediaFilesIn(v, out);
  } else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.url === 'string' && typeof o.mime === 'string' && !out.has(o.url)) out.set(o.url, o.mime);
    // Only objects and arrays are walked into: a call per text or number was most of a full sync's walk.
    for (const v of Object.values(o)) if (v && typeof v === 'object') mediaFilesIn(v, out);
  }
  return out;
}
