import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cmsRequest, readTemplate, startCms, type CmsProcess } from '@cus/testing/cms-process';
import { buildSite } from '@cus/site-build';
import {
  COLLECTION_NAMES,
  isRenderError,
  memoryContext,
  siteContentOf,
  syncCollection,
  type CollectionName,
  type PublisherEntry,
  type SiteContent,
  type SitePath,
} from '../src/publisher/index.ts';
import { buildPublisher, filesUnder, loadEntry } from './helpers/publisher-build.ts';
import { SITE_URL, UPCOMING_EVENT } from './global-setup.ts';

// The long-lived publisher renders the site with an on-demand build of the same code
// (SITE_BUILD_MODE=publisher, src/publisher/entry.ts). For the same content it must write
// exactly what a static `astro build` writes: the same files, byte for byte, and the same assets.

let cms: CmsProcess;
let work: string;
let staticDir: string;
let entry: PublisherEntry;
let content: SiteContent;
let publisherDir: string;
let publisherBuildMs: number;

// What a static build writes besides the routes' outputs: assets, CMS files, the search index.
const NOT_ROUTES = /^(_astro|media|pagefind)\//;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-publisher-build-'));
  cms = await startCms(readTemplate(inject('templateDir')));
  // An announced event too, so the upcoming calendars have something in them.
  await cmsRequest(cms, 'POST', '/api/events', { data: UPCOMING_EVENT });
  staticDir = path.join(work, 'static');
  const [built, publisher] = await Promise.all([
    buildSite({ outDir: staticDir, strapiUrl: cms.url, strapiToken: cms.readToken, siteUrl: SITE_URL, cacheDir: path.join(work, 'cache'), preview: false }),
    buildPublisher(path.join(work, 'publisher', 'out'), { SITE_URL, SITE_CACHE_DIR: path.join(work, 'publisher-cache') }),
  ]);
  if (!built.ok) throw new Error(`astro build failed:\n${built.output.slice(-4000)}`);
  publisherDir = publisher.dir;
  publisherBuildMs = publisher.durationMs;
  console.log(`[publisher-build] publisher build (cold) ${publisher.durationMs} ms; static build ${built.durationMs} ms`);

  // The content as the publisher holds it: the loader's own sync, into memory.
  process.env.SITE_CACHE_DIR = path.join(work, 'sync-cache');
  const stores = Object.fromEntries(COLLECTION_NAMES.map((c) => [c, memoryContext(c, work)])) as Record<CollectionName, ReturnType<typeof memoryContext>>;
  for (const c of COLLECTION_NAMES) await syncCollection(c, stores[c], { url: cms.url, token: cms.readToken });
  content = siteContentOf('v1', stores);
  entry = await loadEntry(publisherDir);
});

