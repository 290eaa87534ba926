import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsRequest, type CmsProcess } from '@cus/testing/cms-process';
import { generatePassword } from '@cus/cms-admin/secrets';
import { adminLogin } from '@cus/cms-admin/admin-api';
import { screenText, SHOTS, signIn, startAdminHarness, type AdminHarness } from './admin-harness.ts';

// A new editor's walk through the real admin (the built Strapi, `strapi start`, Debian's
// Chromium): the Super Admin, and an Autor and a Wydawca invited through Ustawienia →
// Użytkownicy. On every screen nothing of the English Strapi shows, no stored code of an
// enumeration does, and nothing an editor is not meant to see (Strapi's developer tools, the
// banner linking to an English blog post). Each step leaves a screenshot (and the text seen) in
// .test-results/screenshots/admin/.

/** English an editor met on these screens (issue 13), as whole words. */
const ENGLISH = [
  'Content Manager', 'Search', 'Media Library', 'Settings', 'Introducing the new Media Library', 'Read blog post',
  'Add folder', 'Add new folder', 'List View', 'Grid View', 'Copy preview link', 'Open in new tab', 'Bulleted list',
  'Numbered list', 'Active', 'Not Found', 'Too many requests', 'Marketplace', 'Choose here', 'Keep me updated',
  'Deploy', 'Strapi Cloud', 'User', 'Users', 'Filters', 'Create new entry', 'Welcome', 'Guided tour', 'Documentation',
  'updatedBy', 'updatedAt', 'UPDATEDBY', 'UPDATEDAT', 'Draft', 'Published', 'Modified',
  // The new Media Library.
  'Media library', 'Home', 'Folders', 'FOLDERS', 'No folders yet', 'Filter', 'Sort', 'Most recent updates', 'More actions',
  // Literal English in Strapi's code (translated by cms/patches).
  'Inactive', 'Firstname', 'Lastname', 'Active user', 'Close modal',
];
/**
 * What no one sees unless a developer asks for it (CUS_ADMIN_DEVELOPER, unset here): the
 * marketplace, the content-type builder and its „Edytuj model”, the Media Library banner with
 * its link to an English blog post.
 */
const HIDDEN = ['Sklep', 'Kreator typu treści', 'Edytuj model', 'ma nowy wygląd', 'po angielsku'];
/** Hidden from Autor and Wydawca (Super Admin keeps it): the content manager's view settings. */
const HIDDEN_FROM_EDITORS = ['Skonfiguruj widok'];
/** Typos of Strapi's own Polish. */
const TYPOS = ['uzywane'];
/** Stored codes of the enumerations that an editor should never read. */
const CODES = ['wizyta_studyjna', 'kujawsko_pomorskie', 'samorzad_gminy', 'prowadzacy', 'gosc_honorowy', 'autor_listu', 'warminsko_mazurskie', 'czesciowo_zgodna'];

const wordRe = (text: string) => new RegExp(`(^|[^\\p{L}_])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[^\\p{L}_])`, 'u');

/** The strings of the lists above that the text contains (with `editor`, those hidden from editors too). */
export function foreignStrings(text: string, editor = false): string[] {
  return [...ENGLISH, ...TYPOS, ...CODES, ...HIDDEN, ...(editor ? HIDDEN_FROM_EDITORS : [])].filter((s) => wordRe(s).test(text));
}

let cms: CmsProcess;
let browser: Browser;
const seen: Record<string, string[]> = {};

async function step(page: Page, name: string, editor = false): Promise<string> {
  // Strapi renders after its data arrives: wait until no request is in flight and nothing loads.
  await page.waitForLoadState('networkidle');
  await page.locator('[aria-busy="true"], [data-testid="loader"]').first().waitFor({ state: 'detached', timeout: 20_000 }).catch(() => undefined);
  await page.getByText(/^Ładowanie/).first().waitFor({ state: 'detached', timeout: 20_000 }).catch(() => undefined);
  // What is read aloud or shown in an empty field counts too.
  const text = await screenText(page);
  fs.writeFileSync(path.join(SHOTS, `${name}.txt`), text);
  // (Dialogs fade in: the screenshot shows them as they end up.)
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
  seen[name] = foreignStrings(text, editor);
  return text;
}

