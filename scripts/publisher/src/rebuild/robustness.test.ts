import crypto from 'node:crypto';
import fs from 'node:fs';
import http, { type Server } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { siteHeaders } from '@cus/serve/headers';
import { LocalTarget } from '../deploy/local.ts';
import { createStaticServer, listen } from '@cus/serve/static-server';
import { cmsRequest, readTemplate, startCms, type CmsProcess } from '@cus/testing/cms-process';
import { waitFor } from '@cus/testing/wait';
import { LiveContentFile } from './content-versions.ts';
import type { PublishConfig } from './pipeline.ts';
import { RECONCILE_TRIGGER, startRebuildService, type BuildRecord, type RebuildService } from './service.ts';
import { freePort } from '@cus/testing/free-port';

// The rebuild service as an attacker and a clumsy sender meet it, with every part real: the CMS
// (strapi start, seed content) sends its webhooks to the service, which builds with astro and
// deploys to a local target served by the static server. Odd bodies, huge bodies, slow and cut
// bodies, a 1 MB report, a webhook lost while the service was down, a CMS that never answers.

const SECRET = crypto.randomBytes(24).toString('base64url');
let cms: CmsProcess;
let service: RebuildService;
let servicePort: number;
let target: LocalTarget;
let live: LiveContentFile;
let site: Server;
let siteUrl: string;
let work: string;
const serviceLog: string[] = [];
const measured: string[] = [];

const publishConfig = (): PublishConfig => ({ target, strapiUrl: cms.url, strapiToken: cms.readToken, siteUrl: 'http://127.0.0.1:4321', cacheDir: path.join(work, 'cache'), preview: false });

function startService(buildOnStart: boolean): Promise<RebuildService> {
  return startRebuildService({
    secret: SECRET,
    port: servicePort,
    quietMs: 500,
    maxWaitMs: 5000,
    buildOnStart,
    liveContent: live,
    mode: { kind: 'build', publish: publishConfig() },
    log: (line) => serviceLog.push(line),
  });
}

const pageStatus = async (sitePath: string) => (await fetch(`${siteUrl}${sitePath}`)).status;
const builds = (): BuildRecord[] => service.status().last;
const lastId = () => builds()[0]?.id ?? 0;
const buildsSince = (id: number) => builds().filter((b) => b.id > id);

async function createEvent(title: string, extra: Record<string, unknown> = {}, query = '') {
  const res = await cmsRequest(cms, 'POST', `/api/events${query}`, {
    data: { title, type: 'szkolenie', lead: `Zapowiedź: ${title}.`, dates: [{ start: '2026-12-03' }], venue: { city: 'Lublin', voivodeship: 'lubelskie' }, ...extra },
  });
  return res.data as { documentId: string; slug: string };
}

interface Answer {
  status: number;
  body: string;
}

/** A POST to the service with the right secret; `body` is written as given (chunks: one write each). */
function post(body: string | Buffer | Buffer[], headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`http://127.0.0.1:${servicePort}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-rebuild-secret': SECRET, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    // The service may answer (413) and close before all is sent: that is its right.
    req.on('error', (err) => reject(err));
    for (const chunk of Array.isArray(body) ? body : [body]) req.write(chunk);
    req.end();
  });
}

/** Raw bytes on a socket; resolves with what came back when the server closes (or `waitMs` passes). */
function rawExchange(bytes: Buffer, endAfterWrite: boolean): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(servicePort, '127.0.0.1', () => {
      socket.write(bytes);
      if (endAfterWrite) socket.end();
    });
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (d) => (data += d));
    socket.on('error', () => resolve(data));
    socket.on('close', () => resolve(data));
  });
}

const health = async () => (await fetch(`${service.url}/health`)).status;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-robust-'));
  servicePort = await freePort();
  cms = await startCms(readTemplate(inject('templateDir')), { REBUILD_URL: `http://127.0.0.1:${servicePort}/webhook`, REBUILD_SECRET: SECRET });
  target = new LocalTarget({ dir: path.join(work, 'deploy'), keep: 3 });
  live = new LiveContentFile(path.join(work, 'deploy', 'live-content.json'));
  service = await startService(true);
  site = createStaticServer({ root: () => target.current() ?? path.join(work, 'nothing'), headers: siteHeaders });
  siteUrl = await listen(site);
  await waitFor('the first deploy', () => target.current(), 120_000);
  await service.scheduler.idle();
}, 240_000);

