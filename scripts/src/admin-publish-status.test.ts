import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RebuildService } from './rebuild/service.ts';
import { launchChromium } from './testing/chromium.ts';
import { cmsRequest, freePort, ROOT, type CmsProcess } from './testing/cms-process.ts';
import { startPublishingStack, type PublishingStack } from './testing/publishing-stack.ts';

// "Opublikuj" in the real admin, and the editor sees the result there: the CMS with its
// webhook to the rebuild service, which builds and deploys the site; the edit view's
// "Strona publiczna" panel and the list's "Na stronie" column, in Debian's Chromium.

const SHOTS = path.join(ROOT, '.test-results', 'screenshots', 'admin');
let stack: PublishingStack;
let cms: CmsProcess;
let service: RebuildService;
let siteUrl: string;
let browser: Browser;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const sitePort = await freePort();
  stack = await startPublishingStack({ templateDir: inject('templateDir'), prefix: 'cus-admin-publish-', cmsEnv: { PUBLIC_SITE_URL: `http://127.0.0.1:${sitePort}` }, sitePort, liveContentFile: true });
  ({ cms, service, siteUrl } = stack);
  await service.scheduler.idle();
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the publish status in the admin', () => {
  it('a draft shows it is not on the site; after "Opublikuj" the panel reaches "Na stronie od …" with the page link, and the list says so', { timeout: 300_000 }, async () => {
    const created = await cmsRequest(cms, 'POST', '/api/events?status=draft', {
      data: { title: 'Szkolenie z publikacji w panelu', type: 'szkolenie', lead: 'Zapowiedź szkolenia.', dates: [{ start: '2026-12-03' }], venue: { city: 'Lublin', voivodeship: 'lubelskie' } },
    });
    const { documentId, slug } = created.data as { documentId: string; slug: string };

    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${cms.url}/admin/auth/login`);
    await page.getByLabel('E-mail').fill(cms.admin.email);
    await page.getByLabel('Hasło').fill(cms.admin.password);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL(/\/admin(\/)?$/, { timeout: 30_000 });

    await page.goto(`${cms.url}/admin/content-manager/collection-types/api::event.event/${documentId}`);
    const panel = page.getByTestId('publish-status');
    await panel.locator('[data-publish-state="not-public"]').waitFor({ timeout: 30_000 });
    await shot(page, '20-draft-status');

    await page.getByRole('button', { name: 'Opublikuj' }).first().click();
    const clicked = Date.now();
    await panel.locator('[data-publish-state="live"]').waitFor({ timeout: 180_000 }).catch(async (err) => {
      await shot(page, '21-live-status-failed');
      throw new Error(`${(err as Error).message}\npanel: ${await panel.innerText().catch(() => '-')}\nbuilds: ${JSON.stringify(service.status().last.slice(0, 3))}`);
    });
    const liveAfterMs = Date.now() - clicked;
    fs.writeFileSync(path.join(SHOTS, '21-live-after-ms.txt'), `${liveAfterMs}\n`);
    console.log(`measured: "Opublikuj" → the admin shows "live" in ${liveAfterMs} ms`);
    await shot(page, '21-live-status');

    expect(await panel.innerText()).toMatch(/Na stronie od \d{1,2}:\d{2}/);
    const href = await panel.getByRole('link').getAttribute('href');
    expect(href).toBe(`${siteUrl}/wydarzenia/${slug}/`);
    // The page it links to is the one the live release serves, with the new report.
    const live = await fetch(href!);
    expect(live.status).toBe(200);
    expect(await live.text()).toContain('Szkolenie z publikacji w panelu');

    await page.goto(`${cms.url}/admin/content-manager/collection-types/api::event.event`);
    const row = page.locator('tbody tr', { hasText: 'Szkolenie z publikacji w panelu' });
    await row.locator('[data-publish-state="live"]').waitFor({ timeout: 30_000 });
    await shot(page, '22-list-status');
    await page.close();
  });
});
