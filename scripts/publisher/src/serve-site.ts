import path from 'node:path';
import { siteHeaders } from '@cus/serve/headers';
import { LocalTarget } from './deploy/local.ts';
import { createStaticServer, listen } from '@cus/serve/static-server';

// `node scripts/publisher/src/serve-site.ts`: serves the live release of the local deploy target
// (DEPLOY_DIR/current) on SITE_PORT (4321), with the site's cache and security headers.
// The release is looked up per request, so a deploy or rollback takes effect at once.

// The last safety net: a request that fails in a way no handler caught fails alone.
process.on('uncaughtException', (err) => console.error(`[site] uncaught error, still serving: ${err.stack ?? err}`));
process.on('unhandledRejection', (err) => console.error(`[site] unhandled rejection, still serving: ${(err as Error)?.stack ?? err}`));

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const target = new LocalTarget({ dir: path.resolve(root, process.env.DEPLOY_DIR || '.deploy') });
const port = Number(process.env.SITE_PORT || 4321);
const host = process.env.SITE_HOST || '127.0.0.1';

const server = createStaticServer({
  root: () => target.current() ?? path.join(target.dir, 'no-release-yet'),
  headers: (urlPath) => siteHeaders(urlPath),
});
console.log(`[site] serving ${target.currentLink} on ${await listen(server, port, host)}`);
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
