import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventSchema, validateEntries } from '@cus/shared';
import { findPostgresBin, startPostgres, type PgCluster } from '@cus/testing/postgres';
import { createReadOnlyToken, DIST_DIR, startStrapi, type TestStrapi } from './helpers/strapi';
import { request } from './helpers/http';
import { EVENT_POPULATE } from './helpers/queries';

// The compiled module Strapi itself runs (one ShareCards per Strapi instance).
const { shareCardsOf } = createRequire(import.meta.url)(path.join(DIST_DIR, 'src/share-cards/service.js')) as typeof import('../src/share-cards/service');

// The same seed and read path on PostgreSQL, in a private cluster this test starts.
// Without PostgreSQL binaries the suite is skipped, and says so.

const bin = findPostgresBin();
if (!bin) console.warn('[cms tests] SKIPPED PostgreSQL tests: no initdb/pg_ctl found (install postgresql to run them)');

describe.skipIf(!bin)('on PostgreSQL', () => {
  let pg: PgCluster;
  let app: TestStrapi;
  let token: string;

  beforeAll(async () => {
    pg = await startPostgres();
    app = await startStrapi({ env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: pg.url, SEED_ON_EMPTY: 'true' } });
    token = await createReadOnlyToken(app.strapi);
  });
  afterAll(async () => {
    await app?.stop();
    await pg?.stop();
  });

  it('runs on the PostgreSQL server', async () => {
    const rows = await app.strapi.db.connection.raw('select version() as v');
    expect(rows.rows[0].v).toMatch(/^PostgreSQL \d+/);
  });

  it('seeds five published events, valid against the contract over REST', async () => {
    const res = await request(`${app.url}/api/events?${EVENT_POPULATE}&pagination[pageSize]=100`, { token });
    expect(res.status).toBe(200);
    const events = validateEntries('event', eventSchema, res.body.data);
    expect(events).toHaveLength(5);
    const rzeszow = events.find((e) => e.attendance === 140);
    expect(rzeszow?.attendanceApproximate).toBe(true);
  });

  it('links Marek Rymsza, one speaker, to two events', async () => {
    const people = await request(`${app.url}/api/speakers?filters[name][$eq]=Marek%20Rymsza`, { token });
    expect(people.body.data).toHaveLength(1);
    const res = await request(`${app.url}/api/events?filters[appearances][speaker][slug][$eq]=marek-rymsza`, { token });
    expect(res.body.data).toHaveLength(2);
  });

  it("draws the seed events' share cards, which the export names (dates read the same on PostgreSQL)", async () => {
    await shareCardsOf(app.strapi).onIdle();
    const res = await request(`${app.url}/api/site-export/events`, { token });
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(5);
    for (const event of res.body.data) {
      expect(event.shareCard, event.slug).toMatchObject({ url: expect.stringMatching(/^\/uploads\/og-[0-9a-f]{16}\.png$/), width: 1200, height: 630 });
      expect(fs.existsSync(path.join(process.env.PUBLIC_DIR!, event.shareCard.url))).toBe(true);
    }
  });

  it('sends a second export from the records it kept, byte for byte (their dates compared as PostgreSQL gives them)', async () => {
    const first = await request(`${app.url}/api/site-export/events`, { token });
    const kept = async () => ((await app.strapi.db.connection('export_records').select('id').orderBy('id')) as { id: number }[]).map((r) => r.id);
    const before = await kept();
    expect(before.length).toBeGreaterThanOrEqual(5);
    const second = await request(`${app.url}/api/site-export/events`, { token });
    expect(second.body).toEqual(first.body);
    // No record was found stale and built again (it would have a new row).
    expect(await kept()).toEqual(before);
  });

  it('indexes the columns the CMS looks entries up by', async () => {
    const rows = (await app.strapi.db.connection.raw(`SELECT indexname FROM pg_indexes WHERE indexname LIKE 'cus\\_%'`)) as { rows: { indexname: string }[] };
    expect(rows.rows.map((r) => r.indexname)).toEqual(expect.arrayContaining(['cus_events_slug_idx', 'cus_share_cards_file_idx', 'cus_speakers_slug_idx']));
  });

  it('refuses a write with the read-only token', async () => {
    const res = await request(`${app.url}/api/events`, { method: 'POST', token, json: { data: { title: 'x', type: 'inne' } } });
    expect([401, 403]).toContain(res.status);
  });

  it('stops the cluster cleanly', async () => {
    await app.stop();
    await pg.stop();
    const refused = await new Promise<boolean>((resolve) => {
      const s = net.connect(pg.port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(false)));
      s.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });
});
