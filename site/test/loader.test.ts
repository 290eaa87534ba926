import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { slugify, type EventEntry } from '@cus/shared';
import { cmsRequest, readTemplate, startCms, type CmsProcess } from '@cus/testing/cms-process';
import { freePort } from '@cus/testing/free-port';
import { adminLogin } from '@cus/cms-admin/admin-api';
import { syncCollection } from '../src/loader/strapi-loader.ts';
import { forEachPage } from '../src/loader/fetch-entries.ts';
import { readMediaManifests } from '../src/loader/media-manifest.ts';
import { memoryContext } from '../src/loader/memory-context.ts';
import { UPCOMING_EVENT } from './global-setup.ts';

// The content loader against a real CMS holding the seed reports: what it loads, paging past
// Strapi's 100-entry cap, entries that disappear, entries that break the contract, and a CMS
// that is down.

const seed = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../cms/seed/reports.json'), 'utf8')) as {
  events: { title: string; appearances: unknown[] }[];
  speakers: { name: string }[];
  institutions: { name: string }[];
};

let cms: CmsProcess;
let cacheDir: string;

beforeAll(async () => {
  cms = await startCms(readTemplate(inject('templateDir')));
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-loader-cache-'));
  process.env.SITE_CACHE_DIR = cacheDir;
});

