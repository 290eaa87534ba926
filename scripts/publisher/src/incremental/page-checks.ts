import { ownString } from './own-string.ts';

// The checks a publish runs on the pages it changed, before the switch, against what the new
// release will hold (known in memory: no walk over the release): every internal link, image
// and stylesheet resolves, and there is exactly one page per published event. The reconcile
// runs them on every page (the full check).

export interface BrokenLink {
  /** The output holding the link, e.g. 'wydarzenia/x/index.html'. */
  page: string;
  target: string;
}

const ATTRIBUTE = /\s(href|src|srcset)="([^"]*)"/g;

const decodeEntities = (s: string) => s.replace(/&amp;/g, '&').replace(/&#x2F;/gi, '/').replace(/&quot;/g, '"');

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/**
 * What the links that mean the same on every page ("/…" and the site's own origin) were found to
 * be, shared by the pages of one check: for each attribute value, null when it leads somewhere,
 * else the target that does not exist. The pages of a site repeat most of their links (the
 * menu, the footer, listings, photos): a full check of 17,000 pages resolves each once.
 */
export type ResolvedLinks = Map<string, string | null>;

/**
 * The links of one page (`file` as the release holds it) that lead nowhere. `exists(file)` says
 * whether the new release holds a file ('wydarzenia/x/index.html', '_astro/a.css', 'media/p.jpg').
 * Same rules as build-check/internal-links.ts, which checks a built folder. Pass one `resolved`
 * to every page checked against the same `exists`.
 */
export function brokenLinks(file: string, html: string, exists: (file: string) => boolean, siteUrl?: string, resolved: ResolvedLinks = new Map()): BrokenLink[] {
  const origin = siteUrl ? new URL(siteUrl).origin : null;
  const page = `/${file}`;
  const broken: BrokenLink[] = [];
  let ids: Set<string> | undefined;
  for (const [, attr, raw] of html.matchAll(ATTRIBUTE)) {
    const values = attr === 'srcset' ? raw!.split(',').map((c) => c.trim().split(/\s+/)[0]!) : [raw!];
    for (const rawValue of values) {
      const known = resolved.get(rawValue);
      if (known === null) continue;
      if (known !== undefined) {
        broken.push({ page: file, target: known });
        continue;
      }
      const value = decodeEntities(rawValue);
      if (!value) continue;
      if (value.startsWith('#')) {
        ids ??= new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
        if (value.length > 1 && !ids.has(decode(value.slice(1)) ?? value.slice(1))) broken.push({ page: file, target: value });
        continue;
      }
      let target: string;
      let samePerPage = true;
      if (value.startsWith('/') && !value.startsWith('//')) target = value;
      else if (origin && value.startsWith(origin)) target = value.slice(origin.length) || '/';
      else if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(value)) continue; // another site, mailto:, tel:
      else {
        target = new URL(value, `http://x${page}`).pathname;
        samePerPage = false;
      }
      target = target.split('#')[0]!.split('?')[0]!;
      const decoded = decode(target);
      const served = decoded === null ? null : decoded.endsWith('/') ? `${decoded.slice(1)}index.html` : decoded.slice(1);
      const leadsNowhere = served === null || !exists(served);
      // Copies: the map is kept across pages, and a match would hold its whole page (own-string.ts).
      if (samePerPage) resolved.set(ownString(rawValue), leadsNowhere ? ownString(target) : null);
      if (leadsNowhere) broken.push({ page: file, target });
    }
  }
  return broken;
}

/**
 * Exactly one page per published event: `missing` are events the release has no page for
 * (except `excused` ones: a new event whose page failed to render is reported as a failure),
 * `extra` event pages (of the event route) whose slug no published event has.
 */
export function eventPageProblems(
  eventSlugs: readonly string[],
  eventPageFiles: readonly string[],
  exists: (file: string) => boolean,
  excused: ReadonlySet<string> = new Set(),
): { missing: string[]; extra: string[] } {
  const pageOf = (slug: string) => `wydarzenia/${slug}/index.html`;
  const slugs = new Set(eventSlugs);
  const missing = eventSlugs.filter((s) => !excused.has(s) && !exists(pageOf(s)));
  const extra = eventPageFiles.filter((f) => {
    const slug = /^wydarzenia\/([^/]+)\/index\.html$/.exec(f)?.[1];
    return slug === undefined || !slugs.has(slug);
  });
  return { missing, extra };
}
