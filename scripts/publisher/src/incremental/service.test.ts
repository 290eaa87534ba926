import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cmsRequest } from '@cus/testing/cms-process';
import { freePort } from '@cus/testing/free-port';
import { waitFor } from '@cus/testing/wait';
import { publishEvent, startPublishingStack, type PublishingStack } from '../publishing-stack.ts';
import type { BuildRecord } from '../rebuild/service.ts';

// The rebuild service with the long-lived publisher, every part real: the CMS's webhook reaches
// the service, the publisher renders what changed into a new local release, the static server
// serves it. /status says what each publish rendered; an entry that fails is named with its
// field there and in /entries (what the admin shows), while its last good page stays live.

let stack: PublishingStack;
const serviceLog: string[] = [];

beforeAll(async () => {
  stack = await startPublishingStack({ templateDir: inject('templateDir'), prefix: 'cus-incremental-service-', incremental: true, liveContentFile: true, log: (l) => serviceLog.push(l) });
}, 240_000);

afterAll(() => stack?.stop());

const records = (): BuildRecord[] => stack.service.status().last;
const get = async (p: string) => {
  const res = await fetch(`${stack.siteUrl}${p}`);
  return { status: res.status, text: await res.text() };
};

describe('the rebuild service with the incremental publisher', () => {
  it('goes live with a reconcile at start, and serves the seed', async () => {
    await stack.service.scheduler.idle();
    expect(records()[0]).toMatchObject({ outcome: 'deployed', triggers: ['startup'], publish: { kind: 'reconcile' } });
    expect((await get('/')).status).toBe(200);
    expect(fs.readFileSync(path.join(stack.target.current()!, '_headers'), 'utf8')).toContain('Content-Security-Policy');
  });

  it('a published event is served after its webhook, rendering only what it changed', async () => {
    const started = Date.now();
    const event = await publishEvent(stack.cms, 'Wydarzenie z webhooka');
    const page = await waitFor('the new page', async () => {
      const r = await get(`/wydarzenia/${event.slug}/`);
      return r.status === 200 ? r : null;
    }, 60_000, 100);
    const toLive = Date.now() - started;
    expect(page.text).toContain('Wydarzenie z webhooka');
    await stack.service.scheduler.idle();
    const published = records().find((r) => r.triggers.some((t) => t.startsWith('entry.publish event')) && r.outcome === 'deployed')!;
    expect(published.publish!.pagesRendered).toBeLessThan(published.pages! / 2);
    // The webhook named the event: only it (and what embeds it) was read, no version list; a
    // full publish followed and found nothing more (the event's new share card, if its webhook came meanwhile).
    expect(published.publish!.synced).toBe('named');
    expect(records()[0]).toMatchObject({ outcome: 'deployed', publish: { synced: 'all' } });
    // It found nothing to release, and records the release the named publish made live.
    const live = path.basename(stack.target.current()!);
    expect(records()[0]!.release).toBe(live);
    expect(stack.service.status().live?.release).toBe(live);
    console.log(`publish → live: ${toLive} ms (webhook, quiet period ${1000} ms, sync, render, switch); record ${JSON.stringify(published.publish)}`);
  });

  it('an entry the contract refuses keeps its last good page; /status and /entries name the entry and field', async () => {
    const events = (await cmsRequest({ url: stack.cms.url, writeToken: stack.cms.readToken }, 'GET', '/api/site-export/events?pageSize=100')).data as { documentId: string; slug: string }[];
    const bad = events.find((e) => e.slug.startsWith('konferencja-podsumowujaca'))!;
    const good = (await get(`/wydarzenia/${bad.slug}/`)).text;
    const db = new DatabaseSync(path.join(stack.cms.workDir, 'data.db'), { timeout: 15_000 });
    try {
      db.prepare("UPDATE events SET type = 'webinarium', updated_at = ? WHERE document_id = ? AND published_at IS NOT NULL").run(Date.now(), bad.documentId);
    } finally {
      db.close();
    }
    // Another change, through the CMS (its webhook queues the publish).
    const other = await publishEvent(stack.cms, 'Inne wydarzenie obok błędu');
    await waitFor('the other change live', async () => (await get(`/wydarzenia/${other.slug}/`)).status === 200, 60_000, 100);
    await stack.service.scheduler.idle();
    expect((await get(`/wydarzenia/${bad.slug}/`)).text).toBe(good);
    const last = records()[0]!;
    expect(last.outcome).toBe('deployed');
    expect(last.failures).toEqual([expect.objectContaining({ type: 'event', slug: bad.slug, documentId: bad.documentId, field: 'type' })]);
    const res = await fetch(`${stack.service.url}/entries?collection=events&documentIds=${bad.documentId}`, { headers: { 'x-rebuild-secret': stack.secret } });
    const entries = (await res.json()) as { lastFailure: { failure?: { slug?: string; field?: string } } | null; entries: Record<string, { liveVersion: string | null }> };
    expect(entries.lastFailure?.failure).toMatchObject({ slug: bad.slug, field: 'type' });
    // The admin does not call the refused version live.
    const cmsVersion = (await cmsRequest({ url: stack.cms.url, writeToken: stack.cms.readToken }, 'GET', '/api/site-export/events?view=versions')).data.find((v: [string, string]) => v[0] === bad.documentId)[1];
    expect(entries.entries[bad.documentId]!.liveVersion).not.toBe(new Date(cmsVersion).toISOString());
  });

  it('main.ts (what ./scripts/start runs) starts the publisher by default and goes live', async () => {
    const port = await freePort();
    const deployDir = path.join(stack.work, 'main-deploy');
    const child = spawn(process.execPath, [path.join(import.meta.dirname, '..', 'rebuild', 'main.ts')], {
      env: {
        ...process.env,
        REBUILD_SECRET: 'x'.repeat(32),
        REBUILD_PORT: String(port),
        STRAPI_URL: stack.cms.url,
        STRAPI_TOKEN: stack.cms.readToken,
        DEPLOY_DIR: deployDir,
        SITE_CACHE_DIR: path.join(stack.work, 'main-cache'),
        REBUILD_MODE: '',
        DEPLOY_TARGET: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    try {
      const status = await waitFor('the first publish', async () => {
        if (child.exitCode !== null) throw new Error(`main.ts exited (${child.exitCode}):\n${output}`);
        const s = (await (await fetch(`http://127.0.0.1:${port}/status`)).json()) as { mode: string; last: BuildRecord[] };
        return s.last[0]?.outcome ? s : null;
      }, 120_000, 250);
      expect(status.mode, output).toBe('incremental');
      expect(status.last[0], output).toMatchObject({ outcome: 'deployed', publish: { kind: 'reconcile' } });
      expect(fs.existsSync(path.join(deployDir, 'current', 'index.html'))).toBe(true);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
