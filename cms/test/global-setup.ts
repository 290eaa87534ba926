import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { APP_DIR, TEMPLATE_DB, startStrapi } from './helpers/strapi';

// Once per test run: compile the Strapi app (TypeScript → dist/) and make a migrated,
// empty SQLite database that each test copies instead of creating the schema again.
export default async function setup() {
  const require = createRequire(import.meta.url);
  const { compileStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const started = Date.now();
  await compileStrapi({ appDir: APP_DIR });
  fs.mkdirSync(path.dirname(TEMPLATE_DB), { recursive: true });
  fs.rmSync(TEMPLATE_DB, { force: true });

  const app = await startStrapi({ fromTemplate: false });
  const db = process.env.DATABASE_FILENAME!;
  await app.stop({ keepFiles: true });
  fs.copyFileSync(db, TEMPLATE_DB);
  fs.rmSync(app.workDir, { recursive: true, force: true });
  console.log(`[cms tests] compiled and migrated a template database in ${Date.now() - started} ms`);
}
