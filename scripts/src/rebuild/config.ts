import path from 'node:path';
import { LocalTarget } from '../deploy/local.ts';
import { createS3Target, s3ConfigFromEnv } from '../deploy/s3.ts';
import type { DeployTarget } from '../deploy/target.ts';
import { LiveContentFile } from './content-versions.ts';
import { SEARCH_LATER_FROM_PAGES } from './pipeline.ts';
import type { RebuildConfig } from './service.ts';

// The rebuild service's settings, from the environment (documented in scripts/.env.example).

export const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

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
        // 0 turns the two-step publish off (every build makes its search index).
        ...(searchLater > 0 ? { deferSearchFromPages: searchLater } : {}),
      },
    },
  };
}
