import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminLogin, createApiToken, PREVIEW_TOKEN, SITE_TOKEN } from '@cus/cms-admin/admin-api';
import { generatePassword, strapiSecrets } from '@cus/cms-admin/secrets';
import { freePort } from './free-port.ts';
import { CMS_DIR } from './paths.ts';

// The real CMS for tests of other packages: the built Strapi app started with `strapi start`
// as its own process, on a SQLite file and upload folder of its own. A seeded template (the
// five seed reports with their photos) is made once per test run and copied for each start,
// so a test that changes content never disturbs another.

declare module 'vitest' {
  export interface ProvidedContext {
    /** The seeded template global-setup.ts made for this run (readTemplate). */
    templateDir: string;
  }
}

/** A database and uploads to start from, with the admin login that works on it. */
export interface CmsTemplate {
  dir: string;
  admin: { email: string; password: string };
}

export interface CmsProcess {
  url: string;
  workDir: string;
  /** The environment it runs with (database, uploads, secrets): for Strapi commands on the same data. */
  env: Record<string, string>;
  admin: { email: string; password: string };
  /** The site build's token (published content of the export endpoint only), as ./scripts/start makes it. */
  readToken: string;
  /** The draft preview's token: the export endpoint, drafts too (with X-Preview-Secret). */
  previewToken: string;
  /** Full-access API token, for tests that change content. */
  writeToken: string;
  log(): string;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`strapi start exited (${child.exitCode}):\n${log().slice(-3000)}`);
    try {
      if ((await fetch(`${url}/_health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Strapi did not answer within ${ms} ms:\n${log().slice(-3000)}`);
}

async function launch(workDir: string, admin: { email: string; password: string }, seed: boolean, env: Record<string, string> = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const cmsEnv: Record<string, string> = {
    NODE_ENV: 'production',
    ENV_PATH: path.join(workDir, 'no-env-file'), // never the developer's cms/.env
    HOST: '127.0.0.1',
    PORT: String(port),
    ...strapiSecrets(),
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(workDir, 'data.db'),
    DATABASE_URL: '',
    PUBLIC_DIR: path.join(workDir, 'public'),
    PUBLIC_URL: '',
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    SEED_ON_EMPTY: seed ? 'true' : 'false',
    // No webhook unless a test asks for one.
    REBUILD_URL: '',
    REBUILD_SECRET: '',
    STRAPI_TELEMETRY_DISABLED: 'true',
    ...env,
  };
  const child = spawn(path.join(CMS_DIR, 'node_modules/.bin/strapi'), ['start'], {
    cwd: CMS_DIR,
    env: { ...process.env, ...cmsEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const log = () => output;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForHealth(url, child, log);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, log, stop, env: cmsEnv };
}

/**
 * Photos get their variants in the CMS's background queue: waits until it is empty
 * (GET /api/image-variants/status) and fails if an image could not be processed.
 */
export async function waitForImageVariants(url: string, token: string, opts: { timeoutMs?: number; onProgress?: (pending: number) => void } = {}): Promise<void> {
  const until = Date.now() + (opts.timeoutMs ?? 10 * 60_000);
  for (;;) {
    const res = await fetch(`${url}/api/image-variants/status`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`GET ${url}/api/image-variants/status: HTTP ${res.status}`);
    const status = (await res.json()) as { pending: number; failed: { name: string; error: string }[] };
    if (status.failed.length > 0) throw new Error(`The CMS could not make image variants: ${JSON.stringify(status.failed)}`);
    if (status.pending === 0) return;
    opts.onProgress?.(status.pending);
    if (Date.now() > until) throw new Error(`Image variants still pending (${status.pending}) after the time allowed`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Starts Strapi once on an empty database with the seed import on, and keeps the result (photo variants made). */
export async function makeSeededTemplate(dir: string): Promise<CmsTemplate> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
  const admin = { email: 'redakcja@cus.test', password: generatePassword() };
  const cms = await launch(dir, admin, true);
  try {
    const token = await createApiToken(cms.url, await adminLogin(cms.url, admin.email, admin.password), { ...SITE_TOKEN, name: 'Szablon testów' });
    await waitForImageVariants(cms.url, token);
  } finally {
    await cms.stop();
  }
  if (!/Zaimportowano relacje startowe/.test(cms.log())) throw new Error(`The seed import did not run:\n${cms.log().slice(-3000)}`);
  const template = { dir, admin };
  fs.writeFileSync(path.join(dir, 'template.json'), JSON.stringify(template));
  return template;
}

/**
 * The seeded template of this test run. Under ./scripts/test (CUS_TEST_TEMPLATE_DIR set) every
 * package shares one: the first to ask makes it, the others wait for it, so a run boots the seed
 * import once instead of once per package at the same time (on 2 cores those boots starved each
 * other). The lock is a directory holding its maker's pid; a maker that died leaves it to the next.
 * Run alone, a package makes its own template in `ownDir`. Tests only ever copy a template.
 */
export async function seededTemplate(ownDir: string): Promise<CmsTemplate> {
  const shared = process.env.CUS_TEST_TEMPLATE_DIR;
  if (!shared) return makeSeededTemplate(ownDir);
  const done = path.join(shared, 'template.json');
  const lock = `${shared}.lock`;
  fs.mkdirSync(path.dirname(shared), { recursive: true });
  for (;;) {
    if (fs.existsSync(done)) return readTemplate(shared);
    try {
      fs.mkdirSync(lock);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (!makerAlive(lock)) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      if (!fs.existsSync(done)) await makeSeededTemplate(shared);
      return readTemplate(shared);
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

function makerAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
  } catch {
    return true; // just made, its pid not written yet
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function readTemplate(dir: string): CmsTemplate {
  return JSON.parse(fs.readFileSync(path.join(dir, 'template.json'), 'utf8')) as CmsTemplate;
}

/** Starts the CMS on a copy of the template, with the site's, the preview's and a full-access token. */
export async function startCms(template: CmsTemplate, env: Record<string, string> = {}): Promise<CmsProcess> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-cms-'));
  fs.copyFileSync(path.join(template.dir, 'data.db'), path.join(workDir, 'data.db'));
  fs.cpSync(path.join(template.dir, 'public'), path.join(workDir, 'public'), { recursive: true });
  return startCmsIn(workDir, template.admin, env, { removeOnStop: true });
}

/**
 * Starts the CMS on the database and uploads in `workDir` (data.db, public/), as they are.
 * The admin is created on the first start if the database has none.
 */
export async function startCmsIn(
  workDir: string,
  admin: { email: string; password: string },
  env: Record<string, string> = {},
  opts: { removeOnStop?: boolean } = {},
): Promise<CmsProcess> {
  fs.mkdirSync(path.join(workDir, 'public', 'uploads'), { recursive: true });
  const cms = await launch(workDir, admin, false, env);
  try {
    const jwt = await adminLogin(cms.url, admin.email, admin.password);
    const readToken = await createApiToken(cms.url, jwt, { ...SITE_TOKEN, name: 'Testy: odczyt' });
    const previewToken = await createApiToken(cms.url, jwt, { ...PREVIEW_TOKEN, name: 'Testy: podgląd' });
    const writeToken = await createApiToken(cms.url, jwt, { name: 'Testy: zapis', description: 'test', type: 'full-access' });
    return {
      url: cms.url,
      workDir,
      env: cms.env,
      admin,
      readToken,
      previewToken,
      writeToken,
      log: cms.log,
      async stop() {
        await cms.stop();
        if (opts.removeOnStop) fs.rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await cms.stop();
    if (opts.removeOnStop) fs.rmSync(workDir, { recursive: true, force: true });
    throw err;
  }
}

/** JSON request to the CMS REST API with a token; throws on an unexpected status. */
export async function cmsRequest(cms: Pick<CmsProcess, 'url' | 'writeToken'>, method: string, apiPath: string, body?: unknown): Promise<any> {
  const res = await fetch(`${cms.url}${apiPath}`, {
    method,
    headers: { authorization: `Bearer ${cms.writeToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${apiPath} → HTTP ${res.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}