afterAll(async () => {
  await cms?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Renders every listed path; the failures as data. */
async function renderAll(paths: SitePath[]): Promise<{ bytes: Map<string, Uint8Array>; failures: string[] }> {
  const bytes = new Map<string, Uint8Array>();
  const failures: string[] = [];
  for (const p of paths) {
    try {
      bytes.set(p.file, await entry.render(p));
    } catch (err) {
      failures.push(`${p.file}: ${(err as Error).message}`);
    }
  }
  return { bytes, failures };
}

const clone = <T>(v: T): T => structuredClone(v);

describe('the publisher build', () => {
  it('renders every output of a static build of the same content, byte for byte', async () => {
    expect(publisherBuildMs).toBeGreaterThan(0);
    // Nothing to render before the publisher installs content, and only content of the right shape.
    await expect(entry.listPaths()).rejects.toThrow('No content installed');
    expect(() => entry.installContent({ version: 'x', collections: { events: [] } } as unknown as SiteContent)).toThrow(/speakers, institutions, galleries, settings must be arrays/);
    entry.installContent(content);
    const paths = await entry.listPaths();
    const staticFiles = filesUnder(staticDir).filter((f) => !NOT_ROUTES.test(f));
    // The same set of files: nothing missing, nothing extra, each file once.
    expect(paths.map((p) => p.file).sort()).toEqual(staticFiles);
    expect(new Set(paths.map((p) => p.pathname)).size).toBe(paths.length);

    const { bytes, failures } = await renderAll(paths);
    expect(failures).toEqual([]);
    const different = staticFiles.filter((f) => !Buffer.from(bytes.get(f)!).equals(fs.readFileSync(path.join(staticDir, f))));
    expect(different).toEqual([]);
    expect(staticFiles.length).toBeGreaterThan(100);
    console.log(`[publisher-build] ${paths.length} outputs rendered, byte-identical to the static build's`);
    // Every kind of output is among them: pages, 404, calendars, feeds, the sitemap.
    for (const f of ['index.html', '404.html', 'kalendarz.ics', 'rss.xml', 'sitemap-index.xml', 'sitemap-0.xml', 'robots.txt', 'wydarzenia/strona/1/index.html']) {
      if (f === 'wydarzenia/strona/1/index.html' && !staticFiles.includes(f)) continue; // one page of events: no numbered pages
      expect(staticFiles, f).toContain(f);
    }
    // Each path says which route made it and its cache key, as getStaticPaths gave it.
    const event = paths.find((p) => p.route === 'src/pages/wydarzenia/[slug].astro')!;
    expect(event.cacheKey).toMatch(/^[\w-]{20,}$/);
    // A page without parameters may export its own (home does); the sitemap files have none: every edit changes a date in them.
    expect(paths.find((p) => p.file === 'index.html')).toMatchObject({ pathname: '/', route: 'src/pages/index.astro', cacheKey: expect.stringMatching(/^[\w-]{20,}$/) });
    expect(paths.find((p) => p.file === 'sitemap-0.xml')).toMatchObject({ pathname: '/sitemap-0.xml', cacheKey: null });
    expect(paths.find((p) => p.file === '404.html')).toMatchObject({ pathname: '/404/', route: 'src/pages/404.astro' });
  });

  it("links the static build's assets: the same files, the same bytes", () => {
    const client = path.join(publisherDir, 'client');
    const assets = filesUnder(client);
    expect(assets.length).toBeGreaterThan(0);
    expect(assets).toEqual(filesUnder(staticDir).filter((f) => f.startsWith('_astro/')));
    for (const f of assets) expect(fs.readFileSync(path.join(client, f)).equals(fs.readFileSync(path.join(staticDir, f))), f).toBe(true);
    // No image is transformed at request time: the pages link plain files.
    const home = fs.readFileSync(path.join(staticDir, 'index.html'), 'utf8');
    expect(home).not.toContain('/_image');
    expect(home).toMatch(/<meta property="og:image" content="http:\/\/127\.0\.0\.1:4321\/_astro\/og-default\.[\w-]+\.png">/);
  });

  it('inlines no content: the server code holds no entry', () => {
    const server = filesUnder(path.join(publisherDir, 'server')).map((f) => fs.readFileSync(path.join(publisherDir, 'server', f), 'utf8')).join('\n');
    for (const e of content.collections.events) expect(server).not.toContain(String(e.data.title));
  });

  it('reads each newly installed version of the content on every page', async () => {
    const changed = clone(content);
    const event = changed.collections.events.find((e) => e.data.slug === content.collections.events[0]!.data.slug)!;
    event.data.title = 'Zmieniony tytuł relacji';
    changed.version = 'v2';
    entry.installContent(changed);
    const paths = await entry.listPaths();
    const page = paths.find((p) => p.pathname === `/wydarzenia/${String(event.data.slug)}/`)!;
    expect(new TextDecoder().decode(await entry.render(page))).toContain('Zmieniony tytuł relacji');
    expect(new TextDecoder().decode(await entry.render(paths.find((p) => p.file === 'wydarzenia/index.html')!))).toContain('Zmieniony tytuł relacji');
    // A removed event: no path for it any more, and its page is a 404 rather than a crash.
    const removed = clone(content);
    removed.version = 'v3';
    removed.collections.events = removed.collections.events.filter((e) => e !== removed.collections.events.find((x) => x.data.slug === event.data.slug));
    entry.installContent(removed);
    expect((await entry.listPaths()).some((p) => p.pathname === page.pathname)).toBe(false);
    await expect(entry.render(page)).rejects.toMatchObject({ name: 'RenderError', status: 404, pathname: page.pathname });
    // Back to the first version: the static build's bytes again (no memo kept a later version).
    entry.installContent(content);
    expect(Buffer.from(await entry.render(page)).equals(fs.readFileSync(path.join(staticDir, page.file)))).toBe(true);
  });

  it('answers an address its route does not have with a 404, never a crash (routeProps)', async () => {
    entry.installContent(content);
    const unknown: SitePath[] = [
      { pathname: '/wydarzenia/nie-ma-takiego/', file: 'wydarzenia/nie-ma-takiego/index.html', route: 'src/pages/wydarzenia/[slug].astro', cacheKey: null },
      { pathname: '/wydarzenia/nie-ma-takiego.ics', file: 'wydarzenia/nie-ma-takiego.ics', route: 'src/pages/wydarzenia/[slug].ics.ts', cacheKey: null },
      { pathname: '/osoby/nikt/', file: 'osoby/nikt/index.html', route: 'src/pages/osoby/[slug].astro', cacheKey: null },
      { pathname: '/wydarzenia/strona/999/', file: 'wydarzenia/strona/999/index.html', route: 'src/pages/wydarzenia/[...page].astro', cacheKey: null },
      { pathname: '/wydarzenia/rok/1999/', file: 'wydarzenia/rok/1999/index.html', route: 'src/pages/wydarzenia/rok/[year]/[...page].astro', cacheKey: null },
      { pathname: '/kalendarz/atlantyda.ics', file: 'kalendarz/atlantyda.ics', route: 'src/pages/kalendarz/[region].ics.ts', cacheKey: null },
      { pathname: '/atom.xml', file: 'atom.xml', route: 'src/pages/[feed].xml.ts', cacheKey: null },
      { pathname: '/sitemap-7.xml', file: 'sitemap-7.xml', route: 'src/pages/sitemap-[n].xml.ts', cacheKey: null },
    ];
    for (const p of unknown) {
      const err = await entry.render(p).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isRenderError(err), p.pathname).toBe(true);
      expect(err, p.pathname).toMatchObject({ pathname: p.pathname, status: 404 });
    }
  });

  it('names the entry of a page that fails to render, and renders every other page', async () => {
    const broken = clone(content);
    broken.version = 'broken';
    const event = broken.collections.events.find((e) => Array.isArray(e.data.appearances) && e.data.appearances.length > 0)!;
    // As if data the contract let through made a component throw: a talk title that is no text.
    (event.data.appearances as Record<string, unknown>[])[0]!.talkTitle = 42;
    entry.installContent(broken);
    const paths = await entry.listPaths();
    const page = paths.find((p) => p.pathname === `/wydarzenia/${String(event.data.slug)}/`)!;
    const err = await entry.render(page).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isRenderError(err)).toBe(true);
    expect(err).toMatchObject({ pathname: page.pathname, type: 'event', slug: event.data.slug, status: 500 });
    expect((err as Error).message).toMatch(/replace/);
    const home = await entry.render(paths.find((p) => p.file === 'index.html')!);
    expect(new TextDecoder().decode(home)).toContain('<html lang="pl"');
    entry.installContent(content);
  });
});
