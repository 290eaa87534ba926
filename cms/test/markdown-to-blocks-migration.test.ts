import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgresBin, startPostgres, type PgCluster } from '@cus/testing/postgres';
import { convertedValue } from '../database/migrations/2026.12.02T00.00.00.markdown-bodies-to-blocks';
import { APP_DIR, DIST_DIR, startStrapi, type TestStrapi } from './helpers/strapi';
import { adminLogin, request } from './helpers/http';
import { renderBody } from '@cus/shared/body-html';

// A database made by the CMS before the bodies became Blocks: the same build with the four
// fields as `richtext` (text columns), holding Markdown in draft and published rows. The
// current CMS starts on it: its migration converts the Markdown before the tables are synced
// (a PostgreSQL text column becomes jsonb), and every API returns Blocks with the headings,
// lists and links the Markdown had.

const ADMIN = { email: 'redakcja@cus.test', password: 'Redakcja2026haslo' };
const EVENT = 'api::event.event';
const MIGRATION = '2026.12.02T00.00.00.markdown-bodies-to-blocks.js';

const MARKDOWN = [
  'Wstęp z **pogrubieniem** i [programem konferencji](https://cus.gov.pl/program).',
  '',
  '## Program',
  '',
  '- otwarcie',
  '- panel dyskusyjny',
  '',
  '> Centra są dla mieszkańców.',
].join('\n');
const STATEMENT = '- Zdjęcia bez opisów.\n- Dokumenty PDF sprzed 2018 r.';
const ALREADY_BLOCKS = JSON.stringify([{ type: 'paragraph', children: [{ type: 'text', text: 'Już w blokach.' }] }]);

/** The compiled app with the fields as they were before: Markdown (`richtext`). */
function oldSchemaApp(): { appDir: string; distDir: string } {
  // Inside cms/ so that the copy's require() finds cms/node_modules; no tsconfig.json and no
  // database/migrations in it, so the old app records no migration of the new one.
  const appDir = path.join(APP_DIR, '.tmp', `old-schema-${crypto.randomBytes(4).toString('hex')}`);
  const distDir = path.join(appDir, 'dist');
  fs.cpSync(path.join(DIST_DIR, 'config'), path.join(distDir, 'config'), { recursive: true });
  fs.cpSync(path.join(DIST_DIR, 'src'), path.join(distDir, 'src'), { recursive: true });
  fs.copyFileSync(path.join(APP_DIR, 'package.json'), path.join(appDir, 'package.json'));
  const asMarkdown = (file: string, fields: string[]) => {
    const schema = JSON.parse(fs.readFileSync(path.join(distDir, file), 'utf8'));
    for (const field of fields) {
      expect(schema.attributes[field].type, `${file} ${field}`).toBe('blocks');
      schema.attributes[field].type = 'richtext';
    }
    fs.writeFileSync(path.join(distDir, file), JSON.stringify(schema));
  };
  asMarkdown('src/api/event/content-types/event/schema.json', ['body']);
  asMarkdown('src/components/settings/accessibility-statement.json', ['nonCompliance', 'exemptions', 'architecturalAccessibility']);
  return { appDir, distDir };
}

interface Made {
  published: string;
  draftOnly: string;
  alreadyBlocks: string;
}

/** Entries made through the old CMS, then Markdown written into their rows as it stored it. */
async function fillOldDatabase(old: TestStrapi): Promise<Made> {
  const docs = old.strapi.documents(EVENT);
  const base = { type: 'konferencja', dates: [{ start: '2026-03-02' }] };
  const published = await docs.create({ data: { ...base, title: 'Konferencja opublikowana', slug: 'konferencja-opublikowana' } as never, status: 'published' } as never);
  const draftOnly = await docs.create({ data: { ...base, title: 'Szkic relacji', slug: 'szkic-relacji' } as never });
  const alreadyBlocks = await docs.create({ data: { ...base, title: 'Relacja w blokach', slug: 'relacja-w-blokach' } as never, status: 'published' } as never);
  await old.strapi.documents('api::site-setting.site-setting').create({
    data: { siteName: 'Relacje', accessibility: { entityName: 'CUS', status: 'czesciowo_zgodna' } } as never,
  });

  const knex = old.strapi.db.connection;
  await knex('events').whereIn('document_id', [published.documentId, draftOnly.documentId]).update({ body: MARKDOWN });
  await knex('events').where('document_id', alreadyBlocks.documentId).update({ body: ALREADY_BLOCKS });
  await knex('components_settings_accessibility_statement').update({ non_compliance: STATEMENT, exemptions: '', architectural_accessibility: '  ' });
  return { published: published.documentId, draftOnly: draftOnly.documentId, alreadyBlocks: alreadyBlocks.documentId };
}

