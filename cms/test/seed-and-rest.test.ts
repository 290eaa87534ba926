import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_DIR, createReadOnlyToken, DIST_DIR, startStrapi, type TestStrapi } from './helpers/strapi';
import { request } from './helpers/http';
import { eventBySlug, EVENT_POPULATE } from './helpers/queries';
import { eventSchema, parseEntry } from '@cus/shared';
import { renderBody } from '@cus/shared/body-html';

// A real Strapi on a temporary SQLite file, seeded at bootstrap as ./scripts/start does.

let app: TestStrapi;
let readToken: string;

beforeAll(async () => {
  app = await startStrapi({ env: { SEED_ON_EMPTY: 'true' } });
  readToken = await createReadOnlyToken(app.strapi);
});
afterAll(async () => app?.stop());

describe('content model', () => {
  it('has the four collection types, the settings single type and the components', () => {
    for (const uid of ['api::event.event', 'api::speaker.speaker', 'api::institution.institution', 'api::gallery.gallery']) {
      expect(app.strapi.contentTypes[uid as never], uid).toBeDefined();
    }
    expect(app.strapi.contentType('api::site-setting.site-setting').kind).toBe('singleType');
    expect(app.strapi.contentType('api::event.event').options?.draftAndPublish).toBe(true);
    for (const uid of ['event.date-range', 'event.venue', 'event.appearance', 'event.funding', 'event.credit', 'gallery.photo', 'shared.seo', 'settings.accessibility-statement']) {
      expect(app.strapi.components[uid as never], uid).toBeDefined();
    }
  });
});

describe('database', () => {
  it('indexes the columns the CMS looks entries up by, and SQLite plans with statistics', async () => {
    const knex = app.strapi.db.connection;
    const indexes = (await knex.raw(`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'cus\\_%' ESCAPE '\\'`)) as { name: string }[];
    expect(indexes.map((i) => i.name).sort()).toEqual(
      [
        'cus_events_slug_idx', 'cus_export_records_entry_document_id_idx', 'cus_galleries_slug_idx', 'cus_import_media_sha_256_idx', 'cus_import_media_source_url_idx',
        'cus_institutions_slug_idx', 'cus_share_cards_event_document_id_idx', 'cus_share_cards_file_idx', 'cus_speakers_slug_idx',
      ].sort(),
    );
    // A slug checked on save is found by its index, not by reading every event.
    const plan = (await knex.raw(`EXPLAIN QUERY PLAN SELECT id FROM events WHERE slug = ? AND published_at IS NOT NULL LIMIT 1`, ['x'])) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX cus_events_slug_idx/);
    const stats = (await knex.raw(`SELECT count(*) AS n FROM sqlite_stat1`)) as { n: number }[];
    expect(stats[0]!.n).toBeGreaterThan(0);
  });

  it('takes the statistics of a table again once it has grown past twice their size, and only then', async () => {
    const knex = app.strapi.db.connection;
    // The compiled copy, as the running CMS uses it.
    const { staleTables, refreshStatistics } = createRequire(import.meta.url)(path.join(DIST_DIR, 'src/bootstrap/sqlite-statistics.js')) as typeof import('../src/bootstrap/sqlite-statistics');
    const recorded = async () => {
      const rows = (await knex.raw(`SELECT stat FROM sqlite_stat1 WHERE tbl = 'cus_test_growth'`)) as { stat: string }[];
      return rows.map((r) => Number(r.stat.split(' ')[0]));
    };
    const add = async (n: number) => {
      for (let i = 0; i < n; i += 500) await knex('cus_test_growth').insert(Array.from({ length: Math.min(500, n - i) }, (_, j) => ({ kind: (i + j) % 5 })));
    };
    await knex.schema.createTable('cus_test_growth', (t) => {
      t.increments('id');
      t.integer('kind').index();
    });
    try {
      // Other tables may be stale too (the seed import ran after the start's check): only the probe counts.
      const probe = (tables: string[]) => tables.filter((t) => t === 'cus_test_growth');
      await add(1200);
      expect(probe(await staleTables(knex))).toEqual(['cus_test_growth']); // rows, and no statistics yet
      expect(probe(await refreshStatistics(knex))).toEqual(['cus_test_growth']);
      expect(await recorded()).toEqual([1200]);
      await add(1000); // 2,200 rows: less than twice what the statistics say
      expect(probe(await staleTables(knex))).toEqual([]);
      await add(300); // 2,500
      expect(probe(await refreshStatistics(knex))).toEqual(['cus_test_growth']);
      expect(await recorded()).toEqual([2500]);
      expect(await staleTables(knex)).toEqual([]); // everything analyzed by now
    } finally {
      await knex.schema.dropTable('cus_test_growth');
    }
  });
});

