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
