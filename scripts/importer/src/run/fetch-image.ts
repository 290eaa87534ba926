import fs from 'node:fs/promises';
import path from 'node:path';

// One image of the old site, as bytes: from the folder of uploads given with --uploads (the
// path after /wp-content/uploads/ under it) when it is there, else over HTTP. Bounded either
// way (size, time, redirects), and only the four formats the CMS takes, recognised by content.

export const IMAGE_LIMITS = { maxBytes: 25 * 1024 * 1024, timeoutMs: 30_000, maxRedirects: 5 };

export interface ImageBytes {
  bytes: Buffer;
  mime: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';
  /** A file name for the Media Library (the old one, with an extension that matches the content). */
  fileName: string;
  from: 'uploads' | 'http';
}

/** Why an image could not be had: unreachable (network, 404, time) or refused (not an image, too large). */
export class ImageProblem extends Error {
  readonly code: 'image_unreachable' | 'image_rejected';
  constructor(code: 'image_unreachable' | 'image_rejected', message: string) {
    super(message);
    this.code = code;
  }
}

const EXT: Record<ImageBytes['mime'], string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/gif': '.gif', 'image/webp': '.webp' };

/** The format by the file's first bytes (never by its name or the server's word). */
export function sniffImage(bytes: Uint8Array): ImageBytes['mime'] | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b.length >= 6 && String.fromCharCode(...b.subarray(0, 4)) === 'GIF8') return 'image/gif';
  if (b.length >= 12 && String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP') return 'image/webp';
  return null;
}

function fileNameOf(url: URL, mime: ImageBytes['mime']): string {
  let base: string;
  try {
    base = decodeURIComponent(path.posix.basename(url.pathname));
  } catch {
    base = path.posix.basename(url.pathname);
  }
  base = base.replace(/[\\/\0]/g, '').slice(-200) || 'zdjecie';
  const ext = path.posix.extname(base).toLowerCase();
  const fits = ext === EXT[mime] || (mime === 'image/jpeg' && ext === '.jpeg');
  return fits ? base : `${base.slice(0, base.length - ext.length) || 'zdjecie'}${EXT[mime]}`;
}

const UPLOADS = '/wp-content/uploads/';

/** The file under `dir` an uploads URL names, or null when the URL is not one (or would leave `dir`). */
export function localUploadPath(dir: string, url: URL): string | null {
  const at = url.pathname.indexOf(UPLOADS);
  if (at < 0) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname.slice(at + UPLOADS.length));
  } catch {
    return null;
  }
  const root = path.resolve(dir);
  const file = path.resolve(root, rel);
  return file.startsWith(root + path.sep) ? file : null;
}

function accept(bytes: Buffer, url: URL, from: ImageBytes['from']): ImageBytes {
  const mime = sniffImage(bytes);
  if (!mime) throw new ImageProblem('image_rejected', `Plik ${url.href} nie jest zdjęciem w formacie JPEG, PNG, GIF ani WebP`);
  return { bytes, mime, fileName: fileNameOf(url, mime), from };
}

async function fromUploads(dir: string, url: URL, maxBytes: number): Promise<ImageBytes | null> {
  const file = localUploadPath(dir, url);
  if (!file) return null;
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) return null;
  if (stat.size > maxBytes) throw new ImageProblem('image_rejected', `Plik ${file} ma ${mb(stat.size)} MB — więcej niż ${mb(maxBytes)} MB`);
  return accept(await fs.readFile(file), url, 'uploads');
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

async function readBounded(res: Response, url: URL, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new ImageProblem('image_rejected', `Zdjęcie ${url.href} ma ${mb(declared)} MB — więcej niż ${mb(maxBytes)} MB`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new ImageProblem('image_rejected', `Zdjęcie ${url.href} ma więcej niż ${mb(maxBytes)} MB`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

async function overHttp(start: URL, limits: typeof IMAGE_LIMITS, fetchImpl: typeof fetch): Promise<ImageBytes> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let url = start;
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ImageProblem('image_unreachable', `Zdjęcie ${start.href}: adres ${url.href} nie jest adresem http(s)`);
    }
    let res: Response;
    try {
      res = await fetchImpl(url, { redirect: 'manual', signal, headers: { accept: 'image/*' } });
    } catch (err) {
      const why = signal.aborted ? `brak odpowiedzi w ciągu ${limits.timeoutMs / 1000} s` : `nie można połączyć się z serwerem (${(err as Error).message})`;
      throw new ImageProblem('image_unreachable', `Nie udało się pobrać zdjęcia ${start.href}: ${why}`);
    }
    if (res.status >= 300 && res.status < 400 && res.headers.has('location')) {
      await res.body?.cancel();
      if (hop >= limits.maxRedirects) throw new ImageProblem('image_unreachable', `Nie udało się pobrać zdjęcia ${start.href}: więcej niż ${limits.maxRedirects} przekierowań`);
      url = new URL(res.headers.get('location')!, url);
      continue;
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new ImageProblem('image_unreachable', `Nie udało się pobrać zdjęcia ${start.href}: serwer odpowiedział HTTP ${res.status}`);
    }
    const type = (res.headers.get('content-type') ?? '').toLowerCase();
    if (!type.startsWith('image/')) {
      await res.body?.cancel();
      throw new ImageProblem('image_rejected', `Pod adresem ${start.href} nie ma zdjęcia (typ „${type || 'brak'}”)`);
    }
    try {
      return accept(await readBounded(res, start, limits.maxBytes), start, 'http');
    } catch (err) {
      if (err instanceof ImageProblem) throw err;
      throw new ImageProblem('image_unreachable', `Nie udało się pobrać zdjęcia ${start.href}: ${signal.aborted ? `brak odpowiedzi w ciągu ${limits.timeoutMs / 1000} s` : (err as Error).message}`);
    }
  }
}

export interface GetImageOptions {
  uploadsDir?: string;
  limits?: typeof IMAGE_LIMITS;
  fetchImpl?: typeof fetch;
}

/** The image's bytes, or an ImageProblem with a Polish message naming its address. */
export async function getImage(address: string, options: GetImageOptions = {}): Promise<ImageBytes> {
  const limits = options.limits ?? IMAGE_LIMITS;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new ImageProblem('image_unreachable', `Adres zdjęcia „${address.slice(0, 200)}” jest nieprawidłowy`);
  }
  if (options.uploadsDir) {
    const local = await fromUploads(options.uploadsDir, url, limits.maxBytes);
    if (local) return local;
  }
  return overHttp(url, limits, options.fetchImpl ?? fetch);
}
