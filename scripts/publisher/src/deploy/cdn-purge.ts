// Tells a CDN in front of the bucket to drop its copies of the paths a publish changed, so a
// page edited in the CMS is not served stale for the pages' s-maxage. The protocol is our own,
// small enough for any CDN's API or a few lines of glue (a worker, a function):
//
//   POST <CDN_PURGE_URL>
//   Authorization: Bearer <CDN_PURGE_TOKEN>      (or <CDN_PURGE_HEADER>: <CDN_PURGE_TOKEN>)
//   Content-Type: application/json
//   {"paths": ["/wydarzenia/a/", "/wydarzenia/a/index.html", "/media/photo.jpg"]}
//
// at most CDN_PURGE_BATCH paths a request (default 100); any 2xx answer counts as done. A
// change of more than CDN_PURGE_ALL_FROM paths (default 2,000, e.g. the first sync of a site)
// sends one {"all": true} instead of hundreds of batches.

export interface CdnPurgeConfig {
  url: string;
  token?: string;
  /** The header the token goes in (default Authorization, as "Bearer <token>"; any other: the token as it is). */
  header?: string;
  /** Paths a request (default 100). */
  batchSize?: number;
  /** More paths than this: one request purging everything (default 2000). */
  allFrom?: number;
  /** Per request (default 10 s). */
  timeoutMs?: number;
}

export interface PurgeReport {
  /** Paths purged (every path when the whole site was purged). */
  purged: number;
  requests: number;
  /** The whole site was purged at once. */
  all: boolean;
}

const MAX_BATCH = 1000;

/** Empty env values count as unset. */
const envValue = (env: NodeJS.ProcessEnv, name: string) => env[name]?.trim() || undefined;

function positiveInt(env: NodeJS.ProcessEnv, name: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const v = envValue(env, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) throw new Error(`${name} must be a whole number from 1 to ${max}, not "${v}"`);
  return Number(v);
}

/** CDN_PURGE_* from the environment; null when CDN_PURGE_URL is unset (no CDN to purge). */
export function cdnPurgeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): CdnPurgeConfig | null {
  const url = envValue(env, 'CDN_PURGE_URL');
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`CDN_PURGE_URL is not an address: "${url}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`CDN_PURGE_URL must be an http(s) address, not "${url}"`);
  const header = envValue(env, 'CDN_PURGE_HEADER');
  if (header && !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(header)) throw new Error(`CDN_PURGE_HEADER is not a header name: "${header}"`);
  const token = envValue(env, 'CDN_PURGE_TOKEN');
  const batchSize = positiveInt(env, 'CDN_PURGE_BATCH', MAX_BATCH);
  const allFrom = positiveInt(env, 'CDN_PURGE_ALL_FROM');
  return { url, ...(token ? { token } : {}), ...(header ? { header } : {}), ...(batchSize ? { batchSize } : {}), ...(allFrom ? { allFrom } : {}) };
}

/**
 * The addresses a CDN may have cached for a site file: the file's own, and for an index page
 * the folder's ('wydarzenia/a/index.html' → '/wydarzenia/a/' and '/wydarzenia/a/index.html').
 */
export function purgePaths(files: Iterable<string>): string[] {
  const paths = new Set<string>();
  for (const file of files) {
    paths.add(`/${file}`);
    if (file === 'index.html' || file.endsWith('/index.html')) paths.add(`/${file.slice(0, -'index.html'.length)}`);
  }
  return [...paths].sort();
}

/** Purges `paths` (site addresses, '/…'); throws naming the batch and the CDN's answer when a request fails. */
export async function purgeCdn(cfg: CdnPurgeConfig, paths: readonly string[]): Promise<PurgeReport> {
  if (paths.length === 0) return { purged: 0, requests: 0, all: false };
  const batchSize = Math.min(cfg.batchSize ?? 100, MAX_BATCH);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (cfg.token) {
    const header = cfg.header ?? 'Authorization';
    headers[header.toLowerCase()] = header.toLowerCase() === 'authorization' ? `Bearer ${cfg.token}` : cfg.token;
  }
  const send = async (body: object, what: string) => {
    let res: Response;
    try {
      res = await fetch(cfg.url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(cfg.timeoutMs ?? 10_000) });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      throw new Error(`CDN purge of ${what} at ${new URL(cfg.url).origin} failed: ${(err as Error).message}${cause ? ` (${cause})` : ''}`, { cause: err });
    }
    // The answer's text is for the message only; a CDN's error page may be long.
    const text = (await res.text().catch(() => '')).slice(0, 200);
    if (!res.ok) throw new Error(`CDN purge of ${what} at ${new URL(cfg.url).origin} failed: HTTP ${res.status}${text ? ` ${text}` : ''}`);
  };
  if (paths.length > (cfg.allFrom ?? 2000)) {
    await send({ all: true }, `the whole site (${paths.length} paths changed)`);
    return { purged: paths.length, requests: 1, all: true };
  }
  let requests = 0;
  for (let i = 0; i < paths.length; i += batchSize) {
    const batch = paths.slice(i, i + batchSize);
    await send({ paths: batch }, `${batch.length} path(s) from ${batch[0]}`);
    requests++;
  }
  return { purged: paths.length, requests, all: false };
}
