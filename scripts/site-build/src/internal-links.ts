import fs from 'node:fs';
import path from 'node:path';

// Every link, image and stylesheet a built page points at inside the site must exist in the
// build: href, src and srcset attributes with a root-relative or same-site URL, and "#id"
// fragments of the page itself (editors' in-page links too: @cus/shared/body-html gives headings ids
// and drops fragments that name nothing, so one that fails here is the site's own bug).
// Run on a fresh build before it may be deployed.

export interface BrokenLink {
  page: string;
  target: string;
}

export interface LinkReport {
  pages: number;
  links: number;
  broken: BrokenLink[];
}

const ATTRIBUTE = /\s(href|src|srcset)="([^"]*)"/g;

function htmlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.join(e.parentPath, e.name));
}

const decodeEntities = (s: string) => s.replace(/&amp;/g, '&').replace(/&#x2F;/gi, '/').replace(/&quot;/g, '"');

/** A fragment as the browser matches it against ids; a malformed escape stays as written (and matches nothing). */
function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** Which file a site path is served from, or null. */
function servedFile(distDir: string, sitePath: string): string | null {
  let p: string;
  try {
    p = decodeURIComponent(sitePath);
  } catch {
    return null;
  }
  const full = path.join(distDir, p);
  if (!full.startsWith(distDir)) return null;
  if (p.endsWith('/')) return fs.existsSync(path.join(full, 'index.html')) ? path.join(full, 'index.html') : null;
  if (fs.existsSync(full) && fs.statSync(full).isFile()) return full;
  return null;
}

export function checkInternalLinks(distDir: string, opts: { siteUrl?: string } = {}): LinkReport {
  const root = path.resolve(distDir);
  const origin = opts.siteUrl ? new URL(opts.siteUrl).origin : null;
  const report: LinkReport = { pages: 0, links: 0, broken: [] };
  const checked = new Map<string, boolean>();

  for (const file of htmlFiles(root)) {
    report.pages++;
    const html = fs.readFileSync(file, 'utf8');
    const page = `/${path.relative(root, file).split(path.sep).join('/')}`;
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    for (const [, attr, raw] of html.matchAll(ATTRIBUTE)) {
      const values = attr === 'srcset' ? raw!.split(',').map((c) => c.trim().split(/\s+/)[0]!) : [raw!];
      for (const value of values.map(decodeEntities)) {
        if (!value) continue;
        if (value.startsWith('#')) {
          report.links++;
          if (value.length > 1 && !ids.has(decodeFragment(value.slice(1)))) report.broken.push({ page, target: value });
          continue;
        }
        let target: string;
        if (value.startsWith('/') && !value.startsWith('//')) target = value;
        else if (origin && value.startsWith(origin)) target = value.slice(origin.length) || '/';
        else if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(value)) continue; // another site, mailto:, tel:
        else target = path.posix.join(path.posix.dirname(page), value);
        target = target.split('#')[0]!.split('?')[0]!;
        report.links++;
        if (!checked.has(target)) checked.set(target, servedFile(root, target) !== null);
        if (!checked.get(target)) report.broken.push({ page, target });
      }
    }
  }
  return report;
}
