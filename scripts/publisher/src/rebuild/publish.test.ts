import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LocalTarget } from '../deploy/local.ts';
import { type CmsProcess } from '@cus/testing/cms-process';
import { waitFor } from '@cus/testing/wait';
import { publishEvent, startPublishingStack, type PublishingStack } from '../publishing-stack.ts';
import { startRebuildService, type BuildRecord, type RebuildService } from './service.ts';
import { freePort } from '@cus/testing/free-port';
import { adminLogin } from '@cus/cms-admin/admin-api';

// Publish → rebuild → deploy with every part real: the CMS (strapi start, seed content) sends
// its webhook to the rebuild service, which builds the site with astro, checks it, switches
// the local release, and the static server serves it. Nobody runs a command in between.

let stack: PublishingStack;
let SECRET: string;
let cms: CmsProcess;
let service: RebuildService;
let target: LocalTarget;
let siteUrl: string;
let work: string;
const serviceLog: string[] = [];

async function get(sitePath: string) {
  const res = await fetch(`${siteUrl}${sitePath}`);
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const builds = (): BuildRecord[] => service.status().last;
const lastId = () => builds()[0]?.id ?? 0;
const buildsSince = (id: number) => builds().filter((b) => b.id > id);

const createEvent = (title: string, extra: Record<string, unknown> = {}) => publishEvent(cms, title, extra);

async function unpublish(documentId: string) {
  const jwt = await adminLogin(cms.url, cms.admin.email, cms.admin.password);
  const res = await fetch(`${cms.url}/content-manager/collection-types/api::event.event/${documentId}/actions/unpublish`, {
    method: 'POST',
    headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(200);
}

/** A webhook as Strapi sends it, straight to the service. */
function sendWebhook(secret: string | undefined, body: unknown = { event: 'entry.publish', model: 'event', entry: { slug: 'reczny', publishedAt: new Date().toISOString() } }) {
  return fetch(`${service.url}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-strapi-event': 'entry.publish', ...(secret ? { 'x-rebuild-secret': secret } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

beforeAll(async () => {
  stack = await startPublishingStack({ templateDir: inject('templateDir'), prefix: 'cus-publish-', log: (line) => serviceLog.push(line) });
  ({ cms, service, target, siteUrl, work, secret: SECRET } = stack);
}, 240_000);

afterAll(() => stack?.stop());

describe('publishing', () => {
  it('serves the seed site from the first deploy, with cache and security headers', async () => {
    // The startup build's record is written once the draft preview's part, made after the deploy, is done.
    await service.scheduler.idle();
    expect(builds()[0]).toMatchObject({ outcome: 'deployed', triggers: ['startup'] });
    const home = await get('/');
    expect(home.status).toBe(200);
    expect(home.headers.get('cache-control')).toMatch(/must-revalidate/);
    expect(home.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(home.headers.get('x-content-type-options')).toBe('nosniff');
    const css = /href="(\/_astro\/[^"]+\.css)"/.exec(home.text)![1]!;
    expect((await get(css)).headers.get('cache-control')).toMatch(/immutable/);
    expect(fs.readFileSync(path.join(target.current()!, '_headers'), 'utf8')).toContain('Content-Security-Policy');
  });

  it('puts a newly published event on the site, then takes it off when unpublished', async () => {
    const before = lastId();
    const started = Date.now();
    const event = await createEvent('Szkolenie z publikacji relacji');
    await waitFor('the new event page', async () => (await get(`/wydarzenia/${event.slug}/`)).status === 200);
    serviceLog.push(`measured: publish → served in ${Date.now() - started} ms`);
    expect((await get('/wydarzenia/')).text).toContain(`href="/wydarzenia/${event.slug}/"`);
    expect(buildsSince(before).every((b) => b.outcome === 'deployed')).toBe(true);

    await unpublish(event.documentId);
    await waitFor('the page to be gone', async () => (await get(`/wydarzenia/${event.slug}/`)).status === 404);
    // No page of the live release links to it any more.
    const live = target.current()!;
    const pages = fs.readdirSync(live, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    for (const p of pages) expect(fs.readFileSync(path.join(live, p), 'utf8'), p).not.toContain(`/wydarzenia/${event.slug}/`);
  });

  it('refuses webhooks without the right secret, and builds nothing', async () => {
    await service.scheduler.idle();
    const before = lastId();
    expect((await sendWebhook(undefined)).status).toBe(401);
    expect((await sendWebhook('wrong-secret')).status).toBe(401);
    expect((await sendWebhook(SECRET.slice(0, -1))).status).toBe(401);
    // (Bodies of any size Strapi sends are read: robustness.test.ts.)
    await new Promise((r) => setTimeout(r, 2500)); // longer than the quiet spell
    expect(service.status().pending).toBe(0);
    expect(service.scheduler.isBuilding).toBe(false);
    expect(lastId()).toBe(before);
  });

  it('coalesces a burst of 20 publishes into at most 3 builds, and shows all 20', async () => {
    await service.scheduler.idle();
    const before = lastId();
    const events: { documentId: string; slug: string }[] = [];
    for (let i = 1; i <= 20; i++) events.push(await createEvent(`Warsztaty seryjne nr ${i}`));
    await waitFor(
      'all 20 pages',
      async () => (await Promise.all(events.map((e) => get(`/wydarzenia/${e.slug}/`)))).every((r) => r.status === 200),
      120_000,
      500,
    );
    await service.scheduler.idle();
    const burst = buildsSince(before);
    serviceLog.push(`measured: 20 publishes → ${burst.length} builds`);
    expect(burst.length).toBeGreaterThanOrEqual(1);
    expect(burst.length).toBeLessThanOrEqual(3);
    const listing = (await get('/wydarzenia/')).text + (await get('/wydarzenia/strona/2/')).text;
    for (const e of events) expect(listing).toContain(`/wydarzenia/${e.slug}/`);
  });
});

/** The pages a release's search index holds (Pagefind's fragments are gzipped JSON). */
function indexedUrls(release: string): string[] {
  const dir = path.join(release, 'pagefind', 'fragment');
  return fs
    .readdirSync(dir)
    .map((f) => (JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(dir, f))).toString('utf8').replace(/^pagefind_dcd/, '')) as { url: string }).url)
    .sort();
}

describe('a large site: the search index follows the changed pages', () => {
  it('publishes a change with the previous index, then makes the new index in a build of its own', async () => {
    await service.scheduler.idle();
    // A second service whose site counts as large from one indexed page.
    const large = new LocalTarget({ dir: path.join(work, 'deploy-large'), keep: 5 });
    const lines: string[] = [];
    const other = await startRebuildService({
      secret: SECRET,
      port: await freePort(),
      quietMs: 500,
      maxWaitMs: 5000,
      buildOnStart: true,
      mode: {
        kind: 'build',
        publish: { target: large, strapiUrl: cms.url, strapiToken: cms.readToken, siteUrl: 'http://127.0.0.1:4321', cacheDir: path.join(work, 'cache-large'), deferSearchFromPages: 1, preview: false },
      },
      log: (line) => lines.push(line),
    });
    try {
      await other.scheduler.idle();
      const [first] = other.status().last;
      // The first build has no index to ship: it makes one.
      expect(first).toMatchObject({ outcome: 'deployed', triggers: ['startup'] });
      expect(first!.searchDeferred).toBeUndefined();

      const event = await createEvent('Szkolenie z wyszukiwania relacji');
      const res = await fetch(`${other.url}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rebuild-secret': SECRET },
        body: JSON.stringify({ event: 'entry.publish', model: 'event', entry: { slug: event.slug, publishedAt: new Date().toISOString() } }),
      });
      expect(res.status).toBe(202);
      await waitFor('the change and the search index build', () => other.status().last.length >= 3 && !other.scheduler.isBuilding && other.scheduler.pendingCount === 0, 180_000);
      const [indexed, change] = other.status().last;
      expect(change, lines.join('\n')).toMatchObject({ outcome: 'deployed', searchDeferred: true });
      expect(indexed, lines.join('\n')).toMatchObject({ outcome: 'deployed', triggers: ['search index'] });
      expect(indexed!.searchDeferred).toBeUndefined();

      const release = (r: BuildRecord) => path.join(large.releasesDir, r.release!);
      const page = `/wydarzenia/${event.slug}/`;
      // Live first: the change's release has the new page and still the previous index…
      expect(fs.existsSync(path.join(release(change!), 'wydarzenia', event.slug, 'index.html'))).toBe(true);
      expect(indexedUrls(release(change!))).toEqual(indexedUrls(release(first!)));
      expect(indexedUrls(release(change!))).not.toContain(page);
      // …then the search index build's release finds it.
      expect(indexedUrls(release(indexed!))).toContain(page);
      expect(large.current()).toBe(fs.realpathSync(release(indexed!)));
    } finally {
      await other.close();
      // The CMS told the main service about the new event too.
      await service.scheduler.idle();
    }
  }, 300_000);
});

