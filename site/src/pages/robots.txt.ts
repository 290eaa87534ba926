import type { APIContext } from 'astro';

// /robots.txt: the public site may be crawled and names its sitemap (written by @astrojs/sitemap)
// by its absolute address, as RFC 9309 and the sitemaps protocol ask. The draft preview server
// (the same code built on demand, nothing prerendered) asks robots to stay away.
export function GET({ site, isPrerendered }: APIContext) {
  const lines = isPrerendered ? ['User-agent: *', 'Allow: /', '', `Sitemap: ${new URL('/sitemap-index.xml', site).href}`] : ['User-agent: *', 'Disallow: /'];
  return new Response(`${lines.join('\n')}\n`, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
