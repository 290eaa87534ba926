import path from 'node:path';
import { ROOT, deployTargetFromEnv } from './config.ts';
import { PublishError, publish } from './pipeline.ts';

// `node scripts/publisher/src/rebuild/publish-once.ts`: one build, check and deploy, then exit; what CI
// runs on a repository_dispatch (.github/workflows/publish.yml). Same variables as the service.

function need(name: string): string {
  const v = process.env[name]?.trim();
  if (!v) {
    console.error(`[publish] ${name} is not set`);
    process.exit(2);
  }
  return v;
}

const started = Date.now();
try {
  const result = await publish({
    target: deployTargetFromEnv(),
    strapiUrl: need('STRAPI_URL'),
    strapiToken: need('STRAPI_TOKEN'),
    // A one-off publish (CI) has no draft preview server to feed.
    preview: false,
    ...(process.env.SITE_URL ? { siteUrl: process.env.SITE_URL } : {}),
    ...(process.env.SITE_CACHE_DIR ? { cacheDir: path.resolve(ROOT, process.env.SITE_CACHE_DIR) } : {}),
  });
  console.log(
    `[publish] deployed ${result.release}: ${result.check.pages} pages (${result.check.eventPages} events), ` +
      `${result.uploaded ?? '-'} uploaded, ${result.deleted ?? '-'} deleted; build ${(result.buildMs / 1000).toFixed(1)} s, total ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} catch (err) {
  console.error(`[publish] FAILED${err instanceof PublishError ? ` at ${err.stage}` : ''}: ${(err as Error).message}`);
  if (err instanceof PublishError && err.log) console.error(err.log);
  process.exit(1);
}
