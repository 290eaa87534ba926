import type { APIContext } from 'astro';
import { previewConfigFromEnv, previewMediaOrigin } from '../loader/preview';

// On the preview server only (a build copies real files to /media/): a draft's photos may be
// new uploads no build has seen, so /media/<file> sends the browser to the CMS's copy.
// scripts/preview/src/server.ts answers /media/<file> itself before Astro sees it (with
// trailingSlash "always", Astro gives 404 to the slash-less address every page writes); this
// route serves any other host of the preview build.
export const prerender = false;

export function GET({ params }: APIContext) {
  const cfg = previewConfigFromEnv();
  const name = params.name ?? '';
  if (!cfg || !/^[\w.-]+$/.test(name)) return new Response('Not found', { status: 404 });
  return Response.redirect(`${previewMediaOrigin(cfg)}${name}`, 302);
}
