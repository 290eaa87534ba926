import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readEnvFile } from './env-file.ts';
import { adminLogin, createApiToken } from '@cus/cms-admin/admin-api';
import { ensureSiteToken, previewTokenWorks, tokenWorks } from './site-token.ts';
import { cmsRequest, readTemplate, startCms, type CmsProcess } from '@cus/testing/cms-process';

// The tokens ./scripts/start gives the site: against the real CMS, the build's token reads the
// published export and nothing else, and a token of the old kind (Strapi "read-only", which
// reads drafts) left in site/.env by an earlier install is replaced on the next start.

const PREVIEW_SECRET = 'sekret-podgladu-tokenow';
let cms: CmsProcess;
let root: string;
let draftId: string;

beforeAll(async () => {
  cms = await startCms(readTemplate(inject('templateDir')), { PREVIEW_SECRET });
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-site-token-'));
  fs.mkdirSync(path.join(root, 'cms'));
  fs.mkdirSync(path.join(root, 'site'));
  fs.writeFileSync(
    path.join(root, 'cms', '.env'),
    `PORT=${cms.env.PORT}\nADMIN_EMAIL=${cms.admin.email}\nADMIN_PASSWORD=${cms.admin.password}\nPREVIEW_SECRET=${PREVIEW_SECRET}\n`,
  );
  const draft = await cmsRequest(cms, 'POST', '/api/events?status=draft', {
    data: { title: 'Szkic, którego strona nie widzi', type: 'inne', dates: [{ start: '2026-05-05' }] },
  });
  draftId = draft.data.documentId;
});
afterAll(async () => {
  await cms?.stop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

const status = async (token: string, apiPath: string, headers: Record<string, string> = {}) =>
  (await fetch(`${cms.url}${apiPath}`, { headers: { authorization: `Bearer ${token}`, ...headers } })).status;

describe('site tokens', () => {
  it('replaces an old read-only token with one that reads published content only', async () => {
    const jwt = await adminLogin(cms.url, cms.admin.email, cms.admin.password);
    const old = await createApiToken(cms.url, jwt, { name: 'Strona publiczna (tylko odczyt)', description: 'stary', type: 'read-only' });
    // What the old kind allowed.
    expect(await status(old, `/api/events/${draftId}?status=draft`)).toBe(200);
    expect(await tokenWorks(cms.url, old)).toBe(false);
    fs.writeFileSync(path.join(root, 'site', '.env'), `STRAPI_URL=${cms.url}\nSTRAPI_TOKEN=${old}\nPREVIEW_STRAPI_TOKEN=${old}\n`);

    expect(await ensureSiteToken(root)).toBe('created');
    const env = readEnvFile(path.join(root, 'site', '.env'));
    expect(env.STRAPI_TOKEN).not.toBe(old);
    expect(await tokenWorks(cms.url, env.STRAPI_TOKEN!)).toBe(true);
    expect(await previewTokenWorks(cms.url, env.PREVIEW_STRAPI_TOKEN!, PREVIEW_SECRET)).toBe(true);
    // The old token is gone (replaced by name).
    expect(await status(old, '/api/site-export/events')).toBe(401);

    const site = env.STRAPI_TOKEN!;
    expect(await status(site, '/api/site-export/events?pageSize=1')).toBe(200);
    for (const p of [`/api/events/${draftId}?status=draft`, '/api/upload/files/1?populate=related', '/api/users-permissions/roles', `/api/site-export/events?status=draft&ids=${draftId}`]) {
      expect([401, 403], p).toContain(await status(site, p, { 'x-preview-secret': PREVIEW_SECRET }));
    }
    expect(await status(env.PREVIEW_STRAPI_TOKEN!, `/api/site-export/events/drafts?ids=${draftId}`, { 'x-preview-secret': PREVIEW_SECRET })).toBe(200);

    // A second start keeps what works.
    expect(await ensureSiteToken(root)).toBe('kept');
    expect(readEnvFile(path.join(root, 'site', '.env')).STRAPI_TOKEN).toBe(site);
  });
});
