import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStrapi, type TestStrapi } from './helpers/strapi';
import { adminLogin, request } from './helpers/http';
import { photoJpeg, uploadFile } from './helpers/images';

// Entries the CMS used to accept and every later build then failed on, for everyone: each is
// refused at save with a Polish message naming the field, and nothing is stored. The rules are
// the site's own (@cus/shared: contract, slugs, Blocks limits), so what the CMS stores the
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
  return res.body.data as { documentId: string; slug: string; body?: unknown };
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

describe('Blocks bodies', () => {
  const text = (t: string) => ({ type: 'text', text: t });
  const paragraph = (...children: unknown[]) => ({ type: 'paragraph', children });
  const link = (url: string, t: string) => ({ type: 'link', url, children: [text(t)] });
  /** Lists inside one another as Strapi's editor nests them: a list among the items of its parent. */
  const nestedLists = (depth: number) => {
    let node: unknown = { type: 'list-item', children: [text('punkt')] };
    for (let i = 0; i < depth; i++) node = { type: 'list', format: 'unordered', indentLevel: Math.max(0, depth - i - 1), children: [node] };
    return [node];
  };
  /** An entry whose body holds arrays 100,000 deep, as JSON text (200 KB; JSON.stringify cannot make it). */
  const deepEntryJson = (depth: number) =>
    `${JSON.stringify({ ...valid, title: 'Głęboko' }).slice(0, -1)},"body":[{"type":"list","format":"unordered","children":${'['.repeat(depth)}${']'.repeat(depth)}}]}`;

  /** The same refusal through the admin's API and the document service (what code uses). */
  async function refusedEverywhere(body: unknown, message: string) {
    await refused({ body }, 'body', message);
    const before = await eventRows();
    const viaAdmin = await request(`${app.url}${CM}`, { method: 'POST', token: adminJwt, json: { ...valid, body } });
    expect(viaAdmin.status, JSON.stringify(viaAdmin.body).slice(0, 300)).toBe(400);
    expect(viaAdmin.body.error.message).toContain(message);
    expect(viaAdmin.body.error.details.errors.map((e: { path: string[] }) => e.path)).toContainEqual(['body']);
    await expect(app.strapi.documents(EVENT).create({ data: { ...valid, body } as never })).rejects.toThrow(message);
    expect(await eventRows()).toBe(before);
  }

  it('keeps headings, lists, quotes, marks and links as they were written', async () => {
    const body = [
      { type: 'heading', level: 2, children: [text('Program')] },
      paragraph(text('Zobacz '), link('https://cus.gov.pl/program', 'program'), text(' i '), { ...text('pogrubienie'), bold: true }, text('.')),
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [text('pierwszy')] }, { type: 'list-item', children: [text('drugi')] }] },
      { type: 'quote', children: [text('Cytat z wystąpienia.')] },
      paragraph(link('mailto:kontakt@cus.gov.pl', 'napisz')),
    ];
    const event = await accepted({ title: 'Konferencja z programem', body });
    expect(event.body).toEqual(body);
  });

  it('refuses a javascript: link on every write path, naming the field', async () => {
    await refusedEverywhere([paragraph(link('javascript:alert(1)', 'kliknij'))], 'Pole „Treść relacji”: Odnośnik „kliknij”');
  });

  it('refuses a node of an unknown type and a string instead of blocks', async () => {
    await refusedEverywhere([{ type: 'table', children: [paragraph(text('komórka'))] }], 'Pole „Treść relacji”: Blok nr 1 w treści jest nieznanego rodzaju „table”');
    await refusedEverywhere('## Program\n\nTekst w Markdown', 'Pole „Treść relacji”: treść ma nieprawidłowy format');
  });

  it('refuses lists nested deeper than the site renders, and 100,000 deep, cheaply; the CMS stays up', async () => {
    await refusedEverywhere(nestedLists(9), 'zagnieżdżona zbyt głęboko');
    const timings: Record<string, number> = {};
    const before = await eventRows();

    let started = performance.now();
    const deep = await request(`${app.url}/api/events`, { method: 'POST', token: fullToken, rawJson: `{"data":${deepEntryJson(100_000)}}` });
    timings['REST, arrays 100,000 deep (200 KB)'] = performance.now() - started;
    expect(deep.status, JSON.stringify(deep.body).slice(0, 300)).toBe(400);
    expect(deep.body.error.message).toContain('Pole „Treść relacji”: treść jest zagnieżdżona zbyt głęboko');
    expect(deep.body.error.details.errors[0].path).toEqual(['body']);

    started = performance.now();
    const viaAdmin = await request(`${app.url}${CM}`, { method: 'POST', token: adminJwt, rawJson: deepEntryJson(100_000) });
    timings['admin API, arrays 100,000 deep'] = performance.now() - started;
    expect(viaAdmin.status, JSON.stringify(viaAdmin.body).slice(0, 300)).toBe(400);
    expect(viaAdmin.body.error.message).toContain('zagnieżdżona zbyt głęboko');

    // 100,000 lists inside one another are 5 MB of JSON: more than a request may carry; code can.
    started = performance.now();
    await expect(app.strapi.documents(EVENT).create({ data: { ...valid, body: nestedLists(100_000) } as never })).rejects.toThrow('zagnieżdżona zbyt głęboko');
    timings['document service, lists 100,000 deep'] = performance.now() - started;

    started = performance.now();
    const next = await request(`${app.url}/api/events?pagination[pageSize]=1`, { token: fullToken });
    timings['the next request'] = performance.now() - started;
    expect(next.status).toBe(200);
    expect(await eventRows()).toBe(before);
    console.log('[hostile blocks] ms:', JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)]))));
  });

  it('refuses a body over 1 MiB with a Polish message; over REST the request limit stops it first, in Polish too', async () => {
    const huge = [paragraph(text('Bardzo długa relacja. '.repeat(50_000)))];
    let started = performance.now();
    await expect(app.strapi.documents(EVENT).create({ data: { ...valid, body: huge } as never })).rejects.toThrow('Pole „Treść relacji”: treść jest za długa');
    const viaCode = performance.now() - started;
    const before = await eventRows();
    started = performance.now();
    const res = await request(`${app.url}/api/events`, { method: 'POST', token: fullToken, json: { data: { ...valid, body: huge } } });
    console.log('[hostile blocks] ms:', JSON.stringify({ 'document service, 1.1 MB': Math.round(viaCode), 'REST, 1.1 MB (413)': Math.round(performance.now() - started) }));
    expect(res.status).toBe(413);
    expect(JSON.stringify(res.body)).toContain('Wpis jest zbyt duży');
    expect(await eventRows()).toBe(before);
  });

  /** A photo uploaded as an editor does, without alt text; returns the file as the admin inserts it. */
  async function uploadPhoto(name: string) {
    const res = await uploadFile(app.url, fullToken, await photoJpeg(64, 48), name, 'image/jpeg');
    expect(res.status).toBe(201);
    return res.body[0] as { id: number; url: string; alternativeText: string | null; [key: string]: unknown };
  }
  const imageBlock = (image: unknown) => ({ type: 'image', image, children: [text('')] });
  /**
   * The image as Strapi's editor inserts it (Blocks/Image.mjs): some of the file's fields, no id,
   * the file name as alt text when the library has none, the CMS's own address before the URL.
   */
  const asEditorInserts = (file: Record<string, unknown>) => {
    const keys = ['name', 'alternativeText', 'url', 'caption', 'width', 'height', 'formats', 'hash', 'ext', 'mime', 'size', 'previewUrl', 'provider', 'provider_metadata', 'createdAt', 'updatedAt'];
    const image = Object.fromEntries(keys.map((k) => [k, file[k]]));
    return { ...image, alternativeText: file.alternativeText || file.name, url: `${app.url}${file.url as string}` };
  };

  it('reads photos again from the Media Library: an alt text fixed there counts at the next save', async () => {
    const file = await uploadPhoto('sala-obrad.jpg');
    expect(file.alternativeText ?? '').toBe('');
    // The editor made the file name the alt text: the library's (none) is what counts.
    const body = [paragraph(text('Sala obrad.')), imageBlock(asEditorInserts(file))];
    expect(body[1]).toMatchObject({ image: { alternativeText: 'sala-obrad.jpg' } });
    await refusedEverywhere(body, 'Pole „Treść relacji”: Zdjęcie nr 1 w treści (blok nr 2) nie ma tekstu alternatywnego');

    await app.strapi.plugin('upload').service('upload').updateFileInfo(file.id, { alternativeText: 'Sala obrad pełna uczestników' });
    // The same body, with the photo as it was inserted before the fix.
    const event = await accepted({ title: 'Konferencja ze zdjęciem', body });
    const stored = (event.body as { image?: { id: number; url: string; alternativeText: string } }[])[1]!.image!;
    // Found by its hash; stored with its id, the library's alt text and the relative address.
    expect(stored).toMatchObject({ id: file.id, url: file.url, alternativeText: 'Sala obrad pełna uczestników' });
  });

  it('brings a draft\'s photos up to date when it is published', async () => {
    const file = await uploadPhoto('aula.jpg');
    await app.strapi.plugin('upload').service('upload').updateFileInfo(file.id, { alternativeText: 'Aula' });
    const draft = await request(`${app.url}/api/events?status=draft`, {
      method: 'POST',
      token: fullToken,
      json: { data: { ...valid, title: 'Szkic ze zdjęciem', body: [imageBlock(asEditorInserts(file))] } },
    });
    expect(draft.status, JSON.stringify(draft.body).slice(0, 300)).toBe(201);
    await app.strapi.plugin('upload').service('upload').updateFileInfo(file.id, { alternativeText: 'Aula uniwersytetu podczas obrad' });
    const published = await request(`${app.url}${CM}/${draft.body.data.documentId}/actions/publish`, { method: 'POST', token: adminJwt, json: {} });
    expect(published.status, JSON.stringify(published.body).slice(0, 300)).toBe(200);
    const live = await app.strapi.documents(EVENT).findOne({ documentId: draft.body.data.documentId, status: 'published' } as never);
    expect((live as unknown as { body: { image: { alternativeText: string } }[] }).body[0]!.image.alternativeText).toBe('Aula uniwersytetu podczas obrad');
  });

  it('refuses a photo that is not in the Media Library', async () => {
    const file = await uploadPhoto('foyer.jpg');
    const notInLibrary = 'Zdjęcia nr 1 w treści (blok nr 1) nie ma w Bibliotece mediów';
    await refused({ body: [imageBlock({ ...asEditorInserts(file), hash: 'obce_zdjecie', alternativeText: 'Foyer' })] }, 'body', notInLibrary);
    await refused({ body: [imageBlock({ url: 'https://example.org/foyer.jpg', width: 800, height: 600, alternativeText: 'Foyer' })] }, 'body', notInLibrary);
    await refused({ body: [imageBlock({ ...file, id: 987_654, hash: undefined, alternativeText: 'Foyer' })] }, 'body', notInLibrary);
  });

  it('says in Polish what Strapi\'s own Blocks validator would refuse in English', async () => {
    await refusedEverywhere([paragraph(link('#program', 'program'))], 'Odnośnik w bloku nr 1 (akapit) prowadzi do „#program” — edytor zapisuje tylko pełne adresy');
    await refusedEverywhere([{ type: 'heading', level: 2, children: [] }], 'Blok nr 1 w treści (nagłówek) jest pusty');
    await refusedEverywhere([{ type: 'list', format: 'ordered', children: [] }], 'Lista w bloku nr 1 (lista) nie ma punktów');
    // Whatever else Strapi's validator refuses (here: an image block without its children) is
    // reported under the field, in Polish, instead of "children is a required field".
    const file = await uploadPhoto('scena.jpg');
    await app.strapi.plugin('upload').service('upload').updateFileInfo(file.id, { alternativeText: 'Scena' });
    const message = await refused({ body: [paragraph(text('Scena.')), { type: 'image', image: file }] }, 'body', 'Pole „Treść relacji”: blok nr 2 w treści ma nieprawidłowy format');
    expect(message).not.toMatch(/required|must|valid/i);
  });

  it('applies the limits to the accessibility statement too', async () => {
    const res = await request(`${app.url}/api/site-setting`, {
      method: 'PUT',
      token: fullToken,
      json: { data: { siteName: 'Relacje', accessibility: { entityName: 'CUS', nonCompliance: [paragraph(link('raport.pdf', 'raport'))] } } },
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
      data: { slug: '..', body: '[plik](plik.pdf)' as never, streamUrl: 'javascript:alert(1)' },
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
