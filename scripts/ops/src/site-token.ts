import path from 'node:path';
import { adminLogin, createApiToken, PREVIEW_TOKEN, SITE_TOKEN } from '@cus/cms-admin/admin-api';
import { readEnvFile, updateEnvFile } from './env-file.ts';

// Gives the site build and the draft preview their API tokens: logs in to the admin API with
// the local admin from cms/.env, creates the tokens and writes STRAPI_URL, STRAPI_TOKEN and
// PREVIEW_STRAPI_TOKEN to site/.env. Both are custom tokens limited to the export endpoint
// (SITE_TOKEN_PERMISSIONS, @cus/shared): the build's reads published content only, the
// preview's may also read drafts (with the preview secret). A Strapi "read-only" token would
// read drafts and roles through Strapi's own routes, so a token of that old kind is replaced.
// Tokens of the right kind that still work are kept, so a second start changes nothing.

const REQUEST_TIMEOUT_MS = 30_000;

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
  const root = path.resolve(import.meta.dirname, '..', '..', '..');
  const result = await ensureSiteToken(root);
  if (result === 'created') console.error('[cus] site/.env: created API tokens for the site build (published content only) and the draft preview');
}
