import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalTarget } from '../deploy/local.ts';
import type { SyncReport } from './content-store.ts';
import type { SiteContent, SitePath, StoredEntry } from './contract.ts';
import { PublisherEngine, type EngineOptions, type Renderer } from './engine.ts';
import { MediaCache } from './media-files.ts';
import { IncrementalReleases } from './release-writer.ts';
import { RenderError } from './renderer.ts';

// The engine against a small stand-in site (pages, a numbered listing whose keys hold the page
// count, an unkeyed feed, photos): which outputs each change renders, what goes live, and that a
// failing entry keeps its last good page. The real site's publisher build is tested in
// publisher.test.ts; this one isolates the engine's own logic.

const EVENT = 'src/pages/wydarzenia/[slug].astro';
const LISTING = 'src/pages/wydarzenia/[...page].astro';
const key = (...parts: unknown[]) => createHash('sha1').update(JSON.stringify(parts)).digest('hex');
const PER_PAGE = 2;

interface Ev { slug: string; title: string; start: string; photo?: string; broken?: boolean }

class FakeSite implements Renderer {
  code = 'code-1';
  content!: SiteContent;
  renders: string[] = [];
  install(content: SiteContent) {
    this.content = content;
  }
  get events(): Ev[] {
    return this.content.collections.events.map((e) => e.data as unknown as Ev).sort((a, b) => b.start.localeCompare(a.start));
  }
  get siteName(): string {
    return String(this.content.collections.settings[0]?.data.name);
  }
  async listPaths(): Promise<SitePath[]> {
    const events = this.events;
    const oldestFirst = [...events].reverse();
    const last = Math.max(1, Math.ceil(events.length / PER_PAGE));
    return [
      { pathname: '/', file: 'index.html', route: 'src/pages/index.astro', cacheKey: key(this.siteName, events.slice(0, 3).map((e) => [e.slug, e.title])) },
      ...events.map((e) => ({ pathname: `/wydarzenia/${e.slug}/`, file: `wydarzenia/${e.slug}/index.html`, route: EVENT, cacheKey: key(this.siteName, e) })),
      ...Array.from({ length: last }, (_, i) => ({
        pathname: `/wydarzenia/strona/${i + 1}/`,
        file: `wydarzenia/strona/${i + 1}/index.html`,
        route: LISTING,
        cacheKey: key(this.siteName, oldestFirst.slice(i * PER_PAGE, (i + 1) * PER_PAGE).map((e) => [e.slug, e.title]), last),
      })),
      { pathname: '/rss.xml', file: 'rss.xml', route: 'src/pages/[feed].xml.ts', cacheKey: null },
    ];
  }
  async listEntryPaths(collections: readonly string[]): Promise<SitePath[]> {
    return collections.includes('events') ? (await this.listPaths()).filter((p) => p.route === EVENT) : [];
  }
  async render(p: SitePath): Promise<Uint8Array> {
    this.renders.push(p.file);
    const events = this.events;
    const page = (body: string) => Buffer.from(`<html><head><link href="/_astro/site.css" rel="stylesheet"></head><body><h1>${this.siteName}</h1>${body}</body></html>`);
    const card = (e: Ev) => `<a href="/wydarzenia/${e.slug}/">${e.title}</a>`;
    if (p.file === 'rss.xml') return Buffer.from(`<rss>${events.map((e) => e.title).join(',')}</rss>`);
    if (p.file === 'index.html') return page(events.slice(0, 3).map(card).join(''));
    const slug = /^wydarzenia\/([^/]+)\/index\.html$/.exec(p.file)?.[1];
    const e = events.find((x) => x.slug === slug);
    if (p.route === EVENT && e) {
      if (e.broken) throw new RenderError(p.pathname, `event "${e.slug}": field body: cannot render`, { type: 'event', slug: e.slug, field: 'body' });
      return page(`<h2>${e.title}</h2>${e.photo ? `<img src="/media/${e.photo}" alt="">` : ''}<a href="/">start</a>`);
    }
    const n = Number(/strona\/(\d+)\//.exec(p.file)?.[1]);
    const last = Math.max(1, Math.ceil(events.length / PER_PAGE));
    return page(`Strona ${n} z ${last}: ${[...events].reverse().slice((n - 1) * PER_PAGE, n * PER_PAGE).map(card).join('')}`);
  }
  assets() {
    return [{ file: '_astro/site.css', source: assetFile }];
  }
}

let work: string;
let assetFile: string;
let site: FakeSite;
let events: Ev[];
let settings: { name: string };
let target: LocalTarget;
let engine: PublisherEngine;
let downloads: string[];
let media: MediaCache;

const entry = (data: Record<string, unknown>, id: string): StoredEntry => ({ id, data, digest: key(data) });
let syncFailures: SyncReport['failures'] = [];
/** What the sync reports it changed (the real store's counts; empty: no entry-first phase). */
let syncCounts: Partial<SyncReport['counts']> = {};
const content = {
  current: undefined as SiteContent | undefined,
  async sync(): Promise<SyncReport> {
    const version = key(events, settings);
    const changed = this.current?.version !== version;
    this.current = {
      version,
      collections: { events: events.map((e) => entry({ ...e }, `doc-${e.slug}`)), speakers: [], institutions: [], galleries: [], settings: [entry({ ...settings }, 'settings')] },
    };
    return { content: this.current, changed, failures: syncFailures, counts: syncCounts as SyncReport['counts'] };
  },
};

const live = (file: string) => fs.readFileSync(path.join(target.current()!, file), 'utf8');
const liveHas = (file: string) => fs.existsSync(path.join(target.current()!, file));
const rendered = () => site.renders.splice(0).sort();

beforeEach(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-engine-'));
  assetFile = path.join(work, 'site.css');
  fs.writeFileSync(assetFile, 'body{}');
  const mediaDir = path.join(work, 'cache', 'media');
  fs.mkdirSync(mediaDir, { recursive: true });
  fs.writeFileSync(path.join(mediaDir, 'manifest-events.json'), JSON.stringify({ 'a.jpg': 'http://cms.test/uploads/a.jpg', 'b.jpg': 'http://cms.test/uploads/b.jpg' }));
  downloads = [];
  media = new MediaCache({
    mediaDir,
    fetch: (async (url: string) => {
      downloads.push(String(url));
      return String(url).endsWith('a.jpg') || String(url).endsWith('b.jpg') ? new Response(`bytes of ${url}`) : new Response('', { status: 404 });
    }) as typeof fetch,
  });
  site = new FakeSite();
  events = [
    { slug: 'e1', title: 'Pierwsze', start: '2026-01-01', photo: 'a.jpg' },
    { slug: 'e2', title: 'Drugie', start: '2026-02-01' },
    { slug: 'e3', title: 'Trzecie', start: '2026-03-01' },
    { slug: 'e4', title: 'Czwarte', start: '2026-04-01', photo: 'b.jpg' },
    { slug: 'e5', title: 'Piąte', start: '2026-05-01' },
  ];
  settings = { name: 'CUS' };
  syncFailures = [];
  syncCounts = {};
  beforeSwitch = undefined;
  content.current = undefined;
  target = new LocalTarget({ dir: path.join(work, 'deploy'), keep: 3 });
  engine = newEngine(media);
  await engine.publish();
  site.renders.length = 0;
});
// Every engine a test made is closed before its folder goes: its idle work (copies made ahead)
// would otherwise run on a deleted deploy folder during a later test.
const engines: PublisherEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
  fs.rmSync(work, { recursive: true, force: true });
});