describe('seed', () => {
  it('imported the five reports as published events', async () => {
    const published = await app.strapi.documents('api::event.event').findMany({ status: 'published' });
    expect(published.map((e) => e.slug).sort()).toEqual([
      'centrum-uslug-spolecznych-jako-zintegrowany-system-uslugowy-na-poziomie-lokalnym',
      'ii-kongres-centrow-uslug-spolecznych-w-starachowicach',
      'konferencja-podsumowujaca-dwa-lata-centrum-uslug-spolecznych-gminy-debica',
      'regionalna-konferencja-promujaca-nowy-model-realizacji-gminnych-uslug',
      'wizyty-studyjne-w-centrum-uslug-spolecznych-w-bukowsku',
    ]);
    const drafts = await app.strapi.documents('api::event.event').count({ status: 'draft' });
    expect(drafts).toBe(5);
  });

  it('keeps one speaker per person: Marek Rymsza spoke at two events', async () => {
    const people = await app.strapi.documents('api::speaker.speaker').findMany({ filters: { name: 'Marek Rymsza' } });
    expect(people).toHaveLength(1);
    const res = await request(
      `${app.url}/api/events?filters[appearances][speaker][slug][$eq]=marek-rymsza&fields[0]=slug`,
      { token: readToken },
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(2);
  });

  it('keeps one speaker per person: Jerzy Jęczmienionka was at Dębica and Rzeszów', async () => {
    const res = await request(
      `${app.url}/api/events?filters[appearances][speaker][slug][$eq]=jerzy-jeczmienionka&fields[0]=title`,
      { token: readToken },
    );
    expect(res.body.data).toHaveLength(2);
  });

  it('stores the Bukowsko visits as two date ranges and Lublin as hybrid', async () => {
    const events = await app.strapi.documents('api::event.event').findMany({ status: 'published', populate: ['dates'] });
    const bukowsko = events.find((e) => /Bukowsk/.test(e.title as string));
    expect(bukowsko?.dates?.map((d: any) => [d.start, d.end ?? null])).toEqual([
      ['2023-06-19', '2023-06-21'],
      ['2023-06-26', null],
    ]);
    const hybrid = events.filter((e) => e.format === 'hybrydowe');
    expect(hybrid.map((e) => e.slug)).toEqual(['centrum-uslug-spolecznych-jako-zintegrowany-system-uslugowy-na-poziomie-lokalnym']);
    const rzeszow = events.find((e) => e.attendance === 140);
    expect(rzeszow?.attendanceApproximate).toBe(true);
  });

  it('stores the Markdown bodies of reports.json as Blocks, with their headings and list items', async () => {
    const seed = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'seed', 'reports.json'), 'utf8')) as {
      events: { title: string; body: string }[];
      siteSettings: { accessibility: { nonCompliance: string } };
    };
    const fullToken = (await app.strapi.service('admin::api-token').create({ name: 'test-full', type: 'full-access', lifespan: null })).accessKey;
    const rest = await request(`${app.url}/api/events?fields[0]=title&fields[1]=body&pagination[pageSize]=100`, { token: readToken });
    const exported = await request(`${app.url}/api/site-export/events?pageSize=100`, { token: fullToken });
    expect(rest.status).toBe(200);
    expect(exported.status).toBe(200);
    const inline = (children: { text?: string; children?: unknown[] }[]): string =>
      children.map((c) => c.text ?? inline((c.children ?? []) as never)).join('');
    for (const event of seed.events) {
      const body = rest.body.data.find((e: { title: string }) => e.title === event.title).body as { type: string; level?: number; children: any[] }[];
      expect(Array.isArray(body), event.title).toBe(true);
      const headings = [...event.body.matchAll(/^## (.+)$/gm)].map((m) => [2, m[1]]);
      expect(body.filter((b) => b.type === 'heading').map((b) => [b.level, inline(b.children)])).toEqual(headings);
      const items = [...event.body.matchAll(/^- (.+)$/gm)].map((m) => m[1]);
      expect(body.filter((b) => b.type === 'list').flatMap((b) => b.children.map((item: any) => inline(item.children)))).toEqual(items);
      expect(body[0]!.type).toBe('paragraph');
      // The export sends the body rendered by the site's renderer, not its blocks (site-export-body-html.ts).
      const sent = exported.body.data.find((e: { title: string }) => e.title === event.title);
      expect(sent).not.toHaveProperty('body');
      expect(sent.bodyHtml).toBe(renderBody(body));
      expect(sent.bodyHtml).toContain(`<h2 id=`);
      expect(sent.bodyFiles).toEqual([]);
    }
    const settings = await request(`${app.url}/api/site-setting?populate=accessibility`, { token: fullToken });
    const nonCompliance = settings.body.data.accessibility.nonCompliance as { type: string; children: any[] }[];
    const items = [...seed.siteSettings.accessibility.nonCompliance.matchAll(/^- (.+)$/gm)].map((m) => m[1]);
    expect(nonCompliance.map((b) => b.type)).toEqual(['list']);
    expect(nonCompliance[0]!.children.map((item: any) => inline(item.children))).toEqual(items);
  });

  it('is idempotent: importing again changes no counts', async () => {
    const require = createRequire(import.meta.url);
    const { importSeed, loadSeedFile } = require(path.join(DIST_DIR, 'src/seed/import.js'));
    const count = async () => ({
      events: await app.strapi.documents('api::event.event').count({ status: 'published' }),
      speakers: await app.strapi.documents('api::speaker.speaker').count({}),
      institutions: await app.strapi.documents('api::institution.institution').count({}),
      galleries: await app.strapi.documents('api::gallery.gallery').count({ status: 'published' }),
      files: await app.strapi.db.query('plugin::upload.file').count({}),
    });
    const before = await count();
    await importSeed(app.strapi, await loadSeedFile(app.strapi.dirs.app.root));
    expect(await count()).toEqual(before);
  });
});