afterAll(async () => {
  await service?.close();
  await new Promise((r) => site?.close(r));
  await cms?.stop();
  console.log([...measured, ...serviceLog].join('\n'));
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the rebuild service fed anything', () => {
  it('answers every odd body with a 4xx or a 202, stays up, and still builds the next good change', async () => {
    const before = lastId();
    const publishedAt = new Date().toISOString();
    const cases: { what: string; body: string | Buffer; headers?: Record<string, string>; status: number; queued?: boolean }[] = [
      { what: 'null', body: 'null', status: 400 },
      { what: 'an array', body: '[{"event":"entry.publish","model":"event"}]', status: 400 },
      { what: 'a number', body: '42', status: 400 },
      { what: 'a string', body: '"entry.publish"', status: 400 },
      { what: 'garbage', body: 'not json {{{', status: 400 },
      { what: 'invalid UTF-8 outside strings', body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), status: 400 },
      { what: 'an event that is a number', body: '{"event":5,"model":"event"}', status: 202, queued: false },
      { what: 'a model that is an object', body: '{"event":"entry.publish","model":{"toString":1}}', status: 202, queued: false },
      { what: 'a __proto__ model', body: JSON.stringify({ event: 'entry.publish', model: '__proto__', entry: { publishedAt } }), status: 202, queued: false },
      { what: 'a constructor model', body: JSON.stringify({ event: 'entry.publish', model: 'constructor', entry: { publishedAt } }), status: 202, queued: false },
      { what: '__proto__ keys', body: `{"__proto__":{"event":"entry.publish","model":"event"},"entry":{"__proto__":{"publishedAt":"${publishedAt}"}}}`, status: 202, queued: false },
      { what: 'an entry that is a string', body: '{"event":"entry.update","model":"event","entry":"x"}', status: 202, queued: false },
      { what: 'an empty body', body: '', status: 202, queued: false },
      // From the secret holder, an entry event of the site that cannot be read whole is built rather than lost.
      { what: 'JSON nested 100,000 deep in an entry', body: `{"event":"entry.publish","model":"event","entry":{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`, status: 202, queued: true },
      { what: 'invalid UTF-8 in a slug', body: Buffer.concat([Buffer.from(`{"event":"entry.publish","model":"event","entry":{"publishedAt":"${publishedAt}","slug":"a`), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}}')]), status: 202, queued: true },
      { what: 'a header event with garbage', body: '}{', headers: { 'x-strapi-event': 'entry.publish' }, status: 202, queued: true },
      { what: 'a header event of another kind with garbage', body: '}{', headers: { 'x-strapi-event': 'admin.login' }, status: 400 },
    ];
    for (const c of cases) {
      const res = await post(c.body, c.headers);
      expect(res.status, c.what).toBe(c.status);
      if (c.queued !== undefined) expect((JSON.parse(res.body) as { queued: boolean }).queued, c.what).toBe(c.queued);
    }
    expect(await health()).toBe(200);

    // A body of 70 MB, declared: refused before it is read. Streamed without a length: refused past 64 MiB.
    const mb = Buffer.alloc(1024 * 1024, 0x20);
    // (The service closes the connection after its 413; a client still sending may see a reset instead.)
    const start = Buffer.from('{"event":"entry.publish","model":"event","entry":{"body":"');
    const declared = await post([start, ...Array.from({ length: 70 }, () => mb)], { 'content-length': String(70 * 1024 * 1024 + start.length) }).catch(() => ({ status: -1, body: '' }));
    expect([413, -1]).toContain(declared.status);
    expect(serviceLog.some((l) => /refused: body of \d+ bytes over the 67108864-byte limit/.test(l))).toBe(true);
    const rss = process.memoryUsage().rss;
    const chunked = await post([start, ...Array.from({ length: 70 }, () => mb)]).catch(() => ({ status: -1, body: '' }));
    expect([413, -1]).toContain(chunked.status);
    await waitFor('the streamed body refused', () => serviceLog.some((l) => /refused: body over the 67108864-byte limit/.test(l)));
    measured.push(`measured: a 70 MB webhook body → ${declared.status} (declared), ${chunked.status} (streamed; -1: reset after the 413); RSS of the test process (service included) grew ${((process.memoryUsage().rss - rss) / 2 ** 20).toFixed(0)} MiB`);

    // A content-length that promises more than comes, then the sender goes away; one that promises less.
    await rawExchange(Buffer.from(`POST /webhook HTTP/1.1\r\nHost: x\r\nX-Rebuild-Secret: ${SECRET}\r\nContent-Length: 5000\r\n\r\n{"event":"entry.pub`), true);
    const short = await rawExchange(Buffer.from(`POST /webhook HTTP/1.1\r\nHost: x\r\nX-Rebuild-Secret: ${SECRET}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}{"event":"entry.publish"}`), false);
    // Node's parser refuses the bytes past the length as a bad next request (400), possibly before the 202.
    expect(short).toMatch(/^HTTP\/1\.1 (202|400)/);
    // Bytes that are not HTTP at all.
    await rawExchange(Buffer.from('\x00\x01\x02 GARBAGE\r\n\r\n'), true);
    expect(await health()).toBe(200);

    // A slow body: while it trickles in, the service answers everyone else; when it ends, it counts.
    const slow = http.request(`http://127.0.0.1:${servicePort}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-rebuild-secret': SECRET } });
    const slowAnswer = new Promise<number>((resolve, reject) => {
      slow.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      slow.on('error', reject);
    });
    slow.write('{"event":"entry.publish",');
    slow.flushHeaders();
    expect(await health()).toBe(200);
    expect((await fetch(`${service.url}/status`)).status).toBe(200);
    slow.end(`"model":"speaker","entry":{"slug":"powolny"}}`);
    expect(await slowAnswer).toBe(202);

    // Still up, and the next real change goes live (the queued odd bodies built on the way).
    const event = await createEvent('Szkolenie po dziwnych webhookach');
    await waitFor('the new event page', async () => (await pageStatus(`/wydarzenia/${event.slug}/`)) === 200, 120_000);
    expect(await health()).toBe(200);
    expect(buildsSince(before).length).toBeGreaterThanOrEqual(1);
    expect(buildsSince(before).every((b) => b.outcome === 'deployed')).toBe(true);
  });

  it('publishes a 1 MB report, then takes it off the site when it is deleted', async () => {
    await service.scheduler.idle();
    // Blocks of ASCII text, about 1,040,000 bytes of JSON: under Strapi's 1 MiB limit on a REST
    // request and the site's 1 MiB limit on a body, over 1,000,000 bytes in the webhook.
    const paragraph = 'Relacja z dlugiego wydarzenia: uczestnicy omawiali uslugi spoleczne w gminie, koordynacje i finansowanie. ';
    const block = { type: 'paragraph', children: [{ type: 'text', text: paragraph }] };
    const heading = { type: 'heading', level: 2, children: [{ type: 'text', text: 'Przebieg' }] };
    const count = Math.floor((1_040_000 - JSON.stringify([heading]).length) / (JSON.stringify(block).length + 1));
    const body = [heading, ...Array.from({ length: count }, () => block)];
    const started = Date.now();
    const event = await createEvent('Bardzo długa relacja z kongresu', { body });
    const page = `/wydarzenia/${event.slug}/`;
    await waitFor('the 1 MB report live', async () => (await pageStatus(page)) === 200, 180_000);
    measured.push(`measured: a report of ${Buffer.byteLength(JSON.stringify(body))} bytes of body: publish → served in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const queued = serviceLog.filter((l) => /webhook entry\.publish event .* queued .*; (\d+) bytes\)/.test(l) && l.includes(event.slug));
    expect(queued.length).toBeGreaterThan(0);
    expect(Number(/; (\d+) bytes\)/.exec(queued.at(-1)!)![1])).toBeGreaterThan(1_000_000);
    expect(await (await fetch(`${siteUrl}${page}`)).text()).toContain('uczestnicy omawiali uslugi');

    const deleted = Date.now();
    await cmsRequest(cms, 'DELETE', `/api/events/${event.documentId}`);
    await waitFor('the deleted report gone', async () => (await pageStatus(page)) === 404, 180_000);
    measured.push(`measured: the 1 MB report deleted → gone in ${((Date.now() - deleted) / 1000).toFixed(1)} s`);
  });

  it('builds nothing when a draft that was never published is deleted', async () => {
    await service.scheduler.idle();
    const before = lastId();
    const logged = serviceLog.length;
    const draft = await createEvent('Szkic, który nigdy nie wyjdzie', {}, '?status=draft');
    await waitFor('the draft save ignored', () => serviceLog.slice(logged).some((l) => /ignored: a draft was saved/.test(l)));
    await cmsRequest(cms, 'DELETE', `/api/events/${draft.documentId}`);
    await waitFor('the delete ignored', () => serviceLog.slice(logged).some((l) => /entry\.delete ignored: a draft row was deleted/.test(l)));
    expect(serviceLog.slice(logged).filter((l) => /queued \(/.test(l))).toEqual([]);
    expect(service.status().pending).toBe(0);
    expect(service.scheduler.isBuilding).toBe(false);
    expect(lastId()).toBe(before);
  });
});

