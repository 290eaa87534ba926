import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportItemPayload, ImportSuggestion } from '@cus/shared';
import { startStrapi, type TestStrapi } from './helpers/strapi';
import { adminLogin, request } from './helpers/http';

// The importer's admin API (src/import): reports become DRAFT events with their gallery and an
// import record, in one transaction; a re-run updates only drafts nobody touched; photos are
// stored once; the edit view's suggestions land in the draft when accepted. Against a real CMS.

let app: TestStrapi;
const password = 'Haslo-Testowe-2026';
const jwt: Record<string, string> = {};
let speaker: string;
let institution: string;

const EVENT = 'api::event.event';
const GALLERY = 'api::gallery.gallery';
const RECORD = 'api::import-record.import-record';
const MEDIA = 'api::import-media.import-media';

async function adminWithRole(email: string, roleId: number) {
  await app.strapi.service('admin::user').create({ email, firstname: 'Test', lastname: 'Import', password, roles: [roleId], isActive: true });
  return adminLogin(app.url, email, password);
}

const call = (path: string, json?: unknown, who = 'autor') => request(`${app.url}${path}`, { method: json === undefined ? 'GET' : 'POST', token: jwt[who], json });

/** A small JPEG, different for each seed. */
const jpeg = (seed: number) =>
  sharp({ create: { width: 64 + seed, height: 48, channels: 3, background: { r: (seed * 37) % 256, g: 90, b: 160 } } }).jpeg().toBuffer();

async function uploadMedia(bytes: Uint8Array, sourceUrl: string, fields: { alt?: string; caption?: string } = {}, who = 'autor') {
  const form = new FormData();
  form.append('sourceUrl', sourceUrl);
  if (fields.alt !== undefined) form.append('alt', fields.alt);
  if (fields.caption !== undefined) form.append('caption', fields.caption);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'zdjecie.jpg');
  const res = await fetch(`${app.url}/import/media`, { method: 'POST', headers: { authorization: `Bearer ${jwt[who]}` }, body: form });
  return { status: res.status, body: (await res.json()) as any };
}

// Sentences of the seed report "Konferencja podsumowująca dwa lata CUS".
const SENTENCE = 'W dniu 23 listopada 2023 roku odbyła się uroczysta konferencja podsumowująca dwuletnią działalność Centrum Usług Społecznych Gminy Dębica.';
const evidence = (excerpt: string) => ({ excerpt, context: SENTENCE, offset: 40 });

function suggestions(): ImportSuggestion[] {
  return [
    { kind: 'dates', id: 'dates-1', label: 'Termin: 23 listopada 2023', evidence: evidence('W dniu 23 listopada 2023 roku'), ranges: [{ start: '2023-11-23' }] },
    { kind: 'type', id: 'type-1', label: 'Rodzaj: konferencja', evidence: evidence('konferencja'), type: 'konferencja' },
    { kind: 'venue', id: 'venue-1', label: 'Miejsce: Latoszyn', evidence: evidence('w Latoszynie'), name: 'Uzdrowisko w Latoszynie Zdroju', city: 'Latoszyn' },
    { kind: 'attendance', id: 'attendance-1', label: 'Liczba uczestników: około 140', evidence: evidence('około 140 osób'), count: 140, approximate: true },
    { kind: 'speaker', id: 'speaker-1', label: 'Osoba: Piotr Mączka', evidence: evidence('Piotra Mączkę'), documentId: speaker, name: 'Piotr Mączka' },
    {
      kind: 'institution',
      id: 'institution-1',
      label: 'Organizator: Centrum Usług Społecznych Gminy Dębica',
      evidence: evidence('Centrum Usług Społecznych Gminy Dębica'),
      documentId: institution,
      name: 'Centrum Usług Społecznych Gminy Dębica',
      relation: 'organizers',
    },
  ];
}

let postId = 100;
function payload(over: { title?: string; hash?: string; cover?: number; gallery?: ImportItemPayload['gallery']; body?: unknown[]; key?: string } = {}): ImportItemPayload {
  const id = over.key ?? `wordpress:cus.debica.example:${postId++}`;
  return {
    source: { system: 'wordpress', key: id, url: `https://cus.debica.example/?p=${id.split(':')[2]}`, publishedAt: '2023-11-28T10:15:00+01:00', category: 'Aktualności', hits: 312 },
    contentHash: over.hash ?? 'a1'.repeat(16),
    event: {
      title: over.title ?? 'Konferencja podsumowująca dwa lata CUS',
      lead: 'Gmina Dębica od lat kieruje swoje wysiłki na rozwijanie infrastruktury społecznej.',
      body: (over.body ?? [{ type: 'paragraph', children: [{ type: 'text', text: SENTENCE }] }]) as ImportItemPayload['event']['body'],
      ...(over.cover ? { coverFileId: over.cover } : {}),
    },
    ...(over.gallery ? { gallery: over.gallery } : {}),
    suggestions: suggestions(),
    warnings: [{ code: 'alt_missing', message: 'Zdjęcie nr 2 galerii nie ma tekstu alternatywnego.' }],
  };
}

