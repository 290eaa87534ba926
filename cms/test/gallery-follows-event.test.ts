import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISH_STATUS_ADMIN_PATH } from '@cus/shared';
import { DIST_DIR, startStrapi, type TestStrapi } from './helpers/strapi';
import { adminLogin, request } from './helpers/http';

// A gallery follows its event (document-middlewares/gallery-follows-event.ts): publishing the
// event publishes the gallery, or refuses in Polish when the gallery cannot go live; withdrawing
// or deleting the event withdraws it; the export lists a gallery only while its event is public.
// And the admin's publish-status route: who may call it, and what it says without a rebuild service.

let app: TestStrapi;
let fullToken: string;
const jwt: Record<string, string> = {};
const password = 'Haslo-Testowe-2026';
/** A TCP server that accepts and never answers: the rebuild service hung. */
let silent: net.Server;
const sockets: net.Socket[] = [];

const EVENT_CM = '/content-manager/collection-types/api::event.event';
const GALLERY = 'api::gallery.gallery';
const EVENT = 'api::event.event';

async function adminWithRole(email: string, code: string) {
  const role = await app.strapi.db.query('admin::role').findOne({ where: { code } });
  await app.strapi.service('admin::user').create({ email, firstname: code, lastname: 'Test', password, roles: [role.id], isActive: true });
  return adminLogin(app.url, email, password);
}

async function uploadTinyJpeg(): Promise<number> {
  const sharp = (await import('sharp')).default;
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).jpeg().toBuffer();
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'sala.jpg');
  const res = await fetch(`${app.url}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${fullToken}` }, body: form });
  const body = (await res.json()) as { id: number }[];
  if (res.status !== 201 && res.status !== 200) throw new Error(`upload failed ${res.status} ${JSON.stringify(body)}`);
  return body[0]!.id;
}

async function draftEventWithGallery(title: string, alt: string) {
  const file = await uploadTinyJpeg();
  const gallery = await app.strapi.documents(GALLERY).create({ data: { title: `Galeria: ${title}`, slug: `galeria-${Date.now()}`, photos: [{ image: file, alt }] } as never });
  const event = await app.strapi.documents(EVENT).create({
    data: { title, slug: `wydarzenie-${Date.now()}`, type: 'szkolenie', dates: [{ start: '2026-12-03' }], gallery: gallery.documentId } as never,
  });
  return { gallery: gallery.documentId as string, event: event.documentId as string };
}

const publishedCount = (uid: string, documentId: string) => app.strapi.db.query(uid as never).count({ where: { documentId, publishedAt: { $notNull: true } } });
const exportedGalleries = async () =>
  ((await request(`${app.url}/api/site-export/galleries?view=versions`, { token: fullToken })).body.data as [string, string][]).map(([id]) => id);
const exportedGalleryPage = async () =>
  ((await request(`${app.url}/api/site-export/galleries?pageSize=1000`, { token: fullToken })).body.data as { documentId: string }[]).map((g) => g.documentId);
const status = (who: string | undefined, uid: string, ids: string[]) =>
  request(`${app.url}${PUBLISH_STATUS_ADMIN_PATH}?uid=${encodeURIComponent(uid)}&documentIds=${ids.join(',')}`, { token: who ? jwt[who] : undefined });

