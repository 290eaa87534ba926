import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { withBuildLock } from '@cus/site-build/build-lock';
import type { PublisherEntry } from '../../src/publisher/index.ts';

// The publisher's build of the site (SITE_BUILD_MODE=publisher astro build) into a folder of
// the test's, as the publisher makes it, and its server entry loaded into the test process.

const SITE_DIR = path.resolve(import.meta.dirname, '..', '..');

export interface PublisherBuildResult {
  dir: string;
  durationMs: number;
  output: string;
}

export async function buildPublisher(outDir: string, env: { SITE_URL: string; SITE_CACHE_DIR: string }): Promise<PublisherBuildResult> {
  // The server code imports the site's packages by name: a node_modules link above it finds them.
  const parent = path.dirname(outDir);
  fs.mkdirSync(parent, { recursive: true });
  if (!fs.existsSync(path.join(parent, 'node_modules'))) fs.symlinkSync(path.join(SITE_DIR, 'node_modules'), path.join(parent, 'node_modules'));
  const started = Date.now();
  // Taking turns with every other build of the site (two test files' builds at once would collide in <root>/.astro).
  const { code, output } = await withBuildLock(SITE_DIR, () => runAstroBuild(outDir, parent, env));
  if (code !== 0) throw new Error(`publisher build failed (exit ${code}):\n${output.slice(-4000)}`);
  return { dir: outDir, durationMs: Date.now() - started, output };
}

function runAstroBuild(outDir: string, parent: string, env: { SITE_URL: string; SITE_CACHE_DIR: string }): Promise<{ code: number | null; output: string }> {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(path.join(SITE_DIR, 'node_modules/.bin/astro'), ['build', '--root', SITE_DIR, '--outDir', outDir], {
      cwd: parent,
      // No CMS: this build stores no content.
      env: { ...process.env, ...env, SITE_BUILD_MODE: 'publisher', SITE_PREVIEW: '0', STRAPI_URL: '', STRAPI_TOKEN: '', ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (c) => resolve({ code: c, output: out }));
  });
}

export const loadEntry = (dir: string) => import(pathToFileURL(path.join(dir, 'server', 'entry.mjs')).href) as Promise<PublisherEntry>;

/** Every file under `dir`, relative, with '/' separators. */
export function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}
