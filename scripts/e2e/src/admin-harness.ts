import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import { launchChromium } from '@cus/testing/chromium';
import { readTemplate, startCms, type CmsProcess } from '@cus/testing/cms-process';
import { ROOT } from '@cus/testing/paths';

// What every admin browser test starts from: the built CMS on a copy of this run's seeded
// template, Debian's Chromium, the screenshot folder, and a sign-in through the admin's own
// (Polish) form.

/** Where the admin tests leave their screenshots and the text they saw. */
export const SHOTS = path.join(ROOT, '.test-results', 'screenshots', 'admin');

export interface AdminHarness {
  cms: CmsProcess;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startAdminHarness(): Promise<AdminHarness> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const cms = await startCms(readTemplate(inject('templateDir')));
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (err) {
    await cms.stop();
    throw err;
  }
  return {
    cms,
    browser,
    stop: async () => {
      await browser.close();
      await cms.stop();
    },
  };
}

/**
 * Signs in as `who` (a screenshot `login-failed.png` when the form never shows). `remember`
 * ticks „Zapamiętaj mnie”, so the login is kept in the browser's storage for other contexts.
 */
export async function signIn(page: Page, cmsUrl: string, who: { email: string; password: string }, opts: { remember?: boolean } = {}): Promise<void> {
  await page.goto(`${cmsUrl}/admin/auth/login`);
  await page.getByLabel('E-mail').waitFor({ timeout: 30_000 }).catch(async (err) => {
    await page.screenshot({ path: path.join(SHOTS, 'login-failed.png') });
    throw err;
  });
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Hasło').fill(who.password);
  if (opts.remember) await page.getByRole('checkbox').first().click();
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await page.waitForURL(/\/admin(\/)?$/, { timeout: 30_000 });
}

/**
 * The text on screen, with what is read aloud or shown in an empty field: placeholders,
 * labels, tooltips. (A script as text: this package is type-checked without the DOM library.)
 */
export async function screenText(page: Page): Promise<string> {
  const attributes = String(
    await page.evaluate(`[...document.querySelectorAll('[placeholder], [aria-label], [title]')]
      .filter((el) => el.offsetParent !== null)
      .flatMap((el) => ['placeholder', 'aria-label', 'title'].map((a) => el.getAttribute(a)).filter(Boolean))
      .join('\\n')`),
  );
  return `${await page.locator('body').innerText()}\n${attributes}`;
}
