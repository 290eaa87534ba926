import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Core } from '@strapi/strapi';

// Boots the real Strapi app of this package in-process on a throwaway database, serving
// HTTP on a free port. The ESM entry of @strapi/strapi fails under vitest, so it is loaded
// with require (TOOLCHAIN.md); global-setup.ts has compiled the app into dist/ already.

// Strapi loads a .env file from the working directory when it is first required: a
// developer's cms/.env must never leak into tests, so point it at a file that does not exist.
process.env.ENV_PATH = path.join(os.tmpdir(), 'cus-tests-use-no-env-file');

const require = createRequire(import.meta.url);
export const APP_DIR = path.resolve(import.meta.dirname, '..', '..');
export const DIST_DIR = path.join(APP_DIR, 'dist');
export const TEMPLATE_DB = path.join(APP_DIR, '.tmp', 'test-template.db');

export interface TestStrapi {
  strapi: Core.Strapi;
  url: string;
  workDir: string;
  /** Stops Strapi and deletes its files (unless keepFiles: global-setup keeps the migrated DB). */
  stop(opts?: { keepFiles?: boolean }): Promise<void>;
}

const secret = () => crypto.randomBytes(24).toString('base64');

/** Environment a test Strapi needs: fresh secrets, a temp SQLite file and upload folder. */
export function testEnv(workDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    APP_KEYS: [secret(), secret()].join(','),
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(workDir, 'data.db'),
    PUBLIC_DIR: path.join(workDir, 'public'),
    SEED_ON_EMPTY: 'false',
    // Blank unless a test sets them, whatever the calling shell exported.
    ADMIN_EMAIL: '',
    ADMIN_PASSWORD: '',
    DATABASE_URL: '',
    PUBLIC_URL: '',
    REBUILD_URL: '',
    REBUILD_SECRET: '',
    STRAPI_TELEMETRY_DISABLED: 'true',
    ...extra,
  };
}

/**
 * Starts Strapi. `env` overrides testEnv(); with `fromTemplate` the SQLite file starts as a
 * copy of the migrated template made by global-setup (boots in about 1.5 s instead of 7).
 */
export async function startStrapi(
  opts: { env?: Record<string, string>; fromTemplate?: boolean; /** Another build of the app (the migration test's old schema). */ app?: { appDir: string; distDir: string } } = {},
): Promise<TestStrapi> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-strapi-'));
  fs.mkdirSync(path.join(workDir, 'public', 'uploads'), { recursive: true });
  const env = testEnv(workDir, opts.env);
  if (opts.fromTemplate !== false && env.DATABASE_CLIENT === 'sqlite' && fs.existsSync(TEMPLATE_DB)) {
    fs.copyFileSync(TEMPLATE_DB, env.DATABASE_FILENAME!);
  }
  Object.assign(process.env, env);

  // strapi.destroy() removes every process listener, vitest's included: keep them to restore.
  const saved = process.eventNames().map((name) => [name, process.listeners(name as never)] as const);

  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const strapi = await createStrapi({
    appDir: opts.app?.appDir ?? APP_DIR,
    distDir: opts.app?.distDir ?? DIST_DIR,
    autoReload: false,
    serveAdminPanel: false,
  }).load();
  await strapi.server.mount();
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = strapi.server.httpServer.address() as AddressInfo;

  let stopped = false;
  return {
    strapi,
    url: `http://127.0.0.1:${port}`,
    workDir,
    async stop(stopOpts = {}) {
      if (stopped) return;
      stopped = true;
      await databaseIdle(strapi);
      await strapi.destroy();
      for (const [name, listeners] of saved) {
        for (const l of listeners) {
          if (!process.listeners(name as never).includes(l as never)) process.on(name as never, l as never);
        }
      }
      if (!stopOpts.keepFiles) fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/**
 * Until no query holds or waits for a connection (at most 10 s). Work a request or a publish
 * starts in the background (webhooks, image variants, after-commit hooks) may still be querying
 * when a test stops the CMS; destroying the pool then aborts those queries, and their rejection
 * surfaces as an unhandled error of whichever test file happens to be running.
 */
async function databaseIdle(strapi: Core.Strapi): Promise<void> {
  const pool = (strapi.db?.connection?.client as { pool?: { numUsed(): number; numPendingAcquires(): number; numPendingCreates(): number } } | undefined)?.pool;
  if (!pool) return;
  const until = Date.now() + 10_000;
  while (pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A read-only API token, as ./scripts/start makes for the site. */
export async function createReadOnlyToken(strapi: Core.Strapi, name = 'Strona publiczna (test)'): Promise<string> {
  const token = await strapi.service('admin::api-token').create({
    name,
    description: 'Token tylko do odczytu dla budowania strony',
    type: 'read-only',
    lifespan: null,
  });
  return token.accessKey as string;
}
