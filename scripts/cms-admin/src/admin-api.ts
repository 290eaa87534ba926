import { PREVIEW_TOKEN_PERMISSIONS, SITE_TOKEN_PERMISSIONS } from '@cus/shared';

// The CMS's admin API as an administrator uses it: log in, create API tokens. The two tokens the
// site needs are custom tokens limited to the export endpoint (SITE_TOKEN_PERMISSIONS,
// @cus/shared): the build's reads published content only, the preview's may also read drafts
// (with the preview secret). Used by ./scripts/start (@cus/ops), the test CMS (@cus/testing) and
// the bench.

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

