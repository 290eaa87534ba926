import fs from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREVIEW_TOKEN_PERMISSIONS, SITE_TOKEN_PERMISSIONS } from '@cus/shared';
import { startStrapi, type TestStrapi } from './helpers/strapi';
import { request } from './helpers/http';
import { uploadFile, waitFor } from './helpers/images';

// What a stranger can do with what the CMS hands out: the public build's API token reads
// published content only, a page on another origin gets no CORS permission, and an image made
// to exhaust memory is refused before it is decoded.

const PREVIEW_SECRET = 'sekret-podgladu-testow';
const OTHER_ALLOWED_ORIGIN = 'https://podglad.cus.test';
let app: TestStrapi;
let fullToken: string;
let siteToken: string;
let previewToken: string;
let draftId: string;
let fileId: number;

beforeAll(async () => {
  app = await startStrapi({ env: { PREVIEW_SECRET, CORS_ORIGINS: `${OTHER_ALLOWED_ORIGIN}, not a url` } });
  const tokens = app.strapi.service('admin::api-token');
  fullToken = (await tokens.create({ name: 'Pełny (test)', type: 'full-access', lifespan: null })).accessKey;
  siteToken = (await tokens.create({ name: 'Strona (test)', type: 'custom', lifespan: null, permissions: [...SITE_TOKEN_PERMISSIONS] })).accessKey;
  previewToken = (await tokens.create({ name: 'Podgląd (test)', type: 'custom', lifespan: null, permissions: [...PREVIEW_TOKEN_PERMISSIONS] })).accessKey;

  const published = await request(`${app.url}/api/events`, {
    method: 'POST',
    token: fullToken,
    json: { data: { title: 'Opublikowana relacja', type: 'konferencja', dates: [{ start: '2026-03-02' }] } },
  });
  expect(published.status).toBe(201);
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).jpeg().toBuffer();
  const upload = await uploadFile(app.url, fullToken, jpeg, 'szkic.jpg', 'image/jpeg');
  expect(upload.status).toBe(201);
  fileId = upload.body[0].id;
  const draft = await request(`${app.url}/api/events?status=draft`, {
    method: 'POST',
    token: fullToken,
    json: { data: { title: 'Tajny szkic', type: 'konferencja', dates: [{ start: '2026-03-03' }], cover: fileId } },
  });
  expect(draft.status).toBe(201);
  draftId = draft.body.data.documentId;
});
afterAll(async () => app?.stop());

