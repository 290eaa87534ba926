import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readTemplate, startCms } from '@cus/testing/cms-process';
import { buildSite, type SiteBuildResult } from '@cus/site-build';
import { createHostileContent, type HostileContent } from './fixtures/hostile-content.ts';
import { SITE_URL } from './global-setup.ts';
import { axeContext, axeProblems, servedSiteInBrowser } from './helpers/browser.ts';
import { readPage, startTags, textOf } from './helpers/html.ts';
import { formatVnu, htmlFilesIn, vnuErrors } from './helpers/vnu.ts';

// A build of its own from the seed plus hostile content (fixtures/hostile-content.ts), created
// through the real CMS: it must build, render no editor's text as markup or script, and stay
// valid HTML without accessibility violations on every page.

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-hostile-'));
const dist = path.join(work, 'dist');
let build: SiteBuildResult;
let content: HostileContent;

beforeAll(async () => {
  const cms = await startCms(readTemplate(inject('templateDir')));
  try {
    content = await createHostileContent(cms);
    build = await buildSite({ outDir: dist, strapiUrl: cms.url, strapiToken: cms.readToken, siteUrl: SITE_URL, cacheDir: path.join(work, 'cache'), preview: false });
  } finally {
    await cms.stop();
  }
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const site = servedSiteInBrowser(dist);

/** URL schemes that run code or carry a document: never in an attribute of a built page. */
const CODE_URL = /^(?:javascript:|vbscript:|data:text\/html|data:image\/svg)/i;
/** Elements the site itself never writes in a page (but the search form): from content, they would be injected. */
const FOREIGN_TAGS = new Set(['iframe', 'object', 'embed', 'form', 'svg', 'math', 'style', 'base', 'frame']);
const stripControl = (v: string) => v.replace(/[\u0000-\u0020]/g, ''); // eslint-disable-line no-control-regex

function sitemapPaths(): string[] {
  const xml = fs.readFileSync(path.join(dist, 'sitemap-0.xml'), 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
}

/** The fixtures' own pages and every page that links to one (listings, archives, people…); the seed's other pages are a11y.test.ts's. */
function fixturePages(): string[] {
  const listing = sitemapPaths().filter((p) => content.pages.some((f) => readPage(dist, p).includes(`href="${f}"`)));
  expect(listing).toEqual(expect.arrayContaining(['/', '/wydarzenia/', '/osoby/', '/instytucje/', '/galerie/']));
  return [...new Set([...content.pages, ...listing])];
}

/** What a page holds that the site never writes itself: injected scripts, handlers, code addresses, foreign elements. */
function injectedMarkup(html: string): string[] {
  const problems: string[] = [];
  for (const tag of startTags(html)) {
    const attrs = Object.fromEntries(tag.attributes);
    if (tag.name === 'script' && !(attrs.type === 'application/ld+json' || (attrs.type === 'module' && attrs.src?.startsWith('/_astro/')))) {
      problems.push(`<script ${JSON.stringify(attrs)}>`);
    }
    if (FOREIGN_TAGS.has(tag.name) && !(tag.name === 'form' && attrs.id === 'szukaj-form')) problems.push(`<${tag.name}>`);
    for (const [name, value] of tag.attributes) {
      if (name.startsWith('on') || name === 'style' || CODE_URL.test(stripControl(value))) problems.push(`<${tag.name} ${name}="${value}">`);
    }
  }
  // JSON-LD is data: it parses, and holds no address that runs code.
  for (const [, json] of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
    try {
      JSON.parse(json!);
    } catch {
      problems.push('JSON-LD does not parse');
    }
    if (/javascript:/i.test(json!)) problems.push('javascript: in JSON-LD');
  }
  return problems;
}

describe('hostile content', () => {
  it('builds, with a page for every fixture that shows its text as text', () => {
    expect(build.ok, build.output.slice(-4000)).toBe(true);
    // The injections are there, as visible text (textOf decodes what the page escaped).
    const event = textOf(readPage(dist, content.pages[0]!));
    expect(event).toContain('<svg onload=alert(1)>');
    expect(event).toContain('<script>alert(');
    expect(event).toContain('Konferencja');
    expect(textOf(readPage(dist, content.pages[3]!))).toContain('<img src=x onerror=alert(1)>');
    expect(textOf(readPage(dist, content.pages[4]!))).toContain('<script>alert(1)</script>');
    for (const p of content.pages) expect(fs.existsSync(path.join(dist, p, 'index.html')), p).toBe(true);
    // Text mentioning /media/ addresses is not mistaken for files to copy.
    expect(fs.existsSync(path.join(dist, 'media', 'nie-ma.jpg'))).toBe(false);
    // The body's image block is a figure of the library file, copied into the build, with its size.
    const img = /<figure>\s*<p><img src="(\/media\/[^"]+)" alt="[^"]+" width="\d+" height="\d+" loading="lazy" decoding="async"/.exec(readPage(dist, content.pages[0]!));
    expect(img).not.toBeNull();
    expect(fs.existsSync(path.join(dist, img![1]!))).toBe(true);
    // Lists nested as deep as the CMS allows are all there.
    expect(readPage(dist, content.pages[0]!)).toContain('poziom 8 &#x3C;b>pogrubiony?&#x3C;/b>');
  });

  it('renders no script, event handler or javascript: address from content, on any page', () => {
    const problems = htmlFilesIn(dist).flatMap((file) => injectedMarkup(fs.readFileSync(file, 'utf8')).map((p) => `${path.relative(dist, file)}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('is a check that can fail: it reports injected script, handlers, addresses and elements', () => {
    const page = '<html><head><script type="application/ld+json">{"url":"javascript:alert(1)"}</script></head><body><p title="a > b" onclick="x()">t</p>'
      + '<a href=" java	script:alert(1)">x</a><script>alert(1)</script><iframe src="https://evil.example/"></iframe><div style="position:fixed">s</div></body></html>';
    expect(injectedMarkup(page)).toEqual([
      '<p onclick="x()">',
      '<a href=" java	script:alert(1)">',
      '<script {}>',
      '<iframe>',
      '<div style="position:fixed">',
      'javascript: in JSON-LD',
    ]);
  });

  it('is valid HTML on every page (W3C Nu HTML Checker)', async () => {
    const files = htmlFilesIn(dist);
    const started = Date.now();
    const errors = await vnuErrors(files, dist);
    console.log(`[hostile-content] vnu checked ${files.length} HTML files in ${Date.now() - started} ms`);
    expect(formatVnu(errors)).toEqual([]);
  });

  it('has no axe violation on any page that shows or lists the fixtures', async () => {
    const paths = fixturePages();
    const context = await axeContext(site.browser());
    const page = await context.newPage();
    const problems = await axeProblems(page, site.base(), paths);
    await context.close();
    expect(problems).toEqual([]);
  });

  it('reflows without sideways scrolling on a 320 px phone, long words and all', async () => {
    const context = await site.browser().newContext({ viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    const wide: string[] = [];
    for (const p of fixturePages()) {
      await page.goto(`${site.base()}${p}`);
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      if (scroll! > client!) wide.push(`${p}: ${scroll} > ${client}`);
    }
    await context.close();
    expect(wide).toEqual([]);
  });
});
