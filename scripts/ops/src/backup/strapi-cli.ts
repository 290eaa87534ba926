import { spawn } from 'node:child_process';
import path from 'node:path';

// Strapi's own data transfer commands (`strapi export`, `strapi import`), run in the CMS folder
// against the database the environment names.

export const CMS_DIR = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'cms');

export function strapiCommand(args: string[], env: Record<string, string | undefined> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(CMS_DIR, 'node_modules/.bin/strapi'), args, {
      cwd: CMS_DIR,
      env: { ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true', REBUILD_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`strapi ${args[0]} failed (exit ${code}):\n${output.slice(-3000)}`))));
  });
}
