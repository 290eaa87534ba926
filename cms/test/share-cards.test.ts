import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SHARE_CARD_FILE_NAME, shareCardFileName, shareCardText } from '@cus/shared';
import { createReadOnlyToken, DIST_DIR, startStrapi, type TestStrapi } from './helpers/strapi';
import { request } from './helpers/http';

// Share cards drawn by the CMS when an event is published (src/share-cards), against a real
// Strapi on a temp SQLite file: the local upload provider writes into the test's PUBLIC_DIR,
// the queue runs in the background and each test awaits it (no sleeps).

const EVENT = 'api::event.event';
const SETTINGS = 'api::site-setting.site-setting';
const CARD = 'api::share-card.share-card';

// The compiled module Strapi itself runs (one ShareCards per Strapi instance).
const { shareCardsOf } = createRequire(import.meta.url)(path.join(DIST_DIR, 'src/share-cards/service.js')) as typeof import('../src/share-cards/service');

let app: TestStrapi;
let readToken: string;
let fullToken: string;
let uploadsDir: string;
let firstWorkDir: string | undefined;
const announced: { model: string; documentId: string; publishedAt: unknown }[] = [];

const cards = () => shareCardsOf(app.strapi);
const settled = () => cards().onIdle();
const onDisk = (url: string) => path.join(uploadsDir, path.basename(url));
const cardFiles = () => fs.readdirSync(uploadsDir).filter((n) => n.startsWith('og-')).sort();

/** The events as the site reads them: the export endpoint, with the site's read-only token. */
async function exported(documentIds: string[]): Promise<any[]> {
  const res = await request(`${app.url}/api/site-export/events?ids=${documentIds.join(',')}&pageSize=200`, { token: readToken });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return documentIds.map((id) => res.body.data.find((e: any) => e.documentId === id));
}

const siteName = async () => ((await app.strapi.documents(SETTINGS).findFirst({})) as any)?.siteName as string;

async function publishedEvent(title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { documentId } = await app.strapi.documents(EVENT).create({
    data: { title, type: 'konferencja', dates: [{ start: '2024-05-14', end: '2024-05-15' }], venue: { city: 'Łódź', voivodeship: 'lodzkie' }, ...extra } as never,
  });
  await app.strapi.documents(EVENT).publish({ documentId });
  return documentId;
}

async function rowsOf(documentId: string) {
  const rows = (await app.strapi.db.query(EVENT).findMany({ where: { documentId }, select: ['publishedAt', 'updatedAt'] })) as any[];
  const time = (r: any) => new Date(r.updatedAt).getTime();
  return { draft: time(rows.find((r) => !r.publishedAt)), published: time(rows.find((r) => r.publishedAt)) };
}

beforeAll(async () => {
  app = await startStrapi();
  uploadsDir = path.join(process.env.PUBLIC_DIR!, 'uploads');
  readToken = await createReadOnlyToken(app.strapi);
  fullToken = (await app.strapi.service('admin::api-token').create({ name: 'Karty (test)', type: 'full-access', lifespan: null })).accessKey;
  await app.strapi.documents(SETTINGS).create({ data: { siteName: 'Relacje z wydarzeń CUS' } as never });
  app.strapi.eventHub.on('entry.update', async ({ model, entry }: { model: string; entry: any }) => {
    if (model === 'event') announced.push({ model, documentId: entry.documentId, publishedAt: entry.publishedAt });
  });
});
afterAll(async () => {
  await app?.stop();
  if (firstWorkDir) fs.rmSync(firstWorkDir, { recursive: true, force: true });
});