beforeAll(async () => {
  silent = net.createServer((s) => sockets.push(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const port = (silent.address() as net.AddressInfo).port;
  app = await startStrapi({ env: { REBUILD_URL: `http://127.0.0.1:${port}/webhook`, REBUILD_SECRET: 'sekret-testowy' } });
  fullToken = (await app.strapi.service('admin::api-token').create({ name: 'Testy', description: 'test', type: 'full-access', lifespan: null })).accessKey;
  jwt.autor = await adminWithRole('autor@cus.test', 'cus-autor');
  jwt.wydawca = await adminWithRole('wydawca@cus.test', 'cus-wydawca');
});
afterAll(async () => {
  await app?.stop();
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent?.close(r));
});

describe('a gallery follows its event', () => {
  it('goes live when its event is published, and off when the event is withdrawn', async () => {
    const { gallery, event } = await draftEventWithGallery('Szkolenie z galerią', 'Uczestnicy szkolenia przy stołach');
    expect(await exportedGalleries()).not.toContain(gallery);

    const published = await request(`${app.url}${EVENT_CM}/${event}/actions/publish`, { method: 'POST', token: jwt.wydawca, json: {} });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(await publishedCount(GALLERY, gallery)).toBe(1);
    expect(await exportedGalleries()).toContain(gallery);
    expect(await exportedGalleryPage()).toContain(gallery);
    // The published event points at the published gallery: the report shows it.
    const events = await request(`${app.url}/api/site-export/events?ids=${event}`, { token: fullToken });
    expect(events.body.data[0].gallery?.documentId).toBe(gallery);

    const withdrawn = await request(`${app.url}${EVENT_CM}/${event}/actions/unpublish`, { method: 'POST', token: jwt.wydawca, json: {} });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(await publishedCount(GALLERY, gallery)).toBe(0);
    expect(await exportedGalleries()).not.toContain(gallery);
  });

  it('is withdrawn when its event is deleted', async () => {
    const { gallery, event } = await draftEventWithGallery('Wizyta do usunięcia', 'Goście przed budynkiem');
    expect((await request(`${app.url}${EVENT_CM}/${event}/actions/publish`, { method: 'POST', token: jwt.wydawca, json: {} })).status).toBe(200);
    expect(await publishedCount(GALLERY, gallery)).toBe(1);
    expect((await request(`${app.url}${EVENT_CM}/${event}`, { method: 'DELETE', token: jwt.wydawca })).status).toBe(200);
    expect(await publishedCount(GALLERY, gallery)).toBe(0);
    expect(await exportedGalleries()).not.toContain(gallery);
  });

  it('published on its own, stays off the site until its event is published', async () => {
    const { gallery, event } = await draftEventWithGallery('Konferencja bez publikacji', 'Sala konferencyjna');
    await app.strapi.documents(GALLERY).publish({ documentId: gallery });
    expect(await publishedCount(GALLERY, gallery)).toBe(1);
    expect(await exportedGalleries()).not.toContain(gallery);
    expect(await exportedGalleryPage()).not.toContain(gallery);
    const res = await status('autor', GALLERY, [gallery]);
    expect(res.body.data[gallery]).toMatchObject({ state: 'not-public', message: expect.stringContaining('razem z opublikowanym wydarzeniem') });
    expect((await request(`${app.url}${EVENT_CM}/${event}/actions/publish`, { method: 'POST', token: jwt.wydawca, json: {} })).status).toBe(200);
    expect(await exportedGalleries()).toContain(gallery);
  });

  it('stops its event from being published when a photo has no alt text, saying so in Polish', async () => {
    const { gallery, event } = await draftEventWithGallery('Kongres z niepełną galerią', '');
    const res = await request(`${app.url}${EVENT_CM}/${event}/actions/publish`, { method: 'POST', token: jwt.wydawca, json: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('Wydarzenie nie zostało opublikowane');
    expect(res.body.error.message).toContain('„Galeria: Kongres z niepełną galerią” zdjęcie nr 1 nie ma tekstu alternatywnego');
    expect(res.body.error.details.errors[0].path).toEqual(['gallery']);
    expect(await publishedCount(EVENT, event)).toBe(0);
    expect(await publishedCount(GALLERY, gallery)).toBe(0);
  });
});

describe('the admin publish-status route', () => {
  it('answers logged-in editors only (401 without the admin login)', async () => {
    const { event } = await draftEventWithGallery('Szkic do sprawdzenia', 'Zdjęcie grupowe');
    expect((await status(undefined, EVENT, [event])).status).toBe(401);
    const res = await status('autor', EVENT, [event]);
    expect(res.status).toBe(200);
    expect(res.body.data[event]).toEqual({ state: 'not-public', message: 'Szkic: nie ma go na stronie' });
    expect((await status('autor', 'plugin::users-permissions.user', [event])).status).toBe(400);
    expect((await status('autor', EVENT, ['../../etc'])).status).toBe(400);
  });

  it('says "unknown" in Polish, within its 2 s bound, when the rebuild service does not answer', async () => {
    const { event } = await draftEventWithGallery('Opublikowane przy awarii usługi', 'Prelegentka przy mównicy');
    expect((await request(`${app.url}${EVENT_CM}/${event}/actions/publish`, { method: 'POST', token: jwt.wydawca, json: {} })).status).toBe(200);
    const res = await status('wydawca', EVENT, [event]);
    expect(res.status).toBe(200);
    expect(res.body.data[event]).toMatchObject({ state: 'unknown', message: 'Nie udało się sprawdzić stanu strony' });
    expect(sockets.length).toBeGreaterThan(0);
  });
});

describe('roles and messages editors read', () => {
  it('offers only Autor and Wydawca: Strapi’s own Author and Editor are gone, unless a user still holds one', async () => {
    const codes = (await app.strapi.db.query('admin::role').findMany({})).map((r: { code: string }) => r.code).sort();
    expect(codes).toEqual(['cus-autor', 'cus-wydawca', 'strapi-super-admin']);

    // A role someone holds is kept (removing it would lock them out), and goes once nobody does.
    const roles = app.strapi.service('admin::role');
    const editor = await roles.create({ name: 'Editor', code: 'strapi-editor', description: 'test' });
    const user = await app.strapi.service('admin::user').create({ email: 'stary@cus.test', firstname: 'S', lastname: 'T', password, roles: [editor.id], isActive: true });
    // The compiled module Strapi itself runs.
    const { removeStrapiDefaultRoles } = createRequire(import.meta.url)(path.join(DIST_DIR, 'src/bootstrap/editor-roles.js')) as typeof import('../src/bootstrap/editor-roles');
    expect(await removeStrapiDefaultRoles(app.strapi)).toEqual({ removed: [], kept: ['strapi-editor'] });
    await app.strapi.service('admin::user').deleteById(user.id);
    expect(await removeStrapiDefaultRoles(app.strapi)).toEqual({ removed: ['strapi-editor'], kept: [] });
  });

  it('writes dates in a validation message as the field shows them, naming each field once', async () => {
    const res = await request(`${app.url}/api/events`, {
      method: 'POST',
      token: fullToken,
      json: { data: { title: 'Zła data', type: 'szkolenie', dates: [{ start: '2026-03-14', end: '2026-03-12' }] } },
    });
    expect(res.status).toBe(400);
    const message: string = res.body.error.message;
    expect(message).toBe('„Terminy”, termin nr 1, pole „Data zakończenia”: wpisana data 12.03.2026 jest wcześniejsza niż data rozpoczęcia (14.03.2026).');
    expect(message).not.toMatch(/2026-03/);
  });
});

describe('the sentences of the publish status', () => {
  // The compiled module Strapi itself runs.
  const messages = () => createRequire(import.meta.url)(path.join(DIST_DIR, 'src/publish-status/messages.js')) as typeof import('../src/publish-status/messages');

  it('gives the time in Poland, and the date too when it was not today', () => {
    const { liveMessage } = messages();
    // 11:03 UTC in winter is 12:03 in Warsaw; in summer 13:03.
    expect(liveMessage('2026-12-02T11:03:00.000Z', new Date('2026-12-02T20:00:00.000Z'))).toBe('Na stronie od 12:03');
    expect(liveMessage('2026-03-14T11:03:00.000Z', new Date('2026-12-02T20:00:00.000Z'))).toBe('Na stronie od 14.03.2026, 12:03');
    expect(liveMessage('2026-07-01T11:03:00.000Z', new Date('2026-07-01T12:00:00.000Z'))).toBe('Na stronie od 13:03');
  });

  it('names the entry and the field of a failed build in Polish', () => {
    const { failedMessage } = messages();
    expect(failedMessage({ type: 'event', slug: 'zjazd', field: 'dates.0.start', message: 'has no date' }, 'Zjazd gmin')).toBe(
      'Strona nie została zaktualizowana: wydarzenie „Zjazd gmin”, pole „Terminy”: brak terminu',
    );
    expect(failedMessage({ type: 'request', message: 'GET /api/site-export/events: HTTP 502' }, undefined)).toBe(
      'Strona nie została zaktualizowana: nie udało się pobrać treści z systemu (GET /api/site-export/events: HTTP 502).',
    );
  });
});
