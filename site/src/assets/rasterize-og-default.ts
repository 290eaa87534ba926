import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

// The site's default share image as PNG (social sites do not show SVG): og-default.png is made
// from og-default.svg by this script and kept beside it, so no build encodes an image and the
// static build and the publisher's build link the same file. After changing the SVG:
//   node site/src/assets/rasterize-og-default.ts
// (site/test/site-assets.test.ts fails while the PNG does not show the SVG.)

export const OG_DEFAULT_SVG = path.join(import.meta.dirname, 'og-default.svg');
export const OG_DEFAULT_PNG = path.join(import.meta.dirname, 'og-default.png');

/** The SVG drawn at 1200×630. */
export function rasterizeOgDefault(): Promise<Buffer> {
  return sharp(fs.readFileSync(OG_DEFAULT_SVG)).resize(1200, 630).png({ compressionLevel: 9 }).toBuffer();
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  fs.writeFileSync(OG_DEFAULT_PNG, await rasterizeOgDefault());
  console.log(`wrote ${OG_DEFAULT_PNG}`);
}
