import path from 'node:path';
import { LocalTarget } from '../deploy/local.ts';
import { cdnPurgeConfigFromEnv } from '../deploy/cdn-purge.ts';
import { createS3Target, s3ConfigFromEnv } from '../deploy/s3.ts';
import { s3Publishing } from '../deploy/s3-publishing.ts';
import { createS3ReleaseSync, type ReleaseSwitch, type S3ReleaseSync } from '../deploy/s3-release-sync.ts';
import type { DeployTarget } from '../deploy/target.ts';
import { LiveContentFile } from './content-versions.ts';
import { SEARCH_LATER_FROM_PAGES } from './pipeline.ts';
import { buildPreview } from '@cus/site-build';
import { createIncrementalPublisher, type IncrementalPublisherConfig } from '../incremental/publisher.ts';
import type { RebuildConfig } from './service.ts';

// The rebuild service's settings, from the environment (documented in scripts/publisher/.env.example).

export const ROOT = path.resolve(import.meta.dirname, '..', '..', '..', '..');

function required(env: NodeJS.ProcessEnv, name: string, why: string): string {
  const value = env[name]?.trim();
  if (!value) throw new Error(`${name} is not set: ${why}`);
  return value;
}

const int = (v: string | undefined, fallback: number) => (v && /^\d+$/.test(v) ? Number(v) : fallback);

export function deployTargetFromEnv(env: NodeJS.ProcessEnv = process.env): DeployTarget {
  const kind = env.DEPLOY_TARGET?.trim() || 'local';
  if (kind === 'local') return new LocalTarget({ dir: path.resolve(ROOT, env.DEPLOY_DIR || '.deploy'), keep: int(env.DEPLOY_KEEP, 5) });
  if (kind === 's3') return createS3Target(s3ConfigFromEnv(env));
  throw new Error(`DEPLOY_TARGET="${kind}" is not known: use "local" (default) or "s3".`);
}

/**
 * The long-lived publisher renders only what changed into local releases (the default, for both
 * targets: with DEPLOY_TARGET=s3 the local release is the source of truth and each switch is
 * synced to the bucket); REBUILD_MODE=build keeps a full `astro build` per publish.
 */
export function usesIncrementalPublisher(env: NodeJS.ProcessEnv = process.env): boolean {
  const target = env.DEPLOY_TARGET?.trim() || 'local';
  const mode = env.REBUILD_MODE?.trim() || 'incremental';
  if (mode !== 'incremental' && mode !== 'build') throw new Error(`REBUILD_MODE="${mode}" is not known: use "incremental" (default) or "build".`);
  return (target === 'local' || target === 's3') && mode === 'incremental' && !(env.GITHUB_REPOSITORY && env.GITHUB_TOKEN);
}

/**
 * With DEPLOY_TARGET=s3: what syncs each switch of the local release to the bucket (only the
 * changed files) and purges the CDN (CDN_PURGE_*); its pending set is kept beside the releases.
 * Null for the local target.
 */
export function s3ReleaseSyncFromEnv(env: NodeJS.ProcessEnv = process.env): S3ReleaseSync | null {
  if ((env.DEPLOY_TARGET?.trim() || 'local') !== 's3') return null;
  const deployDir = path.resolve(ROOT, env.DEPLOY_DIR || '.deploy');
  return createS3ReleaseSync({
    s3: s3ConfigFromEnv(env),
    stateFile: path.join(deployDir, 's3-pending.json'),
    cdn: cdnPurgeConfigFromEnv(env),
    retryMs: int(env.S3_SYNC_RETRY_MS, 60_000),
  });
}