const draftOf = (documentId: string) =>
  app.strapi.documents(EVENT).findOne({
    documentId,
    status: 'draft',
    populate: { dates: true, venue: true, cover: true, gallery: { populate: { photos: { populate: { image: true } } } }, appearances: { populate: { speaker: true } }, organizers: true },
  } as never) as Promise<any>;
const recordOf = (key: string) => app.strapi.db.query(RECORD as never).findOne({ where: { sourceKey: key } }) as Promise<any>;
const lookupOne = async (key: string) => (await call('/import/lookup', { keys: [key] })).body[key];

beforeAll(async () => {
  app = await startStrapi();
  const role = (code: string) => app.strapi.db.query('admin::role').findOne({ where: { code } }) as Promise<{ id: number }>;
  jwt.autor = await adminWithRole('autor@cus.test', (await role('cus-autor')).id);
  // A role that may read the content but not create events.
  const reader = await app.strapi.service('admin::role').create({ name: 'Czytelnik', code: 'cus-test-czytelnik', description: 'test' });
  await app.strapi.service('admin::role').assignPermissions(reader.id, [{ action: 'plugin::content-manager.explorer.read', subject: EVENT, properties: { fields: ['title'] }, conditions: [] }]);
  jwt.czytelnik = await adminWithRole('czytelnik@cus.test', reader.id);
  speaker = (await app.strapi.documents('api::speaker.speaker').create({ data: { name: 'Piotr Mączka' } } as never)).documentId;
  institution = (await app.strapi.documents('api::institution.institution').create({ data: { name: 'Centrum Usług Społecznych Gminy Dębica', shortName: 'CUS Dębica' } } as never))
    .documentId;
});
afterAll(async () => app?.stop());

