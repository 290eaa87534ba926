import { EXPORT_MAX_IDS, listResponse, type ExportCollection } from '@cus/shared';
import { getJson, type HttpOptions } from './http.ts';

// Reading the CMS's export endpoint (cms/src/api/site-export): pages of entries several at a
// time, handed on in order as they come; entries by documentId; and the [documentId, updatedAt]
// list an incremental sync compares against. Entries come back raw; the loader validates them.

export interface SourceOptions extends HttpOptions {
  /** Base address of the CMS, e.g. http://127.0.0.1:1337 */
  url: string;
  pageSize?: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

const endpoint = (source: SourceOptions, collection: string, params: Record<string, string | number>) =>
  `${source.url.replace(/\/+$/, '')}/api/site-export/${collection}?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]))}`;

function envelope(body: unknown, url: string) {
  const parsed = listResponse.safeParse(body);
  if (!parsed.success) throw new Error(`The CMS answered GET ${url} with something that is not an export page: ${JSON.stringify(body).slice(0, 200)}`);
  return parsed.data;
}

/** Runs `work` over `items` with at most `limit` promises pending. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
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

/**
 * Receives the entries of one page of an answer, and the CMS's digest of each (documentId → a
 * hash that moves whenever its bytes as sent do; absent from a CMS that sends none); pages come in order.
 */
export type OnPage = (entries: unknown[], digests: Readonly<Record<string, string>> | undefined) => void;

type Page = { data: unknown[]; digests?: Record<string, string> | undefined };

/**
 * Hands each page to `onPage` in page order as soon as it and every page before it have come,
 * each entry once (a page boundary can shift while we read): the caller's work on one page runs
 * while the CMS prepares the next ones, and no page waits for the whole answer.
 */
function inOrder(onPage: OnPage) {
  const waiting = new Map<number, Page>();
  const seen = new Set<string>();
  let next = 0;
  return (index: number, answer: Page) => {
    waiting.set(index, answer);
    for (let page = waiting.get(next); page !== undefined; page = waiting.get(next)) {
      waiting.delete(next++);
      onPage(
        page.data.filter((e) => {
          const id = (e as { documentId?: string }).documentId;
          if (!id) return true;
          if (seen.has(id)) return false;
          seen.add(id);
          return true;
        }),
        page.digests,
      );
    }
  };
}

/** Every published entry of a collection, page by page. */
export async function forEachPage(source: SourceOptions, collection: ExportCollection, onPage: OnPage): Promise<void> {
  const pageSize = source.pageSize ?? 500;
  const firstUrl = endpoint(source, collection, { page: 1, pageSize });
  const first = envelope(await getJson(firstUrl, source), firstUrl);
  const deliver = inOrder(onPage);
  deliver(0, first);
  const rest = Array.from({ length: Math.max(0, first.meta.pagination.pageCount - 1) }, (_, i) => i + 2);
  await mapLimit(rest, source.concurrency ?? 4, async (page) => {
    const url = endpoint(source, collection, { page, pageSize });
    deliver(page - 1, envelope(await getJson(url, source), url));
  });
}

/** The entries with these documentIds (those still published), a page of ids at a time. */
export async function forEachById(source: SourceOptions, collection: ExportCollection, ids: readonly string[], onPage: OnPage): Promise<void> {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += EXPORT_MAX_IDS) chunks.push(ids.slice(i, i + EXPORT_MAX_IDS));
  const deliver = inOrder(onPage);
  await mapLimit(chunks.map((chunk, index) => ({ chunk, index })), source.concurrency ?? 4, async ({ chunk, index }) => {
    const url = endpoint(source, collection, { ids: chunk.join(','), pageSize: chunk.length });
    deliver(index, envelope(await getJson(url, source), url));
  });
}

/** documentId → updatedAt (ISO) of every published entry of a collection, or of every file. */
export async function fetchVersions(source: SourceOptions, collection: ExportCollection | 'files'): Promise<Map<string, string>> {
  const url = endpoint(source, collection, { view: 'versions' });
  const body = (await getJson(url, source)) as { data?: unknown };
  if (!Array.isArray(body?.data)) throw new Error(`The CMS answered GET ${url} without a list of versions.`);
  return new Map((body.data as [string, string][]).map(([id, at]) => [id, new Date(at).toISOString()]));
}
