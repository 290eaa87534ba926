import { spawn } from 'node:child_process';
import path from 'node:path';

// One `astro build` of the public site into a folder of our choosing, against a given CMS,
// as its own process. Output is collected, so a failure can be reported with its reason.

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

export function buildSite(opts: SiteBuildOptions): Promise<SiteBuildResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(path.join(SITE_DIR, 'node_modules/.bin/astro'), ['build', '--outDir', opts.outDir], {
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