describe('webhooks that never arrive', () => {
  // A second service the CMS does not know about: every webhook to it is lost. (Strapi retries
  // a delivery that failed, so stopping the first service would not lose one for sure.)
  let lonelyPort: number;
  let lonelyTarget: LocalTarget;
  let lonelyLive: LiveContentFile;
  const lonelyPage = async (sitePath: string) => {
    const release = lonelyTarget.current();
    return release !== null && fs.existsSync(path.join(release, sitePath, 'index.html'));
  };
  const startLonely = (buildOnStart: boolean, reconcileMs = 0) =>
    startRebuildService({
      secret: SECRET,
      port: lonelyPort,
      quietMs: 300,
      maxWaitMs: 3000,
      buildOnStart,
      liveContent: lonelyLive,
      reconcileMs,
      mode: { kind: 'build', publish: { ...publishConfig(), target: lonelyTarget, cacheDir: path.join(work, 'cache-lonely') } },
      log: (line) => serviceLog.push(`[lonely] ${line}`),
    });

  beforeAll(async () => {
    await service.scheduler.idle();
    lonelyPort = await freePort();
    lonelyTarget = new LocalTarget({ dir: path.join(work, 'deploy-lonely'), keep: 3 });
    lonelyLive = new LiveContentFile(path.join(work, 'deploy-lonely', 'live-content.json'));
    const first = await startLonely(true);
    await waitFor('its first deploy', () => first.status().last[0]?.outcome, 120_000);
    await first.scheduler.idle();
    expect(first.status().last[0]?.outcome).toBe('deployed');
    // The live release's content is recorded: comparing now finds nothing to do.
    expect(first.status().live?.release).toBe(path.basename(lonelyTarget.current()!));
    expect(await first.reconcile()).toBe('same');
    await first.close();
  });

  it('a publish missed while the service was down is built when it starts, from the recorded live release', async () => {
    const event = await createEvent('Relacja opublikowana przy wyłączonej usłudze');
    const page = `wydarzenia/${event.slug}`;
    expect(await lonelyPage(page)).toBe(false);
    const started = Date.now();
    const restarted = await startLonely(false);
    try {
      await waitFor('the reconciled page', () => lonelyPage(page), 120_000);
      measured.push(`measured: a publish missed while the service was down → live ${((Date.now() - started) / 1000).toFixed(1)} s after the service started`);
      await restarted.scheduler.idle();
      expect(restarted.status().last[0]).toMatchObject({ outcome: 'deployed', triggers: [RECONCILE_TRIGGER] });
      expect(restarted.status().last).toHaveLength(1);
      // Once live, the next comparison finds nothing.
      expect(await restarted.reconcile()).toBe('same');
    } finally {
      await restarted.close();
    }
  });

  it('a publish whose webhook is lost while the service runs is built at the next periodic comparison', async () => {
    const running = await startLonely(false, 1000);
    try {
      await waitFor('the comparison at start', () => running.status().reconcile?.lastResult);
      expect(running.status().reconcile?.lastResult).toBe('same');
      const event = await createEvent('Relacja, której webhook zaginął');
      const started = Date.now();
      await waitFor('the reconciled page', () => lonelyPage(`wydarzenia/${event.slug}`), 120_000);
      measured.push(`measured: a lost webhook with REBUILD_RECONCILE_MS=1000 → live ${((Date.now() - started) / 1000).toFixed(1)} s after the publish`);
      await running.scheduler.idle();
      expect(running.status().last[0]).toMatchObject({ outcome: 'deployed', triggers: [RECONCILE_TRIGGER] });
    } finally {
      await running.close();
    }
  });

  it('content whose build fails is not rebuilt at every comparison, until it changes again', async () => {
    const running = await startLonely(false, 500);
    const db = new DatabaseSync(path.join(cms.workDir, 'data.db'), { timeout: 15_000 });
    try {
      await waitFor('the comparison at start', () => running.status().reconcile?.lastResult === 'same');
      const seedEvent = fs.readdirSync(path.join(lonelyTarget.current()!, 'wydarzenia')).find((d) => d.startsWith('konferencja-podsumowujaca'))!;
      // A change the site's contract refuses, made behind the CMS's back (no webhook).
      db.prepare('UPDATE events SET type = ?, updated_at = ? WHERE slug = ?').run('webinarium', Date.now(), seedEvent);
      const failed = await waitFor('the failed build', () => running.status().last.find((b) => b.outcome === 'failed'), 120_000);
      expect(failed.failure).toMatchObject({ type: 'event', slug: seedEvent, field: 'type' });
      await waitFor('a comparison after the failure', () => /last build of this content failed/.test(running.status().reconcile?.lastResult ?? ''), 30_000);
      expect(running.status().last).toHaveLength(1);
      expect(running.scheduler.pendingCount).toBe(0);
      // Repaired: the next comparison builds it.
      db.prepare('UPDATE events SET type = ?, updated_at = ? WHERE slug = ?').run('konferencja', Date.now(), seedEvent);
      await waitFor('the repaired build', () => running.status().last[0]?.outcome === 'deployed', 120_000);
      expect(running.status().last[0]!.triggers).toEqual([RECONCILE_TRIGGER]);
    } finally {
      db.close();
      await running.close();
    }
  });
});

