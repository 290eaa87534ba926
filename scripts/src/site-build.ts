import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// One `astro build` of the public site into a folder of our choosing, against a given CMS,
// as its own process. Output is collected, so a failure can be reported with its reason.
//
// Astro always builds into the same folder of the build cache (<cache>/out), and the result is
// then moved to `outDir`: the output path is compiled into the page modules, so a new path
// each time would make Astro's incremental build treat every page as changed.

export const SITE_DIR = path.resolve(import.meta.dirname, '..', '..', 'site');

export interface SiteBuildOptions {
  outDir: string;
  strapiUrl: string;
  strapiToken: string;
  siteUrl?: string;
  /** Build cache (content store, CMS files); the site's default when unset. */
  cacheDir?: string;
  env?: Record<string, string>;
  signal?: AbortSignal;
  /** Told the build process's pid as soon as it runs (so it can be watched, or stopped). */
  onSpawn?: (pid: number) => void;
}

export interface SiteBuildResult {
  ok: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  durationMs: number;
}

/** Moves a folder; across file systems, copies it. */
function move(from: string, to: string): void {
  fs.rmSync(to, { recursive: true, force: true });
  try {
    fs.renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    fs.cpSync(from, to, { recursive: true });
    fs.rmSync(from, { recursive: true, force: true });
  }
}

export async function buildSite(opts: SiteBuildOptions): Promise<SiteBuildResult> {
  const staging = path.join(opts.cacheDir ?? process.env.SITE_CACHE_DIR ?? path.join(SITE_DIR, '.cache'), 'out');
  fs.rmSync(staging, { recursive: true, force: true });
  const result = await runAstroBuild(opts, staging);
  if (result.ok) move(staging, opts.outDir);
  else fs.rmSync(staging, { recursive: true, force: true });
  return result;
}

function runAstroBuild(opts: SiteBuildOptions, outDir: string): Promise<SiteBuildResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(path.join(SITE_DIR, 'node_modules/.bin/astro'), ['build', '--outDir', outDir], {
      cwd: SITE_DIR,
      env: {
        ...process.env,
        STRAPI_URL: opts.strapiUrl,
        STRAPI_TOKEN: opts.strapiToken,
        // Always set: site/.env never overrides what the environment gives.
        SITE_URL: opts.siteUrl ?? 'http://127.0.0.1:4321',
        ...(opts.cacheDir ? { SITE_CACHE_DIR: opts.cacheDir } : {}),
        ASTRO_TELEMETRY_DISABLED: '1',
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: opts.signal,
    });
    if (child.pid !== undefined) opts.onSpawn?.(child.pid);
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => (output += `\n${err.message}`));
    child.on('close', (code, signal) => resolve({ ok: code === 0, code, signal, output, durationMs: Date.now() - started }));
  });
}
