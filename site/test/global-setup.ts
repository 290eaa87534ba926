import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { makeSeededTemplate, startCms } from '@cus/scripts/testing/cms-process';
import { buildSite } from '@cus/scripts/site-build';

// Once per run: a CMS template holding the seed reports, and one real build of the site from
// a CMS started on it. The CMS is stopped before any test reads the build: the built site
// must stand on its own.

export const SITE_URL = 'http://127.0.0.1:4321';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDir: string;
    distDir: string;
    buildLog: string;
  }
}

export default async function setup(project: TestProject) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-site-tests-'));
  const started = Date.now();
  const template = await makeSeededTemplate(path.join(work, 'template'));
  const cms = await startCms(template);
  const distDir = path.join(work, 'dist');
  let build;
  try {
    build = await buildSite({ outDir: distDir, strapiUrl: cms.url, strapiToken: cms.readToken, siteUrl: SITE_URL, cacheDir: path.join(work, 'cache') });
  } finally {
    await cms.stop();
  }
  if (!build.ok) throw new Error(`astro build failed (exit ${build.code}):\n${build.output.slice(-4000)}`);
  console.log(`[site tests] seeded CMS template, build of ${fs.readdirSync(distDir).length} top-level entries in ${Date.now() - started} ms (build ${build.durationMs} ms)`);
  project.provide('templateDir', template.dir);
  project.provide('distDir', distDir);
  project.provide('buildLog', build.output);
  return () => fs.rmSync(work, { recursive: true, force: true });
}
