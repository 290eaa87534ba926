import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PUBLISH_STATUS_ADMIN_PATH, type EntryPublishStatus, type PublishStatusResponse, type RebuildEntriesResponse } from '@cus/shared';
import type { LocalTarget } from '../deploy/local.ts';
import type { CmsProcess } from '@cus/testing/cms-process';
import { publishEvent, startPublishingStack, type PublishingStack } from '../publishing-stack.ts';
import { waitFor } from '@cus/testing/wait';
import type { RebuildService } from './service.ts';
import { adminLogin } from '@cus/cms-admin/admin-api';

// What an editor sees after "Opublikuj", with every part real: the CMS's admin route
// GET /cus-publish/status asks the rebuild service's GET /entries (server to server, with the
// secret), which answers from the versions the live release was built from; astro builds and
// deploys in between. Updating, then live with the time and the page's address; a failed build
// named in Polish with the entry and the field; no answer without the admin login or the secret.

let stack: PublishingStack;
let SECRET: string;
const PUBLIC_SITE_URL = 'https://relacje.cus.example.pl';
let cms: CmsProcess;
let service: RebuildService;
let target: LocalTarget;
let jwt: string;

async function statusOf(uid: string, documentId: string): Promise<EntryPublishStatus> {
  const res = await fetch(`${cms.url}${PUBLISH_STATUS_ADMIN_PATH}?uid=${encodeURIComponent(uid)}&documentIds=${documentId}`, { headers: { authorization: `Bearer ${jwt}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as PublishStatusResponse).data[documentId]!;
}

const createEvent = (title: string) => publishEvent(cms, title);

beforeAll(async () => {
  stack = await startPublishingStack({ templateDir: inject('templateDir'), prefix: 'cus-publish-status-', cmsEnv: { PUBLIC_SITE_URL }, liveContentFile: true });
  ({ cms, service, target, secret: SECRET } = stack);
  await service.scheduler.idle();
  jwt = await adminLogin(cms.url, cms.admin.email, cms.admin.password);
}, 300_000);

afterAll(() => stack?.stop());

describe('the publish status an editor sees in the admin', () => {
  it('answers only with the admin login (CMS) or the secret (rebuild service)', async () => {
    const res = await fetch(`${cms.url}${PUBLISH_STATUS_ADMIN_PATH}?uid=api::event.event&documentIds=abcdefghij1234567890ab`);
    expect(res.status).toBe(401);
    const direct = await fetch(`${service.url}/entries?collection=events&documentIds=abcdefghij1234567890ab`);
    expect(direct.status).toBe(401);
    const wrong = await fetch(`${service.url}/entries?collection=events&documentIds=abcdefghij1234567890ab`, { headers: { 'x-rebuild-secret': 'zly-sekret' } });
    expect(wrong.status).toBe(401);
    const bad = await fetch(`${service.url}/entries?collection=users&documentIds=x`, { headers: { 'x-rebuild-secret': SECRET } });
    expect(bad.status).toBe(400);
  });

  it('shows "updating" after "Opublikuj", then "live" with the time and the page', async () => {
    const published = Date.now();
    const event = await createEvent('Szkolenie widoczne w panelu');
    const first = await statusOf('api::event.event', event.documentId);
    expect(first).toMatchObject({ state: 'updating', message: 'Strona jest aktualizowana…' });

    const live = await waitFor('the live state', async () => {
      const s = await statusOf('api::event.event', event.documentId);
      return s.state === 'live' ? s : null;
    }, 120_000, 250);
    const seconds = (Date.now() - published) / 1000;
    console.log(`[publish-status] "Opublikuj" → admin shows live: ${seconds.toFixed(1)} s`);
    expect(live.url).toBe(`${PUBLIC_SITE_URL}/wydarzenia/${event.slug}/`);
    expect(Date.parse(live.since!)).toBeGreaterThanOrEqual(published - 1000);
    const warsaw = new Intl.DateTimeFormat('pl-PL', { timeZone: 'Europe/Warsaw', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(live.since!));
    expect(live.message).toBe(`Na stronie od ${warsaw}`);

    // An entry the new release did not change keeps the time it first went live.
    const entries = async (id: string) =>
      ((await (await fetch(`${service.url}/entries?collection=events&documentIds=${id}`, { headers: { 'x-rebuild-secret': SECRET } })).json()) as RebuildEntriesResponse).entries[id]!;
    // Settled first: the share card drawn after the publish moves the event's version once more (a second webhook).
    const before = await waitFor('the event settled', async () => {
      const e = await entries(event.documentId);
      return e.pending ? null : e;
    }, 120_000, 250);
    const other = await createEvent('Kolejne szkolenie');
    await waitFor('the next release', async () => (await statusOf('api::event.event', other.documentId)).state === 'live', 120_000, 250);
    expect(await entries(event.documentId)).toEqual(before);
    expect(await statusOf('api::event.event', event.documentId)).toMatchObject({ state: 'live', since: before.liveSince });
  });

  it('names, in Polish, the entry and field that stopped the build', async () => {
    await service.scheduler.idle();
    const db = new DatabaseSync(path.join(cms.workDir, 'data.db'), { timeout: 15_000 });
    const seed = db.prepare("SELECT slug, title FROM events WHERE published_at IS NOT NULL AND slug LIKE 'konferencja-podsumowujaca%'").get() as { slug: string; title: string };
    // An entry the site's contract does not accept (as if the CMS's model had drifted).
    db.prepare('UPDATE events SET type = ?, updated_at = ? WHERE slug = ?').run('webinarium', Date.now(), seed.slug);
    try {
      const event = await createEvent('Relacja w czasie awarii');
      const failed = await waitFor('the failed state', async () => {
        const s = await statusOf('api::event.event', event.documentId);
        return s.state === 'failed' ? s : null;
      }, 120_000, 250);
      expect(failed.message).toBe(`Strona nie została zaktualizowana: wydarzenie „${seed.title}”, pole „Rodzaj wydarzenia”: wartość spoza listy dozwolonych`);
      expect(failed.failure).toMatchObject({ type: 'event', slug: seed.slug, field: 'type' });
      expect(failed.url).toBe(`${PUBLIC_SITE_URL}/wydarzenia/${event.slug}/`);
    } finally {
      db.prepare('UPDATE events SET type = ?, updated_at = ? WHERE slug = ?').run('konferencja', Date.now(), seed.slug);
      db.close();
    }
  });

  it('takes a gallery off the site with its event, and says so in the admin', async () => {
    await service.scheduler.idle();
    const db = new DatabaseSync(path.join(cms.workDir, 'data.db'), { readOnly: true, timeout: 15_000 });
    const row = db
      .prepare(
        `SELECT e.document_id AS event, g.document_id AS gallery, g.slug AS slug FROM events e
         JOIN events_gallery_lnk l ON l.event_id = e.id JOIN galleries g ON g.id = l.gallery_id
         WHERE e.published_at IS NOT NULL AND g.published_at IS NOT NULL LIMIT 1`,
      )
      .get() as { event: string; gallery: string; slug: string };
    db.close();
    const galleryPage = () => fs.existsSync(path.join(target.current()!, 'galerie', row.slug, 'index.html'));
    expect(galleryPage()).toBe(true);
    expect(await statusOf('api::gallery.gallery', row.gallery)).toMatchObject({ state: 'live', url: `${PUBLIC_SITE_URL}/galerie/${row.slug}/` });

    const res = await fetch(`${cms.url}/content-manager/collection-types/api::event.event/${row.event}/actions/unpublish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(await statusOf('api::gallery.gallery', row.gallery)).toEqual({ state: 'not-public', message: 'Szkic: nie ma go na stronie' });
    await waitFor('the gallery page to go', () => !galleryPage(), 120_000, 250);
  });
});
