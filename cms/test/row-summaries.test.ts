import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPEARANCE_ROLES } from '@cus/shared';
import { DIST_DIR, startStrapi, type TestStrapi } from './helpers/strapi';
import { adminLogin, request } from './helpers/http';

// A collapsed row of „Terminy” or „Osoby i wystąpienia” says what it holds
// (document-middlewares/row-summaries.ts): the `summary` of every row, draft and published, is
// written on each write path (document service, REST, the admin's own API), follows a person's
// rename and deletion, is filled at start where it is missing, is the component's main field,
// stays out of the form, and never reaches the site's export.

let app: TestStrapi;
let fullToken: string;
let adminJwt: string;
const ADMIN = { email: 'admin@cus.test', password: 'Haslo-Testowe-2026' };
const EVENT = 'api::event.event';
const SPEAKER = 'api::speaker.speaker';

// The compiled module Strapi itself runs.
const summaries = () => createRequire(import.meta.url)(path.join(DIST_DIR, 'src/document-middlewares/row-summaries.js')) as typeof import('../src/document-middlewares/row-summaries');

interface Rows {
  publishedAt: string | null;
  dates: { id: number; summary: string | null }[];
  appearances: { id: number; summary: string | null }[];
}
/** Every row of an event, draft first, straight from the database. */
const rowsOf = async (documentId: string) =>
  ((await app.strapi.db.query(EVENT).findMany({ where: { documentId }, orderBy: { publishedAt: 'desc' }, populate: { dates: true, appearances: true } })) as Rows[]).sort(
    (a, b) => Number(a.publishedAt !== null) - Number(b.publishedAt !== null),
  );
const texts = (rows: Rows[]) => rows.map((r) => ({ published: r.publishedAt !== null, dates: r.dates.map((d) => d.summary), people: r.appearances.map((a) => a.summary) }));

const person = async (name: string) => (await app.strapi.documents(SPEAKER).create({ data: { name } as never })).documentId as string;

