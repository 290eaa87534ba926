// GET JSON from Strapi with a few retries. Transient failures (network errors, timeouts,
// HTTP 429 and 5xx) are retried with exponential backoff; anything else fails at once.
// Every failure names the URL and the reason, never the token.

export interface HttpOptions {
  token?: string;
  /** Attempts in all, the first included. */
  attempts?: number;
  /** Delay before the first retry; doubles each time. */
  backoffMs?: number;
  timeoutMs?: number;
}

export class StrapiRequestError extends Error {
  readonly url: string;
  readonly status: number | undefined;
  constructor(url: string, reason: string, attempts: number, status?: number) {
    const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    super(`Request to the CMS failed${tries}: GET ${shortUrl(url)}: ${reason}`);
    this.name = 'StrapiRequestError';
    this.url = url;
    this.status = status;
  }
}

/** The query strings of populate-heavy requests run to kilobytes: a message shows their start. */
const shortUrl = (url: string) => (url.length > 160 ? `${url.slice(0, 150)}…` : url);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** "connect ECONNREFUSED 127.0.0.1:1337" rather than undici's bare "fetch failed". */
function networkReason(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'no answer before the timeout';
  const cause = e?.cause;
  if (cause?.message) return cause.code && !cause.message.includes(cause.code) ? `${cause.code} ${cause.message}` : cause.message;
  return e?.message ?? String(err);
}

function hint(status: number): string {
  if (status === 401 || status === 403) return ' (is STRAPI_TOKEN a valid read-only API token?)';
  if (status === 404) return ' (is STRAPI_URL the address of the CMS, and does this content type exist there?)';
  if (status === 400) return ' (the CMS refused the query: its content model and the site disagree)';
  return '';
}

async function bodyExcerpt(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const msg = (JSON.parse(text) as { error?: { message?: string } }).error?.message;
    if (msg) return msg;
  } catch {
    // not JSON
  }
  return text.replace(/\s+/g, ' ').slice(0, 200);
}

/** A successful response, after retrying what is worth retrying. */
async function fetchWithRetry(url: string, opts: HttpOptions, accept: string): Promise<{ res: Response; attempt: number }> {
  const attempts = Math.max(1, opts.attempts ?? 4);
  const backoff = opts.backoffMs ?? 500;
  const headers: Record<string, string> = { accept };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;

  let reason = '';
  let status: number | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await sleep(backoff * 2 ** (attempt - 2) * (0.75 + Math.random() * 0.5));
    let res: Response;
    try {
      res = await fetch(url, { headers, signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000) });
    } catch (err) {
      reason = networkReason(err);
      status = undefined;
      continue;
    }
    if (res.ok) return { res, attempt };
    status = res.status;
    reason = `HTTP ${res.status} ${res.statusText}: ${await bodyExcerpt(res)}${hint(res.status)}`;
    const transient = res.status === 429 || res.status >= 500;
    if (!transient) throw new StrapiRequestError(url, reason, attempt, status);
  }
  throw new StrapiRequestError(url, reason, attempts, status);
}

export async function getJson(url: string, opts: HttpOptions = {}): Promise<unknown> {
  const { res, attempt } = await fetchWithRetry(url, opts, 'application/json');
  try {
    return await res.json();
  } catch {
    throw new StrapiRequestError(url, `HTTP ${res.status} but the body is not JSON`, attempt, res.status);
  }
}

/** A file (an uploaded photo or PDF). Media URLs are public: no token is sent. */
export async function getBytes(url: string, opts: Omit<HttpOptions, 'token'> = {}): Promise<Uint8Array> {
  const { res } = await fetchWithRetry(url, opts, '*/*');
  return new Uint8Array(await res.arrayBuffer());
}
