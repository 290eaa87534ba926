import path from 'node:path';
import { generatePassword, randomSecret, strapiSecrets } from '@cus/cms-admin/secrets';
import { readEnvFile, updateEnvFile } from './env-file.ts';

// First start on a machine: writes cms/.env with fresh random secrets and a local admin
// login. Keys already present are never changed, so running it again changes nothing.

export function ensureCmsEnv(cmsDir: string): { file: string; created: string[] } {
  const file = path.join(cmsDir, '.env');
  const current = readEnvFile(file);
  const secrets = strapiSecrets();
  const wanted: Record<string, () => string> = {
    HOST: () => '127.0.0.1',
    PORT: () => '1337',
    ...Object.fromEntries(Object.entries(secrets).map(([k, v]) => [k, () => v])),
    DATABASE_CLIENT: () => 'sqlite',
    DATABASE_FILENAME: () => '.tmp/data.db',
    ADMIN_EMAIL: () => 'admin@cus.local',
    ADMIN_PASSWORD: () => generatePassword(),
    // Strapi's webhook to the rebuild service, and the secret the service checks.
    REBUILD_URL: () => 'http://127.0.0.1:4300/webhook',
    REBUILD_SECRET: () => randomSecret(24).replace(/[+/=]/g, ''),
    // The draft preview: where it runs, and the secret the CMS signs its links with.
    PREVIEW_URL: () => 'http://127.0.0.1:4322',
    PREVIEW_SECRET: () => randomSecret(24).replace(/[+/=]/g, ''),
  };
  const missing: Record<string, string> = {};
  for (const [key, make] of Object.entries(wanted)) {
    if (!current[key]) missing[key] = make();
  }
  if (Object.keys(missing).length > 0) {
    updateEnvFile(file, missing, '# Written by ./scripts/start on first start. Secrets: never commit this file.');
  }
  return { file, created: Object.keys(missing) };
}

if (import.meta.main) {
  const root = path.resolve(import.meta.dirname, '..', '..', '..');
  const { file, created } = ensureCmsEnv(path.join(root, 'cms'));
  if (created.length > 0) console.error(`[cus] ${path.relative(root, file)}: set ${created.join(', ')}`);
}