/** The rebuild service's settings with the long-lived publisher (see usesIncrementalPublisher). */
export async function incrementalConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<RebuildConfig> {
  const config = rebuildConfigFromEnv(env);
  if (config.mode.kind !== 'build') throw new Error('The incremental publisher needs the local or the S3 deploy target.');
  const { strapiUrl, strapiToken, siteUrl, cacheDir } = config.mode.publish;
  const s3 = s3ReleaseSyncFromEnv(env);
  const withS3 = s3 ? s3Publishing(s3) : null;
  // The local release lives in DEPLOY_DIR for both targets; with S3 each switch is synced to the bucket.
  const publisherConfig: IncrementalPublisherConfig & { afterSwitch?: (change: ReleaseSwitch) => Promise<unknown> } = {
    deployDir: path.resolve(ROOT, env.DEPLOY_DIR || '.deploy'),
    keep: int(env.DEPLOY_KEEP, 5),
    strapiUrl,
    strapiToken,
    siteUrl: siteUrl ?? 'http://127.0.0.1:4321',
    ...(cacheDir ? { cacheDir } : {}),
    ...(env.CMS_UPLOADS_DIR?.trim() ? { cmsUploadsDir: path.resolve(ROOT, env.CMS_UPLOADS_DIR.trim()) } : {}),
    ...(withS3 ? { afterSwitch: withS3.afterSwitch } : {}),
  };
  const created = await createIncrementalPublisher(publisherConfig);
  const publisher = withS3 ? withS3.wrap(created) : created;
  // The draft preview server's part, made again after a publish when the site's code changed (as the build mode does).
  const afterPublish = async () => {
    const preview = await buildPreview({ strapiUrl, strapiToken, ...(siteUrl ? { siteUrl } : {}), ...(cacheDir ? { cacheDir } : {}) });
    return preview.error ? `the draft preview could not be rebuilt: ${preview.error.trim().split('\n').at(-1)}` : undefined;
  };
  return {
    ...config,
    // A publish renders only what changed: the webhooks of one save (update, publish) come
    // within milliseconds, so a short quiet spell coalesces them without holding the page back.
    quietMs: int(env.REBUILD_QUIET_MS, INCREMENTAL_QUIET_MS),
    mode: { kind: 'incremental', incremental: { publisher, strapiUrl, strapiToken, fullReconcileMs: int(env.REBUILD_FULL_RECONCILE_MS, 24 * 3_600_000), afterPublish, target: s3 ? 's3' : 'local' } },
  };
}

/** The quiet spell before a publish of the long-lived publisher (a full build per publish waits 1500 ms). */
const INCREMENTAL_QUIET_MS = 300;

export function rebuildConfigFromEnv(env: NodeJS.ProcessEnv = process.env): RebuildConfig {
  const secret = required(env, 'REBUILD_SECRET', 'the CMS sends it with each webhook and the service refuses any webhook without it.');
  const base = {
    secret,
    host: env.REBUILD_HOST || '127.0.0.1',
    port: int(env.REBUILD_PORT, 4300),
    quietMs: int(env.REBUILD_QUIET_MS, 1500),
    maxWaitMs: int(env.REBUILD_MAX_WAIT_MS, 15_000),
    buildOnStart: env.REBUILD_ON_START !== 'false',
    ...(env.REBUILD_MAX_BODY_BYTES && /^\d+$/.test(env.REBUILD_MAX_BODY_BYTES) ? { maxBodyBytes: Number(env.REBUILD_MAX_BODY_BYTES) } : {}),
  };
  if (env.GITHUB_REPOSITORY && env.GITHUB_TOKEN) {
    return {
      ...base,
      mode: {
        kind: 'github',
        github: {
          repository: env.GITHUB_REPOSITORY,
          token: env.GITHUB_TOKEN,
          ...(env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}),
          ...(env.GITHUB_EVENT_TYPE ? { eventType: env.GITHUB_EVENT_TYPE } : {}),
        },
      },
    };
  }
  const searchLater = int(env.REBUILD_SEARCH_LATER_FROM_PAGES, SEARCH_LATER_FROM_PAGES);
  return {
    ...base,
    // The content the live release was built from, kept beside the releases; compared with the CMS's every few minutes.
    liveContent: new LiveContentFile(path.resolve(ROOT, env.REBUILD_STATE_FILE || path.join(env.DEPLOY_DIR || '.deploy', 'live-content.json'))),
    reconcileMs: int(env.REBUILD_RECONCILE_MS, 300_000),
    mode: {
      kind: 'build',
      publish: {
        target: deployTargetFromEnv(env),
        strapiUrl: required(env, 'STRAPI_URL', 'the address of the CMS the site is built from.'),
        strapiToken: required(env, 'STRAPI_TOKEN', 'a read-only API token of the CMS.'),
        ...(env.SITE_URL ? { siteUrl: env.SITE_URL } : {}),
        ...(env.SITE_CACHE_DIR ? { cacheDir: path.resolve(ROOT, env.SITE_CACHE_DIR) } : {}),
        // A static build copies the CMS's files from its folder too (site/src/lib/cms-uploads.ts), given as an absolute path.
        ...(env.CMS_UPLOADS_DIR?.trim() ? { buildEnv: { CMS_UPLOADS_DIR: path.resolve(ROOT, env.CMS_UPLOADS_DIR.trim()) } } : {}),
        // 0 turns the two-step publish off (every build makes its search index).
        ...(searchLater > 0 ? { deferSearchFromPages: searchLater } : {}),
      },
    },
  };
}
