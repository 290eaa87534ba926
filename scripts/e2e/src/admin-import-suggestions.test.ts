import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CmsProcess } from '@cus/testing/cms-process';
import { adminLogin } from '@cus/cms-admin/admin-api';
import { SHOTS, screenText, signIn, startAdminHarness, type AdminHarness } from './admin-harness.ts';

// An imported report in the real admin (built Strapi, Debian's Chromium): the importer's admin
// API makes a draft with suggestions read from the text, the editor opens it and sees the „Z
// importu” panel in Polish (the old address, its date, the excerpts marked), cannot accept while
// the form has unsaved changes, accepts all, and the form shows the date, type and place at once.
// Screenshots: .test-results/screenshots/admin/import-*.png.

const EVENTS = '/content-manager/collection-types/api::event.event';
// Sentences of the seed report "Konferencja podsumowująca dwa lata CUS".
const SENTENCE = 'W dniu 23 listopada 2023 roku odbyła się uroczysta konferencja podsumowująca dwuletnią działalność Centrum Usług Społecznych Gminy Dębica.';
const PLACE = 'Wydarzenie poprzedziła wizyta studyjna podczas której zaproszeni goście mieli możliwość zobaczyć Centrum Opiekuńczo Mieszkalne w Kochanówce.';

let harness: AdminHarness;
let cms: CmsProcess;
let browser: Browser;
let jwt: string;
let page: Page;

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `import-${name}.png`), fullPage: true, animations: 'disabled' });

async function importReport(): Promise<string> {
  const payload = {
    source: {
      system: 'wordpress',
      key: 'wordpress:cus.debica.example:4321',
      url: 'https://cus.debica.example/2023/11/28/konferencja-podsumowujaca/',
      publishedAt: '2023-11-28T10:15:00+01:00',
      category: 'Aktualności',
      hits: 312,
    },
    contentHash: 'e5'.repeat(16),
    event: {
      title: 'Konferencja podsumowująca dwa lata CUS (import)',
      lead: 'Gmina Dębica od lat kieruje swoje wysiłki na rozwijanie infrastruktury społecznej.',
      body: [
        { type: 'paragraph', children: [{ type: 'text', text: SENTENCE }] },
        { type: 'paragraph', children: [{ type: 'text', text: PLACE }] },
      ],
    },
    suggestions: [
      { kind: 'dates', id: 'dates-1', label: 'Termin: 23 listopada 2023 r.', evidence: { excerpt: 'W dniu 23 listopada 2023 roku', context: SENTENCE, offset: 50 }, ranges: [{ start: '2023-11-23' }] },
      { kind: 'type', id: 'type-1', label: 'Rodzaj: konferencja', evidence: { excerpt: 'konferencja', context: SENTENCE, offset: 110 }, type: 'konferencja' },
      { kind: 'venue', id: 'venue-1', label: 'Miejsce: Kochanówka', evidence: { excerpt: 'w Kochanówce', context: PLACE, offset: 300 }, city: 'Kochanówka' },
    ],
    warnings: [{ code: 'alt_missing', message: 'Zdjęcie „sala.jpg” nie ma tekstu alternatywnego: uzupełnij go w Bibliotece mediów.' }],
  };
  const res = await fetch(`${cms.url}/import/items`, { method: 'POST', headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  const body = (await res.json()) as { status: string; documentId: string };
  expect(res.status, JSON.stringify(body)).toBe(200);
  expect(body.status).toBe('created');
  return body.documentId;
}

beforeAll(async () => {
  harness = await startAdminHarness();
  ({ cms, browser } = harness);
  jwt = await adminLogin(cms.url, cms.admin.email, cms.admin.password);
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'pl-PL', timezoneId: 'Europe/Warsaw' });
  await signIn(page, cms.url, cms.admin);
}, 300_000);

afterAll(async () => {
  await page?.close();
  await harness?.stop();
});

