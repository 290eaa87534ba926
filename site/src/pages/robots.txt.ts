import type { APIContext } from 'astro';
import { siteBuildMode } from '../lib/build-mode';

// /robots.txt: the public site may be crawled and names its sitemap (src/pages/sitemap-index.xml.ts)
// by its absolute address, as RFC 9309 and the sitemaps protocol ask. The draft preview server
// (the same code built on demand) asks robots to stay away.
// Its key, for the publisher: it changes with the site's address alone.
export const cacheKey = () => `robots ${import.meta.env.SITE} ${siteBuildMode}`;

export function GET({ site }: APIContext) {
  const lines = siteBuildMode !== 'preview' ? ['User-agent: *', 'Allow: /', '', `Sitemap: ${new URL('/sitemap-index.xml', site).href}`] : ['User-agent: *', 'Disallow: /'];
  return new Response(`${lines.join('\n')}\n`, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
