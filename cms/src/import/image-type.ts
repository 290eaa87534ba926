import fs from 'node:fs/promises';

// The kind of image a file holds, read from its first bytes: a name or a declared type says
// nothing about what an old site served (an HTML error page saved as photo.jpg).

export type ImportImageMime = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif';

export const IMPORT_IMAGE_EXT: Record<ImportImageMime, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'image/gif': '.gif',
};

export function sniffImage(head: Uint8Array): ImportImageMime | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head[0] === 0x89 && ascii(1, 8) === 'PNG\r\n\x1a\n') return 'image/png';
  if (head.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'image/gif';
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export async function sniffImageFile(filepath: string): Promise<ImportImageMime | null> {
  const handle = await fs.open(filepath, 'r');
  try {
    const head = new Uint8Array(16);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return sniffImage(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
