import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CmsProcess } from '@cus/testing/cms-process';
import { waitFor } from '@cus/testing/wait';
import { SHOTS, signIn, startAdminHarness, type AdminHarness } from './admin-harness.ts';
import { adminLogin } from '@cus/cms-admin/admin-api';

// A new report written as a Polish editor would, in the real admin (built Strapi, Debian's
// Chromium, a browser set to Polish and Warsaw time): leaving the hour field with Escape and Tab,
// typing "9:30", a date "14.03.2026" + Enter, an impossible date, and creating an institution from
// the Organizatorzy picker before the report was ever saved. What was saved is read back over the
// admin API. Screenshots of each step: .test-results/screenshots/admin/dates-relations-*.png.

const EVENTS = '/content-manager/collection-types/api::event.event';

let cms: CmsProcess;
let browser: Browser;
/** The admin login (cookies and storage) and an admin API token: the login is rate-limited to 5 tries in 5 minutes. */
let session: Awaited<ReturnType<BrowserContext['storageState']>>;
let jwt: string;
const browserSettings = { viewport: { width: 1440, height: 1000 }, locale: 'pl-PL', timezoneId: 'Europe/Warsaw' };

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `dates-relations-${name}.png`) });

let harness: AdminHarness;

beforeAll(async () => {
  harness = await startAdminHarness();
  ({ cms, browser } = harness);
  jwt = await adminLogin(cms.url, cms.admin.email, cms.admin.password);
  const context = await browser.newContext(browserSettings);
  const page = await context.newPage();
  // "Zapamiętaj mnie": the login is kept in the browser's storage, for the contexts of each test.
  await signIn(page, cms.url, cms.admin, { remember: true });
  session = await context.storageState();
  await context.close();
});

afterAll(() => harness?.stop());

async function newReport(title: string): Promise<Page> {
  const context = await browser.newContext({ ...browserSettings, storageState: session });
  const page = await context.newPage();
  await page.goto(`${cms.url}/admin${EVENTS}/create`);
  await page.locator('input[name="title"]').waitFor({ timeout: 30_000 });
  await page.locator('input[name="title"]').fill(title);
  await page.getByRole('combobox', { name: /Rodzaj wydarzenia/ }).click();
  await page.getByRole('option', { name: 'Konferencja' }).click();
  // The first date row is there already (a report needs one), collapsed.
  await page.locator('main form button[aria-expanded="false"][data-orientation="vertical"]').first().click();
  await page.locator('input[name="dates.0.start"]').waitFor();
  return page;
}

/** Clicks "Zapisz" and returns the saved report's documentId (from the address the admin moves to). */
async function save(page: Page): Promise<string> {
  const response = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`${EVENTS}`));
  await page.getByRole('button', { name: 'Zapisz' }).click();
  const res = await response;
  expect(res.status(), await res.text()).toBe(201);
  const { documentId } = ((await res.json()) as { data: { documentId: string } }).data;
  // The admin moves to the saved entry's edit view: wait until it shows the form again.
  await page.waitForURL(new RegExp(`/${documentId}`), { timeout: 30_000 });
  await page.locator('input[name="title"]').waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  return documentId;
}

/** Creates an entry from the relation picker `combobox` („Utwórz relację”), filling its `name`, and closes the modal. */
async function createFromPicker(page: Page, combobox: ReturnType<Page['getByRole']>, targetUid: string, name: string, shotName: string) {
  await combobox.scrollIntoViewIfNeeded();
  await combobox.click();
  await page.getByRole('option', { name: /Utwórz relację/ }).click();
  const dialog = page.getByRole('dialog').last();
  await dialog.locator('input[name="name"]').fill(name);
  await shot(page, shotName);
  const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/${targetUid}`));
  await dialog.getByRole('button', { name: 'Zapisz' }).click();
  expect((await created).status()).toBe(201);
  // The modal turns into the saved entry's edit view (its heading becomes the name), then closes on Escape.
  // 30 s like the other waits here: on a loaded CI machine the modal took over 10 s to turn.
  await dialog.getByRole('heading', { name }).waitFor({ timeout: 30_000 });
  await waitFor('the modal to close', async () => {
    if ((await page.getByRole('dialog').count()) > 0) await page.keyboard.press('Escape');
    return (await page.getByRole('dialog').count()) === 0;
  }, 30_000, 500);
}

async function readBack(documentId: string): Promise<any> {
  const res = await fetch(`${cms.url}${EVENTS}/${documentId}`, { headers: { authorization: `Bearer ${jwt}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: unknown }).data;
}

