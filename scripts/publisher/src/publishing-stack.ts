import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { siteHeaders } from '@cus/serve/headers';
import { LocalTarget } from './deploy/local.ts';
import { LiveContentFile } from './rebuild/content-versions.ts';
import { createIncrementalPublisher } from './incremental/publisher.ts';
import { startRebuildService, type RebuildConfig, type RebuildService } from './rebuild/service.ts';
import { createStaticServer, listen } from '@cus/serve/static-server';
import { cmsRequest, readTemplate, startCms, type CmsProcess } from '@cus/testing/cms-process';
import { waitFor } from '@cus/testing/wait';
import { freePort } from '@cus/testing/free-port';

// The whole publishing path for a test, every part real: the CMS (strapi start on a copy of the
// seeded template) sends its webhook to the rebuild service, which builds with astro, checks,
// switches a local release, and a static server serves it. Returned once the first deploy is live.

export interface PublishingStack {
  cms: CmsProcess;
  service: RebuildService;
  target: LocalTarget;
  /** The static server's address (serving the live release). */
  siteUrl: string;
  secret: string;
  work: string;
  stop(): Promise<void>;
}

export interface PublishingStackOptions {
  /** The seeded CMS template (vitest's `inject('templateDir')`). */
  templateDir: string;
  /** Extra environment of the CMS. */
  cmsEnv?: Record<string, string>;
  /** The static server's port (when the CMS must know the site's address up front). */
  sitePort?: number;
  /** Keep the live content versions in a file, as ./scripts/start does. */
  liveContentFile?: boolean;
  log?: (line: string) => void;
  prefix?: string;
  /** Publish with the long-lived publisher (incremental/), as ./scripts/start does, instead of an astro build per change. */
  incremental?: boolean;
}

export async function startPublishingStack(opts: PublishingStackOptions): Promise<PublishingStack> {
  const secret = crypto.randomBytes(24).toString('base64url');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), opts.prefix ?? 'cus-publishing-'));
  const port = await freePort();
  const cms = await startCms(readTemplate(opts.templateDir), { REBUILD_URL: `http://127.0.0.1:${port}/webhook`, REBUILD_SECRET: secret, ...opts.cmsEnv });
  const target = new LocalTarget({ dir: path.join(work, 'deploy'), keep: 3 });
  const source = { strapiUrl: cms.url, strapiToken: cms.readToken };
  const mode: RebuildConfig['mode'] = opts.incremental
    ? {
        kind: 'incremental',
        incremental: {
          ...source,
          publisher: await createIncrementalPublisher({ deployDir: target.dir, keep: 3, ...source, siteUrl: 'http://127.0.0.1:4321', cacheDir: path.join(work, 'cache'), log: opts.log ?? (() => undefined) }),
        },
      }
    : { kind: 'build', publish: { target, ...source, siteUrl: 'http://127.0.0.1:4321', cacheDir: path.join(work, 'cache') } };
  const service = await startRebuildService({
    secret,
    port,
    quietMs: 1000,
    maxWaitMs: 8000,
    buildOnStart: true,
    ...(opts.liveContentFile ? { liveContent: new LiveContentFile(path.join(work, 'deploy', 'live-content.json')) } : {}),
    mode,
    log: opts.log ?? (() => undefined),
  });
  const site: Server = createStaticServer({ root: () => target.current() ?? path.join(work, 'nothing'), headers: siteHeaders });
  const siteUrl = await listen(site, opts.sitePort);
  await waitFor('the first deploy', () => target.current(), 180_000);
  return {
    cms,
    service,
    target,
    siteUrl,
    secret,
    work,
    async stop() {
      await service.close();
      await new Promise((r) => site.close(r));
      await cms.stop();
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}

/** A published event with the fields a publish needs; its documentId and slug. */
export async function publishEvent(cms: CmsProcess, title: string, extra: Record<string, unknown> = {}): Promise<{ documentId: string; slug: string }> {
  const res = await cmsRequest(cms, 'POST', '/api/events', {
    data: { title, type: 'szkolenie', lead: `Zapowiedź: ${title}.`, dates: [{ start: '2026-12-03' }], venue: { city: 'Lublin', voivodeship: 'lubelskie' }, ...extra },
  });
  return res.data as { documentId: string; slug: string };
}
