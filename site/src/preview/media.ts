import type { APIContext } from 'astro';
import { previewConfigFromEnv, previewMediaOrigin } from '../loader/preview';

// On the preview server only (a build copies real files to /media/): a draft's photos may be
// new uploads no build has seen, so /media/<file> sends the browser to the CMS's copy.
export const prerender = false;

export function GET({ params }: APIContext) {
  const cfg = previewConfigFromEnv();
  const name = params.name ?? '';
  if (!cfg || !/^[\w.-]+$/.test(name)) return new Response('Not found', { status: 404 });
  return Response.redirect(`${previewMediaOrigin(cfg)}${name}`, 302);
}
