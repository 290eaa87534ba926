import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { blocksProblems, type BlockNode } from '@cus/shared/blocks';
import { readTemplate, startCms, type CmsProcess } from '@cus/testing/cms-process';
import { JOOMLA_FIXTURE_TOKEN, serveFixtures, type FixtureServer } from '../fixture-server.ts';
import type { RunSummary } from '../run/summary.ts';
import { runCli } from './cli-process.ts';

// ./scripts/import joomla end to end: the fixture Joomla (Web Services API, two pages, images)
// into a real CMS: published articles become drafts with their images, the others are named
// as skipped; a wrong token and an address with no Joomla are refused in Polish.

const SITE = 'https://relacje.cus.example';
let cms: CmsProcess;
let fx: FixtureServer;
let dir: string;

const login = () => ({ CUS_IMPORT_EMAIL: cms.admin.email, CUS_IMPORT_PASSWORD: cms.admin.password });

beforeAll(async () => {
  [cms, fx] = await Promise.all([startCms(readTemplate(inject('templateDir'))), serveFixtures()]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-import-joomla-'));
});

afterAll(async () => {
  await Promise.all([cms?.stop(), fx?.close()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('./scripts/import joomla into a real CMS', () => {
  it('makes drafts of the published articles, with their images, and names the others as skipped', async () => {
    const out = path.join(dir, 'wyniki');
    const run = await runCli(['joomla', fx.joomlaUrl, '--token', JOOMLA_FIXTURE_TOKEN, '--cms', cms.url, '--site-url', SITE, '--out', out], login());
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as RunSummary;
    expect(summary.counts).toEqual({ created: 3, skipped: 3 });
    expect(run.stderr).toMatch(/^\[\d\] utworzono szkic: II Kongres Centrów Usług Społecznych w Starachowicach \(1 zdjęcie, /m);
    expect(run.stdout).toContain('Pominięte (według powodu):');

    const kongres = summary.items.find((i) => i.title === 'II Kongres Centrów Usług Społecznych w Starachowicach')!;
    expect(kongres).toMatchObject({ key: expect.stringMatching(/^joomla:127\.0\.0\.1:32$/), status: 'created' });
    expect(kongres.oldUrl).toContain('/index.php?option=com_content&view=article&id=32');

    const res = await fetch(`${cms.url}/api/events/${kongres.documentId}?status=draft&populate[cover]=true`, { headers: { authorization: `Bearer ${cms.writeToken}` } });
    const event = ((await res.json()) as { data: { title: string; publishedAt: string | null; body: BlockNode[]; cover: { alternativeText: string } | null } }).data;
    expect(event.publishedAt).toBeNull();
    expect(blocksProblems(event.body)).toEqual([]);
    expect(event.body.length).toBeGreaterThan(0);
    expect(event.cover?.alternativeText).toBe('Uczestnicy kongresu w Hotelu Europa');

    // The Joomla addresses go into the map (query-string form for Netlify, exact for nginx).
    const redirects = fs.readFileSync(path.join(out, '_redirects'), 'utf8');
    expect(redirects).toMatch(/^\/joomla\/index\.php option=com_content view=article id=32 catid=9 {2}\/wydarzenia\/[a-z0-9-]+\/ {2}301$/m);
    expect(fs.readFileSync(path.join(out, 'redirects.nginx.conf'), 'utf8')).toContain('"/joomla/index.php?option=com_content&view=article&id=32&catid=9"');
  });

  it('refuses a missing token and an address with no Joomla, in Polish, with exit code 2', async () => {
    const noToken = await runCli(['joomla', fx.joomlaUrl, '--cms', cms.url, '--dry-run'], login());
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('Joomla odmówiła dostępu (401)');
    const notJoomla = await runCli(['joomla', `${fx.url}/not-joomla`, '--token', JOOMLA_FIXTURE_TOKEN, '--dry-run', '--cms', 'http://127.0.0.1:1'], {});
    expect(notJoomla.code).toBe(2);
    expect(notJoomla.stderr).toMatch(/^Błąd: .*nie (jest JSON-em|wygląda na API Joomli)|Nie znaleziono API artykułów Joomli/m);
  });
});
