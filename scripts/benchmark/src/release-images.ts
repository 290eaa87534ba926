import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { filesIn } from './measure.ts';

// Images encoded while publishing. The publisher encodes no image: CMS photos are copied in the
// formats the CMS made at upload (its share cards included), the site's own images are plain
// files. So every image of a release is byte for byte a file the CMS stores or a file of the
// site's sources; any other image in the release was encoded by the build, and is counted.

const IMAGE = /\.(png|jpe?g|webp|avif|gif|svg|ico)$/i;

const digest = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Images of `releaseDir` that are not the bytes of a file in any of `sourceDirs`; their paths. */
export function imagesEncoded(releaseDir: string, sourceDirs: string[]): string[] {
  const known = new Set<string>();
  for (const dir of sourceDirs) {
    if (!fs.existsSync(dir)) continue;
    for (const f of filesIn(dir)) if (IMAGE.test(f)) known.add(digest(path.join(dir, f)));
  }
  return filesIn(releaseDir).filter((f) => IMAGE.test(f) && !known.has(digest(path.join(releaseDir, f))));
}
