import { siteUrl, sitemapEntries, sitemapIndexXml, xmlResponse } from '../lib/sitemap';

// /sitemap-index.xml: the sitemap files (src/pages/sitemap-[n].xml.ts), named in robots.txt.
export async function GET() {
  return xmlResponse(sitemapIndexXml(await sitemapEntries(), siteUrl()));
}
