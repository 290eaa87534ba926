import { createRequire } from 'node:module';
import path from 'node:path';
import { Random } from './random.ts';

// A photo-like JPEG of a real photo's size (2000×1333, a few hundred kB): light from one side,
// a few soft shapes, and grain, so encoders work as hard as on a real picture.

// sharp comes from the CMS's dependencies: the generator hands these files to its upload service.
type Sharp = (input: Buffer, options: { raw: { width: number; height: number; channels: 3 } }) => {
  jpeg(options: { quality: number; mozjpeg: boolean }): { toBuffer(): Promise<Buffer> };
};
const sharp = createRequire(path.resolve(import.meta.dirname, '../../../../cms/package.json'))('sharp') as Sharp;

export async function syntheticPhoto(seed: number, width = 2000, height = 1333): Promise<Buffer> {
  const r = new Random(seed);
  const base = [r.int(40, 200), r.int(40, 200), r.int(40, 200)];
  const blobs = Array.from({ length: r.int(3, 7) }, () => ({
    x: r.int(0, width), y: r.int(0, height), radius: r.int(150, 600), color: [r.int(0, 255), r.int(0, 255), r.int(0, 255)],
  }));
  const pixels = Buffer.alloc(width * height * 3);
  let noise = seed >>> 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const light = 0.55 + 0.45 * (x / width) * (1 - y / height / 2);
      let rgb = [base[0]! * light, base[1]! * light, base[2]! * light];
      for (const b of blobs) {
        const d = Math.hypot(x - b.x, y - b.y) / b.radius;
        if (d < 1) {
          const k = (1 - d) * (1 - d) * 0.8;
          rgb = rgb.map((c, i) => c * (1 - k) + b.color[i]! * k);
        }
      }
      noise = (Math.imul(noise, 1103515245) + 12345) >>> 0;
      const grain = ((noise >>> 16) % 25) - 12;
      const o = (y * width + x) * 3;
      pixels[o] = Math.max(0, Math.min(255, rgb[0]! + grain));
      pixels[o + 1] = Math.max(0, Math.min(255, rgb[1]! + grain));
      pixels[o + 2] = Math.max(0, Math.min(255, rgb[2]! + grain));
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
}
