import sharp from 'sharp';

// Test images and uploads for the image variant tests (and the benchmark).

/**
 * A photo-like JPEG: smooth colour fields with edges and a little grain, so the encoders have
 * work close to a real photo's (flat colour would make AVIF look unrealistically fast).
 */
export async function photoJpeg(width: number, height: number, opts: { seed?: number; orientation?: number } = {}): Promise<Buffer> {
  const raw = new Uint8ClampedArray(width * height * 3);
  const phase = opts.seed ?? 0;
  let s = 12345 + phase;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const grain = (rnd() - 0.5) * 16;
      const edge = (Math.floor(x / 97) + Math.floor(y / 83)) % 7 === 0 ? 40 : 0;
      raw[i] = 120 + 100 * Math.sin(x / 170 + phase) + grain + edge;
      raw[i + 1] = 110 + 90 * Math.cos(y / 130 + x / 400) + grain;
      raw[i + 2] = 90 + 80 * Math.sin((x + y) / 260) + grain - edge;
    }
  }
  let image = sharp(Buffer.from(raw.buffer), { raw: { width, height, channels: 3 } }).blur(0.8);
  if (opts.orientation) image = image.withMetadata({ orientation: opts.orientation });
  return image.jpeg({ quality: 88 }).toBuffer();
}

export interface UploadResult {
  status: number;
  body: any;
  ms: number;
}

/** Multipart POST /api/upload (or replace with `?id=`), as a browser or the REST client sends it. */
export async function uploadFile(
  baseUrl: string,
  token: string,
  bytes: Uint8Array,
  name: string,
  type: string,
  opts: { replaceId?: number } = {},
): Promise<UploadResult> {
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(bytes)], { type }), name);
  const started = performance.now();
  const res = await fetch(`${baseUrl}/api/upload${opts.replaceId ? `?id=${opts.replaceId}` : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body, ms };
}

/** Polls `check` until it returns a value (not undefined/false) or the time is up. */
export async function waitFor<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