describe('publishing an event', () => {
  let documentId: string;
  let firstCard: any;

  it('draws its card: a 1200×630 PNG named from the digest of its text, in the export', async () => {
    documentId = await publishedEvent('Żłobki i kluby dziecięce: źródła finansowania w gminach wiejskich & miejskich <2024>');
    await settled();
    const [event] = await exported([documentId]);
    firstCard = event.shareCard;
    const name = shareCardFileName(shareCardText(event, { siteName: await siteName() }));
    expect(name).toMatch(SHARE_CARD_FILE_NAME);
    expect(firstCard).toEqual({ url: `/uploads/${name}`, width: 1200, height: 630, mime: 'image/png' });
    const meta = await sharp(fs.readFileSync(onDisk(firstCard.url))).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'png', width: 1200, height: 630 });
    // The published version moved on with the card, and the rebuild was told.
    expect(announced).toContainEqual({ model: 'event', documentId, publishedAt: expect.anything() });
    expect(cards().status()).toMatchObject({ pending: 0, failed: [] });
  });

  it('keeps the card while only the draft changes, and draws a new one when the new title is published', async () => {
    const versionBefore = (await exported([documentId]))[0].updatedAt;
    await app.strapi.documents(EVENT).update({ documentId, data: { title: 'Żłobki w gminach: wersja poprawiona' } as never });
    await settled();
    expect((await exported([documentId]))[0].shareCard).toEqual(firstCard);

    await app.strapi.documents(EVENT).publish({ documentId });
    await settled();
    const [event] = await exported([documentId]);
    expect(event.title).toBe('Żłobki w gminach: wersja poprawiona');
    expect(event.shareCard.url).toBe(`/uploads/${shareCardFileName(shareCardText(event, { siteName: await siteName() }))}`);
    expect(event.shareCard.url).not.toBe(firstCard.url);
    expect(event.updatedAt).not.toBe(versionBefore);
    // The old card was this event's alone: it is gone from the storage.
    expect(fs.existsSync(onDisk(firstCard.url))).toBe(false);
    expect(fs.existsSync(onDisk(event.shareCard.url))).toBe(true);
  });

  it('draws it for a REST write too (REST publishes inside the document service)', async () => {
    const res = await request(`${app.url}/api/events/${documentId}`, { method: 'PUT', token: fullToken, json: { data: { title: 'Żłobki w gminach – relacja' } } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await settled();
    const [event] = await exported([documentId]);
    expect(event.title).toBe('Żłobki w gminach – relacja');
    expect(event.shareCard?.url).toBe(`/uploads/${shareCardFileName(shareCardText(event, { siteName: await siteName() }))}`);
  });

  it('shares one file between events whose cards say the same, and deletes it with the last of them', async () => {
    const a = await publishedEvent('Bliźniacze wydarzenie');
    const b = await publishedEvent('Bliźniacze wydarzenie');
    await settled();
    const [ea, eb] = await exported([a, b]);
    expect(ea.shareCard.url).toBe(eb.shareCard.url);
    await app.strapi.documents(EVENT).delete({ documentId: a });
    await settled();
    expect(fs.existsSync(onDisk(eb.shareCard.url))).toBe(true);
    await app.strapi.documents(EVENT).delete({ documentId: b });
    await settled();
    expect(await app.strapi.db.query(CARD).count({ where: { eventDocumentId: { $in: [a, b] } } })).toBe(0);
    expect(fs.existsSync(onDisk(eb.shareCard.url))).toBe(false);
  });
});

describe("the site's name", () => {
  it('changed in the settings: every published card is drawn again; an unpublished edit still shows as one', async () => {
    const ids = [await publishedEvent('Kongres usług społecznych'), await publishedEvent('Szkolenie dla asystentów', { type: 'szkolenie' })];
    await settled();
    const before = await exported(ids);
    // An editor's draft change not published yet: the admin says "modified" (draft newer than published).
    await app.strapi.documents(EVENT).update({ documentId: ids[0]!, data: { lead: 'Szkic, jeszcze nie opublikowany.' } as never });
    const rows = await rowsOf(ids[0]!);
    expect(rows.draft).toBeGreaterThan(rows.published);

    const settings = (await app.strapi.documents(SETTINGS).findFirst({})) as any;
    await app.strapi.documents(SETTINGS).update({ documentId: settings.documentId, data: { siteName: 'Centrum Usług Społecznych w Łodzi' } as never });
    await settled();
    const after = await exported(ids);
    for (const [i, event] of after.entries()) {
      expect(event.shareCard.url).toBe(`/uploads/${shareCardFileName(shareCardText(event, { siteName: 'Centrum Usług Społecznych w Łodzi' }))}`);
      expect(event.shareCard.url).not.toBe(before[i].shareCard.url);
      expect(fs.existsSync(onDisk(before[i].shareCard.url))).toBe(false);
    }
    const moved = await rowsOf(ids[0]!);
    expect(moved.published).toBeGreaterThan(rows.published);
    expect(moved.draft).toBeGreaterThan(moved.published);
  });
});

describe('a card that cannot be drawn', () => {
  it('is logged with the slug, the publish succeeds, the export says null, and the next publish draws it', async () => {
    const provider = app.strapi.plugin('upload').provider as any;
    const uploadStream = provider.uploadStream;
    provider.uploadStream = async (f: any, opts: unknown) => {
      if (f.hash.startsWith('og-')) throw new Error('Symulowana awaria magazynu plików');
      return uploadStream.call(provider, f, opts);
    };
    const errors = vi.spyOn(app.strapi.log, 'error');
    let documentId: string;
    try {
      documentId = await publishedEvent('Warsztaty bez karty');
      await settled();
    } finally {
      provider.uploadStream = uploadStream;
    }
    const [event] = await exported([documentId]);
    expect(event.publishedAt).toBeTruthy();
    expect(event.shareCard).toBeNull();
    expect(cards().status().failed).toEqual([{ documentId, slug: 'warsztaty-bez-karty', error: 'Symulowana awaria magazynu plików' }]);
    expect(errors.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/"warsztaty-bez-karty".*Symulowana awaria magazynu plików/);
    errors.mockRestore();

    await app.strapi.documents(EVENT).publish({ documentId });
    await settled();
    expect((await exported([documentId]))[0].shareCard?.mime).toBe('image/png');
    expect(cards().status().failed).toEqual([]);
  });
});