type Block = { type: string; level?: number; format?: string; children: Inline[] };
type Inline = { type: string; text?: string; url?: string; bold?: boolean; children?: Inline[] };
const textOf = (children: Inline[]): string => children.map((c) => c.text ?? textOf(c.children ?? [])).join('');

/** The body the Markdown above must have become. */
function expectConverted(body: unknown) {
  const blocks = body as Block[];
  expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'heading', 'list', 'quote']);
  expect(blocks[0]!.children).toContainEqual({ type: 'text', text: 'pogrubieniem', bold: true });
  expect(blocks[0]!.children.find((c) => c.type === 'link')).toMatchObject({
    url: 'https://cus.gov.pl/program',
    children: [{ type: 'text', text: 'programem konferencji' }],
  });
  expect(blocks[1]).toMatchObject({ level: 2, children: [{ type: 'text', text: 'Program' }] });
  expect(blocks[2]!.format).toBe('unordered');
  expect(blocks[2]!.children.map((item) => textOf(item.children ?? []))).toEqual(['otwarcie', 'panel dyskusyjny']);
  expect(textOf(blocks[3]!.children)).toBe('Centra są dla mieszkańców.');
}

/** Starts the old CMS, fills it, then the current one on the same database. */
async function migrate(env: Record<string, string>) {
  const app = oldSchemaApp();
  try {
    const old = await startStrapi({ env: { ...env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }, fromTemplate: false, app });
    let made: Made;
    try {
      made = await fillOldDatabase(old);
    } finally {
      await old.stop({ keepFiles: true });
    }
    const database: Record<string, string> = env.DATABASE_CLIENT === 'postgres' ? {} : { DATABASE_FILENAME: path.join(old.workDir, 'data.db') };
    const current = await startStrapi({ env: { ...env, ...database, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }, fromTemplate: false });
    return { current, made: made!, oldWorkDir: old.workDir };
  } finally {
    fs.rmSync(app.appDir, { recursive: true, force: true });
  }
}

