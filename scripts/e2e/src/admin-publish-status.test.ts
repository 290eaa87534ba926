import fs from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RebuildService } from '@cus/publisher/service';
import { launchChromium } from '@cus/testing/chromium';
import { cmsRequest, type CmsProcess } from '@cus/testing/cms-process';
import { startPublishingStack, type PublishingStack } from '@cus/publisher/publishing-stack';
import { waitFor } from '@cus/testing/wait';
import { SHOTS, signIn } from './admin-harness.ts';
import { freePort } from '@cus/testing/free-port';

// "Opublikuj" in the real admin, and the editor sees the result there: the CMS with its
// webhook to the rebuild service, which builds and deploys the site; the edit view's
// "Strona publiczna" panel and the list's "Na stronie" column, in Debian's Chromium. Then a
// build that fails (the reason in Polish, naming the entry and field), and „Cofnij publikację”
// taking a report and its gallery off the site.

let stack: PublishingStack;
let cms: CmsProcess;
let service: RebuildService;
let siteUrl: string;
let browser: Browser;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

let page: Page;

/** The Super Admin's session, logged in once (the admin's login is rate-limited). */
async function adminPage(): Promise<Page> {
  if (page) return page;
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await signIn(page, cms.url, cms.admin);
  return page;
}

async function openEvent(documentId: string) {
  await page.goto(`${cms.url}/admin/content-manager/collection-types/api::event.event/${documentId}`);
  await page.getByRole('button', { name: 'Zapisz' }).waitFor({ timeout: 30_000 });
}

const siteStatus = async (pagePath: string) => (await fetch(`${siteUrl}${pagePath}`)).status;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const sitePort = await freePort();
  stack = await startPublishingStack({ templateDir: inject('templateDir'), prefix: 'cus-admin-publish-', cmsEnv: { PUBLIC_SITE_URL: `http://127.0.0.1:${sitePort}` }, sitePort, liveContentFile: true });
  ({ cms, service, siteUrl } = stack);
  await service.scheduler.idle();
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await page?.close();
  await browser?.close();
  await stack?.stop();
});

describe('the publish status in the admin', () => {
  it('a draft shows it is not on the site; after "Opublikuj" the panel reaches "Na stronie od …" with the page link, and the list says so', { timeout: 300_000 }, async () => {
    const created = await cmsRequest(cms, 'POST', '/api/events?status=draft', {
      data: { title: 'Szkolenie z publikacji w panelu', type: 'szkolenie', lead: 'Zapowiedź szkolenia.', dates: [{ start: '2026-12-03' }], venue: { city: 'Lublin', voivodeship: 'lubelskie' } },
    });
    const { documentId, slug } = created.data as { documentId: string; slug: string };

    await adminPage();
    await openEvent(documentId);
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

    // „Zapisz” alone changes the draft, not the site: the panel says so in plain words.
    await openEvent(documentId);
    const lead = page.getByLabel(/^Wstęp/);
    await lead.fill('Zapowiedź szkolenia, poprawiona.');
    await page.getByRole('button', { name: 'Zapisz', exact: true }).click();
    await panel.getByTestId('saved-not-published').waitFor({ timeout: 30_000 });
    expect(await panel.innerText()).toContain('Zapisano szkic. Na stronie jest poprzednia wersja — kliknij „Opublikuj”, aby ją zaktualizować.');
    await shot(page, '23-saved-not-published');
  });

  it('a build that fails: the panel gives the reason in Polish, naming the entry and the field', { timeout: 300_000 }, async () => {
    await service.scheduler.idle();
    await adminPage();
    const db = new DatabaseSync(path.join(cms.workDir, 'data.db'));
    const seed = db.prepare("SELECT slug, title FROM events WHERE published_at IS NOT NULL AND slug LIKE 'konferencja-podsumowujaca%'").get() as { slug: string; title: string };
    // An entry the CMS stored but the site's contract refuses (as if the model had drifted).
    db.prepare('UPDATE events SET type = ?, updated_at = ? WHERE slug = ?').run('webinarium', Date.now(), seed.slug);
    try {
      const created = await cmsRequest(cms, 'POST', '/api/events?status=draft', {
        data: { title: 'Warsztaty w czasie awarii', type: 'warsztaty', lead: 'Warsztaty dla pracowników.', dates: [{ start: '2026-12-05' }], venue: { city: 'Rzeszów', voivodeship: 'podkarpackie' } },
      });
      const { documentId } = created.data as { documentId: string };
      await openEvent(documentId);
      await page.getByRole('button', { name: 'Opublikuj', exact: true }).first().click();
      const panel = page.getByTestId('publish-status');
      await panel.locator('[data-publish-state="failed"]').waitFor({ timeout: 180_000 });
      await shot(page, '24-build-failed');
      const text = await panel.innerText();
      expect(text).toContain(`Strona nie została zaktualizowana: wydarzenie „${seed.title}”, pole „Rodzaj wydarzenia”: wartość spoza listy dozwolonych`);
      // No raw attribute name or zod English beside it.
      expect(text).not.toMatch(/Invalid|expected|\btype\b/);
    } finally {
      db.prepare('UPDATE events SET type = ?, updated_at = ? WHERE slug = ?').run('konferencja', Date.now(), seed.slug);
      db.close();
    }
  });

  it('„Cofnij publikację” asks first, then the report and its gallery leave the site', { timeout: 300_000 }, async () => {
    await adminPage();
    const db = new DatabaseSync(path.join(cms.workDir, 'data.db'), { readOnly: true });
    const row = db
      .prepare(
        `SELECT e.document_id AS event, e.slug AS eventSlug, g.slug AS gallerySlug FROM events e
         JOIN events_gallery_lnk l ON l.event_id = e.id JOIN galleries g ON g.id = l.gallery_id
         WHERE e.published_at IS NOT NULL AND g.published_at IS NOT NULL LIMIT 1`,
      )
      .get() as { event: string; eventSlug: string; gallerySlug: string };
    db.close();
    // Both pages are on the live site (after the build that follows the repair above).
    await waitFor('the gallery page', async () => (await siteStatus(`/galerie/${row.gallerySlug}/`)) === 200, 180_000, 500);
    expect(await siteStatus(`/wydarzenia/${row.eventSlug}/`)).toBe(200);

    await openEvent(row.event);
    const panel = page.getByTestId('publish-status');
    await panel.getByRole('button', { name: 'Cofnij publikację' }).click();
    const warning = page.getByTestId('unpublish-warning').filter({ visible: true });
    await warning.waitFor();
    expect(await warning.innerText()).toBe(
      'Relacja zniknie ze strony w ciągu kilku sekund. Galeria tego wydarzenia też zniknie ze strony. Wpis zostaje w panelu jako szkic: możesz go poprawić i opublikować ponownie.',
    );
    await shot(page, '25-unpublish-confirmation');
    // Nothing happens until the editor confirms.
    expect(await siteStatus(`/wydarzenia/${row.eventSlug}/`)).toBe(200);
    await page.getByRole('dialog', { name: 'Cofnąć publikację?' }).getByRole('button', { name: 'Cofnij publikację' }).click();
    await panel.locator('[data-publish-state="not-public"]').waitFor({ timeout: 30_000 });
    await waitFor('the gallery page gone', async () => (await siteStatus(`/galerie/${row.gallerySlug}/`)) === 404, 180_000, 500);
    expect(await siteStatus(`/wydarzenia/${row.eventSlug}/`)).toBe(404);
    await shot(page, '26-unpublished');
  });
});
