import { headersFile } from '../deploy/headers.ts';
import type { DeployResult, DeployTarget } from '../deploy/target.ts';
import { buildSite } from '../site-build.ts';
import { checkBuild, type CheckResult } from './checks.ts';
import fs from 'node:fs';
import path from 'node:path';

// One publish: build the site into a fresh folder, check it, and only then make it live.
// Any failure throws a PublishError whose message says what went wrong in one line; the
// folder is thrown away and the live release stays as it was.

export interface PublishConfig {
  target: DeployTarget;
  strapiUrl: string;
  strapiToken: string;
  siteUrl?: string;
  cacheDir?: string;
}

export interface PublishResult extends DeployResult {
  check: CheckResult;
  buildMs: number;
  /** The site was published, but the draft preview server's part could not be rebuilt. */
  warning?: string;
}

export class PublishError extends Error {
  readonly stage: 'build' | 'check' | 'deploy';
  readonly log: string;
  constructor(stage: 'build' | 'check' | 'deploy', message: string, log = '') {
    super(message);
    this.name = 'PublishError';
    this.stage = stage;
    this.log = log;
  }
}

// eslint-disable-next-line no-control-regex -- terminal colour codes are what we remove
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

/** The line of a failed build's output that says why. */
export function buildFailureReason(output: string, code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `the build process was stopped (${signal})`;
  const lines = stripAnsi(output).split('\n').map((l) => l.trim()).filter(Boolean);
  const telling =
    lines.find((l) => /Request to the CMS failed|STRAPI_URL is not set/.test(l)) ??
    lines.find((l) => /^(event|speaker|institution|gallery|site-setting) .*(field|entries)/.test(l)) ??
    lines.find((l) => /\berror\b|failed|Cannot|not /i.test(l) && !/^at /.test(l));
  return telling ?? `astro build exited with code ${code}`;
}

export async function publish(cfg: PublishConfig, hooks: { onSpawn?: (pid: number) => void; signal?: AbortSignal } = {}): Promise<PublishResult> {
  const dir = await cfg.target.prepare();
  try {
    const build = await buildSite({
      outDir: dir,
      strapiUrl: cfg.strapiUrl,
      strapiToken: cfg.strapiToken,
      ...(cfg.siteUrl ? { siteUrl: cfg.siteUrl } : {}),
      ...(cfg.cacheDir ? { cacheDir: cfg.cacheDir } : {}),
      ...hooks,
    });
    if (!build.ok) throw new PublishError('build', buildFailureReason(build.output, build.code, build.signal), stripAnsi(build.output).slice(-4000));
    let check: CheckResult;
    try {
      check = await checkBuild(dir, { url: cfg.strapiUrl, token: cfg.strapiToken }, cfg.siteUrl);
    } catch (err) {
      throw new PublishError('check', (err as Error).message);
    }
    // CDNs that read a _headers file get the same cache and security headers as our server.
    fs.writeFileSync(path.join(dir, '_headers'), headersFile());
    let deployed: DeployResult;
    try {
      deployed = await cfg.target.deploy(dir);
    } catch (err) {
      throw new PublishError('deploy', `deploying to ${cfg.target.name} failed: ${(err as Error).message}`);
    }
    return {
      ...deployed,
      check,
      buildMs: build.durationMs,
      ...(build.previewError ? { warning: `the draft preview could not be rebuilt: ${buildFailureReason(build.previewError, 1, null)}` } : {}),
    };
  } catch (err) {
    await cfg.target.discard(dir).catch(() => {});
    throw err;
  }
}
