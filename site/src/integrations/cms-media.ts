import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { mediaCacheDir } from '../lib/cache-dir.ts';
import { cmsUploadsFromEnv, copyFromUploads, type CmsUploads } from '../lib/cms-uploads.ts';
import { linkOrCopy } from '../lib/fs-links.ts';
import { MEDIA_PREFIX } from '../lib/media.ts';
import { reportBuildFailure, type BuildFailure } from '../loader/build-report.ts';
import { mapLimit } from '../loader/fetch-entries.ts';
import { getBytes } from '../loader/http.ts';
import { readMediaManifests } from '../loader/media-manifest.ts';

// After the pages are written: every /media/<file> the HTML refers to is copied into the
// build from the media cache, filling the cache from the CMS only with what it lacks (copied
// from the CMS's upload folder when CMS_UPLOADS_DIR names it, else downloaded). Nothing is
// re-encoded. A file the CMS cannot deliver fails the build, naming the page and the URL.
//
// Only real references count: the URL attributes of the pages' tags (src, srcset, href,
// content) and the image URLs of their JSON-LD, on this site. Text that merely mentions
// "/media/" (an editor's sentence, a link to another site's /media/) is not a reference.

/** A start tag with its attributes (quoted values may hold ">"); text cannot form one: its "<" is escaped. */
const START_TAG = /<[a-zA-Z][\w-]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/g;
const URL_ATTRIBUTE = /\s(src|srcset|href|content|poster)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;
/** What URL_ATTRIBUTE needs at least: most tags (<li>, <span class>) have none and are passed over. */
const HAS_URL_ATTRIBUTE = /\s(?:src|srcset|href|content|poster)\s*=/i;
const JSON_LD = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/g;
const JSON_LD_URL_KEYS = new Set(['image', 'url', 'contentUrl', 'thumbnailUrl', 'logo']);
const FILE_NAME = /^[\w.-]+$/;

