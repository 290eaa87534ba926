import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { cmsRequest, seededTemplate, startCms, waitForImageVariants } from '@cus/testing/cms-process';
import { buildSite } from '@cus/site-build';

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

/**
 * Published before the build, in the past (not in the upcoming calendars): an online event with a
 * stream link, and a hybrid one in two parts where one person speaks and moderates (listed once).
 * People and organizers are seed entries, by slug. structured-data.test.ts checks their JSON-LD.
 */
export const EXTRA_EVENTS = [
  {
    title: 'Webinarium o standardach usług społecznych',
    type: 'szkolenie',
    lead: 'Spotkanie online o standardach usług społecznych w gminach.',
    dates: [{ start: '2023-04-18', startTime: '11:00:00.000', endTime: '12:30:00.000' }],
    format: 'online',
    streamUrl: 'https://www.youtube.com/watch?v=cus-webinarium',
    speakers: [['piotr-maczka', 'prelegent']],
    organizers: [],
  },
  {
    title: 'Forum centrów usług społecznych: część stacjonarna i zdalna',
    type: 'konferencja',
    lead: 'Dwudniowe forum w Rzeszowie, transmitowane w internecie.',
    dates: [
      { start: '2023-10-09', label: 'dzień pierwszy', startTime: '09:00:00.000', endTime: '16:00:00.000' },
      { start: '2023-10-16', label: 'dzień drugi' },
    ],
    venue: { name: 'Centrum Wystawienniczo-Kongresowe', city: 'Jasionka', voivodeship: 'podkarpackie' },
    format: 'hybrydowe',
    streamUrl: 'https://transmisje.example.org/forum-cus',
    speakers: [['sylwia-korycka-zymula', 'prelegent'], ['sylwia-korycka-zymula', 'moderator'], ['piotr-maczka', 'panelista']],
    organizers: ['centrum-uslug-spolecznych-gminy-debica'],
  },
] as const;

declare module 'vitest' {
  export interface ProvidedContext {
    templateDir: string;
    distDir: string;
    /** The draft preview server's part of that build (<cache>/preview). */
    previewDir: string;
    buildLog: string;
    /** When the build started (ms): no date the build writes from content may be later. */
    buildStartedAt: number;
    /** Every published event as the CMS had it at build time. */
    cmsEvents: { documentId: string; slug: string; title: string; publishedAt: string; updatedAt: string }[];
  }
}

export default async function setup(project: TestProject) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-site-tests-'));
  const started = Date.now();
  const template = await seededTemplate(path.join(work, 'template'));
  const cms = await startCms(template);
  const distDir = path.join(work, 'dist');
  let build;
  let buildStartedAt: number | undefined;
  let cmsEvents: { documentId: string; slug: string; title: string; publishedAt: string; updatedAt: string }[] | undefined;
  try {
    // The seed reports are all in the past: one announced event makes the "upcoming" parts real.
    await cmsRequest(cms, 'POST', '/api/events', { data: UPCOMING_EVENT });
    // A draft that must never reach the public build (preview.test.ts looks for it).
    await cmsRequest(cms, 'POST', '/api/events?status=draft', { data: { ...UPCOMING_EVENT, title: DRAFT_TITLE } });
    const idOf = async (collection: string, slug: string) => (await cmsRequest(cms, 'GET', `/api/${collection}?filters[slug][$eq]=${slug}`)).data[0].documentId as string;
    for (const { speakers, organizers, ...event } of EXTRA_EVENTS) {
      const appearances = await Promise.all(speakers.map(async ([slug, role]) => ({ speaker: await idOf('speakers', slug), role })));
      await cmsRequest(cms, 'POST', '/api/events', { data: { ...event, appearances, organizers: await Promise.all(organizers.map((slug) => idOf('institutions', slug))) } });
    }
    // The CMS draws each new event's share card in the background (its version moves on then).
    await waitForImageVariants(cms.url, cms.readToken);
    cmsEvents = (await cmsRequest(cms, 'GET', '/api/events?fields[0]=slug&fields[1]=title&fields[2]=publishedAt&fields[3]=updatedAt&pagination[pageSize]=100')).data;
    buildStartedAt = Date.now();
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
  project.provide('buildStartedAt', buildStartedAt!);
  project.provide('cmsEvents', cmsEvents!);
  return () => fs.rmSync(work, { recursive: true, force: true });
}
