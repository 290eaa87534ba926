import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { cmsRequest, makeSeededTemplate, startCms } from '@cus/scripts/testing/cms-process';
import { buildSite } from '@cus/scripts/site-build';

// Once per run: a CMS template holding the seed reports, and one real build of the site from
// a CMS started on it. The CMS is stopped before any test reads the build: the built site
// must stand on its own.

export const SITE_URL = 'http://127.0.0.1:4321';

/** Saved as a draft before the build: no page, feed or index may show it. */
export const DRAFT_TITLE = 'Szkic niepublikowany: tajne warsztaty';

/** Published before the build, with hours (Polish time) so calendars must convert them. */
export const UPCOMING_EVENT = {
  title: 'Szkolenie dla koordynatorów usług społecznych',
  type: 'szkolenie',
  lead: 'Zapowiedź szkolenia dla koordynatorów centrów usług społecznych.',
  dates: [{ start: '2099-03-15', startTime: '10:00:00.000', endTime: '14:00:00.000' }],
  venue: { name: 'Centrum Spotkania Kultur', city: 'Lublin', voivodeship: 'lubelskie' },
  format: 'stacjonarne',
};

declare module 'vitest' {
  export interface ProvidedContext {
    templateDir: string;
    distDir: string;
    /** The draft preview server's part of that build (<cache>/preview). */
    previewDir: string;
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
    // The seed reports are all in the past: one announced event makes the "upcoming" parts real.
    await cmsRequest(cms, 'POST', '/api/events', { data: UPCOMING_EVENT });
    // A draft that must never reach the public build (preview.test.ts looks for it).
    await cmsRequest(cms, 'POST', '/api/events?status=draft', { data: { ...UPCOMING_EVENT, title: DRAFT_TITLE } });
    build = await buildSite({ outDir: distDir, strapiUrl: cms.url, strapiToken: cms.readToken, siteUrl: SITE_URL, cacheDir: path.join(work, 'cache'), preview: true });
  } finally {
    await cms.stop();
  }
  if (!build.ok) throw new Error(`astro build failed (exit ${build.code}):\n${build.output.slice(-4000)}`);
  console.log(`[site tests] seeded CMS template, build of ${fs.readdirSync(distDir).length} top-level entries in ${Date.now() - started} ms (build ${build.durationMs} ms)`);
  project.provide('templateDir', template.dir);
  project.provide('distDir', distDir);
  project.provide('previewDir', path.join(work, 'cache', 'preview'));
  project.provide('buildLog', build.output);
  return () => fs.rmSync(work, { recursive: true, force: true });
}