describe('the „Z importu” panel', () => {
  it('shows the source and the suggestions in Polish, waits for unsaved changes, and „Przyjmij wszystkie propozycje” fills the form', { timeout: 180_000 }, async () => {
    const documentId = await importReport();
    await page.goto(`${cms.url}/admin${EVENTS}/${documentId}`);
    const panel = page.getByTestId('import-suggestions');
    await panel.waitFor({ timeout: 30_000 });
    await shot('10-panel');

    const text = await panel.innerText();
    expect(await page.getByText('Z importu', { exact: true }).first().isVisible()).toBe(true);
    expect(text).toContain('WordPress');
    expect(text).toContain('28 listopada 2023');
    expect(text).toContain('Aktualności');
    expect(text).toMatch(/Wyświetlenia\s*312/);
    expect(text).toContain('Zdjęcie „sala.jpg” nie ma tekstu alternatywnego');
    expect(await panel.getByRole('link', { name: 'https://cus.debica.example/2023/11/28/konferencja-podsumowujaca/' }).getAttribute('href')).toBe(
      'https://cus.debica.example/2023/11/28/konferencja-podsumowujaca/',
    );
    expect(await panel.locator('mark').allInnerTexts()).toEqual(['W dniu 23 listopada 2023 roku', 'konferencja', 'w Kochanówce']);
    expect(await panel.getByRole('button', { name: 'Przyjmij', exact: true }).count()).toBe(3);
    // No stored code on screen: the source system and labels are words.
    expect(await screenText(page)).not.toMatch(/\bwordpress\b|alt_missing|dates-1/);

    // Something typed and not saved: the buttons wait, and say why.
    const lead = page.getByLabel(/^Wstęp/);
    const original = await lead.inputValue();
    await lead.fill(`${original} Poprawka.`);
    const all = panel.getByRole('button', { name: 'Przyjmij wszystkie propozycje' });
    await expect.poll(() => all.isDisabled()).toBe(true);
    expect(await panel.innerText()).toContain('Najpierw zapisz zmiany: przyjęcie propozycji zapisuje szkic.');
    await shot('11-unsaved');
    await lead.fill(original);
    await expect.poll(() => all.isDisabled()).toBe(false);

    await all.click();
    await expect.poll(() => panel.getByText('Przyjęto', { exact: true }).count(), { timeout: 30_000 }).toBe(3);
    // The form shows the saved draft's new values without a reload.
    await expect.poll(async () => page.getByRole('combobox', { name: /Rodzaj wydarzenia/ }).innerText(), { timeout: 30_000 }).toContain('Konferencja');
    await page.locator('input[name="venue.city"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('input[name="venue.city"]').inputValue()).toBe('Kochanówka');
    const dateRow = page.locator('main form button[aria-expanded="false"][data-orientation="vertical"]').first();
    if (await dateRow.count()) await dateRow.click();
    await page.locator('input[name="dates.0.start"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('input[name="dates.0.start"]').inputValue()).toBe('23.11.2023');
    expect(await page.getByRole('button', { name: 'Przyjmij wszystkie propozycje' }).count()).toBe(0);
    await shot('12-accepted');

    // What the server holds: the draft (never published) has them.
    const saved = await fetch(`${cms.url}/content-manager/collection-types/api::event.event/${documentId}`, { headers: { authorization: `Bearer ${jwt}` } });
    const { data } = (await saved.json()) as { data: { type: string; dates: { start: string }[]; venue: { city: string }; publishedAt: string | null } };
    expect(data).toMatchObject({ type: 'konferencja', dates: [{ start: '2023-11-23' }], venue: { city: 'Kochanówka' }, publishedAt: null });
  });

  it('is not shown on an event that was not imported', { timeout: 120_000 }, async () => {
    const res = await fetch(`${cms.url}${EVENTS}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Spotkanie wpisane ręcznie', type: 'spotkanie', dates: [{ start: '2026-02-10' }] }),
    });
    const { data } = (await res.json()) as { data: { documentId: string } };
    await page.goto(`${cms.url}/admin${EVENTS}/${data.documentId}`);
    await page.getByTestId('publish-status').waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('import-suggestions').count()).toBe(0);
    expect(await page.getByText('Z importu', { exact: true }).count()).toBe(0);
  });
});
