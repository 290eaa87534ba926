import path from 'node:path';
import { readEnvFile, updateEnvFile } from './env-file.ts';

// Gives the site build a read-only API token: logs in to the admin API with the local
// admin from cms/.env, creates the token once and writes STRAPI_URL and STRAPI_TOKEN to
// site/.env. A token that still works is kept, so a second start changes nothing.

export const TOKEN_NAME = 'Strona publiczna (tylko odczyt)';
export const PREVIEW_TOKEN_NAME = 'Podgląd szkiców (tylko odczyt)';

async function call(url: string, init: RequestInit & { json?: unknown } = {}) {
  const res = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    body: init.json === undefined ? init.body : JSON.stringify(init.json),
  });
  const text = await res.text();
  let body: any;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

export async function tokenWorks(strapiUrl: string, token: string): Promise<boolean> {
  if (!token) return false;
  const res = await fetch(`${strapiUrl}/api/events?pagination[pageSize]=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return res.status === 200;
}

/** Logs in to the admin API; returns the admin JWT. */
export async function adminLogin(strapiUrl: string, email: string, password: string): Promise<string> {
  const login = await call(`${strapiUrl}/admin/login`, { method: 'POST', json: { email, password } });
  const jwt = login.body?.data?.token ?? login.body?.data?.accessToken;
  if (login.status !== 200 || !jwt) {
    throw new Error(`Logging in to ${strapiUrl}/admin/login as ${email} failed (HTTP ${login.status}): ${JSON.stringify(login.body)}`);
  }
  return jwt as string;
}

/** Creates an API token through the admin API (replacing one of the same name); returns its key. */
export async function createApiToken(
  strapiUrl: string,
  jwt: string,
  token: { name: string; description: string; type: 'read-only' | 'full-access' },
): Promise<string> {
  const auth = { authorization: `Bearer ${jwt}` };
  // A token of that name whose key we lost (site/.env deleted) is replaced.
  const list = await call(`${strapiUrl}/admin/api-tokens`, { headers: auth });
  for (const t of list.body?.data ?? []) {
    if (t.name === token.name) await call(`${strapiUrl}/admin/api-tokens/${t.id}`, { method: 'DELETE', headers: auth });
  }
  const created = await call(`${strapiUrl}/admin/api-tokens`, { method: 'POST', headers: auth, json: { ...token, lifespan: null } });
  const key = created.body?.data?.accessKey;
  if (created.status !== 201 && created.status !== 200) {
    throw new Error(`Creating the API token failed (HTTP ${created.status}): ${JSON.stringify(created.body)}`);
  }
  if (!key) throw new Error('Strapi created the API token but returned no access key.');
  return key as string;
}

export async function createSiteToken(strapiUrl: string, email: string, password: string): Promise<string> {
  const jwt = await adminLogin(strapiUrl, email, password);
  return createApiToken(strapiUrl, jwt, { name: TOKEN_NAME, description: 'Budowanie strony publicznej: tylko odczyt.', type: 'read-only' });
}

/**
 * site/.env: STRAPI_URL and two read-only tokens, one for the site build, one that only the
 * draft preview server uses. Tokens that still work are kept, so a second start changes nothing.
 */
export async function ensureSiteToken(root: string): Promise<'kept' | 'created'> {
  const cmsEnv = readEnvFile(path.join(root, 'cms', '.env'));
  const siteEnvFile = path.join(root, 'site', '.env');
  const siteEnv = readEnvFile(siteEnvFile);
  const strapiUrl = `http://127.0.0.1:${cmsEnv.PORT || '1337'}`;
  const sameCms = siteEnv.STRAPI_URL === strapiUrl;
  const buildOk = sameCms && (await tokenWorks(strapiUrl, siteEnv.STRAPI_TOKEN ?? ''));
  const previewOk = sameCms && (await tokenWorks(strapiUrl, siteEnv.PREVIEW_STRAPI_TOKEN ?? ''));
  if (buildOk && previewOk) return 'kept';
  const jwt = await adminLogin(strapiUrl, cmsEnv.ADMIN_EMAIL ?? '', cmsEnv.ADMIN_PASSWORD ?? '');
  const values: Record<string, string> = { STRAPI_URL: strapiUrl };
  if (!buildOk) values.STRAPI_TOKEN = await createApiToken(strapiUrl, jwt, { name: TOKEN_NAME, description: 'Budowanie strony publicznej: tylko odczyt.', type: 'read-only' });
  if (!previewOk) values.PREVIEW_STRAPI_TOKEN = await createApiToken(strapiUrl, jwt, { name: PREVIEW_TOKEN_NAME, description: 'Serwer podglądu szkiców: tylko odczyt.', type: 'read-only' });
  updateEnvFile(siteEnvFile, values, '# Written by ./scripts/start: where the site build reads content, with read-only tokens.');
  return 'created';
}

if (import.meta.main) {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const result = await ensureSiteToken(root);
  if (result === 'created') console.error('[cus] site/.env: created read-only API tokens for the site build and the draft preview');
}
