import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '@cus/serve/static-server';
import { waitFor } from '@cus/testing/wait';
import { startRebuildService, type RebuildService } from './service.ts';

// With GITHUB_REPOSITORY and GITHUB_TOKEN the service builds nothing itself: each coalesced
// change becomes one repository_dispatch, sent here to a local server that records it.

interface Recorded { method: string; url: string; headers: http.IncomingHttpHeaders; body: any }
const recorded: Recorded[] = [];
let answer = 204;
let github: http.Server;
let service: RebuildService;

beforeAll(async () => {
  github = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      recorded.push({ method: req.method!, url: req.url!, headers: req.headers, body: body ? JSON.parse(body) : null });
      res.writeHead(answer, { 'content-type': 'application/json' }).end(answer === 204 ? undefined : '{"message":"Server Error"}');
    });
  });
  const apiUrl = await listen(github);
  service = await startRebuildService({
    secret: 's3cret',
    port: 0,
    quietMs: 300,
    maxWaitMs: 3000,
    mode: { kind: 'github', github: { repository: 'cus-example/relacje', token: 'ghp_test_token', apiUrl } },
    log: () => {},
  });
});

afterAll(async () => {
  await service?.close();
  await new Promise((r) => github?.close(r));
});

const publishWebhook = (slug: string) =>
  fetch(`${service.url}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rebuild-secret': 's3cret', 'x-strapi-event': 'entry.publish' },
    body: JSON.stringify({ event: 'entry.publish', model: 'event', uid: 'api::event.event', entry: { slug, publishedAt: '2026-11-22T10:00:00.000Z' } }),
  });

describe('forwarding to GitHub Actions', () => {
  it('sends one repository_dispatch for a burst of changes', async () => {
    for (const slug of ['a', 'b', 'c']) expect((await publishWebhook(slug)).status).toBe(202);
    await waitFor('the dispatch', () => recorded.length === 1, 10_000, 50);
    await service.scheduler.idle();
    expect(recorded).toHaveLength(1);
    const [call] = recorded;
    expect(call!.method).toBe('POST');
    expect(call!.url).toBe('/repos/cus-example/relacje/dispatches');
    expect(call!.headers.authorization).toBe('Bearer ghp_test_token');
    expect(call!.headers.accept).toBe('application/vnd.github+json');
    expect(call!.body).toMatchObject({ event_type: 'cms-content-changed', client_payload: { changes: 3, reasons: ['entry.publish event a', 'entry.publish event b', 'entry.publish event c'] } });
    expect(service.status().last[0]).toMatchObject({ outcome: 'forwarded', changes: 3 });
  });

  it('ignores what does not change the public site', async () => {
    const before = recorded.length;
    const draft = await fetch(`${service.url}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rebuild-secret': 's3cret' },
      body: JSON.stringify({ event: 'entry.update', model: 'event', entry: { slug: 'x', publishedAt: null } }),
    });
    expect(await draft.json()).toMatchObject({ queued: false, why: 'a draft was saved' });
    await new Promise((r) => setTimeout(r, 600));
    expect(recorded.length).toBe(before);
  });

  it('records a refused dispatch as a failed build', async () => {
    answer = 500;
    expect((await publishWebhook('d')).status).toBe(202);
    await waitFor('the failed dispatch', () => service.status().last[0]?.outcome === 'failed', 10_000, 50);
    expect(service.status().last[0]!.error).toMatch(/HTTP 500/);
    answer = 204;
  });
});