describe('POST /import/items and /import/lookup', () => {
  it('creates a draft (never published, no dates, type „inne”), then tells a re-run what it may do', async () => {
    const cover = (await uploadMedia(await jpeg(1), 'https://cus.debica.example/wp-content/uploads/2023/11/sala.jpg', { alt: 'Sala konferencyjna' })).body.fileId;
    const photo = (await uploadMedia(await jpeg(2), 'https://cus.debica.example/wp-content/uploads/2023/11/goscie.jpg')).body.fileId;
    const item = payload({ cover, gallery: { title: 'Galeria: Konferencja podsumowująca', photos: [{ fileId: cover, caption: 'Powitanie gości' }, { fileId: photo }] } });
    expect((await lookupOne(item.source.key)).state).toBe('new');

    const created = await call('/import/items', item);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({ status: 'created', slug: 'konferencja-podsumowujaca-dwa-lata-cus' });
    const { documentId } = created.body;
    expect(await app.strapi.db.query(EVENT).count({ where: { documentId, publishedAt: { $notNull: true } } })).toBe(0);
    const draft = await draftOf(documentId);
    expect(draft).toMatchObject({ title: item.event.title, lead: item.event.lead, type: 'inne', dates: [], startsOn: null });
    expect(draft.body[0].children[0].text).toBe(SENTENCE);
    expect(draft.cover.id).toBe(cover);
    expect(draft.gallery.title).toBe('Galeria: Konferencja podsumowująca');
    expect(draft.gallery.photos.map((p: any) => [p.image.id, p.alt, p.caption])).toEqual([
      [cover, 'Sala konferencyjna', 'Powitanie gości'],
      [photo, '', null],
    ]);
    const record = await recordOf(item.source.key);
    expect(record).toMatchObject({ eventDocumentId: documentId, galleryDocumentId: draft.gallery.documentId, contentHash: item.contentHash, hits: 312, category: 'Aktualności' });

    const second = await lookupOne(item.source.key);
    expect(second).toEqual({ state: 'importable', contentHash: item.contentHash, documentId, slug: 'konferencja-podsumowujaca-dwa-lata-cus' });
    const again = await call('/import/items', item);
    expect(again.body).toEqual({ status: 'unchanged', documentId, slug: 'konferencja-podsumowujaca-dwa-lata-cus' });

    // A changed report replaces the imported fields of the untouched draft; the slug stays.
    const changed = { ...item, contentHash: 'b2'.repeat(16), event: { ...item.event, title: 'Konferencja: dwa lata CUS Gminy Dębica', coverFileId: photo }, gallery: undefined };
    const updated = await call('/import/items', changed);
    expect(updated.body).toEqual({ status: 'updated', documentId, slug: 'konferencja-podsumowujaca-dwa-lata-cus' });
    const after = await draftOf(documentId);
    expect(after).toMatchObject({ title: 'Konferencja: dwa lata CUS Gminy Dębica', gallery: null });
    expect(after.cover.id).toBe(photo);
    // The gallery the import made and no longer has is gone with it.
    expect(await app.strapi.db.query(GALLERY).count({ where: { documentId: draft.gallery.documentId } })).toBe(0);
    expect(await app.strapi.db.query(EVENT).count({ where: { title: { $startsWith: 'Konferencja' } } })).toBe(1);
  });

  it('leaves a draft an editor changed (kept_edited) and a published event (kept_published)', async () => {
    const item = payload({ title: 'Wizyta studyjna w Kochanówce' });
    const { documentId } = (await call('/import/items', item)).body;
    await app.strapi.documents(EVENT).update({ documentId, data: { lead: 'Wstęp poprawiony przez redakcję.' } } as never);
    expect(await lookupOne(item.source.key)).toMatchObject({ state: 'kept_edited', documentId });
    const rerun = await call('/import/items', { ...item, contentHash: 'c3'.repeat(16), event: { ...item.event, title: 'Inny tytuł' } });
    expect(rerun.body).toMatchObject({ status: 'kept_edited', documentId });
    expect((await draftOf(documentId)).title).toBe('Wizyta studyjna w Kochanówce');

    const other = payload({ title: 'Szkolenie dla pracowników socjalnych' });
    const second = (await call('/import/items', other)).body.documentId;
    expect((await call(`/import/events/${second}/accept`, { ids: 'all' })).status).toBe(200);
    expect(await lookupOne(other.source.key)).toMatchObject({ state: 'kept_edited' });
    await app.strapi.documents(EVENT).publish({ documentId: second } as never);
    expect(await lookupOne(other.source.key)).toMatchObject({ state: 'kept_published', documentId: second });
    expect((await call('/import/items', { ...other, contentHash: 'd4'.repeat(16) })).body).toMatchObject({ status: 'kept_published', documentId: second });
  });

  it('makes a deleted draft again', async () => {
    const item = payload({ title: 'Spotkanie usunięte przez redakcję' });
    const first = (await call('/import/items', item)).body.documentId;
    await app.strapi.documents(EVENT).delete({ documentId: first } as never);
    expect((await lookupOne(item.source.key)).state).toBe('new');
    const again = await call('/import/items', item);
    expect(again.body.status).toBe('created');
    expect((await recordOf(item.source.key)).eventDocumentId).toBe(again.body.documentId);
  });

  it('refuses an invalid report with 400 naming the field, in Polish', async () => {
    const item = payload();
    const empty = await call('/import/items', { ...item, event: { ...item.event, title: '' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('pole event.title: nie może być puste');
    const badKey = await call('/import/items', { ...item, source: { ...item.source, key: 'drupal:x:1' } });
    expect(badKey.status).toBe(400);
    expect(badKey.body.error.message).toContain('pole source.key');
    const tooMany = await call('/import/lookup', { keys: Array.from({ length: 501 }, (_, i) => `joomla:cus.example:${i}`) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('pole keys: za duża wartość (najwyżej 500 elementów)');
    expect(await recordOf(item.source.key)).toBeNull();
  });

  it('writes nothing of a report that fails half-way (gallery made, then the event refused)', async () => {
    const photo = (await uploadMedia(await jpeg(3), 'https://cus.debica.example/wp-content/uploads/2023/11/zespol.jpg', { alt: 'Zespół CUS' })).body.fileId;
    const gallery = { title: 'Galeria: Raport nieudany', photos: [{ fileId: photo }] };
    const missingCover = payload({ title: 'Raport z okładką, której nie ma', cover: 999_999, gallery });
    const res = await call('/import/items', missingCover);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(`Nie zaimportowano relacji „Raport z okładką, której nie ma” (${missingCover.source.key})`);
    expect(res.body.error.message).toContain('plik nr 999999');

    // An image of the body the Media Library does not hold: refused by the CMS's own rules, after the gallery was written.
    const image = { type: 'image', image: { id: 999_998, url: '/uploads/brak.jpg', width: 10, height: 10, name: 'brak.jpg' }, children: [{ type: 'text', text: '' }] };
    const badBody = payload({ title: 'Raport ze zdjęciem spoza biblioteki', gallery, body: [image] });
    const refused = await call('/import/items', badBody);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('Raport ze zdjęciem spoza biblioteki');
    expect(refused.body.error.message).toContain('nie ma w Bibliotece mediów');

    for (const item of [missingCover, badBody]) {
      expect(await recordOf(item.source.key)).toBeNull();
      expect(await app.strapi.db.query(EVENT).count({ where: { title: item.event.title } })).toBe(0);
    }
    expect(await app.strapi.db.query(GALLERY).count({ where: { title: 'Galeria: Raport nieudany' } })).toBe(0);
  });
});

describe('POST /import/media and /import/media/discard', () => {
  it('stores a photo once: found again by its old address, then by its bytes', async () => {
    const bytes = await jpeg(4);
    const url = 'https://cus.debica.example/wp-content/uploads/2023/06/wizyta.jpg';
    const first = await uploadMedia(bytes, url, { alt: 'Uczestnicy wizyty studyjnej', caption: 'Kochanówka' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ reused: false, file: { alternativeText: 'Uczestnicy wizyty studyjnej', caption: 'Kochanówka', mime: 'image/jpeg', name: 'wizyta.jpg' } });
    expect(first.body.file).toMatchObject({ id: first.body.fileId, width: 68, height: 48, url: expect.stringMatching(/^\/uploads\//) });
    const byUrl = await uploadMedia(bytes, url);
    expect(byUrl.body).toMatchObject({ fileId: first.body.fileId, reused: true });
    const byHash = await uploadMedia(bytes, 'https://cus.debica.example/wp-content/uploads/2023/06/wizyta-1024x768.jpg');
    expect(byHash.body).toMatchObject({ fileId: first.body.fileId, reused: true });
    expect(await app.strapi.db.query('plugin::upload.file').count({ where: { name: 'wizyta.jpg' } })).toBe(1);
    expect(await app.strapi.db.query(MEDIA as never).count({ where: { fileId: first.body.fileId } })).toBe(2);
  });

  it('refuses what is not an image by its content, whatever its name; leaves alt text empty when none is given', async () => {
    const html = new TextEncoder().encode('<!doctype html><title>404</title>');
    const res = await uploadMedia(html, 'https://cus.debica.example/wp-content/uploads/brak.jpg');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('nie jest zdjęciem JPEG, PNG, WebP ani GIF');
    const noAlt = await uploadMedia(await jpeg(5), 'https://cus.debica.example/wp-content/uploads/bez-opisu.jpg');
    expect(noAlt.body.file.alternativeText).toBe('');
    const noUrl = await uploadMedia(await jpeg(5), 'ftp://cus.debica.example/x.jpg');
    expect(noUrl.status).toBe(400);
    const huge = new Uint8Array(26 * 1024 * 1024);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const tooBig = await uploadMedia(huge, 'https://cus.debica.example/wp-content/uploads/ogromne.jpg');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message).toContain('najwięcej można przesłać 25 MB');
  });

  it('deletes only the imported files nothing uses', async () => {
    const unused = (await uploadMedia(await jpeg(6), 'https://cus.debica.example/wp-content/uploads/niepotrzebne.jpg')).body.fileId;
    const used = (await uploadMedia(await jpeg(7), 'https://cus.debica.example/wp-content/uploads/okladka.jpg', { alt: 'Okładka' })).body.fileId;
    expect((await call('/import/items', payload({ title: 'Relacja z okładką', cover: used }))).status).toBe(200);
    const res = await call('/import/media/discard', { fileIds: [unused, used] });
    expect(res.body).toEqual({ deleted: [unused], kept: [used] });
    expect(await app.strapi.db.query('plugin::upload.file').count({ where: { id: unused } })).toBe(0);
    expect(await app.strapi.db.query(MEDIA as never).count({ where: { fileId: unused } })).toBe(0);
    expect(await app.strapi.db.query('plugin::upload.file').count({ where: { id: used } })).toBe(1);
    expect((await call('/import/media/discard', { fileIds: [] })).status).toBe(400);
  });
});

describe('suggestions', () => {
  it('shows the source and suggestions, and accepting one, then all, fills the draft', async () => {
    const item = payload({ title: 'Konferencja z propozycjami' });
    const { documentId } = (await call('/import/items', item)).body;
    const state = await call(`/import/events/${documentId}`);
    expect(state.status).toBe(200);
    expect(state.body.source).toEqual({ system: 'wordpress', url: item.source.url, publishedAt: '2023-11-28T09:15:00.000Z', category: 'Aktualności', hits: 312 });
    expect(state.body.suggestions.map((s: any) => [s.id, s.accepted])).toEqual(item.suggestions.map((s) => [s.id, false]));
    expect(state.body.warnings).toEqual(item.warnings);

    const one = await call(`/import/events/${documentId}/accept`, { ids: ['type-1'] });
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    expect(one.body.suggestions.filter((s: any) => s.accepted).map((s: any) => s.id)).toEqual(['type-1']);
    expect((await draftOf(documentId)).type).toBe('konferencja');

    // The editor had already named one organizer: accepting adds, never removes.
    const other = (await app.strapi.documents('api::institution.institution').create({ data: { name: 'Gmina Dębica' } } as never)).documentId;
    await app.strapi.documents(EVENT).update({ documentId, data: { organizers: { connect: [{ documentId: other }] } } } as never);
    const all = await call(`/import/events/${documentId}/accept`, { ids: 'all' });
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.suggestions.every((s: any) => s.accepted)).toBe(true);
    const draft = await draftOf(documentId);
    expect(draft.dates.map((d: any) => [d.start, d.end])).toEqual([['2023-11-23', null]]);
    expect(draft.startsOn).toBe('2023-11-23');
    expect(draft.venue).toMatchObject({ name: 'Uzdrowisko w Latoszynie Zdroju', city: 'Latoszyn' });
    expect(draft).toMatchObject({ attendance: 140, attendanceApproximate: true });
    expect(draft.appearances.map((a: any) => [a.speaker.documentId, a.role])).toEqual([[speaker, 'prelegent']]);
    expect(draft.organizers.map((o: any) => o.documentId).sort()).toEqual([institution, other].sort());
    expect(await app.strapi.db.query(EVENT).count({ where: { documentId, publishedAt: { $notNull: true } } })).toBe(0);

    // Accepting the speaker again adds no second appearance.
    const again = await call(`/import/events/${documentId}/accept`, { ids: ['speaker-1'] });
    expect(again.status).toBe(200);
    expect((await draftOf(documentId)).appearances).toHaveLength(1);
    expect((await recordOf(item.source.key)).acceptedSuggestionIds).toEqual(item.suggestions.map((s) => s.id));
  });

  it('answers 404 for an event that was not imported and 400 for an unknown suggestion', async () => {
    const own = await app.strapi.documents(EVENT).create({ data: { title: 'Wydarzenie wpisane ręcznie', type: 'spotkanie', dates: [{ start: '2024-02-10' }] } } as never);
    const res = await call(`/import/events/${own.documentId}`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('To wydarzenie nie pochodzi z importu.');
    const { documentId } = (await call('/import/items', payload({ title: 'Relacja do przyjęcia' }))).body;
    const unknown = await call(`/import/events/${documentId}/accept`, { ids: ['nie-ma'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('„nie-ma”');
    expect((await call(`/import/events/${documentId}/accept`, { ids: 'wszystkie' })).status).toBe(400);
  });
});

describe('access', () => {
  it('lists every person and institution for name matching', async () => {
    const res = await call('/import/directory');
    expect(res.status).toBe(200);
    expect(res.body.people).toContainEqual({ documentId: speaker, name: 'Piotr Mączka' });
    expect(res.body.institutions).toContainEqual({ documentId: institution, name: 'Centrum Usług Społecznych Gminy Dębica', shortName: 'CUS Dębica' });
  });

  it('keeps its records out of the REST API and the content manager', async () => {
    const token = (await app.strapi.service('admin::api-token').create({ name: 'Pełny', description: 'test', type: 'full-access', lifespan: null })).accessKey;
    expect((await request(`${app.url}/api/import-records`, { token })).status).toBe(404);
    expect((await request(`${app.url}/api/import-medias`, { token })).status).toBe(404);
    const types = (await call('/content-manager/content-types')).body.data as { uid: string; isDisplayed: boolean }[];
    expect(types.filter((t) => t.uid.startsWith('api::import-')).map((t) => t.isDisplayed)).toEqual([false, false]);
  });

  it('is refused without a login (401) and to an admin who may not create events (403)', async () => {
    expect((await request(`${app.url}/import/directory`)).status).toBe(401);
    const forbidden = await call('/import/lookup', { keys: ['wordpress:cus.example:1'] }, 'czytelnik');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toContain('Brak uprawnień do importu');
    expect((await uploadMedia(await jpeg(8), 'https://cus.debica.example/x.jpg', {}, 'czytelnik')).status).toBe(403);
  });
});
