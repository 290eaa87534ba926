import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { axeContext, axeViolations, servedSiteInBrowser } from './helpers/browser.ts';
import { layoutShift } from './helpers/layout-shift.ts';

// Search through the real page in Chromium, served with the production headers (the
// Content-Security-Policy must let Pagefind run): the right reports come first, a filter
// narrows them, and the page and the month view pass axe with and without results.

const dist = inject('distDir');

const site = servedSiteInBrowser(dist);

async function searchFor(page: Page, term: string): Promise<string[]> {
  await page.goto(`${site.base()}/szukaj/`);
  const box = page.getByLabel('Szukane słowo');
  await box.waitFor();
  await box.fill(term);
  await box.press('Enter');
  await page.locator('#szukaj-status', { hasText: term }).waitFor();
  return page.locator('#szukaj-wyniki li h2 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
}

describe('search', () => {
  it('finds the reports Marek Rymsza spoke at, and his page', async () => {
    const page = await site.browser().newPage();
    const results = await searchFor(page, 'Rymsza');
    expect(results.slice(0, 3).sort()).toEqual(
      [
        '/osoby/marek-rymsza/',
        '/wydarzenia/centrum-uslug-spolecznych-jako-zintegrowany-system-uslugowy-na-poziomie-lokalnym/',
        '/wydarzenia/ii-kongres-centrow-uslug-spolecznych-w-starachowicach/',
      ].sort(),
    );
    // Each result shows what it is and when.
    await expect(page.locator('#szukaj-wyniki li .meta').first().textContent()).resolves.toMatch(/Relacja · .*r\.|Osoba/);
    await page.close();
  });

  it('puts the Bukowsko study visits first for "Bukowsko"', async () => {
    const page = await site.browser().newPage();
    const results = await searchFor(page, 'Bukowsko');
    expect(results[0]).toBe('/wydarzenia/wizyty-studyjne-w-centrum-uslug-spolecznych-w-bukowsku/');
    await page.close();
  });

  it('finds study visits for "wizyta", and the type filter narrows to them', async () => {
    const page = await site.browser().newPage();
    const all = await searchFor(page, 'wizyta');
    expect(all.length).toBeGreaterThan(1);
    expect(all.slice(0, 2)).toContain('/wydarzenia/wizyty-studyjne-w-centrum-uslug-spolecznych-w-bukowsku/');
    await page.getByRole('group', { name: 'Rodzaj' }).getByLabel(/^Wizyta studyjna/).check();
    await expect.poll(() => page.locator('#szukaj-wyniki li h2 a').evaluateAll((l) => l.map((a) => a.getAttribute('href')))).toEqual([
      '/wydarzenia/wizyty-studyjne-w-centrum-uslug-spolecznych-w-bukowsku/',
    ]);
    // The address keeps the query and the filter: the page can be shared, Back returns to it.
    const params = new URL(page.url()).searchParams;
    expect([params.get('q'), params.getAll('Rodzaj')]).toEqual(['wizyta', ['Wizyta studyjna']]);
    await page.close();
  });

  it('works from the keyboard and says how many results there are', async () => {
    const page = await site.browser().newPage();
    await page.goto(`${site.base()}/szukaj/`);
    await page.getByLabel('Szukane słowo').waitFor();
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('szukaj-q');
    await page.keyboard.type('Starachowice');
    await page.keyboard.press('Enter');
    await expect(page.locator('#szukaj-status').textContent()).resolves.toBeDefined();
    await page.locator('#szukaj-status', { hasText: /\d+ wynik/ }).waitFor();
    await page.close();
  });
});

describe('accessibility of search and the month view', () => {
  it('has no axe violations, with and without results', async () => {
    const context = await axeContext(site.browser());
    const page = await context.newPage();
    const problems: string[] = [];
    const check = async (label: string) => {
      for (const v of await axeViolations(page)) problems.push(`${label}: ${v.id} ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    await page.goto(`${site.base()}/szukaj/`);
    await page.getByLabel('Szukane słowo').waitFor();
    await check('search, empty');
    await page.goto(`${site.base()}/szukaj/?q=konferencja`);
    await page.locator('#szukaj-wyniki li').first().waitFor();
    await check('search with results');
    await page.goto(`${site.base()}/szukaj/?q=qqqq`);
    await page.locator('#szukaj-status', { hasText: 'Nie znaleziono' }).waitFor();
    await check('search without results');
    for (const year of ['2023', '2022', '2099']) {
      await page.goto(`${site.base()}/wydarzenia/rok/${year}/miesiace/`);
      await check(`month view ${year}`);
    }
    await context.close();
    expect(problems).toEqual([]);
  });

  it('does not move when its script takes over or its results arrive (layout shift 0), on a wide and a phone screen, nor do other pages', async () => {
    // Lighthouse measured a Cumulative Layout Shift of 0.25 on /szukaj/ when the form was revealed by the script.
    const shifts: Record<string, number> = {};
    for (const viewport of [{ width: 1350, height: 940 }, { width: 360, height: 740 }]) {
      for (const [p, ready] of [['/szukaj/', '#szukaj-form[data-ready]'], ['/szukaj/?q=konferencja', '#szukaj-form[data-ready]'], ['/szukaj/?q=qqqq', '#szukaj-form[data-ready]'], ['/', 'main'], ['/wydarzenia/ii-kongres-centrow-uslug-spolecznych-w-starachowicach/', 'main']] as const) {
        shifts[`${p} at ${viewport.width} px`] = await layoutShift(site.browser(), `${site.base()}${p}`, ready, viewport);
      }
    }
    expect(shifts).toEqual(Object.fromEntries(Object.keys(shifts).map((k) => [k, 0])));
  });

  it('has its form and the filters the build counted before the script runs; the script keeps both and a word typed meanwhile', async () => {
    const page = await site.browser().newPage();
    // Hold the index back until the page as built has been looked at and typed into.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/pagefind/pagefind.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${site.base()}/szukaj/`);
    expect(await page.locator('#szukaj-filtry fieldset legend').allTextContents()).toEqual(['Rodzaj', 'Rok', 'Województwo']);
    expect(await page.getByRole('group', { name: 'Rodzaj' }).getByLabel(/^Wizyta studyjna \(1\)$/).count()).toBe(1);
    await page.locator('#szukaj-filtry fieldset').first().evaluate((f) => f.setAttribute('data-built', ''));
    await page.getByLabel('Szukane słowo').fill('Bukowsko');
    release();
    await page.locator('#szukaj-form[data-ready]').waitFor({ state: 'attached' });
    // Not redrawn: the index counts what the build counted.
    expect(await page.locator('#szukaj-filtry fieldset[data-built]').count()).toBe(1);
    expect(await page.getByLabel('Szukane słowo').inputValue()).toBe('Bukowsko');
    await page.locator('#szukaj-wyniki li h2 a[href="/wydarzenia/wizyty-studyjne-w-centrum-uslug-spolecznych-w-bukowsku/"]').waitFor();
    await page.close();
  });

  it('tells visitors without JavaScript how to browse instead', async () => {
    const context = await site.browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.base()}/szukaj/`);
    expect(await page.locator('#szukaj-form').isVisible()).toBe(false);
    // (Playwright's text locators skip <noscript>; its rendered text shows in <main>.)
    const text = await page.locator('main').innerText();
    expect(text).toContain('Wyszukiwarka działa w przeglądarce z włączonym JavaScriptem');
    expect(text).toMatch(/według roku: 2099, 2023, 2022, 2020/);
    expect(await page.locator('main noscript a[href="/wydarzenia/rok/2023/"], main a[href="/wydarzenia/rok/2023/"]').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('shows the month view as a grid whose days with events a screen reader reads as a list', async () => {
    const page = await site.browser().newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${site.base()}/wydarzenia/rok/2023/miesiace/`);
    const june = page.locator('section.month', { has: page.getByRole('heading', { name: 'Czerwiec 2023' }) });
    // The accessible list holds only the days with events: 19, 20, 21 and 26 June.
    const days = await june.locator('ol.month-days > li:not([aria-hidden])').evaluateAll((li) => li.map((l) => l.querySelector('time')!.getAttribute('datetime')));
    expect(days).toEqual(['2023-06-19', '2023-06-20', '2023-06-21', '2023-06-26']);
    expect(await june.locator('ol.month-days > li').count()).toBe(30);
    await page.close();
  });
});
