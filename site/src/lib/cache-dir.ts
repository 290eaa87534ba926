import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Everything a build keeps for the next one lives in one folder (CI persists it):
//   astro/   Astro's content store, meta store and build cache
//   media/   CMS files already downloaded (photo formats, PDFs), by file name
// Default site/.cache; SITE_CACHE_DIR moves it (tests give each build its own).

export function siteCacheDir(root: URL | string): string {
  const fromEnv = process.env.SITE_CACHE_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  const rootDir = typeof root === 'string' ? root : fileURLToPath(root);
  return path.join(rootDir, '.cache');
}

export const mediaCacheDir = (root: URL | string) => path.join(siteCacheDir(root), 'media');