describe('failures leave the live site as it was', () => {
  it('a build that breaks the contract is not deployed, /status names the entry and field, and the next good publish recovers', async () => {
    await service.scheduler.idle();
    const liveBefore = target.current();
    const before = lastId();
    const seedEvent = fs.readdirSync(path.join(liveBefore!, 'wydarzenia')).find((d) => d.startsWith('konferencja-podsumowujaca'))!;
    // An entry the site's contract does not accept (as if the CMS's model had drifted).
    const db = new DatabaseSync(path.join(cms.workDir, 'data.db'), { timeout: 15_000 });
    // (A real write moves updatedAt too, which is how an incremental sync sees the change.)
    db.prepare('UPDATE events SET type = ?, updated_at = ? WHERE slug = ?').run('webinarium', Date.now(), seedEvent);
    const broken = await createEvent('Relacja opublikowana w czasie awarii');
    const failed = await waitFor('the failed build', () => buildsSince(before).find((b) => b.outcome === 'failed'), 90_000);
    expect(failed.stage).toBe('build');
    expect(failed.error).toMatch(new RegExp(`event "${seedEvent}".*field type`));
    // As data too, from the build's own report, not from its log.
    expect(failed.failure).toMatchObject({ type: 'event', slug: seedEvent, field: 'type', documentId: expect.any(String) });
    expect(target.current()).toBe(liveBefore);
    expect((await get(`/wydarzenia/${seedEvent}/`)).status).toBe(200);
    expect((await get(`/wydarzenia/${broken.slug}/`)).status).toBe(404);
    const status = (await (await fetch(`${service.url}/status`)).json()) as { last: BuildRecord[] };
    expect(status.last[0]).toMatchObject({ outcome: 'failed', error: failed.error, failure: failed.failure });

    db.prepare('UPDATE events SET type = ?, updated_at = ? WHERE slug = ?').run('konferencja', Date.now(), seedEvent);
    db.close();
    const next = await createEvent('Relacja po naprawie');
    await waitFor('recovery', async () => (await get(`/wydarzenia/${next.slug}/`)).status === 200, 90_000);
    expect((await get(`/wydarzenia/${broken.slug}/`)).status).toBe(200);
    expect(builds()[0]!.outcome).toBe('deployed');
  });

  it('a build process killed mid-way leaves the previous release served', async () => {
    await service.scheduler.idle();
    const liveBefore = target.current();
    const before = lastId();
    expect((await sendWebhook(SECRET)).status).toBe(202);
    const pid = await waitFor('the build process', () => service.status().current?.pid, 30_000, 50);
    process.kill(pid, 'SIGKILL');
    const failed = await waitFor('the failed build', () => buildsSince(before).find((b) => b.outcome === 'failed'), 30_000);
    expect(failed.error).toMatch(/SIGKILL/);
    expect(target.current()).toBe(liveBefore);
    expect((await get('/')).status).toBe(200);
    expect(fs.readdirSync(target.releasesDir).filter((n) => n.startsWith('.build-'))).toEqual([]);
  });

  it('a CMS that stops while a build runs fails that build with the URL and reason, and the site stays up', async () => {
    await service.scheduler.idle();
    const liveBefore = target.current();
    const before = lastId();
    expect((await sendWebhook(SECRET)).status).toBe(202);
    await waitFor('the build process', () => service.status().current?.pid, 30_000, 50);
    await cms.stop();
    const failed = await waitFor('the failed build', () => buildsSince(before).find((b) => b.outcome === 'failed'), 90_000);
    expect(failed.error).toMatch(new RegExp(`${cms.url.replace(/[.:/]/g, '\\$&')}.*(ECONNREFUSED|fetch failed|socket)`, 's'));
    expect(target.current()).toBe(liveBefore);
    expect((await get('/')).status).toBe(200);
  });

  afterAll(() => {
    // The figures the closing note quotes, and the service's own log, for anyone reading the run.
    console.log(serviceLog.join('\n'));
  });
});
