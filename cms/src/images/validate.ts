import path from 'node:path';
import sharp from 'sharp';
import { errors } from '@strapi/utils';
import { maxImagePixels } from './config';

// A broken image must be refused when it is uploaded, with a message the editor understands,
// not discovered later when its variants fail. Strapi alone lets random bytes named photo.jpg
// through as a plain file (sharp cannot read its format, so Strapi does not treat it as an
// image) and refuses a truncated JPEG only with an English "File is not a valid image".
// Reading the header is not enough to catch a file cut short: the image is decoded in full,
// at 1/8 scale where the format allows (JPEG), which takes a few milliseconds.
// An image too large to decode safely is refused from its header alone, before any decoding:
// a 16000×16000 PNG of 249 KB would take over 1 GiB to decode (IMAGE_MAX_PIXELS, 50 MP default).

/** What Strapi's multipart parser (formidable) or a caller of the upload service hands over. */
export interface IncomingFile {
  filepath?: string;
  originalFilename?: string | null;
  mimetype?: string | null;
  detectedMimeType?: string;
  name?: string;
}

const IMAGE_MIMES = new Set(['image/jpeg', 'image/jpg', 'image/pjpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif', 'image/tiff']);
const IMAGE_EXT = /\.(jpe?g|jfif|png|webp|avif|gif|tiff?)$/i;

export function fileDisplayName(file: IncomingFile): string {
  return file.originalFilename || file.name || (file.filepath ? path.basename(file.filepath) : 'bez nazwy');
}

/** Whether the upload says it is an image: by its type (detected or declared) or its name. */
export function claimsToBeImage(file: IncomingFile): boolean {
  const mime = (file.detectedMimeType || file.mimetype || '').toLowerCase();
  return IMAGE_MIMES.has(mime) || IMAGE_EXT.test(fileDisplayName(file));
}

/** Decodes the image (small) and throws sharp's reason when it cannot. */
export async function decodeCheck(input: string | Buffer): Promise<void> {
  // sharp's default failOn ('warning') is what Strapi's own check uses: whatever this lets
  // through, Strapi accepts too.
  await sharp(input, { animated: false, limitInputPixels: maxImagePixels() }).resize(64, 64, { fit: 'inside' }).raw().toBuffer();
}

/** Width and height from the header (nothing is decoded); null when sharp cannot read it. */
async function headerSize(input: string | Buffer): Promise<{ width: number; height: number } | null> {
  try {
    // limitInputPixels: false, so the header of a huge image is still read (and reported).
    const meta = await sharp(input, { limitInputPixels: false }).metadata();
    return meta.width && meta.height ? { width: meta.width, height: meta.height } : null;
  } catch {
    return null;
  }
}

export function oversizedImageError(name: string, size: { width: number; height: number }, limit: number) {
  const megapixels = (n: number) => `${(n / 1_000_000).toLocaleString('pl-PL', { maximumFractionDigits: 1 })} Mpx`;
  return new errors.ValidationError(
    `Plik „${name}” ma ${size.width}×${size.height} pikseli (${megapixels(size.width * size.height)}), ` +
      `a najwięcej można przesłać ${megapixels(limit)}, więc nie został zapisany. ` +
      'Zmniejsz zdjęcie w programie do zdjęć (np. do 4000 pikseli szerokości) i prześlij je ponownie.',
    { fileName: name, width: size.width, height: size.height, maxPixels: limit },
  );
}

export function corruptImageError(name: string, reason: string) {
  return new errors.ValidationError(
    `Plik „${name}” nie jest poprawnym obrazem: jest uszkodzony albo niekompletny (np. przerwane kopiowanie), ` +
      'więc nie został zapisany. Otwórz go w programie do zdjęć, zapisz ponownie jako JPEG lub PNG i prześlij jeszcze raz.',
    { fileName: name, reason },
  );
}

/** Throws a 400 ValidationError naming the first file that claims to be an image but is too large or broken. */
export async function assertImagesDecode(files: IncomingFile | IncomingFile[] | undefined | null): Promise<void> {
  const list = (Array.isArray(files) ? files : [files]).filter((f): f is IncomingFile => !!f);
  for (const file of list) {
    if (!file.filepath || !claimsToBeImage(file)) continue;
    const size = await headerSize(file.filepath);
    const limit = maxImagePixels();
    if (size && size.width * size.height > limit) throw oversizedImageError(fileDisplayName(file), size, limit);
    try {
      await decodeCheck(file.filepath);
    } catch (error) {
      throw corruptImageError(fileDisplayName(file), error instanceof Error ? error.message : String(error));
    }
  }
}