const decodeAttribute = (v: string) =>
  v.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|apos|lt|gt);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ({ amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' })[e.toLowerCase()]!,
  );

function htmlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** The media file a URL names, when it is one of this site's /media/ files. */
export function mediaFileOf(url: string, siteOrigin: string | null): string | null {
  let pathname = url.trim();
  if (siteOrigin && pathname.startsWith(`${siteOrigin}/`)) pathname = pathname.slice(siteOrigin.length);
  if (!pathname.startsWith(MEDIA_PREFIX)) return null;
  const name = pathname.slice(MEDIA_PREFIX.length).split(/[?#]/)[0]!;
  return FILE_NAME.test(name) ? name : null;
}

/** Every /media/ file a page refers to. */
export function mediaReferences(html: string, siteOrigin: string | null): Set<string> {
  const out = new Set<string>();
  // Every reference holds the prefix as it is (the site writes no entity for "/"): a page without
  // it (most people's and institutions' pages) is not scanned tag by tag.
  if (!html.includes(MEDIA_PREFIX)) return out;
  const add = (url: string) => {
    const name = mediaFileOf(url, siteOrigin);
    if (name) out.add(name);
  };
  // exec loops, not matchAll: 17,500 pages of 10,000 events have 4.5 million tags, and the
  // publisher scans each page it renders (2.4 → 1.3 s for all of them).
  START_TAG.lastIndex = 0;
  for (let t = START_TAG.exec(html); t; t = START_TAG.exec(html)) {
    const tag = t[0];
    if (!HAS_URL_ATTRIBUTE.test(tag)) continue;
    URL_ATTRIBUTE.lastIndex = 0;
    for (let m = URL_ATTRIBUTE.exec(tag); m; m = URL_ATTRIBUTE.exec(tag)) {
      const value = decodeAttribute(m[2] ?? m[3] ?? m[4] ?? '');
      if (m[1]!.toLowerCase() === 'srcset') for (const candidate of value.split(',')) add(candidate.trim().split(/\s+/)[0] ?? '');
      else add(value);
    }
  }
  for (const [, json] of html.matchAll(JSON_LD)) {
    const visit = (v: unknown, key: string | null): void => {
      if (typeof v === 'string') {
        if (key && JSON_LD_URL_KEYS.has(key)) add(v);
      } else if (Array.isArray(v)) for (const x of v) visit(x, key);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k);
    };
    try {
      visit(JSON.parse(json!), null);
    } catch {
      // Not JSON: nothing it holds is a reference the page needs.
    }
  }
  return out;
}

/** File name → the first page that uses it (for error messages). */
function referencedFiles(outDir: string, siteOrigin: string | null): Map<string, string> {
  const refs = new Map<string, string>();
  for (const file of htmlFiles(outDir)) {
    for (const name of mediaReferences(fs.readFileSync(file, 'utf8'), siteOrigin)) {
      if (!refs.has(name)) refs.set(name, path.relative(outDir, file));
    }
  }
  return refs;
}

const PAGE_TYPES: Record<string, string> = { wydarzenia: 'event', osoby: 'speaker', instytucje: 'institution', galerie: 'gallery' };

/** The entry a built page shows ("wydarzenia/<slug>/index.html" → event <slug>), for the build's failure report. */
export function entryOfPage(page: string): Pick<BuildFailure, 'type' | 'slug'> {
  const [section, slug, rest] = page.split(path.sep);
  const type = section ? PAGE_TYPES[section] : undefined;
  return type && slug && rest === 'index.html' ? { type, slug } : { type: 'page' };
}

/** A CMS file a page uses could not be put into the output; `failure` names the page's entry and the file. */
export class MediaError extends Error {
  override name = 'MediaError';
  readonly failure: BuildFailure;
  constructor(failure: BuildFailure, cause?: unknown) {
    super(failure.message, cause === undefined ? undefined : { cause });
    this.failure = failure;
  }
}

/**
 * Files fetched from the CMS at once. A file is small and the CMS answers each one from disk:
 * the time goes to waiting on the round trips, which overlap well beyond the machine's cores.
 */
const DOWNLOADS_AT_ONCE = 16;

export interface MediaCopyResult {
  files: number;
  downloaded: number;
  /** Copied from the CMS's upload folder (`uploads`), not downloaded. */
  copied: number;
}

/**
 * Puts every file of `refs` (file name → the output file of the first page that uses it) into
 * `<outDir>/media/`, linked from the media cache (`mediaDir`, see src/lib/cache-dir.ts), downloading
 * into the cache only what it lacks, from the URLs the loaders' media manifests give.
 * Throws MediaError (naming the page's entry) when a file is unknown or cannot be downloaded.
 */
export async function copyMediaFiles(refs: ReadonlyMap<string, string>, outDir: string, mediaDir: string, uploads?: CmsUploads): Promise<MediaCopyResult> {
  const filesDir = path.join(mediaDir, 'files');
  fs.mkdirSync(filesDir, { recursive: true });
  const origins = readMediaManifests(mediaDir);
  const target = path.join(outDir, MEDIA_PREFIX);
  fs.mkdirSync(target, { recursive: true });

  const fail = (name: string, message: string, cause?: unknown): never => {
    const page = refs.get(name)!;
    const entry = entryOfPage(page);
    throw new MediaError({ ...entry, field: 'media', message: `${page}${entry.slug ? ` (${entry.type} "${entry.slug}")` : ''} ${message}` }, cause);
  };

  let downloaded = 0;
  let copied = 0;
  await mapLimit([...refs.keys()], DOWNLOADS_AT_ONCE, async (name) => {
    const cached = path.join(filesDir, name);
    if (!fs.existsSync(cached)) {
      const origin = origins.get(name);
      if (!origin) fail(name, `refers to ${MEDIA_PREFIX}${name}, which no CMS entry mentions.`);
      if (await copyFromUploads(uploads, name, origin!, cached)) copied++;
      else {
        let bytes: Uint8Array;
        try {
          bytes = await getBytes(origin!);
        } catch (err) {
          fail(name, `uses ${origin}, which could not be downloaded: ${(err as Error).message}`, err);
        }
        // Write beside, then rename: a cut-short build never leaves half a file in the cache.
        fs.writeFileSync(`${cached}.part`, bytes!);
        fs.renameSync(`${cached}.part`, cached);
        downloaded++;
      }
    }
    linkOrCopy(cached, path.join(target, name));
  });
  return { files: refs.size, downloaded, copied };
}

export function cmsMedia(): AstroIntegration {
  let root: URL;
  let siteOrigin: string | null = null;
  return {
    name: 'cus-cms-media',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = config.root;
        siteOrigin = config.site ? new URL(config.site).origin : null;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = Date.now();
        const outDir = fileURLToPath(dir);
        let result: MediaCopyResult;
        try {
          result = await copyMediaFiles(referencedFiles(outDir, siteOrigin), outDir, mediaCacheDir(root), cmsUploadsFromEnv());
        } catch (err) {
          // Stops the build naming the page's entry and the file: for /status, and in the log.
          if (err instanceof MediaError) reportBuildFailure(err.failure);
          throw err;
        }
        const fromCache = result.files - result.downloaded - result.copied;
        logger.info(`${result.files} CMS files in the build (${result.downloaded} downloaded, ${result.copied} copied from the CMS's folder, ${fromCache} from cache) in ${Date.now() - started} ms`);
      },
    },
  };
}
