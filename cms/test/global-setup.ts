import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { APP_DIR, TEMPLATE_DB, startStrapi } from './helpers/strapi';

// Once per test run: compile the Strapi app (TypeScript → dist/) unless `strapi build` has
// just done it, and make a migrated, empty SQLite database that each test copies instead of
// creating the schema again. Skipping a needless compile matters: under turbo another task
// may be running `strapi start` from dist/ at the same time.

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function distIsCurrent(): boolean {
  const built = path.join(APP_DIR, 'dist', 'src', 'index.js');
  if (!fs.existsSync(built)) return false;
  const sources = Math.max(...['src', 'config', 'database'].map((dir) => newestMtime(path.join(APP_DIR, dir))));
  return fs.statSync(built).mtimeMs >= sources;
}

export default async function setup() {
  const require = createRequire(import.meta.url);
  const started = Date.now();
  if (!distIsCurrent()) {
    // Compiling empties dist/, the built admin (dist/build) with it, which browser tests of other
    // packages may be serving: keep it aside and put it back (it is built from src/admin only).
    const adminBuild = path.join(APP_DIR, 'dist', 'build');
    const kept = path.join(path.dirname(TEMPLATE_DB), `admin-build-kept-${process.pid}`);
    const keep = fs.existsSync(adminBuild);
    if (keep) {
      fs.mkdirSync(path.dirname(kept), { recursive: true });
      fs.renameSync(adminBuild, kept);
    }
    try {
      const { compileStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
      await compileStrapi({ appDir: APP_DIR });
    } finally {
      if (keep) {
        fs.rmSync(adminBuild, { recursive: true, force: true });
        fs.renameSync(kept, adminBuild);
      }
    }
  }
  fs.mkdirSync(path.dirname(TEMPLATE_DB), { recursive: true });
  fs.rmSync(TEMPLATE_DB, { force: true });

  const app = await startStrapi({ fromTemplate: false });
  const db = process.env.DATABASE_FILENAME!;
  await app.stop({ keepFiles: true });
  fs.copyFileSync(db, TEMPLATE_DB);
  fs.rmSync(app.workDir, { recursive: true, force: true });
  console.log(`[cms tests] compiled (if needed) and migrated a template database in ${Date.now() - started} ms`);
}
