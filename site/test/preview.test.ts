import type { Server } from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signPreview } from '@cus/shared';
import { markdownToBlocks } from '@cus/shared/blocks';
import { adminLogin } from '@cus/cms-admin/admin-api';
import { cmsRequest, readTemplate, startCms, type CmsProcess } from '@cus/testing/cms-process';
import { freePort } from '@cus/testing/free-port';
import { createPreviewServer } from '@cus/preview';
import { listen } from '@cus/serve/static-server';
import { DRAFT_TITLE as BUILD_DRAFT } from './global-setup.ts';

// The draft preview end to end: the CMS's "open preview" link (from its own preview handler)
// opens the draft on the preview server, rendered with the site's pages and styles; without a
// valid signature nothing is shown; and no draft is ever in the public build.

const SECRET = 'test-preview-secret-0123456789';
let cms: CmsProcess;
let server: Server;
let base: string;
let draftId: string;
const DRAFT_TITLE = 'Szkic relacji z warsztatów w Zamościu';

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  cms = await startCms(readTemplate(inject('templateDir')), { PREVIEW_URL: base, PREVIEW_SECRET: SECRET });
  Object.assign(process.env, { STRAPI_URL: cms.url, PREVIEW_STRAPI_TOKEN: cms.previewToken, PREVIEW_SECRET: SECRET });
  server = createPreviewServer({ dir: inject('previewDir'), cmsOrigin: cms.url });
  await listen(server, port);
  const created = await cmsRequest(cms, 'POST', '/api/events?status=draft', {
    data: { title: DRAFT_TITLE, type: 'warsztaty', lead: 'Wstęp szkicu.', body: markdownToBlocks('## Program\n\nTreść **szkicu**.'), dates: [{ start: '2026-12-07' }], venue: { city: 'Zamość', voivodeship: 'lubelskie' } },
  });
  draftId = created.data.documentId;
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await cms?.stop();
});

describe('draft preview', () => {
  it("opens from the CMS's own preview link, rendered with the site's pages and styles", async () => {
    const jwt = await adminLogin(cms.url, cms.admin.email, cms.admin.password);
    const link = await fetch(`${cms.url}/content-manager/preview/url/api::event.event?documentId=${draftId}&status=draft`, { headers: { authorization: `Bearer ${jwt}` } });
    expect(link.status).toBe(200);
    const url = ((await link.json()) as { data: { url: string } }).data.url;
    expect(url.startsWith(`${base}/podglad/wydarzenia/${draftId}/?exp=`)).toBe(true);

    const res = await fetch(url);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(DRAFT_TITLE);
    expect(html).toContain('<strong>szkicu</strong>');
    expect(html).toContain('Podgląd szkicu');
    expect(html).toContain('<meta name="robots" content="noindex">');
    // The admin may frame it; search engines may not index it.
    expect(res.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${cms.url}`);
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    const css = /href="(\/_astro\/[^"]+\.css)"/.exec(html)![1]!;
    expect((await fetch(`${base}${css}`)).status).toBe(200);
  });

  it('previews people too (types without drafts show their saved state)', async () => {
    const person = (await cmsRequest(cms, 'GET', '/api/speakers?filters[slug]=marek-rymsza')).data[0];
    const res = await fetch(`${base}/podglad/osoby/${person.documentId}/?${signPreview('osoby', person.documentId, SECRET)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Marek Rymsza');
  });

  it('shows nothing without a valid, current signature', async () => {
    const page = `${base}/podglad/wydarzenia/${draftId}/`;
    expect((await fetch(page)).status).toBe(401);
    expect((await fetch(`${page}?${signPreview('wydarzenia', draftId, 'a-guessed-secret')}`)).status).toBe(401);
    expect((await fetch(`${page}?${signPreview('osoby', draftId, SECRET)}`)).status).toBe(401);
    const expired = await fetch(`${page}?${signPreview('wydarzenia', draftId, SECRET, 60, Date.now() - 3600_000)}`);
    expect(expired.status).toBe(401);
    expect(await expired.text()).toMatch(/wygasł/);
    for (const res of [await fetch(page), expired]) expect(await res.text().catch(() => '')).not.toContain(DRAFT_TITLE);
  });

  it('gives drafts only to the holder of the preview secret', async () => {
    const url = `${cms.url}/api/site-export/events?ids=${draftId}&status=draft`;
    expect((await fetch(url, { headers: { authorization: `Bearer ${cms.readToken}` } })).status).toBe(403);
    // The public build's token never reads drafts, not even with the secret.
    expect((await fetch(url, { headers: { authorization: `Bearer ${cms.readToken}`, 'x-preview-secret': SECRET } })).status).toBe(403);
    const withSecret = await fetch(url, { headers: { authorization: `Bearer ${cms.previewToken}`, 'x-preview-secret': SECRET } });
    expect(withSecret.status).toBe(200);
    // The published export does not have it.
    const published = (await (await fetch(`${cms.url}/api/site-export/events?ids=${draftId}`, { headers: { authorization: `Bearer ${cms.readToken}` } })).json()) as { data: unknown[] };
    expect(published.data).toEqual([]);
  });

  it('never puts a draft into the public build', () => {
    const dist = inject('distDir');
    const files = fs.readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(html|xml|ics|json)$/.test(f));
    expect(files.length).toBeGreaterThan(50);
    // global-setup.ts saved a draft in the CMS before the build.
    for (const f of files) expect(fs.readFileSync(path.join(dist, f), 'utf8'), f).not.toContain(BUILD_DRAFT);
    expect(fs.existsSync(path.join(dist, 'podglad'))).toBe(false);
    expect(fs.existsSync(path.join(dist, 'server'))).toBe(false);
  });
});
