import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createReadOnlyToken, DIST_DIR, startStrapi, type TestStrapi } from './helpers/strapi';
import { waitFor } from './helpers/images';

const load = createRequire(import.meta.url);
const { imageVariantsOf } = load(path.join(DIST_DIR, 'src/images/upload-plugin.js')) as typeof import('../src/images/upload-plugin');
const { shareCardsOf } = load(path.join(DIST_DIR, 'src/share-cards/service.js')) as typeof import('../src/share-cards/service');

// The site export's kept records (src/export-records): each published entry is kept as the
// export sends it and sent again while current. After each kind of change, an answer made from
// the records kept before it must be byte for byte the answer made with none kept, and only the
// entries the change shows on may have been built again.

const RECORD = 'api::export-record.export-record';
const COLLECTIONS = ['events', 'speakers', 'institutions', 'galleries', 'settings'];

let app: TestStrapi;
let token: string;

async function exportAll(): Promise<string> {
  const answers: string[] = [];
  for (const collection of COLLECTIONS) {
    const res = await fetch(`${app.url}/api/site-export/${collection}?pageSize=1000`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, collection).toBe(200);
    answers.push(await res.text());
  }
  return answers.join('\n');
}

/** documentId → row id of each kept record (a record built again is a new row). */
async function kept(): Promise<Map<string, number>> {
  const rows = (await app.strapi.db.query(RECORD as never).findMany({ select: ['id', 'entryDocumentId'] })) as { id: number; entryDocumentId: string }[];
  return new Map(rows.map((r) => [r.entryDocumentId, r.id]));
}

const forgetAll = () => app.strapi.db.query(RECORD as never).deleteMany({ where: { id: { $gt: 0 } } });

/** The answer from the records kept so far equals the answer with none kept; the entries built again for it. */
async function expectCurrent(): Promise<string[]> {
  const before = await kept();
  const fromKept = await exportAll();
  const after = await kept();
  const rebuilt = [...after].filter(([id, row]) => before.get(id) !== row).map(([id]) => id);
  await forgetAll();
  const fresh = await exportAll();
  if (fromKept !== fresh) {
    let at = 0;
    while (fromKept[at] === fresh[at]) at++;
    expect.fail(`kept records differ from a fresh export at ${at}: …${fromKept.slice(at - 80, at + 80)}… instead of …${fresh.slice(at - 80, at + 80)}…`);
  }
  return rebuilt.sort();
}

beforeAll(async () => {
  app = await startStrapi({ env: { SEED_ON_EMPTY: 'true' } });
  token = await createReadOnlyToken(app.strapi);
  // The photo variants and share cards of the seed are made in the background: done first, so
  // that the only changes between two exports are the test's own.
  await waitFor(async () => (imageVariantsOf(app.strapi).status().pending === 0 ? true : undefined), 'the photo variants', 120_000);
  await shareCardsOf(app.strapi).onIdle();
});
afterAll(async () => app?.stop());

describe('export records kept by the CMS', () => {
  it('keeps every published entry and sends the same bytes again without building anything', async () => {
    await forgetAll();
    const first = await exportAll();
    const records = await kept();
    const published = (await app.strapi.db.query('api::event.event' as never).count({ where: { publishedAt: { $notNull: true } } })) as number;
    const speakers = (await app.strapi.db.query('api::speaker.speaker' as never).count({})) as number;
    expect(published).toBe(5);
    expect(records.size).toBeGreaterThanOrEqual(published + speakers);
    expect(await exportAll()).toBe(first);
    const again = await kept();
    expect([...again].filter(([id, row]) => records.get(id) !== row).map(([id]) => id), 'built again').toEqual([]);
    expect(again).toEqual(records);
  });

  it('a person renamed: the person and exactly the events that show them are built again', async () => {
    await exportAll();
    const [person] = await app.strapi.documents('api::speaker.speaker').findMany({ filters: { slug: 'marek-rymsza' } });
    const shownOn = await app.strapi.documents('api::event.event').findMany({ filters: { appearances: { speaker: { slug: 'marek-rymsza' } } }, status: 'published', fields: ['title'] });
    expect(shownOn).toHaveLength(2);
    await app.strapi.documents('api::speaker.speaker').update({ documentId: person!.documentId, data: { name: 'Marek Rymsza (po zmianie)' } as never });
    expect(await expectCurrent()).toEqual([person!.documentId, ...shownOn.map((e) => e.documentId)].sort());
  });

  it('a link changed from the other side (an event no longer organized by an institution) rebuilds that event alone', async () => {
    await exportAll();
    const knex = app.strapi.db.connection;
    // Written straight into the link table, as the institution's side (or another writer) would: the event's updatedAt stays.
    const link = (await knex('events_organizers_lnk')
      .join('events', 'events.id', 'events_organizers_lnk.event_id')
      .whereNotNull('events.published_at')
      .first('events_organizers_lnk.id as id', 'events.document_id as documentId')) as { id: number; documentId: string };
    expect(link).toBeDefined();
    await knex('events_organizers_lnk').where({ id: link.id }).delete();
    expect(await expectCurrent()).toEqual([link.documentId]);
  });

  it("a file's alt text changed in the Media Library rebuilds the entries that show the file", async () => {
    await exportAll();
    const knex = app.strapi.db.connection;
    const used = (await knex('files_related_mph').first('file_id as fileId')) as { fileId: number } | undefined;
    expect(used, 'the seed shows a photo').toBeDefined();
    await app.strapi.plugin('upload').service('upload').updateFileInfo(used!.fileId, { alternativeText: 'Opis poprawiony w bibliotece mediów' });
    expect((await expectCurrent()).length).toBeGreaterThan(0);
  });

  it('an institution deleted, an event withdrawn and published again: every answer stays current', async () => {
    await exportAll();
    const [institution] = await app.strapi.documents('api::institution.institution').findMany({ filters: { organizedEvents: { publishedAt: { $notNull: true } } } as never, fields: ['name'] });
    expect(institution).toBeDefined();
    await app.strapi.documents('api::institution.institution').delete({ documentId: institution!.documentId });
    expect((await expectCurrent()).length).toBeGreaterThan(0);

    await exportAll();
    const [event] = await app.strapi.documents('api::event.event').findMany({ status: 'published', fields: ['title'] });
    await app.strapi.documents('api::event.event').unpublish({ documentId: event!.documentId });
    await expectCurrent();
    await exportAll();
    await app.strapi.documents('api::event.event').publish({ documentId: event!.documentId });
    expect(await expectCurrent()).toContain(event!.documentId);
  });

  it('forgets the records of entries no longer published', async () => {
    await exportAll();
    const [event] = await app.strapi.documents('api::event.event').findMany({ status: 'published', fields: ['title'] });
    expect((await kept()).has(event!.documentId)).toBe(true);
    await app.strapi.documents('api::event.event').unpublish({ documentId: event!.documentId });
    const { forgetUnpublishedRecords } = load(path.join(DIST_DIR, 'src/export-records/records.js')) as typeof import('../src/export-records/records');
    // The event, and its gallery, which is withdrawn with it.
    expect(await forgetUnpublishedRecords(app.strapi)).toBeGreaterThanOrEqual(1);
    expect((await kept()).has(event!.documentId)).toBe(false);
    await expectCurrent();
  });
});
