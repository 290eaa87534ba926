import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CmsProcess } from '@cus/testing/cms-process';
import { adminLogin } from '@cus/cms-admin/admin-api';
import { screenText, SHOTS, signIn, startAdminHarness, type AdminHarness } from './admin-harness.ts';

// The body of a report in the real admin (the built Strapi, `strapi start`, Debian's Chromium),
// written as an editor does, by keyboard: a heading chosen from the block type menu, a bulleted
// list of two items and a link; then a photo from the Media Library. Saved, the entry read back
// over the admin API holds exactly those blocks. On the way, no English of the rich-text editor
// is on screen (toolbar, menus, link form, the photo dialog). Screenshots in .test-results/screenshots/admin/rich-text-*.


/** What Strapi 5.54's Blocks editor says in English (not "Link": a Polish word too), and Strapi's Polish words it replaces. */
const FOREIGN = [
  'Select a block', 'Text', 'Heading 1', 'Heading 2', 'Heading 3', 'Quote', 'Code block', 'Image', 'Bulleted list',
  'Numbered list', 'Bold', 'Italic', 'Underline', 'Strikethrough', 'Inline code', 'Expand', 'Collapse', 'Drag',
  'Enter link text', 'Paste link', 'Rel (optional)', 'Target (optional)', 'Remove', 'Edit', 'Cancel', 'Save',
  'Please enter valid link', 'Move up', 'Move down', 'To reorder blocks', 'moved. New position',
  // The Media Library dialog of the photo block:
  'Add folder', 'Folders navigation', 'Add new assets', 'Close modal',
  // Strapi's own Polish, which this project words differently:
  'Nagłówek H2', 'Wybierz blok', 'Rel (opcjonalne)', 'Target (opcjonalne)', 'Proszę wpisz prawidłowy link',
];
const wordRe = (text: string) => new RegExp(`(^|[^\\p{L}_])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[^\\p{L}_])`, 'u');
const foreign = (text: string) => FOREIGN.filter((s) => wordRe(s).test(text));

let cms: CmsProcess;
let browser: Browser;
/** One signed-in browser session and one admin API token for the file (the admin limits sign-ins). */
let session: BrowserContext;
let jwt: string;
const seen: Record<string, string[]> = {};

/** Keeps a screenshot and the text on screen (with labels, placeholders and tooltips). */
async function step(page: Page, name: string): Promise<string> {
  const text = await screenText(page);
  fs.writeFileSync(path.join(SHOTS, `rich-text-${name}.txt`), text);
  await page.screenshot({ path: path.join(SHOTS, `rich-text-${name}.png`), fullPage: true });
  seen[name] = foreign(text);
  return text;
}

const editorHasFocus = (page: Page) => page.evaluate(`document.activeElement?.getAttribute('role') === 'textbox' && document.activeElement?.isContentEditable === true`);

async function newReport(page: Page) {
  await page.goto(`${cms.url}/admin/content-manager/collection-types/api::event.event/create`);
  await page.getByText(/^Rodzaj wydarzenia\*?$/).first().waitFor({ timeout: 30_000 });
  const editor = page.locator('[role="textbox"][contenteditable="true"]').first();
  await editor.waitFor({ timeout: 30_000 });
  return editor;
}

/**
 * Resolves once the editor (Slate) has taken the page's selection: it reads it in a handler
 * debounced (0 ms) and then throttled (100 ms) after the last "selectionchange". Two timers
 * set now fire after both (timers run in deadline order), whatever the machine's load.
 */
const editorTookSelection = (page: Page) =>
  page.evaluate(`new Promise((resolve) => setTimeout(() => setTimeout(resolve, 150), 150))`);