describe('dates and times typed in the event form', () => {
  it('leaving the hour field with Escape or Tab leaves it empty; "9:30" and "14.03.2026" + Enter are kept and saved', { timeout: 180_000 }, async () => {
    const page = await newReport('Konferencja z godzinami');
    const startTime = page.locator('input[name="dates.0.startTime"]');
    const endTime = page.locator('input[name="dates.0.endTime"]');

    await startTime.click();
    await page.keyboard.press('Escape');
    expect(await startTime.inputValue()).toBe('');
    await page.keyboard.press('Enter');
    expect(await startTime.inputValue()).toBe('');
    await page.keyboard.press('Tab');
    // Tab leaves the field (focus moves on) and nothing was put into it.
    await waitFor('focus to leave the hour field', async () => !(await startTime.evaluate((el) => el === el.ownerDocument.activeElement)));
    expect(await startTime.inputValue()).toBe('');
    expect(await page.locator('main').innerText()).not.toMatch(/undefined/);
    await shot(page, '01-time-left-empty');

    await startTime.click();
    await page.keyboard.type('9:30');
    await page.keyboard.press('Tab');
    expect(await startTime.inputValue()).toBe('09:30');
    await endTime.click();
    await page.keyboard.type('1545');
    await page.keyboard.press('Enter');
    expect(await endTime.inputValue()).toBe('15:45');
    await shot(page, '02-time-typed');

    const start = page.locator('input[name="dates.0.start"]');
    await start.click();
    await page.keyboard.type('14.03.2026');
    await page.keyboard.press('Enter');
    // Escape after Enter (a habit from the old calendar) must not erase it.
    await page.keyboard.press('Escape');
    expect(await start.inputValue()).toBe('14.03.2026');
    await shot(page, '03-date-typed');

    const end = page.locator('input[name="dates.0.end"]');
    await end.click();
    await page.keyboard.type('31.02.2026');
    await page.keyboard.press('Tab');
    expect(await end.inputValue()).toBe('31.02.2026');
    await expect.poll(() => page.locator('[data-cus-field="date"]').nth(1).innerText()).toContain('Nie ma takiego dnia: „31.02.2026”. Luty 2026 r. ma 28 dni.');
    await shot(page, '04-impossible-date');
    await end.fill('');
    await end.click();
    await page.keyboard.type('15.3.2026');
    await page.keyboard.press('Tab');
    expect(await end.inputValue()).toBe('15.03.2026');

    const documentId = await save(page);
    await shot(page, '05-saved');
    const saved = await readBack(documentId);
    expect(saved.dates).toHaveLength(1);
    expect(saved.dates[0]).toMatchObject({ start: '2026-03-14', end: '2026-03-15', startTime: '09:30:00.000', endTime: '15:45:00.000' });
    await page.context().close();
  });

  it('a time left unreadable is refused on save with a Polish message on that field', { timeout: 180_000 }, async () => {
    const page = await newReport('Konferencja z błędną godziną');
    await page.locator('input[name="dates.0.start"]').fill('14.03.2026');
    const startTime = page.locator('input[name="dates.0.startTime"]');
    await startTime.click();
    await page.keyboard.type('25:70');
    await page.keyboard.press('Tab');
    expect(await startTime.inputValue()).toBe('25:70');
    const response = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`${EVENTS}`));
    await page.getByRole('button', { name: 'Zapisz' }).click();
    const res = await response;
    expect(res.status()).toBe(400);
    const body = (await res.json()) as { error: { details: { errors: { path: string[]; message: string }[] } } };
    expect(body.error.details.errors[0]).toMatchObject({ path: ['dates', '0', 'startTime'] });
    expect(body.error.details.errors[0]!.message).toMatch(/„Godzina rozpoczęcia”: „25:70” nie jest godziną/);
    // The field itself says so, and keeps what was typed.
    await expect.poll(() => page.locator('[data-cus-field="time"]').first().innerText()).toMatch(/Nie ma godziny 25|nie jest godziną/);
    expect(await startTime.inputValue()).toBe('25:70');
    expect(await page.locator('body').innerText()).not.toMatch(/Invalid time format/);
    await shot(page, '06-time-refused');
    await page.context().close();
  });
});

describe('„Utwórz relację” on a report never saved', () => {
  it('an institution created from Organizatorzy and a person from an appearance are attached, and saved with the report', { timeout: 300_000 }, async () => {
    const title = 'Konferencja z nową instytucją';
    const page = await newReport(title);
    await page.locator('input[name="dates.0.start"]').fill('14.03.2026');
    const institution = 'Centrum Usług Społecznych w Testowie';
    await createFromPicker(page, page.getByRole('combobox', { name: /Organizatorzy/ }), 'api::institution.institution', institution, '07-create-institution');
    // The picker lists it under the report's organizers, before the report is saved.
    await expect.poll(() => page.locator('main').innerText()).toContain(institution);
    await shot(page, '08-institution-attached');

    // A person, from the picker of a new row of „Osoby i wystąpienia” (a relation inside a component).
    const person = 'Anna Testowa-Kowalska';
    await page.getByText(/^Osoby i wystąpienia/).scrollIntoViewIfNeeded();
    await page.getByText(/^Osoby i wystąpienia/).locator('xpath=following::button[contains(., "Jeszcze nie ma wpisu")][1]').click();
    const speaker = page.locator('[role="combobox"][name="appearances.0.speaker"]');
    await speaker.waitFor({ timeout: 30_000 });
    await createFromPicker(page, speaker, 'api::speaker.speaker', person, '09-create-person');
    await expect.poll(() => page.locator('main').innerText()).toContain(person);
    // Nothing typed into the report was lost on the way.
    expect(await page.locator('input[name="title"]').inputValue()).toBe(title);
    expect(await page.locator('input[name="dates.0.start"]').inputValue()).toBe('14.03.2026');
    await shot(page, '10-person-attached');

    const documentId = await save(page);
    await expect.poll(() => page.locator('main').innerText()).toContain(institution);
    await shot(page, '11-report-saved');
    const organizers = await fetch(`${cms.url}/content-manager/relations/api::event.event/${documentId}/organizers`, { headers: { authorization: `Bearer ${jwt}` } });
    expect(organizers.status).toBe(200);
    expect(((await organizers.json()) as { results: { name: string }[] }).results.map((r) => r.name)).toEqual([institution]);
    const saved = await readBack(documentId);
    expect(saved.appearances).toHaveLength(1);
    const speakerRes = await fetch(`${cms.url}/content-manager/relations/event.appearance/${saved.appearances[0].id}/speaker`, { headers: { authorization: `Bearer ${jwt}` } });
    expect(speakerRes.status).toBe(200);
    expect(((await speakerRes.json()) as { results: { name: string }[] }).results.map((r) => r.name)).toEqual([person]);
    await page.context().close();
  });
});
