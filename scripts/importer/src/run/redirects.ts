import fs from 'node:fs';
import path from 'node:path';
import { HAS_DRAFT, type ItemOutcome } from './outcome.ts';

// The redirect map: every old address of an imported report (its URL and the other addresses
// that reached it, such as WordPress's /?p=123) to its new one, /wydarzenia/<slug>/. Written in
// two forms for whoever serves the old addresses:
// - `_redirects` (Netlify, Cloudflare Pages): old path, new path, 301, for a host that now serves
//   the new site under the old domain. Old addresses with a query string (/?p=123,
//   /index.php?option=com_content&id=5) use Netlify's query-parameter form; Cloudflare Pages
//   matches paths only, so they sit in a section of their own that says so.
// - `redirects.nginx.conf`: an nginx `map` of $request_uri to the new absolute address, with the
//   server lines that use it in a comment (for an old server kept running).
// `redirects.json` keeps the whole map: a later run into the same --out adds to it and keeps
// what earlier runs wrote.

export interface RedirectEntry {
  /** The new site's path: /wydarzenia/<slug>/. */
  to: string;
  key?: string;
  title?: string;
}

export interface RedirectMap {
  version: 1;
  /** Old path (with query string) → where it goes now. */
  redirects: Record<string, RedirectEntry>;
}

export const REDIRECT_FILES = { json: 'redirects.json', netlify: '_redirects', nginx: 'redirects.nginx.conf' } as const;

export const newPath = (slug: string) => `/wydarzenia/${encodeURIComponent(slug)}/`;

/** The address relative to the old host ("/2023/11/konferencja/", "/?p=123"), or null for the home page or a non-http URL. */
export function oldPath(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const from = `${url.pathname}${url.search}`;
  return from === '/' ? null : from;
}

export function redirectsOf(outcomes: ItemOutcome[]): Map<string, RedirectEntry> {
  const map = new Map<string, RedirectEntry>();
  for (const o of outcomes) {
    if (!HAS_DRAFT.has(o.status) || !o.slug) continue;
    const to = newPath(o.slug);
    for (const address of [o.oldUrl, ...o.otherUrls]) {
      const from = address ? oldPath(address) : null;
      if (from && from !== to) map.set(from, { to, key: o.key, title: o.title });
    }
  }
  return map;
}

export function readRedirectMap(outDir: string): RedirectMap {
  const file = path.join(outDir, REDIRECT_FILES.json);
  if (!fs.existsSync(file)) return { version: 1, redirects: {} };
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as RedirectMap;
    if (parsed?.version === 1 && typeof parsed.redirects === 'object') return parsed;
  } catch {
    // unreadable: started again below
  }
  throw new Error(`Plik ${file} nie jest mapą przekierowań zapisaną przez import: usuń go albo podaj inny katalog --out`);
}

/** Earlier entries are kept; this run's override the same old paths. */
export function mergeRedirects(earlier: RedirectMap, fresh: Map<string, RedirectEntry>): RedirectMap {
  const redirects: Record<string, RedirectEntry> = { ...earlier.redirects };
  for (const [from, entry] of fresh) redirects[from] = entry;
  return { version: 1, redirects };
}

const sorted = (map: RedirectMap) => Object.entries(map.redirects).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Netlify's query-parameter form: "/index.php option=com_content id=5". */
function netlifyQuerySource(from: string): string {
  const url = new URL(from, 'http://old.invalid');
  const params = [...url.searchParams].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return `${url.pathname} ${params.join(' ')}`;
}

export function renderNetlify(map: RedirectMap, generatedAt: string): string {
  const entries = sorted(map);
  const plain = entries.filter(([from]) => !from.includes('?'));
  const query = entries.filter(([from]) => from.includes('?'));
  const lines = [
    '# Przekierowania starych adresów relacji na nowe (import z WordPressa / Joomli).',
    `# Wygenerowano: ${generatedAt}. Format Netlify i Cloudflare Pages: stara ścieżka, nowa ścieżka, kod 301.`,
    '# Plik działa, gdy nowa strona jest serwowana pod starą domeną: umieść go w katalogu publikacji strony.',
    '',
    ...plain.map(([from, e]) => `${from}  ${e.to}  301`),
  ];
  if (query.length > 0) {
    lines.push(
      '',
      '# Stare adresy z parametrami zapytania (np. /?p=123) w formie Netlify (dopasowanie parametrów).',
      '# Cloudflare Pages nie obsługuje parametrów zapytania w _redirects: tam usuń tę sekcję',
      '# i użyj mapy nginx (redirects.nginx.conf) albo reguł przekierowań Cloudflare.',
      ...query.map(([from, e]) => `${netlifyQuerySource(from)}  ${e.to}  301`),
    );
  }
  return `${lines.join('\n')}\n`;
}

const nginxString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Both forms of a path without a query ("/a/b/" and "/a/b"): old links use either. */
function variants(from: string): string[] {
  if (from.includes('?')) return [from];
  if (from.endsWith('/')) return [from, from.slice(0, -1)];
  return path.posix.extname(from) ? [from] : [from, `${from}/`];
}

export function renderNginx(map: RedirectMap, siteUrl: string, generatedAt: string): string {
  const base = siteUrl.replace(/\/+$/, '');
  const seen = new Set<string>();
  const rows: string[] = [];
  for (const [from, e] of sorted(map)) {
    for (const v of variants(from)) {
      if (seen.has(v) || (v !== from && map.redirects[v] !== undefined)) continue;
      seen.add(v);
      rows.push(`    ${nginxString(v)} ${nginxString(`${base}${e.to}`)};`);
    }
  }
  return [
    '# Przekierowania starych adresów relacji na nowe (import z WordPressa / Joomli).',
    `# Wygenerowano: ${generatedAt}. Nowa strona: ${base}/`,
    '#',
    '# Użycie: ten plik dołącz w bloku http { } konfiguracji nginx starej strony:',
    '#     include /etc/nginx/redirects.nginx.conf;',
    '# a w bloku server { } starej domeny dodaj:',
    '#     if ($cus_new_uri) {',
    '#         return 301 $cus_new_uri;',
    '#     }',
    '# Przy bardzo długich adresach nginx może poprosić o: map_hash_bucket_size 256;',
    '',
    'map $request_uri $cus_new_uri {',
    '    default "";',
    ...rows,
    '}',
    '',
  ].join('\n');
}

/** Merges this run's redirects into `outDir`'s map and writes the three files. */
export function writeRedirects(outDir: string, outcomes: ItemOutcome[], siteUrl: string, generatedAt = new Date().toISOString()): RedirectMap {
  const map = mergeRedirects(readRedirectMap(outDir), redirectsOf(outcomes));
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, REDIRECT_FILES.json), `${JSON.stringify(map, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, REDIRECT_FILES.netlify), renderNetlify(map, generatedAt));
  fs.writeFileSync(path.join(outDir, REDIRECT_FILES.nginx), renderNginx(map, siteUrl, generatedAt));
  return map;
}
