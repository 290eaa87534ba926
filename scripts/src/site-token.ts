import path from 'node:path';
import { PREVIEW_TOKEN_PERMISSIONS, SITE_TOKEN_PERMISSIONS } from '@cus/shared';
import { readEnvFile, updateEnvFile } from './env-file.ts';

// Gives the site build and the draft preview their API tokens: logs in to the admin API with
// the local admin from cms/.env, creates the tokens and writes STRAPI_URL, STRAPI_TOKEN and
// PREVIEW_STRAPI_TOKEN to site/.env. Both are custom tokens limited to the export endpoint
// (SITE_TOKEN_PERMISSIONS, @cus/shared): the build's reads published content only, the
// preview's may also read drafts (with the preview secret). A Strapi "read-only" token would
// read drafts and roles through Strapi's own routes, so a token of that old kind is replaced.
// Tokens of the right kind that still work are kept, so a second start changes nothing.

export const TOKEN_NAME = 'Strona publiczna (tylko odczyt)';
export const PREVIEW_TOKEN_NAME = 'Podgląd szkiców (tylko odczyt)';

const REQUEST_TIMEOUT_MS = 30_000;

async function call(url: string, init: RequestInit & { json?: unknown } = {}) {
  const res = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    body: init.json === undefined ? init.body : JSON.stringify(init.json),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
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

const status = async (url: string, token: string, headers: Record<string, string> = {}) =>
  (await fetch(url, { headers: { authorization: `Bearer ${token}`, ...headers }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })).status;

/**
 * The token reads the published export and nothing of Strapi's own routes (a "read-only" token
 * of earlier installs reads /api/events and drafts: it does not count as working).
 */
export async function tokenWorks(strapiUrl: string, token: string): Promise<boolean> {
  if (!token) return false;
  if ((await status(`${strapiUrl}/api/site-export/events?pageSize=1`, token)) !== 200) return false;
  return (await status(`${strapiUrl}/api/events?pagination[pageSize]=1`, token)) === 403;
}

/** tokenWorks, and with the preview secret it reads drafts. */
export async function previewTokenWorks(strapiUrl: string, token: string, previewSecret: string): Promise<boolean> {
  if (!(await tokenWorks(strapiUrl, token))) return false;
  if (!previewSecret) return true;
  return (await status(`${strapiUrl}/api/site-export/events/drafts?pageSize=1`, token, { 'x-preview-secret': previewSecret })) === 200;
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

export type ApiTokenSpec =
  | { name: string; description: string; type: 'read-only' | 'full-access' }
  | { name: string; description: string; type: 'custom'; permissions: readonly string[] };

/** Creates an API token through the admin API (replacing one of the same name); returns its key. */
export async function createApiToken(strapiUrl: string, jwt: string, token: ApiTokenSpec): Promise<string> {
  const auth = { authorization: `Bearer ${jwt}` };
  // A token of that name whose key we lost (site/.env deleted), or of the old kind, is replaced.
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

export const SITE_TOKEN: ApiTokenSpec = {
  name: TOKEN_NAME,
  description: 'Budowanie strony publicznej: tylko opublikowane treści (eksport dla strony).',
  type: 'custom',
  permissions: SITE_TOKEN_PERMISSIONS,
};
export const PREVIEW_TOKEN: ApiTokenSpec = {
  name: PREVIEW_TOKEN_NAME,
  description: 'Serwer podglądu szkiców: eksport dla strony, także szkice (z sekretem podglądu).',
  type: 'custom',
  permissions: PREVIEW_TOKEN_PERMISSIONS,
};

export async function createSiteToken(strapiUrl: string, email: string, password: string): Promise<string> {
  return createApiToken(strapiUrl, await adminLogin(strapiUrl, email, password), SITE_TOKEN);
}

/**
 * site/.env: STRAPI_URL and two tokens, one for the site build, one that only the draft
 * preview server uses. Tokens that still work are kept, so a second start changes nothing.
 */
export async function ensureSiteToken(root: string): Promise<'kept' | 'created'> {
  const cmsEnv = readEnvFile(path.join(root, 'cms', '.env'));
  const siteEnvFile = path.join(root, 'site', '.env');
  const siteEnv = readEnvFile(siteEnvFile);
  const strapiUrl = `http://127.0.0.1:${cmsEnv.PORT || '1337'}`;
  const sameCms = siteEnv.STRAPI_URL === strapiUrl;
  const buildOk = sameCms && (await tokenWorks(strapiUrl, siteEnv.STRAPI_TOKEN ?? ''));
  const previewOk = sameCms && (await previewTokenWorks(strapiUrl, siteEnv.PREVIEW_STRAPI_TOKEN ?? '', cmsEnv.PREVIEW_SECRET ?? ''));
  if (buildOk && previewOk) return 'kept';
  const jwt = await adminLogin(strapiUrl, cmsEnv.ADMIN_EMAIL ?? '', cmsEnv.ADMIN_PASSWORD ?? '');
  const values: Record<string, string> = { STRAPI_URL: strapiUrl };
  if (!buildOk) values.STRAPI_TOKEN = await createApiToken(strapiUrl, jwt, SITE_TOKEN);
  if (!previewOk) values.PREVIEW_STRAPI_TOKEN = await createApiToken(strapiUrl, jwt, PREVIEW_TOKEN);
  updateEnvFile(siteEnvFile, values, '# Written by ./scripts/start: where the site build reads content, with tokens limited to the export endpoint.');
  return 'created';
}

if (import.meta.main) {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const result = await ensureSiteToken(root);
  if (result === 'created') console.error('[cus] site/.env: created API tokens for the site build (published content only) and the draft preview');
}
