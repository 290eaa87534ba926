import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

// A local stand-in for the old sites, for tests (Node http only):
//   /wordpress/<name>.xml       the WXR fixtures, with the placeholder host WP_PLACEHOLDER
//                               replaced by this server's address (so attachment URLs reach it)
//   /wp-content/uploads/…       the WordPress uploads (one attachment of the export is missing: 404)
//   /joomla/api/index.php/v1/…  Joomla's Web Services API over fixtures/joomla (token checked)
//   /joomla/images/…            the Joomla images
//   /not-joomla/…               an HTML page where the API should be (wrong address)
//   /slow/…                     never answers (timeouts)
// Every request is recorded in `requests` ("GET /path?query").

export const FIXTURES_DIR = path.join(import.meta.dirname, '../fixtures');
/** Host the WordPress fixtures use for images; served files have it replaced by the server's URL. */
export const WP_PLACEHOLDER = 'http://wp.fixture.test';
/** Host the Joomla fixtures use for absolute image URLs; replaced by `<server>/joomla`. */
export const JOOMLA_PLACEHOLDER = 'http://joomla.fixture.test';
/** The API token the fixture Joomla accepts (Joomla's format: base64 of "sha256:<user id>:<hmac>"). */
export const JOOMLA_FIXTURE_TOKEN = 'c2hhMjU2OjQyOmZpeHR1cmUtdG9rZW4tY3Vz';
/** The most articles the fixture Joomla returns in one page (6 articles: two pages). */
export const JOOMLA_FIXTURE_MAX_LIMIT = 4;
/** A token Joomla knows whose user may not use the API: answered 403. */
export const JOOMLA_FORBIDDEN_TOKEN = 'c2hhMjU2OjQzOmJlei11cHJhd25pZW4';

export interface FixtureServer {
  /** "http://127.0.0.1:<port>" */
  url: string;
  /** The Joomla site's address on this server. */
  joomlaUrl: string;
  requests: string[];
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** The fixture export with the placeholder host pointed at a server. */
export function exportFor(serverUrl: string, name = 'cus-export.xml'): string {
  return fs.readFileSync(path.join(FIXTURES_DIR, 'wordpress', name), 'utf8').replaceAll(WP_PLACEHOLDER, serverUrl);
}

/** Writes exportFor(serverUrl, name) into dir (the WordPress reader reads files) and returns its path. */
export function writeExportFor(serverUrl: string, dir: string, name = 'cus-export.xml'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, exportFor(serverUrl, name));
  return file;
}

/** A file under root, or undefined for anything outside it or missing. */
function fileUnder(root: string, relative: string): string | undefined {
  const file = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`);
  if (!file.startsWith(`${root}${path.sep}`)) return undefined;
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ? file : undefined;
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

const JSON_API = 'application/vnd.api+json; charset=utf-8';
const apiError = (res: http.ServerResponse, status: number, title: string) => send(res, status, JSON_API, JSON.stringify({ errors: [{ title, code: status }] }));

interface Resource {
  id: string;
  attributes: Record<string, unknown>;
  relationships?: { category?: { data?: { id?: string } } };
}

function joomlaApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL, serverUrl: string) {
  const token = req.headers['x-joomla-token'] ?? /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (token === JOOMLA_FORBIDDEN_TOKEN) return apiError(res, 403, 'Forbidden');
  if (token !== JOOMLA_FIXTURE_TOKEN) return apiError(res, 401, 'Forbidden');
  const joomlaUrl = `${serverUrl}/joomla`;
  const load = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'joomla', name), 'utf8').replaceAll(JOOMLA_PLACEHOLDER, joomlaUrl)) as Resource[];
  const route = url.pathname.slice('/joomla/api/index.php/v1/content/'.length);

  const categoryId = /^categories\/(\d+)$/.exec(route)?.[1];
  if (categoryId) {
    const category = load('categories.json').find((c) => c.id === categoryId);
    if (!category) return apiError(res, 404, 'Resource not found');
    return send(res, 200, JSON_API, JSON.stringify({ links: { self: `${joomlaUrl}/api/index.php/v1/content/categories/${categoryId}` }, data: category }));
  }
  if (route !== 'articles') return apiError(res, 404, 'Resource not found');

  const filter = url.searchParams.get('filter[category]');
  const all = load('articles.json').filter((a) => filter === null || String(a.attributes.catid ?? a.relationships?.category?.data?.id) === filter);
  const offset = Number(url.searchParams.get('page[offset]') ?? 0) || 0;
  // Like a site whose list limit is set low: never more than JOOMLA_FIXTURE_MAX_LIMIT a page,
  // whatever is asked (links.next then says which limit it used), so the fixture has two pages.
  const limit = Math.min(Number(url.searchParams.get('page[limit]') ?? 20) || 20, JOOMLA_FIXTURE_MAX_LIMIT);
  // Links as Joomla writes them: from its own root, brackets percent-encoded, the filter kept.
  const link = (at: number) => {
    const to = new URL(`${joomlaUrl}/api/index.php/v1/content/articles`);
    if (filter !== null) to.searchParams.set('filter[category]', filter);
    to.searchParams.set('page[offset]', String(at));
    to.searchParams.set('page[limit]', String(limit));
    return to.href;
  };
  const lastOffset = Math.max(0, Math.floor((all.length - 1) / limit) * limit);
  const links: Record<string, string> = { self: link(offset), first: link(0), last: link(lastOffset) };
  if (offset + limit < all.length) links.next = link(offset + limit);
  if (offset > 0) links.previous = link(Math.max(0, offset - limit));
  send(res, 200, JSON_API, JSON.stringify({ links, data: all.slice(offset, offset + limit), meta: { 'total-pages': Math.max(1, Math.ceil(all.length / limit)) } }));
}

export async function serveFixtures(): Promise<FixtureServer> {
  const requests: string[] = [];
  let serverUrl = '';
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', serverUrl);
    const p = decodeURIComponent(url.pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Metoda niedozwolona');
    if (p.startsWith('/slow/')) return; // never answered; close() ends the connection
    if (p.startsWith('/not-joomla/')) {
      return send(res, 200, 'text/html; charset=utf-8', '<!doctype html><html lang="pl"><title>CUS</title><h1>Strona główna</h1></html>');
    }
    if (p.startsWith('/joomla/api/index.php/v1/content/')) return joomlaApi(req, res, url, serverUrl);
    const wxr = /^\/wordpress\/([\w.-]+\.xml)$/.exec(p)?.[1];
    if (wxr && fileUnder(path.join(FIXTURES_DIR, 'wordpress'), wxr)) return send(res, 200, CONTENT_TYPES['.xml']!, exportFor(serverUrl, wxr));
    const file = p.startsWith('/wp-content/uploads/')
      ? fileUnder(path.join(FIXTURES_DIR, 'wordpress/uploads'), p.slice('/wp-content/uploads/'.length))
      : p.startsWith('/joomla/images/')
        ? fileUnder(path.join(FIXTURES_DIR, 'joomla/images'), p.slice('/joomla/images/'.length))
        : undefined;
    if (!file) return send(res, 404, 'text/html; charset=utf-8', '<!doctype html><title>404</title><h1>Nie znaleziono</h1>');
    send(res, 200, CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream', fs.readFileSync(file));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: serverUrl,
    joomlaUrl: `${serverUrl}/joomla`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
