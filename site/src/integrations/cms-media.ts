import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { mediaCacheDir } from '../lib/cache-dir.ts';
import { linkOrCopy } from '../lib/fs-links.ts';
import { MEDIA_PREFIX } from '../lib/media.ts';
import { mapLimit } from '../loader/fetch-entries.ts';
import { getBytes } from '../loader/http.ts';
import { readMediaManifests } from '../loader/media-manifest.ts';

// After the pages are written: every /media/<file> the HTML refers to is copied into the
// build from the media cache, downloading from the CMS only what the cache lacks. Nothing is
// re-encoded. A file the CMS cannot deliver fails the build, naming the page and the URL.

const REFERENCE = new RegExp(`${MEDIA_PREFIX.replace(/\//g, '\\/')}([\\w.-]+)`, 'g');

function htmlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** File name → the first page that uses it (for error messages). */
function referencedFiles(outDir: string): Map<string, string> {
  const refs = new Map<string, string>();
  for (const file of htmlFiles(outDir)) {
    const html = fs.readFileSync(file, 'utf8');
    for (const m of html.matchAll(REFERENCE)) {
      if (!refs.has(m[1]!)) refs.set(m[1]!, path.relative(outDir, file));
    }
  }
  return refs;
}

export function cmsMedia(): AstroIntegration {
  let root: URL;
  return {
    name: 'cus-cms-media',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = config.root;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = Date.now();
        const outDir = fileURLToPath(dir);
        const cacheDir = mediaCacheDir(root);
        const filesDir = path.join(cacheDir, 'files');
        fs.mkdirSync(filesDir, { recursive: true });
        const origins = readMediaManifests(cacheDir);
        const refs = referencedFiles(outDir);
        const target = path.join(outDir, MEDIA_PREFIX);
        fs.mkdirSync(target, { recursive: true });

        let downloaded = 0;
        await mapLimit([...refs.keys()], 8, async (name) => {
          const cached = path.join(filesDir, name);
          if (!fs.existsSync(cached)) {
            const origin = origins.get(name);
            if (!origin) throw new Error(`${refs.get(name)} refers to ${MEDIA_PREFIX}${name}, which no CMS entry mentions.`);
            let bytes: Uint8Array;
            try {
              bytes = await getBytes(origin);
            } catch (err) {
              throw new Error(`${refs.get(name)} uses ${origin}, which could not be downloaded: ${(err as Error).message}`, { cause: err });
            }
            // Write beside, then rename: a cut-short build never leaves half a file in the cache.
            fs.writeFileSync(`${cached}.part`, bytes);
            fs.renameSync(`${cached}.part`, cached);
            downloaded++;
          }
          linkOrCopy(cached, path.join(target, name));
        });
        logger.info(`${refs.size} CMS files in the build (${downloaded} downloaded, ${refs.size - downloaded} from cache) in ${Date.now() - started} ms`);
      },
    },
  };
}
