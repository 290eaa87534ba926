// GET JSON from Strapi with a few retries. Transient failures (network errors, timeouts,
// HTTP 429 and 5xx) are retried with exponential backoff; anything else fails at once.
// Every failure names the URL and the reason, never the token.
// A CMS that accepts the connection and never answers is bounded twice: each request (its body
// included) has a timeout (CMS_REQUEST_TIMEOUT_MS, 20 s), and the time lost to requests that
// timed out, across the whole build, has a budget (CMS_STALL_BUDGET_MS, 30 s): once spent,
// the build stops, naming the request that hung, rather than retry for minutes.

export interface HttpOptions {
  token?: string;
  /** Attempts in all, the first included. */
  attempts?: number;
  /** Delay before the first retry; doubles each time. */
  backoffMs?: number;
  timeoutMs?: number;
  /** Time lost to timeouts after which nothing is retried (default CMS_STALL_BUDGET_MS or 30 s). */
  stallBudgetMs?: number;
}

export class StrapiRequestError extends Error {
  readonly url: string;
  readonly status: number | undefined;
  /** "GET <url>" (the token is never in it). */
  readonly request: string;
  /** The CMS did not answer in time. */
  readonly hung: boolean;
  constructor(url: string, reason: string, attempts: number, status?: number, hung = false) {
    const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    super(`Request to the CMS ${hung ? 'hung' : 'failed'}${tries}: GET ${shortUrl(url)}: ${reason}`);
    this.name = 'StrapiRequestError';
    this.url = url;
    this.status = status;
    this.request = `GET ${shortUrl(url)}`;
    this.hung = hung;
  }
}

const envMs = (name: string, fallback: number) => {
  const v = process.env[name];
  return v && /^\d+$/.test(v) ? Number(v) : fallback;
};

/** Time lost to requests that timed out, in this build process. */
let stalledMs = 0;
/** For tests: a new build. */
export function resetStallBudget(): void {
  stalledMs = 0;
}

/** A body that arrived whole but is not what was asked for (not retried). */
class UnreadableBody extends Error {}

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

/** A successful response, read by `read`, after retrying what is worth retrying. */
async function fetchWithRetry<T>(url: string, opts: HttpOptions, accept: string, read: (res: Response) => Promise<T>): Promise<T> {
  const attempts = Math.max(1, opts.attempts ?? 4);
  const backoff = opts.backoffMs ?? 500;
  const timeoutMs = opts.timeoutMs ?? envMs('CMS_REQUEST_TIMEOUT_MS', 20_000);
  const budgetMs = opts.stallBudgetMs ?? envMs('CMS_STALL_BUDGET_MS', 30_000);
  const headers: Record<string, string> = { accept };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;

  let reason = '';
  let status: number | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const left = budgetMs - stalledMs;
    if (left <= 0) {
      throw new StrapiRequestError(url, `no answer; requests to the CMS have waited ${Math.round(stalledMs / 1000)} s in all without an answer in this build`, attempt - 1, undefined, true);
    }
    if (attempt > 1) await sleep(backoff * 2 ** (attempt - 2) * (0.75 + Math.random() * 0.5));
    const limit = Math.min(timeoutMs, left);
    const signal = AbortSignal.timeout(limit);
    let res: Response;
    try {
      res = await fetch(url, { headers, signal });
    } catch (err) {
      if ((err as Error)?.name === 'TimeoutError') {
        stalledMs += limit;
        reason = `no answer within ${(limit / 1000).toFixed(0)} s`;
        status = undefined;
        continue;
      }
      reason = networkReason(err);
      status = undefined;
      continue;
    }
    if (res.ok) {
      try {
        return await read(res);
      } catch (err) {
        if (signal.aborted) {
          stalledMs += limit;
          reason = `the answer did not end within ${(limit / 1000).toFixed(0)} s`;
          status = undefined;
          continue;
        }
        throw new StrapiRequestError(url, `HTTP ${res.status} but ${err instanceof UnreadableBody ? err.message : 'the body could not be read'}`, attempt, res.status);
      }
    }
    status = res.status;
    reason = `HTTP ${res.status} ${res.statusText}: ${await bodyExcerpt(res)}${hint(res.status)}`;
    const transient = res.status === 429 || res.status >= 500;
    if (!transient) throw new StrapiRequestError(url, reason, attempt, status);
  }
  throw new StrapiRequestError(url, reason, attempts, status, status === undefined && /no answer|did not end/.test(reason));
}

export async function getJson(url: string, opts: HttpOptions = {}): Promise<unknown> {
  return fetchWithRetry(url, opts, 'application/json', async (res) => {
    const text = await res.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new UnreadableBody('the body is not JSON');
    }
  });
}

/** A file (an uploaded photo or PDF). Media URLs are public: no token is sent. */
export async function getBytes(url: string, opts: Omit<HttpOptions, 'token'> = {}): Promise<Uint8Array> {
  return fetchWithRetry(url, opts, '*/*', async (res) => new Uint8Array(await res.arrayBuffer()));
}
