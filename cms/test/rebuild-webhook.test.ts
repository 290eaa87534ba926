import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIST_DIR, startStrapi, type TestStrapi } from './helpers/strapi';
import { adminLogin, request } from './helpers/http';

// The webhook that tells the site's rebuild service about changes, against a real Strapi and
// a real HTTP server standing in for that service. One boot: bootstrap creates the webhook,
// then the update and remove paths are exercised by calling ensureRebuildWebhook again after
// changing process.env, as the next start with that environment would.

// The compiled module, the very code Strapi's bootstrap ran.
const { ensureRebuildWebhook, REBUILD_WEBHOOK_EVENTS, REBUILD_WEBHOOK_NAME } = createRequire(import.meta.url)(
  path.join(DIST_DIR, 'src/bootstrap/rebuild-webhook.js'),
) as typeof import('../src/bootstrap/rebuild-webhook');

interface Delivery {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any;
}

const ADMIN = { email: 'webhooki@cus.test', password: 'Webhooki2026haslo' };
const SECRET = 'sekret-przebudowy-1';
let app: TestStrapi;
let server: http.Server;
let base: string;
let adminJwt: string;
let adminHookId: string;
const deliveries: Delivery[] = [];

const store = () => app.strapi.get('webhookStore');
const ours = async () => ((await store().findWebhooks()) as any[]).filter((h) => h.name === REBUILD_WEBHOOK_NAME);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (up to 5 s) for a delivery matching `match` and returns it. */
async function delivered(match: (d: Delivery) => boolean): Promise<Delivery> {
  const until = Date.now() + 5000;
  for (;;) {
    const found = deliveries.find(match);
    if (found) return found;
    if (Date.now() > until) throw new Error(`no matching delivery; got ${JSON.stringify(deliveries.map((d) => [d.path, d.headers['x-strapi-event'], d.body?.model]))}`);
    await sleep(50);
  }
}

const to = (path: string, event: string, model: string, name?: string) => (d: Delivery) =>
  d.path === path && d.headers['x-strapi-event'] === event && d.body?.model === model && (!name || d.body?.entry?.name === name);

const newInstitution = (name: string) =>
  app.strapi.documents('api::institution.institution').create({ data: { name } as never });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // keep the text
      }
      deliveries.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  app = await startStrapi({
    env: {
      REBUILD_URL: `${base}/webhook`,
      REBUILD_SECRET: SECRET,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    },
  });
  adminJwt = await adminLogin(app.url, ADMIN.email, ADMIN.password);
  // An administrator's own webhook, made through the admin API, for entry.create only.
  const res = await request(`${app.url}/admin/webhooks`, {
    method: 'POST',
    token: adminJwt,
    json: { name: 'Powiadomienia redakcji', url: `${base}/admin-hook`, headers: { 'X-Redakcja': 'tak' }, events: ['entry.create'] },
  });
  expect(res.status).toBe(201);
  adminHookId = res.body.data.id;
});

afterAll(async () => {
  await app?.stop();
  await new Promise((resolve) => server?.close(resolve));
  delete process.env.REBUILD_URL;
  delete process.env.REBUILD_SECRET;
});

