import type { Browser } from 'playwright-core';

// Cumulative Layout Shift of a page load, as Lighthouse counts it: every 'layout-shift' entry
// not caused by recent input, summed, read once the page has settled (`ready` found).

/** Sum of the layout shifts of `url` until `readySelector` exists and two frames have passed. */
export async function layoutShift(browser: Browser, url: string, readySelector = 'body', viewport = { width: 1350, height: 940 }): Promise<number> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __cls: number };
    w.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(url);
  await page.locator(readySelector).first().waitFor({ state: 'attached' });
  // Layout shifts are reported after the frame that made them: wait two frames.
  const cls = await page.evaluate(
    () => new Promise<number>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve((window as unknown as { __cls: number }).__cls)))),
  );
  await context.close();
  return cls;
}