/** Title, type and the first date (its row is there, collapsed; typed the Polish way). */
async function fillRequired(page: Page, title: string) {
  await page.getByLabel(/^Tytuł/).fill(title);
  await page.getByRole('combobox', { name: /^Rodzaj wydarzenia/ }).click();
  await page.getByRole('option', { name: 'Konferencja', exact: true }).click();
  await page.locator('main form button[aria-expanded="false"][data-orientation="vertical"]').first().click();
  await page.getByLabel(/^Data rozpoczęcia/).first().click();
  await page.keyboard.type('14.03.2026');
  await page.keyboard.press('Tab');
}

/** Saves the new report, waits for its edit view to show it again, and reads it over the admin API. */
async function save(page: Page, shot: string, shown: () => Promise<unknown>): Promise<{ title: string; body: any[] }> {
  await page.getByRole('button', { name: 'Zapisz', exact: true }).first().click();
  await page.waitForURL(/api::event\.event\/(?!create)[a-z0-9]+/, { timeout: 30_000 }).catch(async (err) => {
    await step(page, `${shot}-failed`);
    throw err;
  });
  await shown();
  await step(page, shot);
  const documentId = /api::event\.event\/([a-z0-9]+)/.exec(page.url())![1]!;
  const res = await fetch(`${cms.url}/content-manager/collection-types/api::event.event/${documentId}`, { headers: { authorization: `Bearer ${jwt}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: { title: string; body: any[] } }).data;
}

// Its accessible name is the field's label (aria-labelledby wins over its aria-label).
const blockMenu = (page: Page) => page.locator('[role="combobox"][aria-label="Rodzaj bloku"]');

/** Chooses a block type from the editor's menu; the menu gives the focus back to the editor. */
async function chooseBlock(page: Page, name: string) {
  await blockMenu(page).click();
  await page.getByRole('option', { name, exact: true }).click();
}

let harness: AdminHarness;

beforeAll(async () => {
  harness = await startAdminHarness();
  ({ cms, browser } = harness);
  jwt = await adminLogin(cms.url, cms.admin.email, cms.admin.password);
  session = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await session.newPage();
  await signIn(page, cms.url, cms.admin);
  await page.close();
});

afterAll(() => harness?.stop());

describe('the rich-text editor of a report', () => {
  it('the foreign-string check finds what it looks for', () => {
    expect(foreign('Heading 2\nNagłówek 2')).toEqual(['Heading 2']);
    expect(foreign('Lista punktowana · Odnośnik')).toEqual([]);
  });

  it('writes a heading, a bulleted list and a link by keyboard, and saves them as blocks', { timeout: 300_000 }, async () => {
    const page = await session.newPage();
    const editor = await newReport(page);
    await fillRequired(page, 'Konferencja o nowym edytorze');

    await editor.click();
    await step(page, '01-empty-editor');
    await blockMenu(page).click();
    await page.getByRole('option', { name: 'Nagłówek 2', exact: true }).waitFor();
    await step(page, '02-block-menu');
    await page.getByRole('option', { name: 'Nagłówek 2', exact: true }).click();
    // The heading is typed where the editor has the focus, without clicking it again.
    await expect.poll(() => editorHasFocus(page)).toBe(true);
    await page.keyboard.type('Program konferencji');
    await expect.poll(() => editor.locator('h2').allInnerTexts()).toEqual(['Program konferencji']);
    await page.keyboard.press('Enter');

    await chooseBlock(page, 'Lista punktowana');
    await expect.poll(() => editorHasFocus(page)).toBe(true);
    await page.keyboard.type('otwarcie');
    await page.keyboard.press('Enter');
    await page.keyboard.type('panel dyskusyjny');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // an empty item ends the list
    await expect.poll(() => editor.locator('ul > li').allInnerTexts()).toEqual(['otwarcie', 'panel dyskusyjny']);

    await page.keyboard.type('Więcej na stronie CUS');
    await expect.poll(() => editor.innerText()).toContain('Więcej na stronie CUS');
    await editorTookSelection(page);
    // Two words back, as a keyboard user selects; each step taken in by the editor before the
    // next (it redraws the selection it took, which would undo a step made meanwhile).
    for (let i = 0; i < 2; i++) {
      await page.keyboard.press('Control+Shift+ArrowLeft');
      await editorTookSelection(page);
    }
    expect(await page.evaluate('String(window.getSelection())')).toBe('stronie CUS');
    await page.getByRole('button', { name: 'Odnośnik', exact: true }).click();
    const address = page.getByPlaceholder('Wklej adres, np. https://cus.gov.pl');
    await address.waitFor();
    expect(await address.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement)).toBe(true);
    await page.keyboard.type('https://cus.gov.pl/program');
    await step(page, '03-link-form');
    await page.locator('[data-radix-popper-content-wrapper]').getByRole('button', { name: 'Zapisz', exact: true }).click();
    await expect.poll(() => editor.locator('a').allInnerTexts()).toEqual(['stronie CUS']);
    await step(page, '04-written');

    const data = await save(page, '05-saved', () => page.locator('[role="textbox"][contenteditable="true"] h2').filter({ hasText: 'Program konferencji' }).waitFor());
    expect(data.title).toBe('Konferencja o nowym edytorze');
    const body = data.body;
    expect(body.find((b) => b.type === 'heading')).toMatchObject({ level: 2, children: [{ type: 'text', text: 'Program konferencji' }] });
    const list = body.find((b) => b.type === 'list');
    expect(list).toMatchObject({ format: 'unordered' });
    expect(list.children.map((item: any) => item.children.map((c: any) => c.text).join(''))).toEqual(['otwarcie', 'panel dyskusyjny']);
    const link = body.flatMap((b) => b.children ?? []).find((c: any) => c.type === 'link');
    expect(link).toMatchObject({ url: 'https://cus.gov.pl/program', children: [{ type: 'text', text: 'stronie CUS' }] });
    await page.close();
  });

  it('inserts a photo from the Media Library, with its alt text, in a Polish dialog', { timeout: 300_000 }, async () => {
    const page = await session.newPage();
    const editor = await newReport(page);
    await fillRequired(page, 'Konferencja ze zdjęciem w treści');
    await editor.click();
    await page.keyboard.type('Sala obrad.');
    await page.keyboard.press('Enter');
    await chooseBlock(page, 'Zdjęcie');
    const dialog = page.getByRole('dialog').first();
    // The seed's photos listed (each with its checkbox), not the loader.
    await dialog.getByRole('checkbox').nth(1).waitFor({ timeout: 30_000 });
    await step(page, '06-photo-dialog');
    await dialog.getByRole('checkbox').nth(1).check(); // the first is "select all"
    await dialog.getByRole('button', { name: 'Zapisz', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await editor.locator('img').waitFor();
    await step(page, '07-photo-inserted');

    await page.getByRole('button', { name: 'Powiększ edytor' }).click();
    await step(page, '08-expanded-editor');
    await page.getByRole('button', { name: 'Zmniejsz edytor' }).click();

    const data = await save(page, '09-photo-saved', () => page.locator('[role="textbox"][contenteditable="true"] img').waitFor());
    const image = data.body.find((b) => b.type === 'image')?.image as { id: number; url: string; alternativeText: string } | undefined;
    expect(image?.url).toMatch(/^\/uploads\/.+\.jpg$/);
    // The alt text is the library's (the seed gave every photo one).
    const file = await (await fetch(`${cms.url}/upload/files/${image!.id}`, { headers: { authorization: `Bearer ${jwt}` } })).json() as { alternativeText: string };
    expect(file.alternativeText.length).toBeGreaterThan(10);
    expect(image!.alternativeText).toBe(file.alternativeText);
    await page.close();
  });

  it('no screen of the editor showed English', () => {
    // "Close modal", the design system's default label of a dialog's close button, is
    // translated by cms/patches: nothing is excused here.
    const found = Object.fromEntries(Object.entries(seen).filter(([, strings]) => strings.length > 0));
    expect(found).toEqual({});
  });
});
