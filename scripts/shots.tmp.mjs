import { chromium } from 'playwright-core';
const [,, url, prefix, width = '390', count = '3'] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const p = await b.newPage({ viewport: { width: Number(width), height: 900 } });
await p.goto(url, { waitUntil: 'load' });
const h = await p.evaluate(() => document.documentElement.scrollHeight);
console.log('height', h);
for (let i = 0; i < Number(count); i++) {
  await p.evaluate((y) => window.scrollTo(0, y), i * 850);
  await p.waitForTimeout(300);
  await p.screenshot({ path: `${prefix}-${i}.png` });
}
await b.close();
