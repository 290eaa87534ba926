import type { APIContext, GetStaticPaths } from 'astro';
import { notFound, routeProps } from '../lib/route-props';
import { SITEMAP_LIMIT, sitemapCount, sitemapEntries, sitemapXml, xmlResponse } from '../lib/sitemap';

// /sitemap-0.xml …: the site's pages with their dates, 45,000 a file.
export const getStaticPaths = (async () =>
  Array.from({ length: sitemapCount(await sitemapEntries()) }, (_, n) => ({ params: { n: String(n) }, props: { n } }))) satisfies GetStaticPaths;

export async function GET(context: APIContext) {
  const props = await routeProps<{ n: number }>(context, getStaticPaths);
  if (!props) return notFound();
  return xmlResponse(sitemapXml((await sitemapEntries()).slice(props.n * SITEMAP_LIMIT, (props.n + 1) * SITEMAP_LIMIT)));
}
