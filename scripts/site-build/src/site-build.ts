import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BuildReport } from '@cus/shared';
import { withBuildLock } from './build-lock.ts';

// One `astro build` of the public site into a folder of our choosing, against a given CMS,
// as its own process. Output is collected, so a failure can be reported with its reason.
//
// Astro always builds into the same folder of the build cache (<cache>/out), and the result is
// then moved to `outDir`: the output path is compiled into the page modules, so a new path
// each time would make Astro's incremental build treat every page as changed.

export const SITE_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'site');

export interface SiteBuildOptions {
  outDir: string;
  strapiUrl: string;
  strapiToken: string;
  siteUrl?: string;
  /** Build cache (content store, CMS files); the site's default when unset. */
  cacheDir?: string;
  env?: Record<string, string>;
  signal?: AbortSignal;
  /** The draft preview server's part: true always, false never, unset when the code changed. */
  preview?: boolean;
  /**
   * "later": a site that had at least `searchDeferMinPages` HTML pages when its index was last made (default 1000)
   * ships the previous index, and the result says `searchDeferred`; a build with "now" (the
   * default) makes the new one. Indexing 17,000 pages takes most of a minute.
   */
  searchIndex?: 'now' | 'later';
  searchDeferMinPages?: number;
  /** Told the build process's pid as soon as it runs (so it can be watched, or stopped). */
  onSpawn?: (pid: number) => void;
}

export interface SiteBuildResult {
  ok: boolean;
  /** The draft preview's part could not be built (the site itself was). */
  previewError?: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  durationMs: number;
  /** The pages changed but the previous search index was shipped (searchIndex: "later"). */
  searchDeferred?: boolean;
  /** What the build reported as data (SITE_BUILD_REPORT, site/src/loader/build-report.ts): e.g. the failure that stopped it, naming the entry and field. */
  report?: BuildReport;
}

