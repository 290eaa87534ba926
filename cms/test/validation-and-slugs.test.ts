import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStrapi, type TestStrapi } from './helpers/strapi';
import { adminLogin, request } from './helpers/http';

// Rules editors meet, on every write path: REST (full-access token), the admin's
// content-manager API (logged-in editor), and the document service used by code.

const ADMIN = { email: 'redakcja@cus.test', password: 'Redakcja2026haslo' };
let app: TestStrapi;
let fullToken: string;
let adminJwt: string;

const CM = '/content-manager/collection-types/api::event.event';
const validEvent = { title: 'Szkolenie dla asystentów rodziny', type: 'szkolenie', dates: [{ start: '2026-03-02', end: '2026-03-03' }] };
const eventCount = () => app.strapi.db.query('api::event.event').count({});

beforeAll(async () => {
  app = await startStrapi({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  const token = await app.strapi.service('admin::api-token').create({ name: 'test-full', type: 'full-access', lifespan: null });
  fullToken = token.accessKey;
  adminJwt = await adminLogin(app.url, ADMIN.email, ADMIN.password);
});
afterAll(async () => app?.stop());

describe('local admin from the environment', () => {
  it('is a super admin with the Polish interface', async () => {
    const user = await app.strapi.db.query('admin::user').findOne({ where: { email: ADMIN.email }, populate: ['roles'] });
    expect(user.preferedLanguage).toBe('pl');
    expect(user.roles.map((r: any) => r.code)).toContain('strapi-super-admin');
  });

  it('shows Polish field labels in the admin', async () => {
    const res = await request(`${app.url}/content-manager/content-types/api::event.event/configuration`, { token: adminJwt });
    expect(res.status).toBe(200);
    const meta = res.body.data.contentType.metadatas;
    expect(meta.title.edit.label).toBe('Tytuł');
    expect(meta.dates.edit.label).toBe('Terminy');
    expect(meta.appearances.edit.description).toMatch(/funkcją/);
  });
});

describe('validation with Polish messages naming the field', () => {
  it('refuses a date range that ends before it starts (REST), storing nothing', async () => {
    const before = await eventCount();
    const res = await request(`${app.url}/api/events`, {
      method: 'POST',
      token: fullToken,
      json: { data: { ...validEvent, dates: [{ start: '2026-03-05', end: '2026-03-04' }] } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('„Terminy”, termin nr 1');
    expect(res.body.error.message).toContain('„Data zakończenia”');
    expect(res.body.error.details.errors[0].path).toEqual(['dates', '0', 'end']);
    expect(await eventCount()).toBe(before);
  });

  it('refuses a missing title (REST) and a missing type (admin)', async () => {
    const before = await eventCount();
    const noTitle = await request(`${app.url}/api/events`, {
      method: 'POST',
      token: fullToken,
      json: { data: { ...validEvent, title: '  ' } },
    });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error.message).toContain('Pole „Tytuł” jest wymagane.');

    const { type: _t, ...noType } = validEvent;
    const viaAdmin = await request(`${app.url}${CM}`, { method: 'POST', token: adminJwt, json: noType });
    expect(viaAdmin.status).toBe(400);
    expect(viaAdmin.body.error.message).toContain('Pole „Rodzaj wydarzenia” jest wymagane');
    expect(await eventCount()).toBe(before);
  });

  it('refuses the same rules through the document service', async () => {
    const before = await eventCount();
    await expect(
      app.strapi.documents('api::event.event').create({
        data: { ...validEvent, dates: [{ start: '2026-05-10', end: '2026-04-01' }] } as never,
      }),
    ).rejects.toThrow(/Data zakończenia/);
    expect(await eventCount()).toBe(before);
  });

  it('refuses to publish a gallery photo without alt text, but keeps it as a draft', async () => {
    const file = await uploadTinyJpeg();
    const published = await request(`${app.url}/api/galleries`, {
      method: 'POST',
      token: fullToken,
      json: { data: { title: 'Galeria bez opisów', photos: [{ image: file, alt: 'Sala obrad' }, { image: file, alt: '' }] } },
    });
    expect(published.status).toBe(400);
    expect(published.body.error.message).toContain('zdjęcie nr 2: pole „Tekst alternatywny” jest wymagane');
    expect(await app.strapi.db.query('api::gallery.gallery').count({})).toBe(0);

    const draft = await request(`${app.url}/api/galleries?status=draft`, {
      method: 'POST',
      token: fullToken,
      json: { data: { title: 'Galeria robocza', photos: [{ image: file, alt: '' }] } },
    });
    expect(draft.status).toBe(201);
    const docId = draft.body.data.documentId;
    await expect(app.strapi.documents('api::gallery.gallery').publish({ documentId: docId })).rejects.toThrow(
      /Tekst alternatywny/,
    );
    const viaAdmin = await request(`${app.url}/content-manager/collection-types/api::gallery.gallery/${docId}/actions/publish`, {
      method: 'POST',
      token: adminJwt,
      json: {},
    });
    expect(viaAdmin.status).toBe(400);
    expect(await app.strapi.documents('api::gallery.gallery').count({ status: 'published' })).toBe(0);
  });
});

describe('slugs: Polish transliteration, unique on every write path', () => {
  const title = 'Żółta Łódź: spotkanie w Świdniku';
  it('makes the same unique slug family via REST, the admin and the document service', async () => {
    const viaRest = await request(`${app.url}/api/events`, { method: 'POST', token: fullToken, json: { data: { ...validEvent, title } } });
    expect(viaRest.status).toBe(201);
    expect(viaRest.body.data.slug).toBe('zolta-lodz-spotkanie-w-swidniku');

    const viaAdmin = await request(`${app.url}${CM}`, { method: 'POST', token: adminJwt, json: { ...validEvent, title } });
    expect(viaAdmin.status).toBe(201);
    expect(viaAdmin.body.data.slug).toBe('zolta-lodz-spotkanie-w-swidniku-2');

    const viaCode = await app.strapi.documents('api::event.event').create({ data: { ...validEvent, title } as never });
    expect(viaCode.slug).toBe('zolta-lodz-spotkanie-w-swidniku-3');

    // An explicit slug that is taken is made unique too, and an edit keeps its own slug.
    const explicit = await request(`${app.url}/api/events`, {
      method: 'POST',
      token: fullToken,
      json: { data: { ...validEvent, title: 'Inny tytuł', slug: 'Zolta Lodz spotkanie w Swidniku' } },
    });
    expect(explicit.body.data.slug).toBe('zolta-lodz-spotkanie-w-swidniku-4');
    const edited = await request(`${app.url}/api/events/${viaRest.body.data.documentId}`, {
      method: 'PUT',
      token: fullToken,
      json: { data: { lead: 'Nowy wstęp.' } },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.data.slug).toBe('zolta-lodz-spotkanie-w-swidniku');
  });

  it('gives people and institutions slugs from their names', async () => {
    const person = await request(`${app.url}/api/speakers`, { method: 'POST', token: fullToken, json: { data: { name: 'Łucja Ńąćka-Źrebię' } } });
    expect(person.status).toBe(201);
    expect(person.body.data.slug).toBe('lucja-nacka-zrebie');
    const inst = await app.strapi.documents('api::institution.institution').create({ data: { name: 'Gminny Ośrodek Pomocy Społecznej w Kuryłówce' } as never });
    expect(inst.slug).toBe('gminny-osrodek-pomocy-spolecznej-w-kurylowce');
  });
});

async function uploadTinyJpeg(): Promise<number> {
  const sharp = (await import('sharp')).default;
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).jpeg().toBuffer();
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'proba.jpg');
  const res = await fetch(`${app.url}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${fullToken}` }, body: form });
  const body = (await res.json()) as any;
  if (res.status !== 201 && res.status !== 200) throw new Error(`upload failed ${res.status} ${JSON.stringify(body)}`);
  return body[0].id;
}