let beforeSwitch: EngineOptions['beforeSwitch'];

function newEngine(media: MediaCache, more: Partial<EngineOptions> = {}): PublisherEngine {
  const made = new PublisherEngine({
    beforeSwitch: (draft, change) => beforeSwitch?.(draft, change) ?? Promise.resolve(),
    content,
    renderer: async () => site,
    releases: new IncrementalReleases(target),
    media,
    mediaReferences: (html) => new Set([...html.matchAll(/\/media\/([\w.-]+)/g)].map((m) => m[1]!)),
    siteUrl: 'https://cus.example',
    extraFiles: () => ({ _headers: Buffer.from('/*\n  X-Content-Type-Options: nosniff\n') }),
    preserve: (file) => file.startsWith('pagefind/'),
    ...more,
  });
  engines.push(made);
  return made;
}

describe('PublisherEngine', () => {
  it('first run: renders every output, links assets and media, writes the extra files', () => {
    for (const f of ['index.html', 'wydarzenia/e1/index.html', 'wydarzenia/strona/3/index.html', 'rss.xml', '_astro/site.css', 'media/a.jpg', 'media/b.jpg', '_headers']) expect(liveHas(f), f).toBe(true);
    expect(downloads.sort()).toEqual(['http://cms.test/uploads/a.jpg', 'http://cms.test/uploads/b.jpg']);
  });

  it('the renderer is got ready while the sync reads the CMS; a failed sync fails the run as a sync, whatever the renderer did', async () => {
    const order: string[] = [];
    let finishSync!: () => void;
    const slowContent = {
      current: content.current,
      sync: async () => {
        order.push('sync started');
        await new Promise<void>((resolve) => (finishSync = resolve));
        order.push('sync done');
        return content.sync();
      },
    };
    const overlapped = newEngine(media, { content: slowContent, renderer: async () => (order.push('renderer asked for'), site) });
    const run = overlapped.publish();
    await expect.poll(() => order).toEqual(['renderer asked for', 'sync started']);
    finishSync();
    await run;
    expect(order).toEqual(['renderer asked for', 'sync started', 'sync done']);

    // Both fail: the run is the sync's failure, and the renderer's rejection is not left unhandled
    // (vitest fails the file on an unhandled rejection).
    const failing = newEngine(media, {
      content: { current: content.current, sync: async () => Promise.reject(new Error('CMS down')) },
      renderer: async () => Promise.reject(new Error('build broken')),
    });
    await expect(failing.publish()).rejects.toMatchObject({ stage: 'sync', message: /CMS down/ });
  });

  it('nothing changed (content, day, code): nothing is rendered, and no release is made', async () => {
    const before = target.current();
    const r = await engine.publish();
    expect(rendered()).toEqual([]);
    expect(r.pagesRendered).toBe(0);
    expect(r.release).toBeNull();
    expect(r.filesWritten).toBe(0);
    expect(target.current()).toBe(before);
  });

  it('an edited title re-renders exactly its page, the listing page and the front page that show it, and the feed', async () => {
    events[3]!.title = 'Czwarte (poprawione)';
    const r = await engine.publish();
    // e4 is on the front (newest three) and on numbered page 2 (e3, e4, oldest first).
    expect(rendered()).toEqual(['index.html', 'rss.xml', 'wydarzenia/e4/index.html', 'wydarzenia/strona/2/index.html']);
    expect(r.pagesRendered).toBe(4);
    expect(r.filesWritten).toBe(4);
    expect(r.phases).toHaveLength(1);
    expect(live('wydarzenia/e4/index.html')).toContain('Czwarte (poprawione)');
    expect(r.renderedByRoute).toEqual({ 'src/pages/index.astro': 1, [EVENT]: 1, [LISTING]: 1, 'src/pages/[feed].xml.ts': 1 });
  });

  it('an edit of an existing event: its own page goes live first, in a release of its own, and the pages that list it right after', async () => {
    syncCounts = { events: { total: 5, changed: 1, removed: 0 } };
    const written: string[][] = [];
    const liveWhenListed: string[] = [];
    beforeSwitch = async (_draft, change) => {
      written.push([...change.written].sort());
      // While the second release is made, the first one (the event's page) is live already.
      if (written.length === 2) liveWhenListed.push(live('wydarzenia/e4/index.html'));
    };
    events[3]!.title = 'Czwarte (najpierw)';
    const r = await engine.publish();
    expect(written).toEqual([['wydarzenia/e4/index.html'], ['index.html', 'rss.xml', 'wydarzenia/strona/2/index.html']]);
    expect(liveWhenListed[0]).toContain('Czwarte (najpierw)');
    expect(r.phases.map((p) => p.pagesRendered)).toEqual([1, 3]);
    expect(r.phases.every((p) => p.release !== null)).toBe(true);
    // Each output rendered once: the listing finds the event's page up to date.
    expect(rendered()).toEqual(['index.html', 'rss.xml', 'wydarzenia/e4/index.html', 'wydarzenia/strona/2/index.html']);
    expect(r.pagesRendered).toBe(4);
    expect(live('wydarzenia/strona/2/index.html')).toContain('Czwarte (najpierw)');
  });

  it('no entry-first phase for a new event (its route lists one output more); a failure there is reported once', async () => {
    syncCounts = { events: { total: 6, changed: 1, removed: 0 } };
    events.push({ slug: 'e6', title: 'Szóste', start: '2026-06-01' });
    const added = await engine.publish();
    expect(added.phases).toHaveLength(1);
    expect(rendered()).toEqual(['index.html', 'rss.xml', 'wydarzenia/e6/index.html', 'wydarzenia/strona/3/index.html']);
    // An edit that fails to render: tried first, then by the usual phase, and reported once.
    events[1] = { ...events[1]!, title: 'Drugie, zepsute', broken: true };
    const failed = await engine.publish();
    expect(failed.failures).toEqual([expect.objectContaining({ type: 'event', slug: 'e2', field: 'body' })]);
    expect(live('wydarzenia/e2/index.html')).not.toContain('zepsute');
  });

  it('a new event that adds a listing page: its own outputs first, the numbered pages whose count changed right after', async () => {
    events.push({ slug: 'e6', title: 'Szóste', start: '2026-06-01' });
    let r = await engine.publish();
    // 6 events still fit 3 pages: only page 3 shows it.
    expect(rendered()).toEqual(['index.html', 'rss.xml', 'wydarzenia/e6/index.html', 'wydarzenia/strona/3/index.html']);
    expect(r.phases).toHaveLength(1);
    events.push({ slug: 'e7', title: 'Siódme', start: '2026-07-01' });
    r = await engine.publish();
    // Page 4 is new; pages 1–3 only changed "z 3" to "z 4": the second phase.
    expect(rendered()).toEqual(['index.html', 'rss.xml', 'wydarzenia/e7/index.html', 'wydarzenia/strona/1/index.html', 'wydarzenia/strona/2/index.html', 'wydarzenia/strona/3/index.html', 'wydarzenia/strona/4/index.html'].sort());
    expect(r.phases.map((p) => p.pagesRendered)).toEqual([4, 3]);
    expect(r.phases.every((p) => p.release !== null)).toBe(true);
    expect(r.phases[0]!.liveAfterMs).toBeLessThanOrEqual(r.phases[1]!.liveAfterMs);
    expect(live('wydarzenia/strona/1/index.html')).toContain('Strona 1 z 4');
  });

  it('unpublishing removes the page and the photo no page uses any more', async () => {
    events = events.filter((e) => e.slug !== 'e4');
    const r = await engine.publish();
    expect(liveHas('wydarzenia/e4/index.html')).toBe(false);
    expect(liveHas('wydarzenia/e4')).toBe(false);
    expect(liveHas('media/b.jpg')).toBe(false);
    expect(liveHas('media/a.jpg')).toBe(true);
    // Four events fill two listing pages: page 3 goes too.
    expect(liveHas('wydarzenia/strona/3/index.html')).toBe(false);
    expect(r.filesRemoved).toBe(3);
  });

  it('an event that fails to render keeps its last good page; another change still goes live; the failure names entry and field', async () => {
    const good = live('wydarzenia/e2/index.html');
    events[1] = { ...events[1]!, title: 'Drugie, zepsute', broken: true };
    events[4]!.title = 'Piąte (nowy tytuł)';
    const r = await engine.publish();
    expect(live('wydarzenia/e2/index.html')).toBe(good);
    expect(live('wydarzenia/e5/index.html')).toContain('Piąte (nowy tytuł)');
    expect(r.failures).toEqual([
      { type: 'event', slug: 'e2', documentId: 'doc-e2', field: 'body', pathname: '/wydarzenia/e2/', message: 'event "e2": field body: cannot render' },
    ]);
    // Tried again on the next publish (its record still has the old key) until it renders.
    await engine.publish();
    expect(rendered()).toContain('wydarzenia/e2/index.html');
    events[1]!.broken = false;
    const fixed = await engine.publish();
    expect(fixed.failures).toEqual([]);
    expect(live('wydarzenia/e2/index.html')).toContain('Drugie, zepsute');
  });

  it('a photo the CMS cannot deliver keeps the page that needs it at its last good version', async () => {
    events[1]!.photo = 'missing.jpg';
    const r = await engine.publish();
    expect(live('wydarzenia/e2/index.html')).not.toContain('missing.jpg');
    expect(r.failures).toEqual([expect.objectContaining({ type: 'event', slug: 'e2', field: 'media', pathname: '/wydarzenia/e2/' })]);
    expect(r.failures[0]!.message).toMatch(/missing\.jpg.*mentioned by no CMS entry/);
  });

  it('a new event whose photo cannot be downloaded yet: reported (entry and field), not counted as a missing page in either phase; live once the file comes', async () => {
    // Its share card is drawn by the CMS a moment later: the manifest names it, the download fails.
    const mediaDir = path.join(work, 'cache', 'media');
    fs.writeFileSync(path.join(mediaDir, 'manifest-events.json'), JSON.stringify({ 'a.jpg': 'http://cms.test/uploads/a.jpg', 'b.jpg': 'http://cms.test/uploads/b.jpg', 'og-e6.png': 'http://cms.test/uploads/og-e6.png' }));
    events.push({ slug: 'e6', title: 'Szóste', start: '2026-06-01', photo: 'og-e6.png' }, { slug: 'e7', title: 'Siódme', start: '2026-07-01' });
    const r = await engine.publish();
    // Two phases (a new listing page): the second one's check must also excuse e6.
    expect(r.phases).toHaveLength(2);
    expect(r.phases.every((p) => p.release !== null)).toBe(true);
    expect(r.failures).toEqual([expect.objectContaining({ type: 'event', slug: 'e6', documentId: 'doc-e6', field: 'media', pathname: '/wydarzenia/e6/' })]);
    expect(r.failures[0]!.message).toMatch(/og-e6\.png could not be downloaded: HTTP 404/);
    expect(liveHas('wydarzenia/e6/index.html')).toBe(false);
    expect(live('wydarzenia/e7/index.html')).toContain('Siódme');
    expect(live('wydarzenia/strona/1/index.html')).toContain('Strona 1 z 4');
    // The CMS finished the card (its webhook sends another publish): the page goes live.
    fs.mkdirSync(path.join(mediaDir, 'files'), { recursive: true });
    fs.writeFileSync(path.join(mediaDir, 'files', 'og-e6.png'), 'card');
    const again = await engine.publish();
    expect(again.failures).toEqual([]);
    expect(live('wydarzenia/e6/index.html')).toContain('Szóste');
    expect(liveHas('media/og-e6.png')).toBe(true);
  });

  it('a site-wide change (settings) re-renders every page that shows it', async () => {
    settings.name = 'CUS Lublin';
    const r = await engine.publish();
    expect(r.pagesRendered).toBe(1 + 5 + 3 + 1);
    expect(live('wydarzenia/e1/index.html')).toContain('CUS Lublin');
  });

  it('the reconcile finds and fixes a changed, a missing and a stray file, and keeps what others own', async () => {
    const dir = target.current()!;
    // The spare shares inodes with the live release: replace files, as anything writing a release must.
    fs.rmSync(path.join(dir, 'wydarzenia/e1/index.html'));
    fs.writeFileSync(path.join(dir, 'wydarzenia/e1/index.html'), 'tampered');
    fs.rmSync(path.join(dir, 'rss.xml'));
    fs.writeFileSync(path.join(dir, 'stray.html'), 'x');
    fs.mkdirSync(path.join(dir, 'pagefind'));
    fs.writeFileSync(path.join(dir, 'pagefind', 'pagefind.js'), 'index');
    const r = await engine.reconcile();
    expect(r.kind).toBe('reconcile');
    expect(r.pagesRendered).toBe(10);
    expect(r.filesWritten).toBe(2);
    expect(r.filesRemoved).toBe(1);
    expect(live('wydarzenia/e1/index.html')).toContain('Pierwsze');
    expect(liveHas('rss.xml')).toBe(true);
    expect(liveHas('stray.html')).toBe(false);
    expect(liveHas('pagefind/pagefind.js')).toBe(true);
  });

  it('the periodic reconcile renders only what its record cannot vouch for; deep renders everything', async () => {
    rendered();
    const untouched = await engine.reconcile();
    expect(untouched.kind).toBe('reconcile');
    // Nothing changed: only the unkeyed feed is rendered, nothing is written, no release is made.
    expect(rendered()).toEqual(['rss.xml']);
    expect(untouched.release).toBeNull();

    // A file changed behind the publisher's back (not through a release): found by its bytes, rendered again.
    const dir = target.current()!;
    fs.rmSync(path.join(dir, 'wydarzenia/e2/index.html'));
    fs.writeFileSync(path.join(dir, 'wydarzenia/e2/index.html'), 'tampered');
    // A webhook that never came: the next reconcile's sync finds the change by its key.
    events[3]!.title = 'Czwarte (bez powiadomienia)';
    const repaired = await engine.reconcile();
    expect(rendered()).toEqual(['index.html', 'rss.xml', 'wydarzenia/e2/index.html', 'wydarzenia/e4/index.html', 'wydarzenia/strona/2/index.html']);
    expect(repaired.filesWritten).toBe(5);
    expect(live('wydarzenia/e2/index.html')).toContain('Drugie');
    expect(live('wydarzenia/e4/index.html')).toContain('Czwarte (bez powiadomienia)');

    const liveBefore = target.current();
    const deep = await engine.reconcile({ deep: true });
    expect(deep.pagesRendered).toBe(10);
    expect(deep.filesWritten).toBe(0);
    // It found the live release as it should be: no new release; its draft waits as the next publish's spare.
    expect(deep.release).toBeNull();
    expect(target.current()).toBe(liveBefore);
    expect(fs.readdirSync(target.releasesDir).filter((n) => n.startsWith('.build-spare-'))).toEqual([`.build-spare-${path.basename(liveBefore!)}-${process.pid}`]);
    events[1]!.title = 'Drugie (po przeglądzie)';
    const next = await engine.publish();
    expect(next.release).not.toBeNull();
    expect(live('wydarzenia/e2/index.html')).toContain('Drugie (po przeglądzie)');
    // The release it replaced is intact (its files are links the new one replaced by rename, never rewrote).
    expect(fs.readFileSync(path.join(liveBefore!, 'wydarzenia/e2/index.html'), 'utf8')).toContain('Drugie');
    expect(fs.readFileSync(path.join(liveBefore!, 'wydarzenia/e2/index.html'), 'utf8')).not.toContain('po przeglądzie');
  });

  it('after a run that made a release, and only then, a full garbage collection runs once the publisher has been idle a while', async () => {
    const calls: number[] = [];
    const g = globalThis as { gc?: () => void };
    const before = g.gc;
    g.gc = () => void calls.push(Date.now());
    try {
      const quick = newEngine(media, { memoryQuietMs: 20 });
      await quick.reconcile({ deep: true });
      await quick.memoryReleased();
      expect(calls).toHaveLength(1);
      // Two publishes in a row: one collection, after the second.
      events[1]!.title = 'Drugie (pierwsza zmiana)';
      await quick.publish();
      events[1]!.title = 'Drugie (druga zmiana)';
      await quick.publish();
      await quick.memoryReleased();
      expect(calls).toHaveLength(2);
      // A publish and a checking reconcile that change nothing make no release, and arm none.
      await quick.publish();
      await quick.reconcile();
      // Proving that nothing happens takes time: ten times the 20 ms quiet spell a collection waits for.
      await new Promise((r) => setTimeout(r, 200));
      expect(calls).toHaveLength(2);
    } finally {
      if (before) g.gc = before;
      else delete g.gc;
    }
  });

  it('a restart with the same code starts from the saved record: it checks instead of rendering everything', async () => {
    const liveIndexFile = path.join(work, 'live-index.json');
    const first = newEngine(media, { liveIndexFile });
    await first.reconcile({ deep: true });
    // Saved after a quiet spell, or at once on flush (close).
    expect(fs.existsSync(liveIndexFile)).toBe(false);
    await first.flush();
    expect(fs.existsSync(liveIndexFile)).toBe(true);
    rendered();

    // A new process, same code, an edit made while it was down.
    events[1]!.title = 'Drugie (w czasie przerwy)';
    const restarted = newEngine(media, { liveIndexFile });
    const r = await restarted.publish();
    expect(r.kind).toBe('reconcile');
    expect(rendered()).toEqual(['rss.xml', 'wydarzenia/e2/index.html', 'wydarzenia/strona/1/index.html']);
    expect(live('wydarzenia/e2/index.html')).toContain('w czasie przerwy');
    await restarted.flush();

    // Other code: the record is not trusted, every output is rendered.
    site.code = 'code-2';
    const recoded = newEngine(media, { liveIndexFile });
    expect((await recoded.publish()).pagesRendered).toBe(10);
    await recoded.flush();
    // A record of another release (saved before a rollback) is not trusted either.
    target.rollback();
    const rolledBack = newEngine(media, { liveIndexFile });
    expect((await rolledBack.publish()).pagesRendered).toBe(10);
  });

  it('a broken internal link stops the publish before the switch', async () => {
    const before = target.current();
    const render = site.render.bind(site);
    site.render = async (p) => (p.file === 'wydarzenia/e3/index.html' ? Buffer.from('<a href="/nowhere/">x</a>') : render(p));
    events[2]!.title = 'Trzecie (zmiana)';
    await expect(engine.publish()).rejects.toMatchObject({ stage: 'check', message: expect.stringMatching(/1 internal links lead nowhere, e\.g\. \/wydarzenia\/e3\/index\.html → \/nowhere\//) });
    expect(target.current()).toBe(before);
    expect(fs.readdirSync(target.releasesDir).filter((n) => n.startsWith('.build-') && !n.startsWith('.build-spare-'))).toEqual([]);
  });

  it('after a restart, an entry that fails validation (absent from the content) keeps the live release’s page and its photo', async () => {
    const good = live('wydarzenia/e1/index.html');
    // A new process: no record of the live release; the loader kept nothing of e1 (never valid here).
    const restarted = newEngine(media);
    events = events.filter((e) => e.slug !== 'e1');
    syncFailures = [{ type: 'event', slug: 'e1', documentId: 'doc-e1', field: 'type', message: 'event "e1": field type: invalid' }];
    const r = await restarted.publish();
    expect(r.kind).toBe('reconcile');
    expect(r.failures).toEqual(syncFailures);
    expect(live('wydarzenia/e1/index.html')).toBe(good);
    expect(liveHas('media/a.jpg')).toBe(true);
    // Another publish keeps them too.
    events[0]!.title = 'Drugie (zmiana)';
    await restarted.publish();
    expect(live('wydarzenia/e1/index.html')).toBe(good);
    expect(liveHas('media/a.jpg')).toBe(true);
    // Withdrawn (no longer failing, not listed): its page and photo go.
    syncFailures = [];
    await restarted.publish();
    expect(liveHas('wydarzenia/e1/index.html')).toBe(false);
    expect(liveHas('media/a.jpg')).toBe(false);
  });

  it('beforeSwitch adds files to the same release (the search delta’s place); a throw there keeps the live release', async () => {
    const seen: string[][] = [];
    beforeSwitch = async (draft, change) => {
      seen.push([...change.written].sort());
      await draft.write('pagefind-delta/manifest.json', Buffer.from(JSON.stringify({ changed: change.written })));
    };
    events[2]!.title = 'Trzecie (zmiana)';
    await engine.publish();
    expect(seen).toEqual([['index.html', 'rss.xml', 'wydarzenia/e3/index.html', 'wydarzenia/strona/2/index.html']]);
    expect(JSON.parse(live('pagefind-delta/manifest.json')).changed).toContain('wydarzenia/e3/index.html');
    const before = target.current();
    beforeSwitch = async () => {
      throw new Error('the search delta could not be written');
    };
    events[2]!.title = 'Trzecie (druga zmiana)';
    await expect(engine.publish()).rejects.toMatchObject({ stage: 'write', message: /search delta could not be written/ });
    expect(target.current()).toBe(before);
  });

  it('after a rollback, the next publish is a reconcile against the release now live', async () => {
    events[0]!.title = 'Pierwsze (v2)';
    await engine.publish();
    target.rollback();
    expect(live('wydarzenia/e1/index.html')).not.toContain('Pierwsze (v2)');
    events[1]!.title = 'Drugie (v2)';
    const r = await engine.publish();
    expect(r.kind).toBe('reconcile');
    expect(live('wydarzenia/e1/index.html')).toContain('Pierwsze (v2)');
    expect(live('wydarzenia/e2/index.html')).toContain('Drugie (v2)');
  });
});