/** The build's report, or an empty one when it wrote none. */
function readReport(file: string): BuildReport {
  try {
    const report = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return report && typeof report === 'object' ? (report as BuildReport) : {};
  } catch {
    return {};
  }
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

/**
 * The server part of a build imports the site's packages (zod, unified…) by name: wherever the
 * cache folder is, a node_modules link in it lets them be found from <cache>/out and <cache>/preview.
 */
function linkPackages(cache: string): void {
  const link = path.join(cache, 'node_modules');
  fs.mkdirSync(cache, { recursive: true });
  if (path.resolve(cache).startsWith(SITE_DIR + path.sep)) return; // inside site/: found anyway
  try {
    if (fs.readlinkSync(link) === path.join(SITE_DIR, 'node_modules')) return;
    fs.rmSync(link, { force: true });
  } catch {
    // no link yet
  }
  fs.symlinkSync(path.join(SITE_DIR, 'node_modules'), link);
}

/** A hash of what the preview server's part is made of: the site's code and its packages. */
export function siteCodeDigest(): string {
  const hash = createHash('sha256');
  const files = [
    ...fs.readdirSync(path.join(SITE_DIR, 'src'), { recursive: true, encoding: 'utf8' }).map((f) => path.join('src', f)),
    'astro.config.ts',
    'package.json',
    '../pnpm-lock.yaml',
  ].sort();
  for (const f of files) {
    const full = path.join(SITE_DIR, f);
    if (fs.statSync(full).isFile()) hash.update(f).update('\0').update(fs.readFileSync(full));
  }
  return hash.digest('hex');
}

const cacheOf = (opts: Pick<SiteBuildOptions, 'cacheDir'>) => path.resolve(opts.cacheDir ?? process.env.SITE_CACHE_DIR ?? path.join(SITE_DIR, '.cache'));

/**
 * Builds the public site into <cache>/out and moves it to `outDir`. Unless `preview: false`,
 * then also makes the draft preview server's part (see buildPreview); the publish pipeline
 * does that itself, after the deploy, so a code change does not delay the site.
 */
export async function buildSite(opts: SiteBuildOptions): Promise<SiteBuildResult> {
  const cache = cacheOf(opts);
  linkPackages(cache);
  const staging = path.join(cache, 'out');
  fs.rmSync(staging, { recursive: true, force: true });
  // What the build tells as data (site/src/loader/build-report.ts), into a file of this build's own.
  const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-site-build-'));
  const reportFile = path.join(reportDir, 'report.json');
  let result: SiteBuildResult;
  try {
    result = await runAstroBuild({ ...opts, env: { ...opts.env, SITE_BUILD_REPORT: reportFile } }, staging, false);
    const report = readReport(reportFile);
    if (report.failure || report.search) result.report = report;
    if (report.search?.deferred === true) result.searchDeferred = true;
  } finally {
    fs.rmSync(reportDir, { recursive: true, force: true });
  }
  if (!result.ok) {
    fs.rmSync(staging, { recursive: true, force: true });
    return result;
  }
  move(staging, opts.outDir);
  if (opts.preview === false) return result;
  const preview = await buildPreview(opts, opts.preview === true);
  return { ...result, durationMs: result.durationMs + preview.durationMs, ...(preview.error ? { previewError: preview.error } : {}) };
}

/**
 * The draft preview server's part, when the site's code changed since it was last made (or
 * `force`): the same code built with SITE_PREVIEW=1 (on demand, nothing prerendered), its
 * server code and stylesheets put in <cache>/preview, where the preview server takes them from.
 * Nothing of it is published; a failure is returned in `error`, never thrown.
 */
export async function buildPreview(opts: Omit<SiteBuildOptions, 'outDir'>, force = false): Promise<{ built: boolean; error?: string; durationMs: number }> {
  const cache = cacheOf(opts);
  linkPackages(cache);
  const preview = path.join(cache, 'preview');
  const digestFile = path.join(preview, 'site-code.sha256');
  const digest = siteCodeDigest();
  const stale = !fs.existsSync(digestFile) || fs.readFileSync(digestFile, 'utf8') !== digest;
  if (!force && !stale) return { built: false, durationMs: 0 };
  const previewOut = path.join(cache, 'preview-out');
  fs.rmSync(previewOut, { recursive: true, force: true });
  const built = await runAstroBuild(opts, previewOut, true);
  if (!built.ok) {
    fs.rmSync(previewOut, { recursive: true, force: true });
    return { built: false, error: built.output.slice(-3000), durationMs: built.durationMs };
  }
  const next = `${preview}.next`;
  fs.rmSync(next, { recursive: true, force: true });
  fs.mkdirSync(path.join(next, 'client'), { recursive: true });
  fs.cpSync(path.join(previewOut, 'client', '_astro'), path.join(next, 'client', '_astro'), { recursive: true });
  fs.renameSync(path.join(previewOut, 'server'), path.join(next, 'server'));
  fs.writeFileSync(path.join(next, 'site-code.sha256'), digest);
  move(next, preview);
  fs.rmSync(previewOut, { recursive: true, force: true });
  return { built: true, durationMs: built.durationMs };
}

async function runAstroBuild(opts: Omit<SiteBuildOptions, 'outDir'>, outDir: string, preview: boolean): Promise<SiteBuildResult> {
  const started = Date.now();
  let waited = '';
  try {
    // One build of the site's root at a time (build-lock.ts): the result says when it waited.
    return await withBuildLock(SITE_DIR, () => spawnAstroBuild(opts, outDir, preview, started, waited), {
      onWait: (holder) => (waited = `waited for another build of the site (${holder}) to end\n`),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (err) {
    // Stopped while waiting (as a build stopped by its signal), or the lock could not be made.
    const stopped = opts.signal?.aborted === true;
    return { ok: false, code: null, signal: stopped ? 'SIGTERM' : null, output: `${waited}${(err as Error).message}`, durationMs: Date.now() - started };
  }
}

function spawnAstroBuild(opts: Omit<SiteBuildOptions, 'outDir'>, outDir: string, preview: boolean, started: number, waited: string): Promise<SiteBuildResult> {
  return new Promise((resolve) => {
    // Run from the output's parent folder: Astro keeps its intermediate server files under the
    // output folder only when that is inside the working directory (site/.astro/.prerender
    // otherwise, shared by every build of the site, so two builds at once would collide).
    const child = spawn(path.join(SITE_DIR, 'node_modules/.bin/astro'), ['build', '--root', SITE_DIR, '--outDir', outDir], {
      cwd: path.dirname(outDir),
      env: {
        ...process.env,
        STRAPI_URL: opts.strapiUrl,
        STRAPI_TOKEN: opts.strapiToken,
        // Always set: site/.env never overrides what the environment gives.
        SITE_URL: opts.siteUrl ?? 'http://127.0.0.1:4321',
        ...(opts.cacheDir ? { SITE_CACHE_DIR: opts.cacheDir } : {}),
        ASTRO_TELEMETRY_DISABLED: '1',
        SITE_PREVIEW: preview ? '1' : '0',
        SEARCH_INDEX: opts.searchIndex ?? 'now',
        ...(opts.searchDeferMinPages !== undefined ? { SEARCH_DEFER_MIN_PAGES: String(opts.searchDeferMinPages) } : {}),
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: opts.signal,
    });
    if (child.pid !== undefined) opts.onSpawn?.(child.pid);
    let output = waited;
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => (output += `\n${err.message}`));
    child.on('close', (code, signal) => resolve({ ok: code === 0, code, signal, output, durationMs: Date.now() - started }));
  });
}