function migrationSuite(name: string, env: () => Record<string, string>, extra?: (app: TestStrapi) => Promise<void>) {
  describe(name, () => {
    let app: TestStrapi;
    let made: Made;
    let fullToken: string;
    let adminJwt: string;
    let oldWorkDir = '';

    beforeAll(async () => {
      ({ current: app, made, oldWorkDir } = await migrate(env()));
      fullToken = (await app.strapi.service('admin::api-token').create({ name: 'test-full', type: 'full-access', lifespan: null })).accessKey;
      adminJwt = await adminLogin(app.url, ADMIN.email, ADMIN.password);
    });
    afterAll(async () => {
      await app?.stop();
      if (oldWorkDir) fs.rmSync(oldWorkDir, { recursive: true, force: true });
    });

    it('ran the migration once, before the tables were synced', async () => {
      const names = (await app.strapi.db.connection('strapi_migrations').select('name')).map((r: { name: string }) => r.name);
      expect(names).toEqual([MIGRATION]);
    });

    it('returns the published and draft bodies as Blocks over REST and the export', async () => {
      const published = await request(`${app.url}/api/events/${made.published}`, { token: fullToken });
      expect(published.status).toBe(200);
      expectConverted(published.body.data.body);
      const draft = await request(`${app.url}/api/events/${made.draftOnly}?status=draft`, { token: fullToken });
      expectConverted(draft.body.data.body);
      const exported = await request(`${app.url}/api/site-export/events?ids=${made.published}`, { token: fullToken });
      expect(exported.status).toBe(200);
      expect(exported.body.data[0].bodyHtml).toBe(renderBody(published.body.data.body));
    });

    it('returns them to the admin, draft and published', async () => {
      const cm = `${app.url}/content-manager/collection-types/${EVENT}`;
      const draft = await request(`${cm}/${made.published}`, { token: adminJwt });
      expect(draft.status).toBe(200);
      expectConverted(draft.body.data.body);
      const live = await request(`${cm}/${made.published}?status=published`, { token: adminJwt });
      expectConverted(live.body.data.body);
    });

    it('leaves a body already in Blocks as it was, and converts the accessibility statement', async () => {
      const same = await request(`${app.url}/api/events/${made.alreadyBlocks}`, { token: fullToken });
      expect(same.body.data.body).toEqual(JSON.parse(ALREADY_BLOCKS));
      const settings = await request(`${app.url}/api/site-setting?populate=accessibility`, { token: fullToken });
      const statement = settings.body.data.accessibility;
      expect(statement.nonCompliance).toMatchObject([{ type: 'list', format: 'unordered' }]);
      expect(statement.nonCompliance[0].children.map((item: Block) => textOf(item.children))).toEqual(['Zdjęcia bez opisów.', 'Dokumenty PDF sprzed 2018 r.']);
      // Blank Markdown is no JSON: it became NULL.
      expect(statement.exemptions).toBeNull();
      expect(statement.architecturalAccessibility).toBeNull();
    });

    it('saves a converted body again through the admin unchanged', async () => {
      const cm = `${app.url}/content-manager/collection-types/${EVENT}`;
      const before = (await request(`${cm}/${made.draftOnly}`, { token: adminJwt })).body.data;
      const saved = await request(`${cm}/${made.draftOnly}`, { method: 'PUT', token: adminJwt, json: { title: before.title, body: before.body } });
      expect(saved.status, JSON.stringify(saved.body).slice(0, 300)).toBe(200);
      expectConverted(saved.body.data.body);
    });

    if (extra) it('stores the bodies in a JSON column', async () => extra(app));
  });
}

describe('the value conversion', () => {
  it('converts Markdown, blanks to NULL, and leaves JSON arrays and non-strings alone', () => {
    expectConverted(JSON.parse(convertedValue(MARKDOWN)!));
    expect(convertedValue('')).toBeNull();
    expect(convertedValue(' \n ')).toBeNull();
    expect(convertedValue(ALREADY_BLOCKS)).toBeUndefined();
    expect(convertedValue(null)).toBeUndefined();
    expect(convertedValue([{ type: 'paragraph', children: [] }])).toBeUndefined();
    // Text that merely starts like JSON is Markdown.
    expect(JSON.parse(convertedValue('[Program](https://cus.gov.pl/program) na stronie.')!)[0].children[0]).toMatchObject({ type: 'link' });
  });
});

migrationSuite('an old SQLite database', () => ({}));

const pgBin = findPostgresBin();
if (!pgBin) console.warn('[cms tests] SKIPPED the PostgreSQL migration test: no initdb/pg_ctl found');
describe.skipIf(!pgBin)('on PostgreSQL', () => {
  let pg: PgCluster;
  const env: Record<string, string> = {};
  beforeAll(async () => {
    pg = await startPostgres();
    Object.assign(env, { DATABASE_CLIENT: 'postgres', DATABASE_URL: pg.url });
  });
  afterAll(async () => pg?.stop());

  migrationSuite('an old PostgreSQL database', () => env, async (app) => {
    const types = await app.strapi.db.connection.raw(
      `select table_name, column_name, data_type from information_schema.columns
       where (table_name = 'events' and column_name = 'body') or table_name = 'components_settings_accessibility_statement' and column_name in ('non_compliance', 'exemptions', 'architectural_accessibility')
       order by table_name, column_name`,
    );
    expect(types.rows.map((r: { data_type: string }) => r.data_type)).toEqual(['jsonb', 'jsonb', 'jsonb', 'jsonb']);
  });
});