beforeAll(async () => {
  app = await startStrapi({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  fullToken = (await app.strapi.service('admin::api-token').create({ name: 'test-full', type: 'full-access', lifespan: null })).accessKey;
  adminJwt = await adminLogin(app.url, ADMIN.email, ADMIN.password);
});
afterAll(async () => app?.stop());

describe('the text of a collapsed row', () => {
  it('names a person and the role, and a date the Polish way', () => {
    const { appearanceSummary, dateRangeSummary, roleLabel } = summaries();
    expect(appearanceSummary({ speaker: { name: 'Piotr Mączka' }, role: 'prelegent' })).toBe('Piotr Mączka — prelegent');
    expect(appearanceSummary({ speaker: { name: 'Anna Nowak' }, role: 'autor_listu' })).toBe('Anna Nowak — autor listu do uczestników');
    expect(appearanceSummary({ speaker: null, role: 'moderator' })).toBe('osoba nie wybrana — moderator');
    for (const role of APPEARANCE_ROLES) expect(roleLabel(role)).toMatch(/^[a-ząćęłńóśźż][^/()]*[a-ząćęłńóśźż]$/);
    expect(dateRangeSummary({ start: '2023-11-23', startTime: '09:30:00.000', endTime: '15:00:00.000' })).toBe('23.11.2023, 9:30–15:00');
    expect(dateRangeSummary({ start: '2023-06-19', end: '2023-06-21', label: 'wizyta dla dyrektorów' })).toBe('19.06.2023–21.06.2023 (wizyta dla dyrektorów)');
    expect(dateRangeSummary({ start: '2023-06-19', end: '2023-06-19', startTime: '10:00:00' })).toBe('19.06.2023, od 10:00');
    expect(dateRangeSummary({ start: null })).toBeNull();
    expect(appearanceSummary({ speaker: { name: 'x'.repeat(400) }, role: 'prelegent' }).length).toBe(255);
  });
});

describe('summaries written on every save', () => {
  it('over the document service, on the draft and, once published, on the published rows', async () => {
    const speaker = await person('Piotr Mączka');
    const created = await app.strapi.documents(EVENT).create({
      data: {
        title: 'Konferencja wojewódzka',
        type: 'konferencja',
        dates: [{ start: '2023-11-23', startTime: '09:30:00.000', endTime: '15:00:00.000' }, { start: '2023-11-24' }],
        appearances: [{ speaker, role: 'prelegent' }, { role: 'moderator' }],
      } as never,
    });
    expect(texts(await rowsOf(created.documentId))).toEqual([
      { published: false, dates: ['23.11.2023, 9:30–15:00', '24.11.2023'], people: ['Piotr Mączka — prelegent', 'osoba nie wybrana — moderator'] },
    ]);

    await app.strapi.documents(EVENT).publish({ documentId: created.documentId });
    const both = texts(await rowsOf(created.documentId));
    expect(both.map((r) => r.published)).toEqual([false, true]);
    expect(both[1]).toEqual({ ...both[0], published: true });

    // An edit of the draft: its rows change, the published ones wait for the next publish.
    await app.strapi.documents(EVENT).update({ documentId: created.documentId, data: { dates: [{ start: '2023-12-01', end: '2023-12-02' }] } as never });
    const edited = texts(await rowsOf(created.documentId));
    expect(edited[0]!.dates).toEqual(['01.12.2023–02.12.2023']);
    expect(edited[1]!.dates).toEqual(['23.11.2023, 9:30–15:00', '24.11.2023']);
  });

  it('over REST, which publishes past the middlewares, on the draft and published rows alike', async () => {
    const speaker = await person('Anna Kowalska');
    const posted = await request(`${app.url}/api/events`, {
      method: 'POST',
      token: fullToken,
      json: { data: { title: 'Wizyta studyjna w Dębicy', type: 'wizyta_studyjna', dates: [{ start: '2024-03-14' }], appearances: [{ speaker, role: 'gosc_honorowy' }] } },
    });
    expect(posted.status).toBe(201);
    const documentId: string = posted.body.data.documentId;
    const expected = { dates: ['14.03.2024'], people: ['Anna Kowalska — gość honorowy'] };
    expect(texts(await rowsOf(documentId))).toEqual([{ published: false, ...expected }, { published: true, ...expected }]);

    const put = await request(`${app.url}/api/events/${documentId}`, {
      method: 'PUT',
      token: fullToken,
      json: { data: { dates: [{ start: '2024-03-15', startTime: '08:00:00.000' }], appearances: [{ speaker, role: 'prowadzacy' }] } },
    });
    expect(put.status).toBe(200);
    const updated = { dates: ['15.03.2024, od 8:00'], people: ['Anna Kowalska — prowadzący'] };
    expect(texts(await rowsOf(documentId))).toEqual([{ published: false, ...updated }, { published: true, ...updated }]);
  });

  it('over the admin, which gets the new summaries back in its answer, whatever summary the form sent', async () => {
    const speaker = await person('Jan Nowak');
    const created = await app.strapi.documents(EVENT).create({ data: { title: 'Szkolenie', type: 'szkolenie', dates: [{ start: '2025-01-10' }] } as never });
    const url = `${app.url}/content-manager/collection-types/${EVENT}/${created.documentId}`;
    const saved = await request(url, {
      method: 'PUT',
      token: adminJwt,
      json: { title: 'Szkolenie', dates: [{ start: '2025-01-11', summary: 'stare' }], appearances: [{ speaker: { connect: [{ documentId: speaker }] }, role: 'panelista', summary: 'stare' }] },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.data.dates.map((d: { summary: string }) => d.summary)).toEqual(['11.01.2025']);
    expect(saved.body.data.appearances.map((a: { summary: string }) => a.summary)).toEqual(['Jan Nowak — panelista']);
    expect(texts(await rowsOf(created.documentId))[0]).toEqual({ published: false, dates: ['11.01.2025'], people: ['Jan Nowak — panelista'] });
  });

  it('on a copy of an event made with other dates (the admin\'s „Duplikuj”)', async () => {
    const original = await app.strapi.documents(EVENT).create({ data: { title: 'Warsztaty jesienne', type: 'warsztaty', dates: [{ start: '2025-10-01' }] } as never });
    const copy = await app.strapi.documents(EVENT).clone({ documentId: original.documentId, data: { title: 'Warsztaty zimowe', dates: [{ start: '2026-01-20' }] } as never });
    expect(texts(await rowsOf(copy!.documentId))[0]!.dates).toEqual(['20.01.2026']);
    expect(texts(await rowsOf(original.documentId))[0]!.dates).toEqual(['01.10.2025']);
  });

  it('follows a person renamed or deleted, on every event the person appears at', async () => {
    const speaker = await person('Ewa Zielińska');
    const first = await app.strapi.documents(EVENT).create({
      data: { title: 'Kongres', type: 'kongres', dates: [{ start: '2025-05-05' }], appearances: [{ speaker, role: 'moderator' }] } as never,
      status: 'published',
    });
    const second = await app.strapi.documents(EVENT).create({
      data: { title: 'Warsztaty', type: 'warsztaty', dates: [{ start: '2025-06-06' }], appearances: [{ speaker, role: 'prelegent' }] } as never,
    });
    await app.strapi.documents(SPEAKER).update({ documentId: speaker, data: { name: 'Ewa Zielińska-Wójcik' } as never });
    expect(texts(await rowsOf(first.documentId)).map((r) => r.people)).toEqual([['Ewa Zielińska-Wójcik — moderator'], ['Ewa Zielińska-Wójcik — moderator']]);
    expect(texts(await rowsOf(second.documentId))[0]!.people).toEqual(['Ewa Zielińska-Wójcik — prelegent']);

    await app.strapi.documents(SPEAKER).delete({ documentId: speaker });
    expect(texts(await rowsOf(first.documentId)).map((r) => r.people)).toEqual([['osoba nie wybrana — moderator'], ['osoba nie wybrana — moderator']]);
    expect(texts(await rowsOf(second.documentId))[0]!.people).toEqual(['osoba nie wybrana — prelegent']);
  });
});

describe('the admin and the export', () => {
  it('makes the summary the main field of both components, out of their forms', async () => {
    const components = app.strapi.plugin('content-manager').service('components');
    for (const uid of ['event.appearance', 'event.date-range']) {
      const conf = await components.findConfiguration({ uid });
      expect(conf.settings.mainField).toBe('summary');
      expect(conf.metadatas.summary.edit).toMatchObject({ visible: false, editable: false });
      expect((conf.layouts.edit as { name: string }[][]).flat().map((f) => f.name)).not.toContain('summary');
    }
  });

  it('leaves the summary out of the site export', async () => {
    const exported = await request(`${app.url}/api/site-export/events?pageSize=100`, { token: fullToken });
    expect(exported.status).toBe(200);
    const events = exported.body.data as { dates: Record<string, unknown>[]; appearances: Record<string, unknown>[] }[];
    expect(events.some((e) => e.appearances.length > 0)).toBe(true);
    for (const e of events) {
      for (const row of [...e.dates, ...e.appearances]) expect(row).not.toHaveProperty('summary');
    }
    // Exactly the keys the export had before the summaries.
    expect(Object.keys(events.find((e) => e.appearances.length > 0)!.appearances[0]!).sort()).toEqual(['affiliation', 'function', 'id', 'note', 'role', 'speaker', 'talkTitle']);
    expect(Object.keys(events[0]!.dates[0]!).sort()).toEqual(['end', 'endTime', 'id', 'label', 'start', 'startTime']);
  });
});

describe('summaries missing in a database from before', () => {
  it('are filled at start, in batches, from each row', async () => {
    const speaker = await person('Tomasz Wiśniewski');
    const event = await app.strapi.documents(EVENT).create({
      data: { title: 'Spotkanie', type: 'spotkanie', dates: [{ start: '2022-02-01' }, { start: '2022-02-02' }], appearances: [{ speaker, role: 'uczestnik' }] } as never,
    });
    // More rows than one batch, as an older database holds them: no summary.
    await app.strapi.db.query('event.date-range').createMany({ data: Array.from({ length: 1200 }, (_, i) => ({ start: `2021-01-${String((i % 28) + 1).padStart(2, '0')}` })) });
    await app.strapi.db.query('event.date-range').updateMany({ where: {}, data: { summary: null } });
    await app.strapi.db.query('event.appearance').updateMany({ where: {}, data: { summary: null } });
    expect(await app.strapi.db.query('event.date-range').count({ where: { summary: { $notNull: true } } })).toBe(0);

    await summaries().backfillRowSummaries(app.strapi);
    expect(await app.strapi.db.query('event.date-range').count({ where: { summary: null } })).toBe(0);
    expect(await app.strapi.db.query('event.appearance').count({ where: { summary: null } })).toBe(0);
    expect(await app.strapi.db.query('event.date-range').count({ where: { summary: '28.01.2021' } })).toBeGreaterThan(40);
    expect(texts(await rowsOf(event.documentId))).toEqual([{ published: false, dates: ['01.02.2022', '02.02.2022'], people: ['Tomasz Wiśniewski — uczestnik'] }]);
  });
});