describe("the public build's token", () => {
  it('reads the published export and the photo queue status', async () => {
    const list = await request(`${app.url}/api/site-export/events`, { token: siteToken });
    expect(list.status).toBe(200);
    expect(list.body.data.map((e: { title: string }) => e.title)).toEqual(['Opublikowana relacja']);
    expect((await request(`${app.url}/api/site-export/events?view=versions`, { token: siteToken })).status).toBe(200);
    expect((await request(`${app.url}/api/image-variants/status`, { token: siteToken })).status).toBe(200);
  });

  it('reads no draft, no file relations, no roles and nothing of Strapi’s own routes', async () => {
    const refused = [
      `/api/events/${draftId}?status=draft`,
      '/api/events?status=draft',
      '/api/events',
      `/api/upload/files/${fileId}?populate=related`,
      '/api/upload/files',
      '/api/users-permissions/roles',
      `/api/site-export/events?status=draft&ids=${draftId}`,
      `/api/site-export/events/drafts?ids=${draftId}`,
    ];
    for (const path of refused) {
      const res = await request(`${app.url}${path}`, { token: siteToken });
      expect([401, 403], path).toContain(res.status);
      expect(JSON.stringify(res.body), path).not.toContain('Tajny szkic');
      // Not even with the preview secret.
      const withSecret = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${siteToken}`, 'x-preview-secret': PREVIEW_SECRET } });
      expect([401, 403], path).toContain(withSecret.status);
    }
  });

  it('compared with a Strapi "read-only" token, which does read drafts (why the site no longer has one)', async () => {
    const readOnly = (await app.strapi.service('admin::api-token').create({ name: 'Tylko odczyt (test)', type: 'read-only', lifespan: null })).accessKey;
    const res = await request(`${app.url}/api/events/${draftId}?status=draft`, { token: readOnly });
    expect(res.status).toBe(200);
    expect(res.body.data.title).toBe('Tajny szkic');
  });

  it("leaves drafts to the preview's token, with the preview secret only", async () => {
    const url = `${app.url}/api/site-export/events/drafts?ids=${draftId}`;
    expect((await request(url, { token: previewToken })).status).toBe(403);
    for (const draftsUrl of [url, `${app.url}/api/site-export/events?status=draft&ids=${draftId}`]) {
      const res = await fetch(draftsUrl, { headers: { authorization: `Bearer ${previewToken}`, 'x-preview-secret': PREVIEW_SECRET } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { data: { title: string }[] }).data.map((e) => e.title)).toEqual(['Tajny szkic']);
    }
    const wrongSecret = await fetch(url, { headers: { authorization: `Bearer ${previewToken}`, 'x-preview-secret': 'zgadywany' } });
    expect(wrongSecret.status).toBe(403);
    // Strapi's own routes stay closed to it as well.
    expect([401, 403]).toContain((await request(`${app.url}/api/events/${draftId}?status=draft`, { token: previewToken })).status);
  });
});

describe('CORS', () => {
  const preflight = (path: string, origin: string) =>
    fetch(`${app.url}${path}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
  const allowHeaders = (res: Response) => [...res.headers.keys()].filter((h) => h.startsWith('access-control-allow'));

  it('gives a page of another origin no Access-Control-Allow-* header, on the admin and the API', async () => {
    for (const path of ['/admin/login', '/admin/access-token', '/api/site-export/events', '/api/events']) {
      for (const origin of ['https://evil.example', 'null', `${app.url}.evil.example`]) {
        const res = await preflight(path, origin);
        expect(allowHeaders(res), `${path} ${origin}`).toEqual([]);
      }
      const simple = await fetch(`${app.url}${path}`, { headers: { origin: 'https://evil.example' } });
      expect(allowHeaders(simple), path).toEqual([]);
    }
  });

  it("allows the CMS's own origin (the admin panel) and CORS_ORIGINS", async () => {
    for (const origin of [app.url, OTHER_ALLOWED_ORIGIN]) {
      const res = await preflight('/admin/login', origin);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    }
  });
});

/** Resident memory of this process (the CMS runs in it), and its peak since the last reset. */
function memory(): { rss: number; peak: number } {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}
/** Resets the peak (VmHWM) to the current RSS: Linux's clear_refs, value 5. */
const resetPeak = () => fs.writeFileSync('/proc/self/clear_refs', '5');
const MiB = 1024 * 1024;

describe('images too large to decode', () => {
  let huge: Buffer;
  beforeAll(async () => {
    // 16000×16000 of one colour: about 250 KB as PNG, about 1 GiB once decoded.
    huge = await sharp({ create: { width: 16_000, height: 16_000, channels: 3, background: '#2a6fb0' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
  }, 120_000);

  const files = () => app.strapi.db.query('plugin::upload.file').count({});

  it('refuses a 16000×16000 PNG with a Polish message naming the file, stores nothing, and stays under 1 GiB', async () => {
    expect(huge.length).toBeLessThan(1024 * 1024);
    const before = await files();
    global.gc?.();
    const base = memory();
    resetPeak();
    const res = await uploadFile(app.url, fullToken, huge, 'plakat.png', 'image/png');
    const after = memory();
    const growth = after.peak - base.rss;
    console.log(`[measure] one 16000×16000 PNG (${huge.length} B): HTTP ${res.status}, RSS before ${Math.round(base.rss / MiB)} MiB, peak ${Math.round(after.peak / MiB)} MiB, growth ${Math.round(growth / MiB)} MiB`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('Plik „plakat.png” ma 16000×16000 pikseli (256 Mpx)');
    expect(res.body.error.message).toContain('najwięcej można przesłać 50 Mpx');
    expect(await files()).toBe(before);
    expect(growth).toBeLessThan(1024 * MiB);
  });

  it('refuses three at once, each, and stays under 1 GiB', async () => {
    const before = await files();
    global.gc?.();
    const base = memory();
    resetPeak();
    const results = await Promise.all([1, 2, 3].map((n) => uploadFile(app.url, fullToken, huge, `plakat-${n}.png`, 'image/png')));
    const after = memory();
    const growth = after.peak - base.rss;
    console.log(`[measure] three 16000×16000 PNGs at once: HTTP ${results.map((r) => r.status).join(', ')}, RSS before ${Math.round(base.rss / MiB)} MiB, peak ${Math.round(after.peak / MiB)} MiB, growth ${Math.round(growth / MiB)} MiB`);
    expect(results.map((r) => r.status)).toEqual([400, 400, 400]);
    expect(await files()).toBe(before);
    expect(growth).toBeLessThan(1024 * MiB);
  });

  it('takes IMAGE_MAX_PIXELS as the limit: one pixel over is refused, the limit itself accepted', async () => {
    const saved = process.env.IMAGE_MAX_PIXELS;
    process.env.IMAGE_MAX_PIXELS = String(1000 * 800);
    try {
      const png = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: '#777777' } }).png().toBuffer();
      const over = await uploadFile(app.url, fullToken, await png(1001, 800), 'za-duze.png', 'image/png');
      expect(over.status).toBe(400);
      expect(over.body.error.message).toContain('Plik „za-duze.png” ma 1001×800 pikseli');
      const atLimit = await uploadFile(app.url, fullToken, await png(1000, 800), 'w-sam-raz.png', 'image/png');
      expect(atLimit.status).toBe(201);
      // Its variants are made under the same limit.
      await waitFor(async () => (await request(`${app.url}/api/image-variants/status`, { token: siteToken })).body.pending === 0 || undefined, 'variants');
      expect((await request(`${app.url}/api/image-variants/status`, { token: siteToken })).body.failed).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.IMAGE_MAX_PIXELS;
      else process.env.IMAGE_MAX_PIXELS = saved;
    }
  });

  it('accepts an image just under the default limit, adding under 1 GiB while stored and while its variants are made', async () => {
    // 7000×7100 with transparency: 49.7 MP, the heaviest kind of image the limit lets through.
    const png = await sharp({ create: { width: 7000, height: 7100, channels: 4, background: { r: 10, g: 200, b: 30, alpha: 0.5 } } }).png().toBuffer();
    global.gc?.();
    const base = memory();
    resetPeak();
    const res = await uploadFile(app.url, fullToken, png, 'duzy-plakat.png', 'image/png');
    const stored = memory();
    expect(res.status).toBe(201);
    const variantsBase = memory();
    resetPeak();
    const status = () => request(`${app.url}/api/image-variants/status`, { token: siteToken });
    await waitFor(async () => (await status()).body.pending === 0 || undefined, 'variants of the 50 MP image', 300_000);
    const encoded = memory();
    expect((await status()).body.failed).toEqual([]);
    console.log(
      `[measure] 7000×7100 RGBA PNG (${png.length} B): upload growth ${Math.round((stored.peak - base.rss) / MiB)} MiB, ` +
        `variants growth ${Math.round((encoded.peak - variantsBase.rss) / MiB)} MiB`,
    );
    expect(stored.peak - base.rss).toBeLessThan(1024 * MiB);
    expect(encoded.peak - variantsBase.rss).toBeLessThan(1024 * MiB);
  }, 360_000);
});
