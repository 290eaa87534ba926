import { createRequire } from 'node:module';
import path from 'node:path';

// The CMS booted inside this process (no HTTP server), for work that goes through Strapi's own
// services: the corpus generator. Strapi is loaded from the CMS package, built in cms/dist.

export const CMS_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'cms');

export interface BootedStrapi {
  strapi: any;
  stop(): Promise<void>;
}

export async function bootStrapi(env: Record<string, string>): Promise<BootedStrapi> {
  // Relative paths in the CMS's settings (database file, uploads) are the CMS folder's, as for `strapi start`.
  process.chdir(CMS_DIR);
  Object.assign(process.env, { NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true', SEED_ON_EMPTY: 'false', REBUILD_URL: '', ...env });
  const { createStrapi } = createRequire(path.join(CMS_DIR, 'package.json'))('@strapi/strapi') as { createStrapi: (o: object) => { load(): Promise<any> } };
  const strapi = await createStrapi({ appDir: CMS_DIR, distDir: path.join(CMS_DIR, 'dist'), autoReload: false, serveAdminPanel: false }).load();
  return { strapi, stop: () => strapi.destroy() };
}
