import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStrapi, type TestStrapi } from './helpers/strapi';
import { adminLogin, request } from './helpers/http';

// Entries the CMS used to accept and every later build then failed on, for everyone: each is
// refused at save with a Polish message naming the field, and nothing is stored. The rules are
// the site's own (@cus/shared: contract, slugs, Markdown limits), so what the CMS stores the
// build accepts.

const ADMIN = { email: 'redakcja@cus.test', password: 'Redakcja2026haslo' };
const EVENT = 'api::event.event';
const CM = `/content-manager/collection-types/${EVENT}`;
let app: TestStrapi;
let fullToken: string;
let adminJwt: string;

const valid = { title: 'Konferencja o usługach społecznych', type: 'konferencja', dates: [{ start: '2026-03-02' }] };
const eventRows = () => app.strapi.db.query(EVENT).count({});

beforeAll(async () => {
  app = await startStrapi({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  fullToken = (await app.strapi.service('admin::api-token').create({ name: 'test-full', type: 'full-access', lifespan: null })).accessKey;
  adminJwt = await adminLogin(app.url, ADMIN.email, ADMIN.password);
});
afterAll(async () => app?.stop());

/** POST /api/events: expects a 400 naming `field`, and no row added. */
async function refused(data: Record<string, unknown>, field: string, message: RegExp | string) {
  const before = await eventRows();
  const res = await request(`${app.url}/api/events`, { method: 'POST', token: fullToken, json: { data: { ...valid, ...data } } });
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400);
  expect(res.body.error.name).toBe('ValidationError');
  if (typeof message === 'string') expect(res.body.error.message).toContain(message);
  else expect(res.body.error.message).toMatch(message);
  expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path[0])).toContain(field);
  expect(await eventRows()).toBe(before);
  return res.body.error.message as string;
}

async function accepted(data: Record<string, unknown>) {
  const res = await request(`${app.url}/api/events`, { method: 'POST', token: fullToken, json: { data: { ...valid, ...data } } });
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
  return res.body.data as { documentId: string; slug: string; body?: string };
}

describe('slugs', () => {
  it.each(['..', '-', '~', '🎉', '\u200b'])('refuses the typed slug %j', async (slug) => {
    await refused({ slug }, 'slug', 'Pole „Adres strony (slug)” nie zawiera liter ani cyfr');
  });

  it.each([
    ['emoji only', '🎉🎊'],
    ['a zero-width space', '\u200b'],
    ['punctuation only', '…?!'],
  ])('refuses a title of %s: no slug can be made from it', async (_what, title) => {
    await refused({ title }, 'slug', 'Nie da się utworzyć pola „Adres strony (slug)” z pola „Tytuł”');
  });

  it('transliterates Ukrainian and Russian titles into Latin slugs', async () => {
    expect((await accepted({ title: 'Конференція у Львові' })).slug).toBe('konferentsiia-u-lvovi');
    expect((await accepted({ title: 'Съезд объединений в Щёлково' })).slug).toBe('sieezd-obieedinenii-v-shchelkovo');
  });

  it('refuses the same in the admin and through the document service', async () => {
    const before = await eventRows();
    const viaAdmin = await request(`${app.url}${CM}`, { method: 'POST', token: adminJwt, json: { ...valid, title: '🎉' } });
    expect(viaAdmin.status).toBe(400);
    expect(viaAdmin.body.error.details.errors[0].path).toEqual(['slug']);
    await expect(app.strapi.documents(EVENT).create({ data: { ...valid, slug: '..' } as never })).rejects.toThrow(/nie zawiera liter ani cyfr/);
    expect(await eventRows()).toBe(before);
  });

  it('makes a cleared slug again from the stored title', async () => {
    const event = await accepted({ title: 'Spotkanie w Łodzi' });
    const cleared = await request(`${app.url}/api/events/${event.documentId}`, { method: 'PUT', token: fullToken, json: { data: { slug: '' } } });
    expect(cleared.status).toBe(200);
    expect(cleared.body.data.slug).toBe('spotkanie-w-lodzi');
  });

  it('refuses clearing the slug of an entry whose title gives none', async () => {
    const speaker = await request(`${app.url}/api/speakers`, { method: 'POST', token: fullToken, json: { data: { name: 'Ірина' } } });
    expect(speaker.status).toBe(201);
    expect(speaker.body.data.slug).toBe('iryna');
    const cleared = await request(`${app.url}/api/speakers/${speaker.body.data.documentId}`, {
      method: 'PUT',
      token: fullToken,
      json: { data: { name: '★', slug: '' } },
    });
    expect(cleared.status).toBe(400);
    const stored = await app.strapi.db.query('api::speaker.speaker').findOne({ where: { documentId: speaker.body.data.documentId } });
    expect(stored).toMatchObject({ name: 'Ірина', slug: 'iryna' });
  });
});

