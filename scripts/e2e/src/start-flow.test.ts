import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '@cus/testing/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '@cus/site-build';
import { createSiteToken, tokenWorks } from '@cus/ops/site-token';
import { generatePassword, strapiSecrets } from '@cus/cms-admin/secrets';

// What ./scripts/start does, step by step, against real parts: the built Strapi started as
// its own process (`strapi start`) on a fresh SQLite file, the seed at first boot, a
// read-only token made through the admin API, a real Astro build, and the admin panel in
// Debian's Chromium. (turbo builds @cus/cms before this test.)

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const CMS = path.join(ROOT, 'cms');
const ADMIN = { email: 'redakcja@cus.test', password: generatePassword() };

let work: string;
let strapi: ChildProcess;
let baseUrl: string;
let log = '';
let browser: Browser | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (strapi.exitCode !== null) throw new Error(`strapi start exited (${strapi.exitCode}):\n${log.slice(-3000)}`);
    try {
      if ((await fetch(`${url}/_health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Strapi did not answer within ${ms} ms:\n${log.slice(-3000)}`);
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-start-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  strapi = spawn(path.join(CMS, 'node_modules/.bin/strapi'), ['start'], {
    cwd: CMS,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      ENV_PATH: path.join(work, 'no-env-file'), // never the developer's cms/.env
      HOST: '127.0.0.1',
      PORT: String(port),
      ...strapiSecrets(),
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: path.join(work, 'data.db'),
      PUBLIC_DIR: path.join(work, 'public'),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SEED_ON_EMPTY: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  strapi.stdout!.on('data', (d) => (log += d));
  strapi.stderr!.on('data', (d) => (log += d));
  fs.mkdirSync(path.join(work, 'public', 'uploads'), { recursive: true });
  await waitForHealth(baseUrl, 120_000);
}, 150_000);

afterAll(async () => {
  await browser?.close();
  if (strapi && strapi.exitCode === null) {
    strapi.kill('SIGTERM');
    await new Promise((r) => strapi.once('exit', r));
  }
  fs.rmSync(work, { recursive: true, force: true });
});

describe('./scripts/start flow', () => {
  let token: string;

  it('seeds on first boot and hands the site a working read-only token', async () => {
    expect(log).toMatch(/Zaimportowano relacje startowe: 5 wydarzeń/);
    token = await createSiteToken(baseUrl, ADMIN.email, ADMIN.password);
    expect(await tokenWorks(baseUrl, token)).toBe(true);
    const write = await fetch(`${baseUrl}/api/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { title: 'x', type: 'inne' } }),
    });
    expect(write.status).toBe(403);
    // A second run replaces a token whose key was lost, rather than failing on the name.
    const again = await createSiteToken(baseUrl, ADMIN.email, ADMIN.password);
    expect(await tokenWorks(baseUrl, again)).toBe(true);
    expect(await tokenWorks(baseUrl, token)).toBe(false);
    token = again;
  });

  it('builds the site from the CMS with that token', async () => {
    const out = path.join(work, 'dist');
    const build = await buildSite({ outDir: out, strapiUrl: baseUrl, strapiToken: token, cacheDir: path.join(work, 'site-cache') });
    expect(build.ok, build.output).toBe(true);
    const html = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(html).toContain('<html lang="pl"');
    expect(html.match(/class="event-card"/g)).toHaveLength(5);
    expect(html).toContain('19–21 i 26 czerwca 2023 r.');
    expect(html).toContain('10 lutego 2020 r.');
  });

  it('serves the admin panel in Polish, with Polish field labels', async () => {
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/admin`);
    await expect(page.getByRole('button', { name: 'Zaloguj się' }).waitFor({ timeout: 30_000 })).resolves.toBeUndefined();
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Hasło').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL(/\/admin(\/)?$/, { timeout: 30_000 });
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::event.event/create`);
    // Required fields carry a "*" after the label.
    const label = (text: string) => page.getByText(new RegExp(`^${text}\\*?$`)).first();
    await label('Rodzaj wydarzenia').waitFor({ timeout: 30_000 }).catch(async (err) => {
      await page.screenshot({ path: path.join(os.tmpdir(), 'cus-admin-failure.png') });
      throw err;
    });
    for (const text of ['Tytuł', 'Wstęp', 'Treść relacji']) {
      expect(await label(text).count(), text).toBe(1);
    }
    const form = await page.locator('main').innerText();
    for (const text of ['Terminy', 'Osoby i wystąpienia', 'Organizatorzy', 'Stwórz wpis']) expect(form).toContain(text);
  });
});
