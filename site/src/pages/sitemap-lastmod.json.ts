import type { APIContext } from 'astro';
import { siteDates } from '../lib/lastmod';

// The date of every page for the sitemap's <lastmod> (src/lib/lastmod.ts). Read and removed at
// the end of the build by src/integrations/sitemap-lastmod.ts: never published. The draft
// preview server (nothing prerendered) has no use for it.
export async function GET({ isPrerendered }: APIContext) {
  if (!isPrerendered) return new Response(null, { status: 404 });
  return new Response(JSON.stringify(await siteDates()), { headers: { 'content-type': 'application/json' } });
}