describe('Markdown bodies', () => {
  it('refuses a relative link or image, naming the field, the target and the line', async () => {
    const message = await refused({ body: 'Wstęp.\n\nZobacz [zdjęcie](zdjecie.jpg).' }, 'body', 'Pole „Treść relacji”: odnośnik lub obraz „zdjecie.jpg” (wiersz 3)');
    expect(message).toContain('https://');
    await refused({ body: '![Sala obrad](../sala.jpg)' }, 'body', '„../sala.jpg”');
  });

  it('accepts in-page anchors, footnotes and text that mentions /media/', async () => {
    const body = 'Zobacz [program](#program)[^1].\n\n## Program\n\nPliki: https://cms.example/media/x.jpg, /media/y.jpg, …/media/…\n\n[^1]: Przypis.';
    const event = await accepted({ title: 'Konferencja z programem', body });
    expect(event.body).toBe(body);
  });

  it.each([1_000, 10_000])('refuses lists and quotes nested %i deep, quickly', async (depth) => {
    await refused({ body: '- '.repeat(depth) + 'lista' }, 'body', 'listy lub cytaty są zagnieżdżone zbyt głęboko');
    await refused({ body: '>'.repeat(depth) + ' cytat' }, 'body', 'listy lub cytaty są zagnieżdżone zbyt głęboko');
    await refused({ body: '**'.repeat(depth) + 'x' + '**'.repeat(depth) }, 'body', 'zagnieżdżone zbyt głęboko');
  });

  it('refuses an image without alternative text', async () => {
    await refused({ body: '![](https://cus.gov.pl/sala.jpg)' }, 'body', 'obraz w wierszu 1 nie ma tekstu alternatywnego');
    await refused({ body: '<img src="https://cus.gov.pl/sala.jpg">' }, 'body', 'nie ma tekstu alternatywnego');
  });

  it('applies the limits to the accessibility statement too', async () => {
    const res = await request(`${app.url}/api/site-setting`, {
      method: 'PUT',
      token: fullToken,
      json: { data: { siteName: 'Relacje', accessibility: { entityName: 'CUS', nonCompliance: '[raport](raport.pdf)' } } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('„Treści niedostępne”');
    expect(res.body.error.details.errors[0].path).toEqual(['accessibility', 'nonCompliance']);
  });
});

describe('URL fields', () => {
  it.each(['javascript:alert(1)', 'JavaScript:alert(document.cookie)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', '//evil.example/x', 'www.cus.gov.pl'])(
    'refuses %j in streamUrl and sourceUrl',
    async (url) => {
      await refused({ streamUrl: url }, 'streamUrl', 'Pole „Link do transmisji”: musi być pełnym adresem zaczynającym się od http:// lub https://');
      await refused({ sourceUrl: url }, 'sourceUrl', 'Pole „Źródło (adres)”: musi być pełnym adresem');
    },
  );

  it('refuses it in an institution website and in an update', async () => {
    const inst = await request(`${app.url}/api/institutions`, { method: 'POST', token: fullToken, json: { data: { name: 'CUS Testowo', website: 'javascript:alert(1)' } } });
    expect(inst.status).toBe(400);
    expect(inst.body.error.message).toContain('„Strona internetowa”');
    const event = await accepted({ title: 'Wydarzenie z transmisją', streamUrl: 'https://youtube.com/live/abc', sourceUrl: 'http://cus.gov.pl/x' });
    const update = await request(`${app.url}/api/events/${event.documentId}`, { method: 'PUT', token: fullToken, json: { data: { streamUrl: 'javascript:alert(1)' } } });
    expect(update.status).toBe(400);
    const stored = await app.strapi.db.query(EVENT).findOne({ where: { documentId: event.documentId } });
    expect(stored.streamUrl).toBe('https://youtube.com/live/abc');
  });
});

describe('publishing a draft stored before these rules', () => {
  it('refuses to publish it, naming every bad field, and publishes nothing', async () => {
    const draft = await request(`${app.url}/api/events?status=draft`, { method: 'POST', token: fullToken, json: { data: { ...valid, title: 'Stary szkic' } } });
    expect(draft.status).toBe(201);
    const documentId = draft.body.data.documentId as string;
    // As an older version of the CMS could have stored it.
    await app.strapi.db.query(EVENT).update({
      where: { documentId, publishedAt: null },
      data: { slug: '..', body: '[plik](plik.pdf)', streamUrl: 'javascript:alert(1)' },
    });
    const published = () => app.strapi.documents(EVENT).count({ status: 'published', filters: { documentId } } as never);

    const viaAdmin = await request(`${app.url}${CM}/${documentId}/actions/publish`, { method: 'POST', token: adminJwt, json: {} });
    expect(viaAdmin.status).toBe(400);
    const paths = viaAdmin.body.error.details.errors.map((e: { path: string[] }) => e.path[0]);
    expect(paths).toEqual(expect.arrayContaining(['slug', 'body', 'streamUrl']));
    expect(viaAdmin.body.error.message).toContain('Pole „Adres strony (slug)” jest puste lub nieprawidłowe');
    await expect(app.strapi.documents(EVENT).publish({ documentId })).rejects.toThrow(/Treść relacji/);
    expect(await published()).toBe(0);
  });
});