/** Opens the edit view's header menu (⋯), keeping what it lists; '' when it has nothing to offer (disabled). */
async function headerMenu(page: Page, name: string, editor = false): Promise<string> {
  const button = page.getByRole('button', { name: 'Więcej akcji', exact: true });
  if (await button.isDisabled()) {
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
    fs.writeFileSync(path.join(SHOTS, `${name}.txt`), '(menu disabled: no action for this user)\n');
    return '';
  }
  await button.click();
  const menu = page.getByRole('menu');
  await menu.waitFor();
  const text = await menu.innerText();
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  fs.writeFileSync(path.join(SHOTS, `${name}.txt`), text);
  seen[name] = foreignStrings(text, editor);
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  return text;
}

/** Invites a user with a role (as the Super Admin does in Ustawienia → Użytkownicy); their registration token. */
let superAdminJwt: string | undefined;
async function invite(roleName: string, firstname: string, email: string): Promise<string> {
  // One API login for every invitation (the admin's login is rate-limited).
  superAdminJwt ??= await adminLogin(cms.url, cms.admin.email, cms.admin.password);
  const jwt = superAdminJwt;
  const auth = { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' };
  const roles = (await (await fetch(`${cms.url}/admin/roles`, { headers: auth })).json()) as { data: { id: number; name: string }[] };
  const role = roles.data.find((r) => r.name === roleName);
  expect(role, `the ${roleName} role`).toBeDefined();
  const created = await fetch(`${cms.url}/admin/users`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ firstname, lastname: 'Nowak', email, roles: [role!.id] }),
  });
  expect(created.status).toBe(201);
  return ((await created.json()) as { data: { registrationToken: string } }).data.registrationToken;
}

/** The invitation page: sets a password and lands on the home page. */
async function register(page: Page, registrationToken: string, name: string): Promise<string> {
  await page.goto(`${cms.url}/admin/auth/register?registrationToken=${registrationToken}`);
  await page.getByLabel(/^Hasło/).first().waitFor({ timeout: 30_000 });
  const text = await step(page, name, true);
  const password = generatePassword();
  await page.getByLabel(/^Hasło/).first().fill(password);
  await page.getByLabel(/^Potwierdź hasło|^Powtórz hasło/).first().fill(password);
  await page.getByRole('button', { name: 'Zaczynajmy' }).click();
  await page.waitForURL(/\/admin(\/)?$/, { timeout: 30_000 });
  return text;
}

/**
 * The list's columns of these headers end inside the page's content area at 1440 px (whose right
 * edge „Dodaj nowy wpis” marks): no sideways scrolling to find them.
 */
async function expectColumnsOnScreen(page: Page, headers: readonly string[]) {
  await page.locator('tbody tr').first().waitFor({ timeout: 30_000 });
  // The status cells fill in after their own request.
  await page.locator('tbody [data-publish-state]').first().waitFor({ timeout: 30_000 });
  const add = await page.getByRole('link', { name: 'Dodaj nowy wpis' }).or(page.getByRole('button', { name: 'Dodaj nowy wpis' })).first().boundingBox();
  const edge = add ? add.x + add.width : 1440;
  for (const header of headers) {
    const box = await page.locator('thead th', { hasText: new RegExp(`^${header}$`, 'i') }).first().boundingBox();
    expect(box, `the "${header}" column`).not.toBeNull();
    expect(box!.x + box!.width, `the "${header}" column's right edge`).toBeLessThanOrEqual(edge + 1);
  }
}

/** The events list, reached as an editor does: „Treści” in the menu. */
async function openContentFromMenu(page: Page) {
  await page.getByRole('link', { name: 'Treści' }).first().click();
  await page.waitForURL(/\/content-manager\/collection-types\/api::event\.event/, { timeout: 30_000 });
  await page.getByRole('grid').or(page.getByRole('table')).first().waitFor({ timeout: 30_000 });
}

const login = (page: Page, email: string, password: string) => signIn(page, cms.url, { email, password });

