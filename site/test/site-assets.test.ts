import fs from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { OG_DEFAULT_PNG, rasterizeOgDefault } from '../src/assets/rasterize-og-default.ts';

// The default share image is kept as a PNG beside its SVG (no build encodes an image, and the
// static and the publisher's build link the same file): it must still show the SVG.
describe('the default share image', () => {
  it('is og-default.svg at 1200×630 (run src/assets/rasterize-og-default.ts after changing the SVG)', async () => {
    const committed = await sharp(fs.readFileSync(OG_DEFAULT_PNG)).raw().toBuffer({ resolveWithObject: true });
    const fresh = await sharp(await rasterizeOgDefault()).raw().toBuffer({ resolveWithObject: true });
    expect([committed.info.width, committed.info.height]).toEqual([1200, 630]);
    expect(committed.data.equals(fresh.data)).toBe(true);
  });
});
