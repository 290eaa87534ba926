import fs from 'node:fs';
import path from 'node:path';
import { mediaFilesIn } from '@cus/shared/media-path';
import { mediaFileName, mediaOrigin } from '../lib/media.ts';

// Each collection's loader writes which CMS files its entries mention (file name → download
// URL); after the pages are built, the media step copies the ones the HTML really uses.
// One file per collection: loaders run concurrently and never write the same file.

export const manifestFile = (mediaDir: string, collection: string) => path.join(mediaDir, `manifest-${collection}.json`);

// Each entry's files, found once per entry object (the long-lived publisher keeps an unchanged
// entry's object): a publish of one event walks that event, not 10,000 bodies.
const filesOfEntry = new WeakMap<object, { cmsUrl: string; files: readonly (readonly [string, string])[] }>();
function filesOf(entry: unknown, cmsUrl: string): readonly (readonly [string, string])[] {
  if (!entry || typeof entry !== 'object') return [];
  const hit = filesOfEntry.get(entry);
  if (hit?.cmsUrl === cmsUrl) return hit.files;
  const files = [...mediaFilesIn(entry).keys()].map((url) => [mediaFileName(url), mediaOrigin(url, cmsUrl)] as const);
  filesOfEntry.set(entry, { cmsUrl, files });
  return files;
}

/** Whether two versions of an entry name the same files (a new entry: never). */
export function sameMediaFiles(before: unknown, after: unknown, cmsUrl: string): boolean {
  if (!before) return false;
  const a = filesOf(before, cmsUrl);
  const b = filesOf(after, cmsUrl);
  return a.length === b.length && a.every(([name, origin], i) => b[i]![0] === name && b[i]![1] === origin);
}

export function writeMediaManifest(mediaDir: string, collection: string, entries: readonly unknown[], cmsUrl: string): number {
  const files: Record<string, string> = {};
  for (const entry of entries) for (const [name, origin] of filesOf(entry, cmsUrl)) files[name] = origin;
  fs.mkdirSync(mediaDir, { recursive: true });
  const target = manifestFile(mediaDir, collection);
  fs.writeFileSync(`${target}.tmp`, JSON.stringify(files));
  fs.renameSync(`${target}.tmp`, target);
  return Object.keys(files).length;
}

export function readMediaManifests(mediaDir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(mediaDir)) return out;
  for (const name of fs.readdirSync(mediaDir)) {
    if (!/^manifest-.+\.json$/.test(name)) continue;
    const files = JSON.parse(fs.readFileSync(path.join(mediaDir, name), 'utf8')) as Record<string, string>;
    for (const [file, origin] of Object.entries(files)) out.set(file, origin);
  }
  return out;
}
