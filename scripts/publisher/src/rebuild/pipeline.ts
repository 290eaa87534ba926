import { headersFile } from '@cus/serve/headers';
import type { DeployResult, DeployTarget } from '../deploy/target.ts';
import { buildPreview, buildSite } from '@cus/site-build';
import { stripAnsi } from '@cus/site-build/strip-ansi';
import { checkBuild, type CheckResult } from './checks.ts';
import { buildFailureOf, describeFailure, type BuildFailure } from './build-report.ts';
import fs from 'node:fs';
import path from 'node:path';

// One publish: build the site into a fresh folder, check it, and only then make it live.
// Any failure throws a PublishError whose message says what went wrong in one line; the
// folder is thrown away and the live release stays as it was.

/** From this many HTML pages (Pagefind indexes about 450 a second here) a publish ships the previous index. */
export const SEARCH_LATER_FROM_PAGES = 1000;

export interface PublishConfig {
  target: DeployTarget;
  strapiUrl: string;
  strapiToken: string;
  siteUrl?: string;
  cacheDir?: string;
  /**
   * Ship the previous search index when the site had at least this many HTML pages at its last indexing, and
   * make the new one in a build of its own (the service does, right after). Unset: never.
   */
  deferSearchFromPages?: number;
  /** Make the draft preview server's part when the site code changed (default); false where no preview server runs (CI). */
  preview?: boolean;
  /** Extra environment of the build (e.g. CMS_REQUEST_TIMEOUT_MS, CMS_STALL_BUDGET_MS of site/src/loader/http.ts). */
  buildEnv?: Record<string, string>;
}

export interface PublishResult extends DeployResult {
  check: CheckResult;
  buildMs: number;
  /** Checking the build, and making it live, in ms (both after buildMs, before the preview). */
  checkMs: number;
  deployMs: number;
  /** What astro build printed (kept for a failed build's log and for diagnosis). */
  buildLog: string;
  /** The site was published, but the draft preview server's part could not be rebuilt. */
  warning?: string;
  /** Published with the previous search index: a build with `searchIndex: "now"` should follow. */
  searchDeferred: boolean;
}

export class PublishError extends Error {
  readonly stage: 'build' | 'check' | 'deploy';
  readonly log: string;
  /** What the build reported about its failure (the entry and field), when it did. */
  readonly failure: BuildFailure | undefined;
  constructor(stage: 'build' | 'check' | 'deploy', message: string, log = '', failure?: BuildFailure) {
    super(message);
    this.name = 'PublishError';
    this.stage = stage;
    this.log = log;
    this.failure = failure;
  }
}


/** The line of a failed build's output that says why: the last resort, when the build reported nothing as data. */
export function buildFailureReason(output: string, code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `the build process was stopped (${signal})`;
  const lines = stripAnsi(output).split('\n').map((l) => l.trim()).filter(Boolean);
  const telling =
    lines.find((l) => /Request to the CMS failed|STRAPI_URL is not set/.test(l)) ??
    lines.find((l) => /^(event|speaker|institution|gallery|site-setting) .*(field|entries)/.test(l)) ??
    lines.find((l) => /\berror\b|failed|Cannot|not /i.test(l) && !/^at /.test(l));
  return telling ?? `astro build exited with code ${code}`;
}

export interface PublishHooks {
  onSpawn?: (pid: number) => void;
  signal?: AbortSignal;
  /** "later": may ship the previous search index (see PublishConfig.deferSearchFromPages). */
  searchIndex?: 'now' | 'later';
}

export async function publish(cfg: PublishConfig, hooks: PublishHooks = {}): Promise<PublishResult> {
  const { searchIndex, ...buildHooks } = hooks;
  const defer = searchIndex === 'later' && cfg.deferSearchFromPages !== undefined;
  const source = {
    strapiUrl: cfg.strapiUrl,
    strapiToken: cfg.strapiToken,
    ...(cfg.siteUrl ? { siteUrl: cfg.siteUrl } : {}),
    ...(cfg.cacheDir ? { cacheDir: cfg.cacheDir } : {}),
  };
  const dir = await cfg.target.prepare();
  let published: PublishResult;
  try {
    const build = await buildSite({
      ...source,
      outDir: dir,
      ...(cfg.buildEnv ? { env: cfg.buildEnv } : {}),
      // The draft preview's part is made after the deploy: a code change never delays the site.
      preview: false,
      ...(defer ? { searchIndex: 'later' as const, searchDeferMinPages: cfg.deferSearchFromPages } : {}),
      ...buildHooks,
    });
    if (!build.ok) {
      // Why it stopped, as the build reported it (naming the entry and field).
      const failure = build.signal ? null : buildFailureOf(build.report);
      const reason = failure ? describeFailure(failure) : buildFailureReason(build.output, build.code, build.signal);
      throw new PublishError('build', reason, stripAnsi(build.output).slice(-4000), failure ?? undefined);
    }
    let check: CheckResult;
    const checkStarted = Date.now();
    try {
      check = await checkBuild(dir, { url: cfg.strapiUrl, token: cfg.strapiToken }, cfg.siteUrl);
    } catch (err) {
      throw new PublishError('check', (err as Error).message);
    }
    // CDNs that read a _headers file get the same cache and security headers as our server.
    fs.writeFileSync(path.join(dir, '_headers'), headersFile());
    let deployed: DeployResult;
    const deployStarted = Date.now();
    try {
      deployed = await cfg.target.deploy(dir);
    } catch (err) {
      throw new PublishError('deploy', `deploying to ${cfg.target.name} failed: ${(err as Error).message}`);
    }
    published = {
      ...deployed,
      check,
      buildMs: build.durationMs,
      checkMs: deployStarted - checkStarted,
      deployMs: Date.now() - deployStarted,
      buildLog: build.output,
      searchDeferred: build.searchDeferred === true,
    };
  } catch (err) {
    await cfg.target.discard(dir).catch(() => {});
    throw err;
  }
  if (cfg.preview === false) return published;
  const preview = await buildPreview({ ...source, ...buildHooks });
  if (preview.error) published.warning = `the draft preview could not be rebuilt: ${buildFailureReason(preview.error, 1, null)}`;
  return published;
}
