import sharp from 'sharp';
import { maxImagePixels } from './config';

// The encodings the public site serves in <picture>: AVIF and WebP in <source>, JPEG in <img>.
// Each variant is auto-oriented (EXIF rotation applied) and carries no metadata (sharp drops it
// unless asked to keep it), so no camera data or GPS position reaches the public site.
//
// AVIF effort, measured here on a 2000×1333 photo (widths 480+960+1600, one libvips thread,
// Nov 2026): effort 2 ≈ 1.6 s / 166 kB, effort 3 ≈ 2.9 s / 153 kB, effort 4 ≈ 11 s / 149 kB.
// Effort 4 costs four times the CPU for 3 % fewer bytes; on 2 cores that would keep one core
// busy for minutes after a gallery upload. Effort 3 it is. Chroma 4:2:0 (sharp's AVIF default
// is 4:4:4) is what photos are usually encoded with: smaller and a little faster.
export const AVIF_OPTIONS = { quality: 50, effort: 3, chromaSubsampling: '4:2:0' } as const;
export const WEBP_OPTIONS = { quality: 75 } as const;
export const JPEG_OPTIONS = { quality: 78, mozjpeg: true, progressive: true } as const;

export type VariantFormat = 'avif' | 'webp' | 'jpeg';

export const VARIANT_FORMATS: readonly { format: VariantFormat; ext: string; mime: string }[] = [
  { format: 'avif', ext: '.avif', mime: 'image/avif' },
  { format: 'webp', ext: '.webp', mime: 'image/webp' },
  { format: 'jpeg', ext: '.jpg', mime: 'image/jpeg' },
];

/** Originals that get variants. GIF (animation) and SVG (vector) are served as they are. */
export const VARIANT_SOURCE_MIMES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif'];

export const variantKey = (format: VariantFormat, width: number) => `${format}_${width}`;
export const isVariantKey = (key: string) => /^(avif|webp|jpeg)_\d+$/.test(key);

/**
 * Widths to make for an original `originalWidth` px wide: the configured widths below it; an
 * original narrower than all of them gets one set at its own width.
 */
export function targetWidths(originalWidth: number, widths: readonly number[]): number[] {
  const below = widths.filter((w) => w < originalWidth);
  return below.length > 0 ? below : [originalWidth];
}

/** Width and height as displayed, i.e. after the EXIF rotation. */
export async function orientedSize(input: Buffer): Promise<{ width: number; height: number }> {
  const meta = await sharp(input, { limitInputPixels: maxImagePixels() }).metadata();
  if (!meta.width || !meta.height) throw new Error('brak wymiarów obrazu');
  const swap = (meta.orientation ?? 1) >= 5;
  return swap ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
}

export interface EncodedVariant {
  data: Buffer;
  width: number;
  height: number;
}

export async function encodeVariant(input: Buffer, width: number, format: VariantFormat): Promise<EncodedVariant> {
  // failOn 'error': an original that was accepted (or stored before this check existed) with
  // a harmless decoder warning still gets its variants.
  let pipeline = sharp(input, { failOn: 'error', limitInputPixels: maxImagePixels() }).rotate().resize({ width, withoutEnlargement: true });
  if (format === 'avif') pipeline = pipeline.avif(AVIF_OPTIONS);
  else if (format === 'webp') pipeline = pipeline.webp(WEBP_OPTIONS);
  // JPEG has no transparency: transparent parts of a PNG/WebP become white, not black.
  else pipeline = pipeline.flatten({ background: '#ffffff' }).jpeg(JPEG_OPTIONS);
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