describe('rebuild webhook', () => {
  it('is created at bootstrap, once, enabled, with the URL, secret header and events', async () => {
    const hooks = await ours();
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      url: `${base}/webhook`,
      isEnabled: true,
      headers: { 'X-Rebuild-Secret': SECRET },
    });
    expect([...hooks[0].events].sort()).toEqual(
      ['entry.create', 'entry.update', 'entry.delete', 'entry.publish', 'entry.unpublish', 'media.create', 'media.update', 'media.delete'].sort(),
    );
    expect(REBUILD_WEBHOOK_EVENTS).toHaveLength(8);
  });

  it('delivers entry.create with the secret when an institution is created', async () => {
    await newInstitution('Gminny Ośrodek Pomocy Społecznej w Testowie');
    const d = await delivered(to('/webhook', 'entry.create', 'institution', 'Gminny Ośrodek Pomocy Społecznej w Testowie'));
    expect(d.headers['x-rebuild-secret']).toBe(SECRET);
    expect(d.headers['content-type']).toBe('application/json');
    expect(d.body.event).toBe('entry.create');
    expect(d.body.uid).toBe('api::institution.institution');
    // The administrator's webhook fires alongside.
    const adminHit = await delivered(to('/admin-hook', 'entry.create', 'institution'));
    expect(adminHit.headers['x-redakcja']).toBe('tak');
    expect(adminHit.headers['x-rebuild-secret']).toBeUndefined();
  });

  it('delivers entry.publish when an event is published', async () => {
    const draft = await app.strapi.documents('api::event.event').create({
      data: { title: 'Konferencja o przebudowie strony', type: 'konferencja', dates: [{ start: '2025-01-10' }] } as never,
    });
    await app.strapi.documents('api::event.event').publish({ documentId: draft.documentId });
    const d = await delivered(to('/webhook', 'entry.publish', 'event'));
    expect(d.headers['x-rebuild-secret']).toBe(SECRET);
    expect(d.body.entry.title).toBe('Konferencja o przebudowie strony');
  });

  it('changes nothing when called again with the same environment, and fires once per change', async () => {
    const before = await ours();
    expect(await ensureRebuildWebhook(app.strapi)).toBe('unchanged');
    expect(await ensureRebuildWebhook(app.strapi)).toBe('unchanged');
    const after = await ours();
    expect(after).toEqual(before);

    const name = 'Powiatowe Centrum Pomocy Rodzinie w Testowie';
    await newInstitution(name);
    await delivered(to('/webhook', 'entry.create', 'institution', name));
    await sleep(500);
    expect(deliveries.filter(to('/webhook', 'entry.create', 'institution', name))).toHaveLength(1);
  });

  it('updates the header in place when the secret changes, without logging the secret', async () => {
    const [before] = await ours();
    const info = vi.spyOn(app.strapi.log, 'info');
    process.env.REBUILD_SECRET = 'sekret-przebudowy-2';
    try {
      expect(await ensureRebuildWebhook(app.strapi)).toBe('updated');
      const logged = info.mock.calls.map((c) => String(c[0]));
      expect(logged.some((line) => line.includes(REBUILD_WEBHOOK_NAME) && line.includes('zaktualizowano'))).toBe(true);
      expect(logged.join('\n')).not.toContain('sekret-przebudowy');
    } finally {
      info.mockRestore();
    }
    const after = await ours();
    expect(after).toHaveLength(1);
    expect(after[0].id).toBe(before.id);
    expect(after[0].headers).toEqual({ 'X-Rebuild-Secret': 'sekret-przebudowy-2' });

    // The running runner sends the new header at once, exactly once per change.
    const name = 'Regionalny Ośrodek Polityki Społecznej w Testowie';
    await newInstitution(name);
    const d = await delivered(to('/webhook', 'entry.create', 'institution', name));
    expect(d.headers['x-rebuild-secret']).toBe('sekret-przebudowy-2');
    await sleep(300);
    expect(deliveries.filter(to('/webhook', 'entry.create', 'institution', name))).toHaveLength(1);
  });

  it('follows a changed URL, and omits the header (with a warning) when there is no secret', async () => {
    process.env.REBUILD_URL = `${base}/webhook-2`;
    process.env.REBUILD_SECRET = '';
    const warn = vi.spyOn(app.strapi.log, 'warn');
    try {
      expect(await ensureRebuildWebhook(app.strapi)).toBe('updated');
      expect(warn.mock.calls.some((c) => String(c[0]).includes('REBUILD_SECRET'))).toBe(true);
    } finally {
      warn.mockRestore();
    }
    const after = await ours();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ url: `${base}/webhook-2`, headers: {} });

    const name = 'Centrum Usług Społecznych w Testowie';
    await newInstitution(name);
    const d = await delivered(to('/webhook-2', 'entry.create', 'institution', name));
    expect(d.headers['x-rebuild-secret']).toBeUndefined();
    await sleep(300);
    expect(deliveries.filter(to('/webhook', 'entry.create', 'institution', name))).toHaveLength(0);

    process.env.REBUILD_URL = `${base}/webhook`;
    process.env.REBUILD_SECRET = SECRET;
    expect(await ensureRebuildWebhook(app.strapi)).toBe('updated');
  });

  it('keeps only the oldest when the name appears twice', async () => {
    const [original] = await ours();
    const copy = await store().createWebhook({ ...original, id: undefined });
    app.strapi.get('webhookRunner').add(copy);
    expect(await ours()).toHaveLength(2);

    expect(await ensureRebuildWebhook(app.strapi)).toBe('updated');
    const after = await ours();
    expect(after.map((h) => h.id)).toEqual([original.id]);

    const name = 'Ośrodek Pomocy Społecznej po porządkach';
    await newInstitution(name);
    await delivered(to('/webhook', 'entry.create', 'institution', name));
    await sleep(300);
    expect(deliveries.filter(to('/webhook', 'entry.create', 'institution', name))).toHaveLength(1);
  });

  it('leaves the webhook alone when REBUILD_URL is not an http(s) address', async () => {
    const before = await ours();
    process.env.REBUILD_URL = 'localhost:4300/webhook';
    try {
      expect(await ensureRebuildWebhook(app.strapi)).toBe('invalid-url');
    } finally {
      process.env.REBUILD_URL = `${base}/webhook`;
    }
    expect(await ours()).toEqual(before);
  });

  it('is removed when REBUILD_URL is unset, and then nothing more is delivered', async () => {
    delete process.env.REBUILD_URL;
    expect(await ensureRebuildWebhook(app.strapi)).toBe('removed');
    expect(await ours()).toHaveLength(0);
    expect(await ensureRebuildWebhook(app.strapi)).toBe('absent');

    const seen = deliveries.filter((d) => d.path.startsWith('/webhook')).length;
    const name = 'Urząd Gminy Testowo';
    await newInstitution(name);
    const draft = await app.strapi.documents('api::event.event').create({
      data: { title: 'Spotkanie bez przebudowy', type: 'spotkanie', dates: [{ start: '2025-02-01' }] } as never,
    });
    await app.strapi.documents('api::event.event').publish({ documentId: draft.documentId });
    // The administrator's webhook still fires: its listener survived the removal of ours.
    await delivered(to('/admin-hook', 'entry.create', 'institution', name));
    await sleep(1000);
    expect(deliveries.filter((d) => d.path.startsWith('/webhook')).length).toBe(seen);
  });

  it("never touched the administrator's webhook", async () => {
    const res = await request(`${app.url}/admin/webhooks/${adminHookId}`, { token: adminJwt });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      name: 'Powiadomienia redakcji',
      url: `${base}/admin-hook`,
      headers: { 'X-Redakcja': 'tak' },
      events: ['entry.create'],
      isEnabled: true,
    });
    expect((await store().findWebhooks()).map((h: any) => h.name)).toEqual(['Powiadomienia redakcji']);
  });
});
