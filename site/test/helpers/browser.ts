import fs from 'node:fs';
import { createRequire } from 'node:module';
import type axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Debian's Chromium (installed by ./scripts/test), never a downloaded browser. The flags keep
// it from reaching for Google's services, which this machine cannot reach.
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** A browser context whose every page carries axe-core (the site's pages have no scripts of their own). */
export async function axeContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript({ content: AXE_SOURCE });
  return context;
}

/** axe's WCAG 2.1 A/AA violations of the page as it is now. */
export async function axeViolations(page: Page): Promise<axe.Result[]> {
  const result = await page.evaluate((tags) => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } }), WCAG_TAGS);
  return result.violations;
}
