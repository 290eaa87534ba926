import fs from 'node:fs';
import path from 'node:path';
import { collectFileUrls, mediaFileName, mediaOrigin } from '../lib/media.ts';

// Each collection's loader writes which CMS files its entries mention (file name → download
// URL); after the pages are built, the media step copies the ones the HTML really uses.
// One file per collection: loaders run concurrently and never write the same file.

export const manifestFile = (mediaDir: string, collection: string) => path.join(mediaDir, `manifest-${collection}.json`);

export function writeMediaManifest(mediaDir: string, collection: string, entries: readonly unknown[], cmsUrl: string): number {
  const files: Record<string, string> = {};
  for (const url of collectFileUrls(entries)) files[mediaFileName(url)] = mediaOrigin(url, cmsUrl);
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
