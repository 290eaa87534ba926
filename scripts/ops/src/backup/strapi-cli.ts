import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Strapi's own data transfer commands (`strapi export`, `strapi import`), run on the compiled CMS
// against the database the environment names.
//
// They run in cms/dist, not cms/: in a folder with a tsconfig.json they compile the TypeScript
// app into dist/ first, rewriting, file by file, the modules that a running CMS (or one starting
// beside them, as in the test suite) loads. A folder without one is taken as the compiled app;
// it gets cms/package.json, which Strapi reads the app's name from. The uploads folder is then
// named absolutely (Strapi would look for public/ beside the app folder).

export const CMS_DIR = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'cms');
const APP_DIR = path.join(CMS_DIR, 'dist');

function compiledApp(): string {
  if (!fs.existsSync(path.join(APP_DIR, 'src', 'index.js'))) {
    throw new Error(`The CMS is not built (${path.join(APP_DIR, 'src', 'index.js')} is missing): run ./scripts/start or pnpm exec turbo run build --filter=@cus/cms.`);
  }
  const manifest = path.join(APP_DIR, 'package.json');
  const wanted = fs.readFileSync(path.join(CMS_DIR, 'package.json'));
  if (!fs.existsSync(manifest) || !fs.readFileSync(manifest).equals(wanted)) fs.writeFileSync(manifest, wanted);
  return APP_DIR;
}

export function strapiCommand(args: string[], env: Record<string, string | undefined> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const merged: Record<string, string | undefined> = { ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true', REBUILD_URL: '', ...env };
    merged.PUBLIC_DIR = path.resolve(CMS_DIR, merged.PUBLIC_DIR || 'public');
    const child = spawn(path.join(CMS_DIR, 'node_modules/.bin/strapi'), args, { cwd: compiledApp(), env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`strapi ${args[0]} failed (exit ${code}):\n${output.slice(-3000)}`))));
  });
}