/** Opens every select of the page's main area in turn, keeping what each lists. */
async function openEveryDropdown(page: Page, name: string): Promise<string> {
  const combos = page.locator('main [role="combobox"]');
  const count = await combos.count();
  let listed = '';
  for (let i = 0; i < count; i++) {
    const combo = combos.nth(i);
    if (!(await combo.isVisible()) || (await combo.isDisabled())) continue;
    if (!(await combo.click({ timeout: 3000 }).then(() => true, () => false))) continue;
    const list = page.locator('[role="listbox"]').last();
    if (await list.waitFor({ timeout: 5000 }).then(() => true, () => false)) {
      listed += `${await list.innerText()}\n`;
      await page.screenshot({ path: path.join(SHOTS, `${name}-dropdown-${i}.png`) });
    }
    await page.keyboard.press('Escape');
  }
  fs.writeFileSync(path.join(SHOTS, `${name}-dropdowns.txt`), listed);
  seen[`${name}-dropdowns`] = foreignStrings(listed);
  return listed;
}

let harness: AdminHarness;

beforeAll(async () => {
  harness = await startAdminHarness();
  ({ cms, browser } = harness);
});

afterAll(() => harness?.stop());

describe('the admin as a Polish editor sees it', () => {
  it('the foreign-string check finds what it looks for', () => {
    expect(foreignStrings('Content Manager\nWizyta studyjna')).toEqual(['Content Manager']);
    expect(foreignStrings('Rodzaj: wizyta_studyjna')).toEqual(['wizyta_studyjna']);
    expect(foreignStrings('Użytkownicy · Ustawienia')).toEqual([]);
    expect(foreignStrings('Treści\nSklep\nKreator typu treści')).toEqual(['Sklep', 'Kreator typu treści']);
    expect(foreignStrings('Edytuj model\nSkonfiguruj widok\nUsuń wpis')).toEqual(['Edytuj model']);
    expect(foreignStrings('Edytuj model\nSkonfiguruj widok\nUsuń wpis', true)).toEqual(['Edytuj model', 'Skonfiguruj widok']);
  });

  it('Super Admin: home, Wydarzenia with labels, a new report and its dropdowns, media library, users', { timeout: 300_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, cms.admin.email, cms.admin.password);
    const home = await step(page, '01-super-admin-home');
    // The menu: content, media, settings; no marketplace, no content-type builder.
    expect(home).toContain('Treści');
    expect(home).not.toMatch(/Sklep|Kreator typu treści/);

    // „Treści” opens on Wydarzenia (Strapi would open Galeria, the first alphabetically).
    await openContentFromMenu(page);
    const list = await step(page, '02-events-list');
    // The type column shows labels; the column of the public site's state is there.
    expect(list).toMatch(/\tKonferencja\t/);
    expect(list).toMatch(/Na stronie/i);
    await expectColumnsOnScreen(page, ['Na stronie', 'Status']);

    await page.goto(`${cms.url}/admin/content-manager/collection-types/api::institution.institution`);
    await page.getByRole('grid').or(page.getByRole('table')).first().waitFor({ timeout: 30_000 });
    await step(page, '03-institutions-list');
    await expectColumnsOnScreen(page, ['Na stronie']);
    for (const [type, headers] of [['speaker', ['Na stronie']], ['gallery', ['Na stronie', 'Status']]] as const) {
      await page.goto(`${cms.url}/admin/content-manager/collection-types/api::${type}.${type}`);
      await page.locator('tbody tr').first().waitFor({ timeout: 30_000 });
      await expectColumnsOnScreen(page, headers);
    }

    await page.goto(`${cms.url}/admin/content-manager/collection-types/api::event.event/create`);
    await page.getByText(/^Rodzaj wydarzenia\*?$/).first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Zapisz' }).waitFor({ timeout: 30_000 });
    await step(page, '04-new-report');
    const options = await openEveryDropdown(page, '04-new-report');
    expect(options).toContain('Wizyta studyjna');

    // An existing report: its components hold the województwo and the roles of people.
    await page.goto(`${cms.url}/admin/content-manager/collection-types/api::event.event`);
    await page.getByRole('grid').or(page.getByRole('table')).first().waitFor({ timeout: 30_000 });
    await page.locator('tbody tr', { hasText: 'Konferencja podsumowująca dwa lata' }).first().click();
    await page.getByText(/^Rodzaj wydarzenia\*?$/).first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Zapisz' }).waitFor({ timeout: 30_000 });
    // Collapsed rows show what they hold: a date row its date as the field shows it, a person row
    // the person's name and role (cms/src/document-middlewares/row-summaries.ts).
    const collapsedRows = page.locator('main form button[aria-expanded="false"][data-orientation="vertical"]');
    await collapsedRows.filter({ hasText: 'Piotr Mączka' }).first().waitFor({ timeout: 30_000 });
    const rowHeaders = (await collapsedRows.allInnerTexts()).map((t) => t.trim());
    expect(rowHeaders).toContain('23.11.2023');
    expect(rowHeaders).toContain('Piotr Mączka — otwierający wydarzenie');
    expect(rowHeaders.join('\n')).not.toContain('2023-11-23');
    const menu = await headerMenu(page, '05-existing-report-menu');
    expect(menu).toContain('Usuń wpis');
    expect(menu).toContain('Skonfiguruj widok');
    // Open the collapsed rows of repeatable components (people, venues) to show their selects.
    // (Accordion triggers carry data-orientation; menus, which would trap the pointer, do not.)
    for (const row of (await page.locator('main form button[aria-expanded="false"][data-orientation="vertical"]').all()).slice(0, 12)) {
      await row.click({ timeout: 2000 }).catch(() => undefined);
    }
    await page.keyboard.press('Escape');
    await step(page, '05-existing-report');
    await openEveryDropdown(page, '05-existing-report');

    await page.goto(`${cms.url}/admin/plugins/upload`);
    await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 30_000 });
    await step(page, '06-media-library');

    await page.goto(`${cms.url}/admin/settings/users`);
    await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 30_000 });
    await step(page, '07-users');
    await page.close();
  });

  it('an Autor invited by the Super Admin: the invitation page, home, the list and a new report', { timeout: 300_000 }, async () => {
    const token = await invite('Autor', 'Anna', 'autorka@cus.test');
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const invitation = await register(page, token, '10-invitation');
    expect(invitation).not.toMatch(/newsletter|nowych funkcjach/i);
    await step(page, '11-autor-home', true);

    await openContentFromMenu(page);
    await step(page, '12-autor-events-list', true);
    await page.locator('tbody tr').first().click();
    await page.getByRole('button', { name: 'Zapisz' }).waitFor({ timeout: 30_000 });
    await step(page, '12-autor-report', true);
    // An Autor may not delete: Strapi's menu then offers nothing (the builder and the view settings hidden).
    expect(await headerMenu(page, '12-autor-report-menu', true)).toBe('');

    await page.goto(`${cms.url}/admin/content-manager/collection-types/api::event.event/create`);
    await page.getByText(/^Rodzaj wydarzenia\*?$/).first().waitFor({ timeout: 30_000 });
    // An Autor saves drafts; publishing is the Wydawca's.
    await page.getByRole('button', { name: 'Zapisz' }).waitFor({ timeout: 30_000 });
    const publish = page.getByRole('button', { name: 'Opublikuj' });
    for (const button of await publish.all()) expect(await button.isDisabled()).toBe(true);
    await step(page, '13-autor-new-report', true);
    await openEveryDropdown(page, '13-autor-new-report');

    await page.goto(`${cms.url}/admin/plugins/upload`);
    await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 30_000 });
    await step(page, '14-autor-media-library', true);
    await page.close();
  });

  it('a Wydawca invited by the Super Admin: home, „Treści”, a report, „Opublikuj” in plain Polish, and a delete without an error', { timeout: 300_000 }, async () => {
    // A draft report whose gallery is a draft too: publishing it asks about the unpublished link.
    const draft = (await cmsRequest(cms, 'POST', '/api/events?status=draft', {
      data: { title: 'Spotkanie sieci CUS w Lublinie', type: 'spotkanie', lead: 'Spotkanie dyrektorów centrów.', dates: [{ start: '2026-12-10' }], venue: { city: 'Lublin', voivodeship: 'lubelskie' } },
    })).data as { documentId: string };
    await cmsRequest(cms, 'POST', '/api/galleries?status=draft', { data: { title: 'Spotkanie sieci CUS w Lublinie — zdjęcia', event: draft.documentId } });
    // A seed report to delete, opened from its address (as from a link): the edit view stays
    // mounted while the list's code loads, which is when Strapi showed "Not Found".
    const doomed = (await cmsRequest(cms, 'GET', '/api/events?filters[title][$startsWith]=Regionalna%20konferencja&fields[0]=title')).data[0] as { documentId: string; title: string };

    const token = await invite('Wydawca', 'Ewa', 'wydawczyni@cus.test');
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await register(page, token, '30-wydawca-invitation');
    const home = await step(page, '31-wydawca-home', true);
    expect(home).toContain('Cześć Ewa');

    await openContentFromMenu(page);
    await step(page, '32-wydawca-events-list', true);

    await page.locator('tbody tr', { hasText: 'Spotkanie sieci CUS w Lublinie' }).first().click();
    await page.getByRole('button', { name: 'Zapisz' }).waitFor({ timeout: 30_000 });
    await step(page, '33-wydawca-report', true);
    const menu = await headerMenu(page, '33-wydawca-report-menu', true);
    expect(menu).toContain('Usuń wpis');

    await page.getByRole('button', { name: 'Opublikuj', exact: true }).first().click();
    const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog')).first();
    await dialog.waitFor({ timeout: 30_000 });
    const confirmation = await dialog.innerText();
    await step(page, '34-wydawca-publish-confirmation', true);
    expect(confirmation).toContain('Powiązany wpis nie jest jeszcze opublikowany. Galeria tego wydarzenia zostanie opublikowana razem z wydarzeniem');
    expect(confirmation).not.toMatch(/szkicem|uszkodzonych linków/);
    await dialog.getByRole('button', { name: 'Opublikuj', exact: true }).click();
    // Published: the „Strona publiczna” panel offers „Cofnij publikację”.
    await page.getByTestId('publish-status').getByRole('button', { name: 'Cofnij publikację' }).waitFor({ timeout: 30_000 });
    await step(page, '35-wydawca-published', true);

    // „Cofnij publikację” in the ⋯ menu asks first too (Strapi ran it at once); „Anuluj” keeps the report public.
    await page.getByRole('button', { name: 'Więcej akcji dokumentu' }).click();
    await page.getByRole('menuitem', { name: 'Cofnij publikację' }).click();
    const ask = page.getByRole('alertdialog').or(page.getByRole('dialog')).filter({ hasText: 'Cofnąć publikację?' }).first();
    await ask.waitFor();
    expect(await ask.innerText()).toContain('Relacja zniknie ze strony w ciągu kilku sekund. Galeria tego wydarzenia też zniknie ze strony.');
    await step(page, '36-wydawca-unpublish-confirmation', true);
    await ask.getByRole('button', { name: 'Anuluj' }).click();
    await ask.waitFor({ state: 'hidden' });
    expect(await page.getByText('Opublikowany', { exact: true }).first().isVisible()).toBe(true);

    await page.goto(`${cms.url}/admin/content-manager/collection-types/api::event.event/${doomed.documentId}`);
    await page.getByRole('button', { name: 'Zapisz' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Więcej akcji', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Usuń wpis' }).click();
    const confirmDelete = page.getByRole('alertdialog').or(page.getByRole('dialog')).first();
    await confirmDelete.waitFor();
    expect(await confirmDelete.innerText()).toContain('Wpis zostanie usunięty na stałe');
    // Strapi fetches the deleted report once more (404): that answer must not become a toast.
    const refetched = page.waitForResponse((r) => r.request().method() === 'GET' && r.url().endsWith(`/content-manager/collection-types/api::event.event/${doomed.documentId}`) && r.status() === 404);
    await confirmDelete.getByRole('button', { name: /Potwierdź|Usuń/ }).click();
    await page.waitForURL(/\/collection-types\/api::event\.event(\?|$)/, { timeout: 30_000 });
    await refetched;
    await page.getByText('Usunięto', { exact: true }).first().waitFor();
    const afterDelete = await step(page, '37-wydawca-after-delete', true);
    expect(afterDelete).not.toContain(doomed.title);
    expect(afterDelete).not.toMatch(/Not Found|Nie znaleziono/);
    await page.close();
  });

  it('no screen showed English or a stored code', () => {
    // Strapi's literal English ("Active"/"Inactive" and the filters of the users list, a dialog's
    // "Close modal") is translated by the patches in cms/patches: nothing is excused here.
    const found = Object.fromEntries(Object.entries(seen).filter(([, strings]) => strings.length > 0));
    expect(found).toEqual({});
  });
});
