import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublisherEntry, SiteContent, SitePath } from './contract.ts';
import { withBuildLock } from '@cus/site-build/build-lock';
import { filesUnder } from '../files-under.ts';

// The site's own pages, rendered one output at a time: the publisher build of the site
// (`SITE_BUILD_MODE=publisher astro build`, site/src/publisher/entry.ts) loaded into this
// process. It is made again only when the site's code (or the public address compiled into
// it) changes; each build goes to a folder named by that digest, so a build that fails or is
// cut short never replaces the one in use.

export const DEFAULT_SITE_DIR = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'site');

export interface RendererOptions {
  /** Where publisher builds are kept (`<cacheDir>/publisher/<digest>/`). */
  cacheDir: string;
  /** The public address: compiled into the build (canonical URLs, feeds). */
  siteUrl: string;
  /** Digest of the site's code (site-build's siteCodeDigest). */
  codeDigest: () => string;
  siteDir?: string;
  env?: Record<string, string>;
  log?: (line: string) => void;
}

export interface PublisherBuild {
  digest: string;
  dir: string;
  /** Made now (false: reused from an earlier run). */
  built: boolean;
  durationMs: number;
}

/** An asset of the build (client/…): the file a release holds it under, and where it is now. */
export interface BuildAsset {
  file: string;
  source: string;
}

export class RenderError extends Error {
  readonly pathname: string;
  readonly type: string | undefined;
  readonly slug: string | undefined;
  readonly field: string | undefined;
  constructor(pathname: string, message: string, entry: { type?: string; slug?: string; field?: string } = {}, cause?: unknown) {
    super(message, { cause });
    this.name = 'RenderError';
    this.pathname = pathname;
    this.type = entry.type;
    this.slug = entry.slug;
    this.field = entry.field;
  }
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** Whatever render() threw, as a RenderError naming the output (and the entry, when the site said). */
export function asRenderError(path: SitePath, err: unknown): RenderError {
  if (err instanceof RenderError) return err;
  const e = (err ?? {}) as { message?: unknown; type?: unknown; slug?: unknown; field?: unknown };
  const entry = { ...(str(e.type) ? { type: str(e.type) } : {}), ...(str(e.slug) ? { slug: str(e.slug) } : {}), ...(str(e.field) ? { field: str(e.field) } : {}) };
  return new RenderError(path.pathname, str(e.message) ?? String(err), entry, err);
}

async function runBuild(siteDir: string, outDir: string, env: Record<string, string>, log?: (line: string) => void): Promise<{ ok: boolean; output: string }> {
  // One build of the site's root at a time: the draft preview's or a static build may be running (build-lock.ts).
  return withBuildLock(siteDir, () => spawnBuild(siteDir, outDir, env), { onWait: (holder) => log?.(`waiting for another build of the site (${holder}) to end`) });
}

function spawnBuild(siteDir: string, outDir: string, env: Record<string, string>): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    // From the output's parent: Astro keeps its intermediate files under the output only when it is inside cwd.
    const child = spawn(path.join(siteDir, 'node_modules/.bin/astro'), ['build', '--root', siteDir, '--outDir', outDir], {
      cwd: path.dirname(outDir),
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', SITE_PREVIEW: '0', ...env, SITE_BUILD_MODE: 'publisher' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => (output += `\n${err.message}`));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
}

/** The build's server code imports the site's packages by name: a node_modules link beside it finds them. */
export function linkPackages(dir: string, siteDir: string): void {
  const link = path.join(dir, 'node_modules');
  // Made first in any case: the build runs from this folder (a fresh clone has no site/.cache yet).
  fs.mkdirSync(dir, { recursive: true });
  if (path.resolve(dir).startsWith(siteDir + path.sep)) return;
  try {
    if (fs.readlinkSync(link) === path.join(siteDir, 'node_modules')) return;
    fs.rmSync(link, { force: true });
  } catch {
    // no link yet
  }
  fs.symlinkSync(path.join(siteDir, 'node_modules'), link);
}

/** Makes (or finds) the publisher build of the site's code as it is now. Throws with the build's output. */
export async function ensurePublisherBuild(opts: RendererOptions): Promise<PublisherBuild> {
  const siteDir = opts.siteDir ?? DEFAULT_SITE_DIR;
  const digest = createHash('sha256').update(opts.codeDigest()).update('\0').update(opts.siteUrl).digest('hex').slice(0, 16);
  const root = path.join(opts.cacheDir, 'publisher');
  const dir = path.join(root, digest);
  if (fs.existsSync(path.join(dir, 'server', 'entry.mjs')) && fs.existsSync(path.join(dir, 'complete'))) return { digest, dir, built: false, durationMs: 0 };
  linkPackages(root, siteDir);
  const started = Date.now();
  const next = path.join(root, `.next-${digest}-${process.pid}`);
  fs.rmSync(next, { recursive: true, force: true });
  opts.log?.(`building the site's publisher build (code ${digest})`);
  const result = await runBuild(siteDir, next, { SITE_URL: opts.siteUrl, ...opts.env }, opts.log);
  if (!result.ok || !fs.existsSync(path.join(next, 'server', 'entry.mjs'))) {
    fs.rmSync(next, { recursive: true, force: true });
    throw new Error(`The site's publisher build failed:\n${result.output.slice(-3000)}`);
  }
  fs.writeFileSync(path.join(next, 'complete'), `${new Date().toISOString()}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(next, dir);
  // Earlier builds are no longer used (this process imports the new one; modules stay in memory).
  for (const name of fs.readdirSync(root)) {
    if (name !== digest && name !== 'node_modules' && !name.startsWith('.next-')) fs.rmSync(path.join(root, name), { recursive: true, force: true });
  }
  return { digest, dir, built: true, durationMs: Date.now() - started };
}

/** One loaded publisher build: content in, paths and bytes out. */
export class SiteRenderer {
  readonly build: PublisherBuild;
  private readonly entry: PublisherEntry;
  private installed: string | undefined;

  private constructor(build: PublisherBuild, entry: PublisherEntry) {
    this.build = build;
    this.entry = entry;
  }

  /** The build's digest: the site's code and SITE_URL. */
  get code(): string {
    return this.build.digest;
  }

  static async load(build: PublisherBuild): Promise<SiteRenderer> {
    const mod = (await import(pathToFileURL(path.join(build.dir, 'server', 'entry.mjs')).href)) as Partial<PublisherEntry>;
    for (const fn of ['installContent', 'listPaths', 'listEntryPaths', 'render'] as const) {
      if (typeof mod[fn] !== 'function') throw new Error(`${build.dir}/server/entry.mjs does not export ${fn}(): not a publisher build of the site.`);
    }
    return new SiteRenderer(build, mod as PublisherEntry);
  }

  /** Installs the content unless this version is installed already. */
  install(content: SiteContent): void {
    if (this.installed === content.version) return;
    this.entry.installContent(content);
    this.installed = content.version;
  }

  listPaths(): Promise<SitePath[]> {
    return this.entry.listPaths();
  }

  listEntryPaths(collections: readonly string[]): Promise<SitePath[]> {
    return this.entry.listEntryPaths(collections);
  }

  async render(path: SitePath): Promise<Uint8Array> {
    try {
      return await this.entry.render(path);
    } catch (err) {
      throw asRenderError(path, err);
    }
  }

  /** Every asset a release holds from this build (client/: _astro/*, public/ files). */
  assets(): BuildAsset[] {
    const client = path.join(this.build.dir, 'client');
    return filesUnder(client).map((file) => ({ file, source: path.join(client, ...file.split('/')) }));
  }
}