describe('a CMS that accepts the connection and never answers', () => {
  it('fails the build within the bound, and /status names the request that hung', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    const silentUrl = await listen(silent as unknown as Server);
    const hungTarget = new LocalTarget({ dir: path.join(work, 'deploy-hung'), keep: 2 });
    const other = await startRebuildService({
      secret: SECRET,
      port: await freePort(),
      quietMs: 100,
      maxWaitMs: 1000,
      buildOnStart: true,
      mode: {
        kind: 'build',
        publish: {
          target: hungTarget,
          strapiUrl: silentUrl,
          strapiToken: 'token',
          cacheDir: path.join(work, 'cache-hung'),
          preview: false,
          // Each request 2 s, 5 s lost to timeouts in all (defaults: 20 s and 30 s).
          buildEnv: { CMS_REQUEST_TIMEOUT_MS: '2000', CMS_STALL_BUDGET_MS: '5000' },
        },
      },
      log: (line) => serviceLog.push(line),
    });
    try {
      const failed = await waitFor('the failed build', () => other.status().last.find((b) => b.outcome === 'failed'), 120_000);
      measured.push(`measured: a CMS that never answers → build failed after ${((failed.durationMs ?? 0) / 1000).toFixed(1)} s (2 s per request, 5 s budget): ${failed.error}`);
      expect(failed.stage).toBe('build');
      expect(failed.failure).toMatchObject({ type: 'request', request: expect.stringMatching(new RegExp(`^GET ${silentUrl.replace(/[.:/]/g, '\\$&')}/api/site-export/`)) });
      expect(failed.error).toMatch(/hung/);
      expect(failed.error).not.toContain('token');
      expect(hungTarget.current()).toBeNull();
      const status = (await (await fetch(`${other.url}/status`)).json()) as { last: BuildRecord[] };
      expect(status.last[0]!.failure?.request).toBe(failed.failure!.request);
    } finally {
      await other.close();
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});