afterAll(async () => {
  await cms?.stop();
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

const source = () => ({ url: cms.url, token: cms.readToken, backoffMs: 20 });
const context = (collection: string) => memoryContext(collection, cacheDir);

describe('loading the seed content', () => {
  it('loads every seed event with its people, dates and rendered body', async () => {
    const ctx = context('events');
    const result = await syncCollection('events', ctx, source());
    expect(result).toEqual({ total: 5, fetched: 5, changed: 5, removed: 0, full: true, failures: [] });
    const events = [...ctx.entries.values()].map((e) => e.data as unknown as EventEntry);
    expect(events.map((e) => e.slug).sort()).toEqual(seed.events.map((e) => slugify(e.title)).sort());
    for (const s of seed.events) {
      const e = events.find((x) => x.slug === slugify(s.title))!;
      expect(e.appearances, e.slug).toHaveLength(s.appearances.length);
      expect(e.appearances!.every((a) => a.speaker?.slug && a.speaker.name)).toBe(true);
      expect(e.dates.length).toBeGreaterThan(0);
      // The body arrives rendered by the CMS (paragraphs, and headings from <h2> with ids), kept
      // once as the entry's rendered HTML: neither its blocks nor a second copy stay in the data.
      expect(e.body, e.slug).toBeUndefined();
      expect(e.bodyHtml).toBeUndefined();
      expect(e.bodyFiles, e.slug).toEqual([]);
      expect(ctx.entries.get(e.documentId)!.rendered!.html).toMatch(/<p>[\s\S]*<h2 id="[a-z0-9-]+">/);
    }
    const bukowsko = events.find((e) => e.slug.includes('bukowsk'))!;
    expect(bukowsko.dates.map((d) => [d.start, d.end])).toEqual([['2023-06-19', '2023-06-21'], ['2023-06-26', null]]);
    expect(bukowsko.gallery?.photos?.[0]?.image?.formats).toBeTruthy();
  });

  it('loads every person and institution, and the site settings', async () => {
    const speakers = context('speakers');
    const institutions = context('institutions');
    const settings = context('settings');
    await syncCollection('speakers', speakers, source());
    await syncCollection('institutions', institutions, source());
    await syncCollection('settings', settings, source());
    const names = (ctx: ReturnType<typeof context>) => [...ctx.entries.values()].map((e) => e.data.name as string).sort();
    expect(names(speakers)).toEqual(seed.speakers.map((s) => s.name).sort());
    expect(names(institutions)).toEqual(seed.institutions.map((s) => s.name).sort());
    expect([...settings.entries.values()][0]!.data.accessibility).toMatchObject({ status: 'czesciowo_zgodna' });
  });

  it('records where each CMS file referenced by an entry can be downloaded', async () => {
    await syncCollection('galleries', context('galleries'), source());
    const manifest = readMediaManifests(path.join(cacheDir, 'media'));
    expect(manifest.size).toBeGreaterThanOrEqual(16 * 4);
    for (const origin of manifest.values()) expect(origin.startsWith(`${cms.url}/uploads/`)).toBe(true);
  });

  it('reads nothing again when nothing changed', async () => {
    const ctx = context('events');
    await syncCollection('events', ctx, source());
    expect(await syncCollection('events', ctx, source())).toEqual({ total: 5, fetched: 0, changed: 0, removed: 0, full: false, failures: [] });
  });

  it('reads every entry again when the store was made by other code (a persistent store kept across builds)', async () => {
    // As Astro's content layer keeps it: the store's version (fields, body format, code-digest.ts) in its meta.
    const meta = new Map<string, string>();
    const ctx = { ...context('events'), meta: { get: (k: string) => meta.get(k), set: (k: string, v: string) => void meta.set(k, v), has: (k: string) => meta.has(k), delete: (k: string) => void meta.delete(k) } };
    await syncCollection('events', ctx as never, source());
    const version = meta.get('spec');
    expect(version).toMatch(/^[0-9a-f]{40}$/);
    expect(await syncCollection('events', ctx as never, source())).toMatchObject({ fetched: 0, full: false });
    // Entries stored by an older loader or contract: all are read and stored again.
    meta.set('spec', 'made-by-older-code');
    expect(await syncCollection('events', ctx as never, source())).toMatchObject({ total: 5, fetched: 5, changed: 5, full: true });
    expect(meta.get('spec')).toBe(version);
  });
});

describe('incremental sync', () => {
  it('reads again only the changed event, and every event that shows a person who changed', async () => {
    const ctx = context('events');
    await syncCollection('events', ctx, source());
    const events = [...ctx.entries.values()].map((e) => e.data as unknown as EventEntry);

    const [first] = events;
    await cmsRequest(cms, 'PUT', `/api/events/${first!.documentId}`, { data: { lead: 'Nowy wstęp relacji.' } });
    const one = await syncCollection('events', ctx, source());
    expect(one).toMatchObject({ fetched: 1, changed: 1, removed: 0, full: false });
    expect((ctx.entries.get(first!.documentId)!.data as unknown as EventEntry).lead).toBe('Nowy wstęp relacji.');

    // A person who appears in more than one event changes their name: every such event is read again.
    const counts = new Map<string, EventEntry[]>();
    for (const e of events) for (const a of e.appearances ?? []) counts.set(a.speaker!.documentId, [...(counts.get(a.speaker!.documentId) ?? []), e]);
    const [personId, theirEvents] = [...counts.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
    const appearsIn = new Set(theirEvents.map((e) => e.documentId));
    await cmsRequest(cms, 'PUT', `/api/speakers/${personId}`, { data: { name: 'Osoba Po Zmianie Nazwiska' } });
    const again = await syncCollection('events', ctx, source());
    expect(again).toMatchObject({ fetched: appearsIn.size, changed: appearsIn.size, full: false });
    for (const id of appearsIn) {
      const names = ((ctx.entries.get(id)!.data as unknown as EventEntry).appearances ?? []).map((a) => a.speaker?.name);
      expect(names).toContain('Osoba Po Zmianie Nazwiska');
    }
  });
});

describe("the CMS's digests", () => {
  it("keeps as each entry's version the CMS's digest of its bytes, which only that entry's edit moves", async () => {
    const page = async () => {
      const res = await fetch(`${cms.url}/api/site-export/events?pageSize=100`, { headers: { authorization: `Bearer ${cms.readToken}` } });
      const text = await res.text();
      return { text, body: JSON.parse(text) as { data: { documentId: string }[]; digests: Record<string, string> } };
    };
    const before = await page();
    expect(Object.keys(before.body.digests).sort()).toEqual(before.body.data.map((e) => e.documentId).sort());
    // One digest per entry, distinct entries' distinct, and the same bytes again the same digest.
    expect(new Set(Object.values(before.body.digests)).size).toBe(before.body.data.length);
    const again = await page();
    expect(again.text).toBe(before.text);
    expect(again.body.digests).toEqual(before.body.digests);
    const ctx = context('events');
    await syncCollection('events', ctx, source());
    for (const [id, e] of ctx.entries) expect(e.digest).toBe(before.body.digests[id]);

    const edited = before.body.data[0]!.documentId;
    await cmsRequest(cms, 'PUT', `/api/events/${edited}`, { data: { lead: 'Wstęp do sprawdzenia skrótów.' } });
    const after = await page();
    for (const [id, digest] of Object.entries(after.body.digests)) {
      if (id === edited) expect(digest).not.toBe(before.body.digests[id]);
      else expect(digest).toBe(before.body.digests[id]);
    }
    expect(await syncCollection('events', ctx, source())).toMatchObject({ fetched: 1, changed: 1, removed: 0 });
    expect(ctx.entries.get(edited)!.digest).toBe(after.body.digests[edited]);
  });
});

describe('a sync of named entries (the long-lived publisher, after webhooks)', () => {
  it('reads only the entries named: a changed one is stored again, an unpublished one dropped, the others left as they were', async () => {
    const ctx = context('events');
    await syncCollection('events', ctx, source());
    const [edited, withdrawn, untouched] = [...ctx.entries.values()].map((e) => e.data as unknown as EventEntry);
    await cmsRequest(cms, 'PUT', `/api/events/${edited!.documentId}`, { data: { lead: 'Wstęp po webhooku.' } });
    // A change nobody named (its webhook lost): not read by this sync.
    await cmsRequest(cms, 'PUT', `/api/events/${untouched!.documentId}`, { data: { lead: 'Zmiana bez webhooka.' } });
    const jwt = await adminLogin(cms.url, cms.admin.email, cms.admin.password);
    const res = await fetch(`${cms.url}/content-manager/collection-types/api::event.event/${withdrawn!.documentId}/actions/unpublish`, { method: 'POST', headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
    const r = await syncCollection('events', ctx, source(), { invalid: 'keep-last-good', only: [edited!.documentId, withdrawn!.documentId] });
    expect(r).toMatchObject({ fetched: 1, changed: 1, removed: 1, full: false, failures: [] });
    expect((ctx.entries.get(edited!.documentId)!.data as unknown as EventEntry).lead).toBe('Wstęp po webhooku.');
    expect(ctx.entries.has(withdrawn!.documentId)).toBe(false);
    expect((ctx.entries.get(untouched!.documentId)!.data as unknown as EventEntry).lead).not.toBe('Zmiana bez webhooka.');
    // The next full sync finds it.
    expect(await syncCollection('events', ctx, source())).toMatchObject({ fetched: 1, changed: 1, removed: 0 });
    expect((ctx.entries.get(untouched!.documentId)!.data as unknown as EventEntry).lead).toBe('Zmiana bez webhooka.');
    // Published again for the tests after this one.
    const back = await fetch(`${cms.url}/content-manager/collection-types/api::event.event/${withdrawn!.documentId}/actions/publish`, { method: 'POST', headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' }, body: '{}' });
    expect(back.status).toBe(200);
  });
});

describe('paging', () => {
  it('loads every entry past the 100-entry page cap, several pages at a time', async () => {
    const extra = 130;
    const created = await Promise.all(
      Array.from({ length: extra }, (_, i) => cmsRequest(cms, 'POST', '/api/speakers', { data: { name: `Osoba Testowa ${String(i).padStart(3, '0')}` } })),
    );
    expect(created).toHaveLength(extra);
    const ctx = context('speakers');
    const result = await syncCollection('speakers', ctx, { ...source(), pageSize: 50 });
    expect(result.total).toBe(seed.speakers.length + extra);
    expect(new Set([...ctx.entries.values()].map((e) => e.data.slug)).size).toBe(seed.speakers.length + extra);
    // Pages of 100, as Strapi's REST caps them, read four at a time and handed on in page order.
    const pages: unknown[][] = [];
    await forEachPage({ ...source(), pageSize: 100 }, 'speakers', (entries) => pages.push(entries));
    expect(pages.flat().length).toBe(seed.speakers.length + extra);
    expect(pages.slice(0, -1).every((p) => p.length === 100)).toBe(true);
  });
});

describe('entries that leave the CMS', () => {
  it('drops an unpublished and a deleted event at the next sync', async () => {
    const ctx = context('events');
    await syncCollection('events', ctx, source());
    const [first, second] = [...ctx.entries.values()].map((e) => e.data as unknown as EventEntry);

    const jwt = await adminLogin(cms.url, cms.admin.email, cms.admin.password);
    const unpublish = await fetch(`${cms.url}/content-manager/collection-types/api::event.event/${first!.documentId}/actions/unpublish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(unpublish.status).toBe(200);
    await cmsRequest(cms, 'DELETE', `/api/events/${second!.documentId}`);

    const result = await syncCollection('events', ctx, source());
    expect(result).toEqual({ total: 3, fetched: 0, changed: 0, removed: 2, full: false, failures: [] });
    expect(ctx.entries.has(first!.documentId)).toBe(false);
    expect(ctx.entries.has(second!.documentId)).toBe(false);
  });
});

describe("isolation: the publisher's sync keeps the last good version", () => {
  const keep = { invalid: 'keep-last-good' } as const;
  /** Changes an event's columns in the database directly (both its draft and published rows), as if past the CMS's checks. */
  function corrupt(documentId: string, column: 'type' | 'body', value: string): () => void {
    // The CMS writes too (its share-card queue): wait for its lock instead of failing at once.
    const db = new DatabaseSync(path.join(cms.workDir, 'data.db'), { timeout: 15_000 });
    const rows = db.prepare(`SELECT id, ${column} AS value FROM events WHERE document_id = ?`).all(documentId) as { id: number; value: string | null }[];
    const update = db.prepare(`UPDATE events SET ${column} = ?, updated_at = ? WHERE id = ?`);
    for (const row of rows) update.run(value, Date.now(), row.id);
    return () => {
      for (const row of rows) update.run(row.value, Date.now(), row.id);
      db.close();
    };
  }

  it('an entry that breaks the contract keeps its stored version and is reported as data; other changes are stored', async () => {
    const ctx = context('events');
    expect((await syncCollection('events', ctx, source(), keep)).failures).toEqual([]);
    const [victim, other] = [...ctx.entries.values()].map((e) => e.data as unknown as EventEntry);
    const restore = corrupt(victim!.documentId, 'type', 'webinarium');
    try {
      await cmsRequest(cms, 'PUT', `/api/events/${other!.documentId}`, { data: { lead: 'Zmiana obok złego wpisu.' } });
      const result = await syncCollection('events', ctx, source(), keep);
      expect(result.failures).toEqual([
        { type: 'event', slug: victim!.slug, documentId: victim!.documentId, field: 'type', message: expect.stringContaining(`event "${victim!.slug}" (documentId ${victim!.documentId}): field type: `) },
      ]);
      expect(result.removed).toBe(0);
      expect((ctx.entries.get(victim!.documentId)!.data as unknown as EventEntry).type).toBe(victim!.type);
      expect((ctx.entries.get(other!.documentId)!.data as unknown as EventEntry).lead).toBe('Zmiana obok złego wpisu.');
      // Still bad at the next sync: reported again, still the last good version, still not removed.
      const again = await syncCollection('events', ctx, source(), keep);
      expect(again.failures.map((f) => f.documentId)).toEqual([victim!.documentId]);
      expect(ctx.entries.has(victim!.documentId)).toBe(true);
    } finally {
      restore();
    }
    // Fixed: stored again, nothing reported.
    const fixed = await syncCollection('events', ctx, source(), keep);
    expect(fixed.failures).toEqual([]);
    expect(fixed.changed).toBeGreaterThanOrEqual(1);
  });

  it('a body that does not render keeps the last good rendered body', async () => {
    const ctx = context('events');
    await syncCollection('events', ctx, source(), keep);
    const victim = [...ctx.entries.values()][0]!;
    const goodHtml = victim.rendered!.html;
    const bad = [{ type: 'paragraph', children: [{ type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'kliknij' }] }] }];
    const restore = corrupt(victim.id, 'body', JSON.stringify(bad));
    try {
      const result = await syncCollection('events', ctx, source(), keep);
      expect(result.failures).toEqual([
        { type: 'event', slug: (victim.data as unknown as EventEntry).slug, documentId: victim.id, field: 'body', message: expect.stringContaining('javascript:alert(1)') },
      ]);
      expect(ctx.entries.get(victim.id)!.rendered!.html).toBe(goodHtml);
    } finally {
      restore();
    }
  });

  it('a new entry that was never valid stays out of the store', async () => {
    const ctx = context('events');
    await syncCollection('events', ctx, source(), keep);
    const created = await cmsRequest(cms, 'POST', '/api/events', { data: { ...UPCOMING_EVENT, title: 'Wpis od początku błędny' } });
    const id = created.data.documentId as string;
    const restore = corrupt(id, 'type', 'webinarium');
    try {
      const result = await syncCollection('events', ctx, source(), keep);
      expect(result.failures).toMatchObject([{ type: 'event', documentId: id, field: 'type' }]);
      expect(ctx.entries.has(id)).toBe(false);
    } finally {
      restore();
      await cmsRequest(cms, 'DELETE', `/api/events/${id}`);
    }
  });
});

describe('failures', () => {
  it('stops on a body the site would not render, naming the entry, the field and the block', async () => {
    // As if a body had reached the database past the CMS's checks: a link that runs a script.
    const ctx = context('events');
    await syncCollection('events', ctx, source());
    const victim = [...ctx.entries.values()][1]!.data as unknown as EventEntry;
    const db = new DatabaseSync(path.join(cms.workDir, 'data.db'), { timeout: 15_000 });
    const bad = [{ type: 'paragraph', children: [{ type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'kliknij' }] }] }];
    const rows = db.prepare('SELECT id, body FROM events WHERE document_id = ?').all(victim.documentId) as { id: number; body: string | null }[];
    const update = db.prepare('UPDATE events SET body = ?, updated_at = ? WHERE id = ?');
    for (const row of rows) update.run(JSON.stringify(bad), Date.now(), row.id);
    try {
      const failure = syncCollection('events', ctx, source());
      await expect(failure).rejects.toThrow(`event "${victim.slug}" (documentId ${victim.documentId})`);
      await expect(failure).rejects.toThrow('field body: Odnośnik „kliknij” w bloku nr 1 (akapit) prowadzi pod adres „javascript:alert(1)”');
      expect(ctx.entries.get(victim.documentId)!.rendered!.html).not.toContain('kliknij');
    } finally {
      for (const row of rows) update.run(row.body, Date.now(), row.id);
      db.close();
    }
  });

  it('stops on an entry that breaks the contract, naming the type, entry and field', async () => {
    // As if the CMS's content model had drifted from the contract: a type the site does not know.
    const ctx = context('events');
    await syncCollection('events', ctx, source());
    const victim = [...ctx.entries.values()][0]!.data as unknown as EventEntry;
    const db = new DatabaseSync(path.join(cms.workDir, 'data.db'), { timeout: 15_000 });
    // (A real write moves updatedAt too, which is how the sync sees the change.)
    db.prepare('UPDATE events SET type = ?, updated_at = ? WHERE document_id = ?').run('webinarium', Date.now(), victim.documentId);
    db.close();

    const failure = syncCollection('events', ctx, source());
    await expect(failure).rejects.toThrow(`event "${victim.slug}" (documentId ${victim.documentId})`);
    await expect(failure).rejects.toThrow(/field type: /);
    // Nothing of the failed sync reached the store.
    expect((ctx.entries.get(victim.documentId)!.data as unknown as EventEntry).type).toBe(victim.type);
  });

  it('names the URL and the reason when the CMS cannot be reached', async () => {
    const port = await freePort();
    const failure = syncCollection('events', context('events'), { url: `http://127.0.0.1:${port}`, token: 'x', attempts: 3, backoffMs: 10 });
    await expect(failure).rejects.toThrow(`GET http://127.0.0.1:${port}/api/site-export/`);
    await expect(failure).rejects.toThrow(/after 3 attempts.*ECONNREFUSED/);
  });

  it('says the token is wrong when the CMS refuses it, without retrying', async () => {
    const failure = syncCollection('speakers', context('speakers'), { url: cms.url, token: 'not-a-token', attempts: 4, backoffMs: 10 });
    await expect(failure).rejects.toThrow(/HTTP 401.*STRAPI_TOKEN/);
    await expect(failure).rejects.not.toThrow(/attempts/);
  });
});
