import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { axeContext, axeProblems, axeViolations, servedSiteInBrowser } from './helpers/browser.ts';

// The built site in a real browser: axe-core with the WCAG 2.1 A and AA rules on every page of
// the sitemap, a keyboard-only visit through the skip link, and reflow on a 320 px screen.

const dist = inject('distDir');

/** Every page the sitemap lists, as paths, plus the 404 page. */
function sitemapPaths(): string[] {
  const xml = fs.readFileSync(path.join(dist, 'sitemap-0.xml'), 'utf8');
  return [...[...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname), '/404.html'];
}

const site = servedSiteInBrowser(dist);

// The crawls visit every page of the sitemap (about 100) in one browser; on a loaded CI machine
// that took over two minutes, so they get a budget of their own rather than the suite's default.
const CRAWL_TIMEOUT_MS = 600_000;

describe('accessibility', () => {
  it('axe finds no WCAG 2.1 A/AA violation on any page, and no page breaks the Content-Security-Policy', { timeout: CRAWL_TIMEOUT_MS }, async () => {
    const paths = sitemapPaths();
    expect(paths.length).toBeGreaterThan(90);
    const context = await axeContext(site.browser());
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
    });
    const problems = await axeProblems(page, site.base(), paths);
    await context.close();
    expect(problems).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('is a check that can fail: axe reports a page with a nameless image and link', async () => {
    const context = await axeContext(site.browser());
    const page = await context.newPage();
    await page.goto(`${site.base()}/404.html`);
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<a href="/"><img src="/x.png"></a>'));
    const violations = await axeViolations(page);
    await context.close();
    expect(violations.map((v) => v.id)).toEqual(expect.arrayContaining(['image-alt', 'link-name']));
  });

  it('lets a keyboard user skip straight to the main content', async () => {
    const page = await site.browser().newPage();
    await page.goto(`${site.base()}/wydarzenia/`);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({ text: document.activeElement?.textContent?.trim(), href: document.activeElement?.getAttribute('href') }));
    expect(first).toEqual({ text: 'Przejdź do treści', href: '#tresc' });
    expect(await page.locator('.skip-link').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tresc');
    // The next Tab lands inside <main>, on its first link.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
    await page.close();
  });

  it('reflows without sideways scrolling on a 320 px phone and in a 1280 px window at 200 % zoom', { timeout: CRAWL_TIMEOUT_MS }, async () => {
    // 200 % zoom of a 1280 px window lays the page out in 640 CSS pixels.
    for (const viewport of [{ label: '320 px', width: 320, scale: 1 }, { label: '1280 px at 200 %', width: 640, scale: 2 }]) {
      const context = await site.browser().newContext({ viewport: { width: viewport.width, height: 800 }, deviceScaleFactor: viewport.scale });
      const page = await context.newPage();
      const wide: string[] = [];
      for (const p of sitemapPaths()) {
        await page.goto(`${site.base()}${p}`);
        const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
        if (scroll! > client!) wide.push(`${p}: ${scroll} > ${client}`);
      }
      await context.close();
      expect(wide, viewport.label).toEqual([]);
    }
  });
});