/** Stops the CMS and starts it again on the same database and uploads folder (the first start's work dir). */
async function restart(): Promise<void> {
  const { DATABASE_FILENAME, PUBLIC_DIR } = process.env;
  await app.stop({ keepFiles: true });
  if (!firstWorkDir) firstWorkDir = app.workDir;
  // A later start's own work dir holds nothing: the data stays in the first one.
  else fs.rmSync(app.workDir, { recursive: true, force: true });
  app = await startStrapi({ fromTemplate: false, env: { DATABASE_FILENAME: DATABASE_FILENAME!, PUBLIC_DIR: PUBLIC_DIR! } });
  readToken = await createReadOnlyToken(app.strapi, `Strona publiczna (po restarcie ${crypto.randomUUID()})`);
}

// SHARE_CARDS_BACKFILL_EVENTS=200 measures a larger backfill (printed, never asserted).
const BACKFILL_EVENTS = Number(process.env.SHARE_CARDS_BACKFILL_EVENTS ?? 60);

describe('the backfill at start', () => {
  it('draws the cards missing for published events, in the background, after a restart', { timeout: 60_000 + BACKFILL_EVENTS * 1500 }, async () => {
    const N = BACKFILL_EVENTS;
    const ids: string[] = [];
    for (let i = 0; i < N; i++) ids.push(await publishedEvent(`Spotkanie sieci CUS nr ${i + 1}: ośrodki, gminy i powiaty`, { dates: [{ start: `2024-0${1 + (i % 9)}-1${i % 10}` }] }));
    await settled();
    // A database from before the cards (or a crash between drawing and recording): no rows, no files.
    await app.strapi.db.query(CARD).deleteMany({ where: { eventDocumentId: { $in: ids } } });
    for (const name of cardFiles()) fs.rmSync(path.join(uploadsDir, name));
    expect((await exported(ids)).every((e) => e.shareCard === null)).toBe(true);

    const started = performance.now();
    await restart();
    const startMs = performance.now() - started;
    await cards().started;
    await settled();
    const backfillMs = performance.now() - started;

    const events = await exported(ids);
    for (const e of events) {
      expect(e.shareCard?.url).toBe(`/uploads/${shareCardFileName(shareCardText(e, { siteName: 'Centrum Usług Społecznych w Łodzi' }))}`);
      expect(fs.existsSync(onDisk(e.shareCard.url))).toBe(true);
    }
    const { drawn, msPerCard } = cards().status();
    expect(drawn).toBeGreaterThanOrEqual(N);
    // Reported, never asserted (run with --silent=false to see it).
    console.log(`[share cards] backfill of ${N} events: CMS up in ${Math.round(startMs)} ms, every card drawn ${Math.round(backfillMs)} ms after the start; ${msPerCard} ms per card (draw + store)`);
  });
});

describe('a recorded card whose file is gone (a restore without the cards, a cleaned uploads folder)', () => {
  it('is drawn again at the next start, for every event showing it; cards still on disk are left alone', async () => {
    const twins = [await publishedEvent('Karta zgubiona przy przenosinach'), await publishedEvent('Karta zgubiona przy przenosinach')];
    const kept = await publishedEvent('Karta, która została na miejscu');
    await settled();
    const before = await exported([...twins, kept]);
    expect(before[0].shareCard.url).toBe(before[1].shareCard.url);
    const lost = onDisk(before[0].shareCard.url);
    const keptFile = onDisk(before[2].shareCard.url);
    const keptBytes = fs.readFileSync(keptFile);
    fs.rmSync(lost);
    // The rows stay: without a look at the storage the card would count as drawn.
    expect(await app.strapi.db.query(CARD).count({ where: { eventDocumentId: { $in: twins } } })).toBe(2);

    await restart();
    // Both events showing the lost card are queued, nothing else.
    expect(await cards().started).toBe(2);
    await settled();

    const after = await exported([...twins, kept]);
    // Same text, same card: the export names the same file, which is back on disk and whole.
    expect(after.map((e) => e.shareCard)).toEqual(before.map((e) => e.shareCard));
    const meta = await sharp(fs.readFileSync(lost)).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'png', width: 1200, height: 630 });
    expect(cards().status()).toMatchObject({ drawn: 1, failed: [], pending: 0 });
    expect(fs.readFileSync(keptFile).equals(keptBytes)).toBe(true);
    // Every recorded card's file exists.
    const rows = (await app.strapi.db.query(CARD).findMany({ select: ['file'] })) as { file: string }[];
    expect(rows.filter((r) => !fs.existsSync(path.join(uploadsDir, r.file)))).toEqual([]);
  });
});
