import { listResponse, singleResponse } from '@cus/shared';
import { getJson, type HttpOptions } from './http.ts';
import { toQueryString } from './query-string.ts';
import type { CollectionQuery } from './queries.ts';

// Every published entry of one content type: page 1 tells how many pages there are, the rest
// are fetched several at a time (Strapi caps pageSize at 100). Entries come back raw; the
// loader validates them.

export interface SourceOptions extends HttpOptions {
  /** Base address of the CMS, e.g. http://127.0.0.1:1337 */
  url: string;
  pageSize?: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

function endpointUrl(source: SourceOptions, query: CollectionQuery, page?: number): string {
  const params = { ...query.params, status: 'published' } as CollectionQuery['params'];
  if (page !== undefined) {
    params.pagination = { page, pageSize: source.pageSize ?? 100 };
    // A stable order, or an entry could fall between two pages.
    params.sort = ['id:asc'];
  }
  return `${source.url.replace(/\/+$/, '')}/api/${query.endpoint}?${toQueryString(params)}`;
}

function envelope<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, body: unknown, url: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`Strapi answered GET ${url} with something that is not a REST response: ${JSON.stringify(body).slice(0, 200)}`);
  return parsed.data;
}

/** Runs `work` over `items` with at most `limit` promises pending. */
async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  });
  await Promise.all(runners);
  return out;
}

export async function fetchEntries(source: SourceOptions, query: CollectionQuery): Promise<unknown[]> {
  if (query.single) {
    const url = endpointUrl(source, query);
    let raw: unknown;
    try {
      raw = await getJson(url, source);
    } catch (err) {
      // A single type nobody has filled in answers 404: no entry, not a broken CMS.
      if ((err as { status?: number }).status === 404) return [];
      throw err;
    }
    const body = envelope(singleResponse, raw, url);
    return body.data ? [body.data] : [];
  }
  const firstUrl = endpointUrl(source, query, 1);
  const first = envelope(listResponse, await getJson(firstUrl, source), firstUrl);
  const { pageCount } = first.meta.pagination;
  const rest = Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => i + 2);
  const pages = await mapLimit(rest, source.concurrency ?? 4, async (page) => {
    const url = endpointUrl(source, query, page);
    return envelope(listResponse, await getJson(url, source), url).data;
  });
  const all = [first.data, ...pages].flat();
  // Entries published or deleted while we paged can shift a page boundary: never keep one twice.
  const seen = new Set<string>();
  return all.filter((e) => {
    const id = (e as { documentId?: string }).documentId;
    if (!id) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
