import path from 'node:path';
import { listen } from '@cus/serve/static-server';
import { createPreviewServer } from './server.ts';

// `node scripts/preview/src/main.ts`: the draft preview server on PREVIEW_PORT (4322). Needs
// STRAPI_URL, PREVIEW_STRAPI_TOKEN (a read-only API token only this server holds),
// PREVIEW_SECRET (shared with the CMS, which signs the preview links) and CMS_PUBLIC_URL.

// The last safety net: a request that fails in a way no handler caught fails alone.
process.on('uncaughtException', (err) => console.error(`[preview] uncaught error, still serving: ${err.stack ?? err}`));
process.on('unhandledRejection', (err) => console.error(`[preview] unhandled rejection, still serving: ${(err as Error)?.stack ?? err}`));

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const cache = path.resolve(root, process.env.SITE_CACHE_DIR || 'site/.cache');
for (const name of ['STRAPI_URL', 'PREVIEW_STRAPI_TOKEN', 'PREVIEW_SECRET']) {
  if (!process.env[name]) {
    console.error(`[preview] ${name} is not set`);
    process.exit(2);
  }
}
const server = createPreviewServer({ dir: path.join(cache, 'preview'), cmsOrigin: process.env.CMS_PUBLIC_URL || process.env.STRAPI_URL! });
console.log(`[preview] drafts on ${await listen(server, Number(process.env.PREVIEW_PORT || 4322), process.env.PREVIEW_HOST || '127.0.0.1')}`);
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