describe('REST with the read-only token', () => {
  it('reads every event with its relations, valid against the shared contract', async () => {
    const res = await request(`${app.url}/api/events?${EVENT_POPULATE}&pagination[pageSize]=100`, { token: readToken });
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination.total).toBe(5);
    for (const raw of res.body.data) {
      const event = parseEntry(eventSchema, 'event', raw);
      expect(event.dates.length).toBeGreaterThan(0);
      expect(event.organizers?.length ?? 0).toBeGreaterThan(0);
    }
  });

  it('returns appearances with the person, role and function held then', async () => {
    const list = await request(`${app.url}/api/events?filters[format][$eq]=hybrydowe&fields[0]=slug`, { token: readToken });
    const slug = list.body.data[0].slug as string;
    const res = await request(app.url + eventBySlug(slug), { token: readToken });
    const event = res.body.data[0];
    const rymsza = event.appearances.filter((a: any) => a.speaker?.slug === 'marek-rymsza');
    expect(rymsza.map((a: any) => a.role).sort()).toEqual(['moderator', 'prelegent']);
    expect(rymsza.find((a: any) => a.role === 'prelegent').talkTitle).toMatch(/^Centra usług społecznych\. Potencjał/);
    expect(event.gallery.photos.length).toBeGreaterThan(0);
    for (const photo of event.gallery.photos) {
      expect(photo.alt.length).toBeGreaterThan(10);
      expect(photo.image.formats).toBeTruthy();
    }
  });

  it('refuses writes with the read-only token and without a token', async () => {
    const body = { data: { title: 'Próba zapisu', type: 'konferencja', dates: [{ start: '2026-01-10' }] } };
    const [anonymous, readOnly] = await Promise.all([
      request(`${app.url}/api/events`, { method: 'POST', json: body }),
      request(`${app.url}/api/events`, { method: 'POST', json: body, token: readToken }),
    ]);
    expect([401, 403]).toContain(anonymous.status);
    expect([401, 403]).toContain(readOnly.status);
    const some = (await app.strapi.documents('api::event.event').findMany({ status: 'published' }))[0]!;
    for (const method of ['PUT', 'DELETE']) {
      const a = await request(`${app.url}/api/events/${some.documentId}`, { method, json: method === 'PUT' ? body : undefined });
      const r = await request(`${app.url}/api/events/${some.documentId}`, { method, token: readToken, json: method === 'PUT' ? body : undefined });
      expect([401, 403], `${method} anonymous`).toContain(a.status);
      expect([401, 403], `${method} read-only`).toContain(r.status);
    }
    expect(await app.strapi.documents('api::event.event').count({ status: 'published' })).toBe(5);
    expect(await app.strapi.documents('api::event.event').findMany({ filters: { title: 'Próba zapisu' } })).toHaveLength(0);
  });

  it('gives the public role nothing: no reads, no uploads, no sign-up', async () => {
    expect([401, 403]).toContain((await request(`${app.url}/api/events`)).status);
    expect([401, 403]).toContain((await request(`${app.url}/api/speakers`)).status);
    const signup = await request(`${app.url}/api/auth/local/register`, {
      method: 'POST',
      json: { username: 'intruz', email: 'intruz@example.org', password: 'Haslo12345' },
    });
    expect(signup.status).toBeGreaterThanOrEqual(400);
    expect(await app.strapi.db.query('plugin::users-permissions.user').count({})).toBe(0);
  });
});
