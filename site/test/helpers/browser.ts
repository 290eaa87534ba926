import fs from 'node:fs';
import { createRequire } from 'node:module';
import type axe from 'axe-core';
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '@cus/testing/chromium';
import { afterAll, beforeAll } from 'vitest';
import { siteHeaders } from '@cus/serve/headers';
import { createStaticServer, listen } from '@cus/serve/static-server';

export { launchChromium };

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

/** Visits each path of the served site and lists every axe violation as one line (empty: none). */
export async function axeProblems(page: Page, base: string, paths: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const p of paths) {
    await page.goto(`${base}${p}`);
    for (const v of await axeViolations(page)) {
      problems.push(`${p}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    }
  }
  return problems;
}

/**
 * The built site served as in production (its headers, Content-Security-Policy included) and
 * Chromium to visit it, for the suite's lifetime: started before its tests, stopped after.
 */
export function servedSiteInBrowser(dist: string): { base: () => string; browser: () => Browser } {
  let server: Server | undefined;
  let base = '';
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = createStaticServer({ root: dist, headers: siteHeaders });
    base = await listen(server);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    // (Nothing to close when an earlier hook failed before the server started.)
    if (server) await new Promise((r) => server!.close(r));
  });
  return { base: () => base, browser: () => browser! };
}
