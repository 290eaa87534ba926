import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Uploaded media live in public/uploads; tests point this at a temporary folder.
  dirs: { public: env('PUBLIC_DIR', './public') },
  app: {
    keys: env.array('APP_KEYS')!,
  },
  // No update check: the server may have no internet access, and upgrades go through the lockfile.
  logger: { updates: { enabled: false } },
  webhooks: {
    populateRelations: false,
  },
});

export default config;
