// Settings of the image variants, from the environment (documented in cms/.env.example).
// A bad value must not stop the CMS: it falls back to the default and says so in the log.

export interface ImageVariantsConfig {
  /** Target widths in px, ascending. */
  widths: number[];
  /** Jobs encoded at the same time. */
  concurrency: number;
  /** Jobs that may wait in line; an upload beyond that waits for room. */
  queueMax: number;
}

export const DEFAULT_WIDTHS = [480, 960, 1600];
export const DEFAULT_CONCURRENCY = 1;
export const DEFAULT_QUEUE_MAX = 1000;

const MIN_WIDTH = 16;
const MAX_WIDTH = 8192;

function positiveInt(name: string, raw: string | undefined, fallback: number, warn: (m: string) => void): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (Number.isInteger(value) && value >= 1) return value;
  warn(`${name}="${raw}" nie jest dodatnią liczbą całkowitą; przyjęto ${fallback}.`);
  return fallback;
}

export function parseWidths(raw: string | undefined, warn: (m: string) => void): number[] {
  if (raw === undefined || raw.trim() === '') return [...DEFAULT_WIDTHS];
  const parts = raw.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const widths = parts.map(Number).filter((w) => Number.isInteger(w) && w >= MIN_WIDTH && w <= MAX_WIDTH);
  if (widths.length !== parts.length || widths.length === 0) {
    warn(
      `IMAGE_VARIANT_WIDTHS="${raw}": szerokości muszą być liczbami całkowitymi od ${MIN_WIDTH} do ${MAX_WIDTH}, ` +
        `rozdzielonymi przecinkami; ${widths.length > 0 ? `przyjęto ${widths.join(',')}` : `przyjęto ${DEFAULT_WIDTHS.join(',')}`}.`,
    );
  }
  if (widths.length === 0) return [...DEFAULT_WIDTHS];
  return [...new Set(widths)].sort((a, b) => a - b);
}

export function readImageVariantsConfig(
  env: Record<string, string | undefined> = process.env,
  warn: (m: string) => void = () => {},
): ImageVariantsConfig {
  return {
    widths: parseWidths(env.IMAGE_VARIANT_WIDTHS, warn),
    concurrency: positiveInt('IMAGE_QUEUE_CONCURRENCY', env.IMAGE_QUEUE_CONCURRENCY, DEFAULT_CONCURRENCY, warn),
    queueMax: positiveInt('IMAGE_QUEUE_MAX', env.IMAGE_QUEUE_MAX, DEFAULT_QUEUE_MAX, warn),
  };
}

/** Largest image accepted at upload, in pixels (width × height): IMAGE_MAX_PIXELS, default 50 MP. */
export const DEFAULT_MAX_PIXELS = 50_000_000;

// Read at each use (not cached): tests and operators change it without a code path to reset.
export function maxImagePixels(env: Record<string, string | undefined> = process.env): number {
  const raw = env.IMAGE_MAX_PIXELS?.trim();
  const value = raw ? Number(raw) : NaN;
  return Number.isInteger(value) && value >= 1 ? value : DEFAULT_MAX_PIXELS;
}
