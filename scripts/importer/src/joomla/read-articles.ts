import type { SourceEntry, SourceSite } from '../source-item.ts';
import { getJson, JoomlaApiError, type JoomlaHttpOptions } from './api-client.ts';
import { articleEntry, type JoomlaCategory } from './article-entry.ts';

// Joomla 4/5 articles over the Web Services API, page by page (JSON:API, links.next). The first
// page is fetched before this returns, so a wrong address or token fails the run before anything
// is written; later pages are fetched as the consumer asks for items.

export interface ReadJoomlaOptions {
  token?: string;
  /** Only this category's articles (filter[category]). */
  categoryId?: number;
  fetchImpl?: typeof fetch;
  /** Articles per request (page[limit], default 20). */
  pageSize?: number;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  /** Per response (default 20 MB). */
  maxResponseBytes?: number;
  /** Bound on the pages followed (default 1000). */
  maxPages?: number;
}

export interface JoomlaArticles {
  site: SourceSite;
  entries: AsyncIterable<SourceEntry>;
}

interface Page {
  data: unknown[];
  next?: string;
  included: unknown[];
}

/** The site's root: what an administrator may paste ("…/administrator/", "…/api/index.php/v1") is cut back to it. */
function siteRoot(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new JoomlaApiError(`Adres „${baseUrl}” nie jest adresem strony (oczekiwano np. https://cus.gmina.pl).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new JoomlaApiError(`Adres „${baseUrl}” musi zaczynać się od http:// albo https://.`);
  url.search = '';
  url.hash = '';
  url.pathname = url.pathname.replace(/\/(api|administrator)(\/.*)?$/, '').replace(/\/index\.php$/, '').replace(/\/+$/, '');
  return url;
}

export async function readJoomlaArticles(baseUrl: string, options: ReadJoomlaOptions = {}): Promise<JoomlaArticles> {
  const root = siteRoot(baseUrl);
  const token = options.token?.trim() || undefined;
  // An HTTP header carries ASCII only; a token pasted with other characters would fail obscurely.
  if (token !== undefined && !/^[\x21-\x7e]+$/.test(token)) {
    throw new JoomlaApiError('Token API zawiera niedozwolone znaki (spacje, polskie litery?): skopiuj go ponownie z profilu użytkownika Joomli (zakładka „Token API”).');
  }
  const base = root.href.replace(/\/+$/, '');
  const http: JoomlaHttpOptions = {
    token,
    fetchImpl: options.fetchImpl ?? fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxResponseBytes: options.maxResponseBytes ?? 20 * 1024 * 1024,
  };
  const pageSize = options.pageSize ?? 20;
  const maxPages = options.maxPages ?? 1000;

  const articlesUrl = (offset: number, limit: number) => {
    const url = new URL(`${base}/api/index.php/v1/content/articles`);
    url.searchParams.set('page[offset]', String(offset));
    url.searchParams.set('page[limit]', String(limit));
    if (options.categoryId !== undefined) url.searchParams.set('filter[category]', String(options.categoryId));
    return url.href;
  };

  const fetchPage = async (url: string): Promise<Page> => {
    const { status, body } = await getJson(url, http);
    if (status === 404) {
      throw new JoomlaApiError(`Nie znaleziono API artykułów Joomli pod ${url} (404). Sprawdź adres strony i czy wtyczka „Web Services – Content” jest włączona.`, 404);
    }
    const doc = body as { data?: unknown; links?: { next?: unknown }; included?: unknown } | null;
    if (!doc || typeof doc !== 'object' || !Array.isArray(doc.data)) {
      throw new JoomlaApiError(`Odpowiedź spod ${url} nie jest listą artykułów API Joomli (brak tablicy „data”).`);
    }
    return { data: doc.data, next: typeof doc.links?.next === 'string' ? doc.links.next : undefined, included: Array.isArray(doc.included) ? doc.included : [] };
  };

  // Categories: from `included` when the page carries them, else one request per id, cached.
  const categories = new Map<number, Promise<JoomlaCategory | undefined>>();
  const remember = (resource: unknown) => {
    const r = resource as { type?: unknown; id?: unknown; attributes?: Record<string, unknown> };
    if (r?.type !== 'categories') return;
    const category = categoryOf(r);
    if (category && !categories.has(category.id)) categories.set(category.id, Promise.resolve(category));
  };
  const category = (id: number) => {
    let cached = categories.get(id);
    if (!cached) {
      cached = getJson(`${base}/api/index.php/v1/content/categories/${id}`, http).then(({ status, body }) =>
        // A category that is gone leaves the article without one; it does not stop the import.
        status === 404 ? undefined : categoryOf((body as { data?: unknown } | undefined)?.data),
      );
      categories.set(id, cached);
    }
    return cached;
  };

  const first = await fetchPage(articlesUrl(0, pageSize));
  const ctx = { base, host: root.hostname, category };

  async function* entries(): AsyncGenerator<SourceEntry> {
    let page = first;
    let offset = 0;
    for (let pages = 1; ; pages += 1) {
      page.included.forEach(remember);
      for (const resource of page.data) yield await articleEntry(resource as Parameters<typeof articleEntry>[0], ctx);
      if (!page.next || page.data.length === 0) return;
      // Joomla builds links.next from its own idea of its address (Uri::root), which behind a
      // proxy may not be the address given; only its paging parameters are taken.
      const next = new URL(page.next, `${base}/`).searchParams;
      const nextOffset = Number(next.get('page[offset]'));
      const nextLimit = Number(next.get('page[limit]') ?? pageSize) || pageSize;
      if (!Number.isInteger(nextOffset) || nextOffset <= offset) {
        throw new JoomlaApiError(`API Joomli podało nieprawidłowy adres następnej strony: ${page.next}`);
      }
      if (pages >= maxPages) throw new JoomlaApiError(`API Joomli ma więcej niż ${maxPages} stron artykułów: przerwano (zawęź import opcją --category).`);
      offset = nextOffset;
      page = await fetchPage(articlesUrl(nextOffset, nextLimit));
    }
  }

  return { site: { title: root.hostname, baseUrl: base }, entries: entries() };
}

function categoryOf(resource: unknown): JoomlaCategory | undefined {
  const r = resource as { id?: unknown; attributes?: Record<string, unknown> } | undefined;
  const a = r?.attributes ?? {};
  const id = Number(a.id ?? r?.id);
  const title = typeof a.title === 'string' ? a.title.trim() : '';
  if (!Number.isInteger(id) || !title) return undefined;
  const alias = typeof a.alias === 'string' && a.alias ? a.alias : undefined;
  const path = typeof a.path === 'string' && a.path ? a.path : undefined;
  return { id, title, ...(alias ? { alias } : {}), ...(path ? { path } : {}) };
}
