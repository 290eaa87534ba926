import fs from 'node:fs';
import path from 'node:path';
import { checkInternalLinks } from '@cus/site-build/internal-links';

// What a fresh build must pass before it may go live: it has a page for (about) every event
// the CMS publishes, and every internal link, image and stylesheet it points at exists.

/** Folders under /wydarzenia/ that are listings, not events. */
const LISTING_DIRS = new Set(['rok', 'rodzaj', 'wojewodztwo', 'strona']);

export function countEventPages(distDir: string): number {
  const dir = path.join(distDir, 'wydarzenia');
  if (!fs.existsSync(dir)) return 0;
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !LISTING_DIRS.has(e.name) && fs.existsSync(path.join(dir, e.name, 'index.html'))).length;
}

/** How many events the CMS publishes, from the export endpoint the site's token may read. */
export async function publishedEventCount(strapiUrl: string, token: string): Promise<number> {
  const url = `${strapiUrl.replace(/\/+$/, '')}/api/site-export/events?pageSize=1`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
    throw new Error(`Counting published events failed: GET ${url}: ${cause}`, { cause: err });
  }
  if (!res.ok) throw new Error(`Counting published events failed: GET ${url}: HTTP ${res.status}`);
  const body = (await res.json()) as { meta?: { pagination?: { total?: number } } };
  const total = body.meta?.pagination?.total;
  if (typeof total !== 'number') throw new Error(`Counting published events failed: GET ${url} gave no total`);
  return total;
}

export interface CheckResult {
  pages: number;
  eventPages: number;
  links: number;
}

export class BuildCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildCheckError';
  }
}

export async function checkBuild(distDir: string, cms: { url: string; token: string }, siteUrl?: string): Promise<CheckResult> {
  if (!fs.existsSync(path.join(distDir, 'index.html'))) throw new BuildCheckError('The build has no index.html.');
  const eventPages = countEventPages(distDir);
  const published = await publishedEventCount(cms.url, cms.token);
  // Editors may publish while we build: a small difference is a race, a large one a broken build.
  const tolerance = Math.max(2, Math.ceil(published * 0.02));
  if (Math.abs(eventPages - published) > tolerance) {
    throw new BuildCheckError(`The build has ${eventPages} event pages but the CMS publishes ${published} events.`);
  }
  const links = checkInternalLinks(distDir, siteUrl ? { siteUrl } : {});
  if (links.broken.length > 0) {
    const sample = links.broken.slice(0, 5).map((b) => `${b.page} → ${b.target}`).join('; ');
    throw new BuildCheckError(`${links.broken.length} internal links lead nowhere, e.g. ${sample}`);
  }
  return { pages: links.pages, eventPages, links: links.links };
}
