import fs from 'node:fs';
import path from 'node:path';

// Where the importer finds the CMS and the new site by default: the same files ./scripts/start
// writes (cms/.env: PORT, ADMIN_EMAIL, ADMIN_PASSWORD, PUBLIC_SITE_URL; site/.env: SITE_URL).

export const ROOT = path.resolve(import.meta.dirname, '..', '..', '..', '..');

export function readEnvFile(file: string): Record<string, string> {
  if (!fs.existsSync(file)) return {};
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    out[m[1]!] = value;
  }
  return out;
}

export interface Defaults {
  cmsUrl: string;
  email?: string;
  password?: string;
  /** SITE_URL of site/.env, else PUBLIC_SITE_URL of cms/.env. */
  siteUrl?: string;
}

export function defaults(root = ROOT, env: NodeJS.ProcessEnv = process.env): Defaults {
  const cms = readEnvFile(path.join(root, 'cms', '.env'));
  const site = readEnvFile(path.join(root, 'site', '.env'));
  return {
    cmsUrl: `http://127.0.0.1:${cms.PORT || '1337'}`,
    email: env.CUS_IMPORT_EMAIL || cms.ADMIN_EMAIL || undefined,
    password: env.CUS_IMPORT_PASSWORD || cms.ADMIN_PASSWORD || undefined,
    siteUrl: site.SITE_URL || cms.PUBLIC_SITE_URL || undefined,
  };
}
