import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { EventEntry } from '@cus/shared';
import { cmsRequest, readTemplate, startCms, type CmsProcess } from '@cus/testing/cms-process';
import { buildSite, type SiteBuildResult } from '@cus/site-build';
import { SITE_URL } from './global-setup.ts';

// Rebuilds after a change redo only what the change touches: the loader reads only changed
// entries, and Astro's incremental build restores every page whose cache key is unchanged.
// Counted from the build's own log, which marks restored pages "(cached)" or "(restored)".

let cms: CmsProcess;
let work: string;
let builds = 0;

async function build(): Promise<{ result: SiteBuildResult; dir: string; rendered: string[]; restored: string[] }> {
  const dir = path.join(work, `dist-${++builds}`);
  const result = await buildSite({ outDir: dir, strapiUrl: cms.url, strapiToken: cms.readToken, siteUrl: SITE_URL, cacheDir: path.join(work, 'cache'), preview: false });
  expect(result.ok, result.output).toBe(true);
  // eslint-disable-next-line no-control-regex -- the log's colour codes
  const log = result.output.replace(/\u001b\[[0-9;]*m/g, '');
  // Pages render several at a time, so their log lines interleave; a restored page's line is whole.
  const FILE = /├─ (\/\S*?\.(?:html|xml|ics|png))/g;
  const all = [...log.matchAll(FILE)].map((m) => m[1]!);
  const restored = [...log.matchAll(/├─ (\/\S*?\.(?:html|xml|ics|png)) \((?:cached|restored)\)/g)].map((m) => m[1]!);
  return { result, dir, rendered: all.filter((p) => !restored.includes(p)), restored };
}

/**
 * Pages and files without a cache key Astro reads (a page without parameters exports its key
 * for the publisher alone): rendered every time, few and cheap. The calendars of the
 * województwa and the feeds have keys in getStaticPaths.
 */
const ALWAYS = [
  '/index.html', '/404.html', '/osoby/index.html', '/instytucje/index.html', '/galerie/index.html', '/deklaracja-dostepnosci/index.html',
  '/szukaj/index.html', '/kalendarz.ics', '/sitemap-index.xml', '/sitemap-0.xml',
];

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-incremental-'));
  cms = await startCms(readTemplate(inject('templateDir')));
});

afterAll(async () => {
  await cms?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('incremental rebuilds', () => {
  it('re-renders the changed event and the listings that show it, nothing else; a deleted event loses its page', async () => {
    const first = await build();
    expect(first.restored).toEqual([]);
    const all = first.rendered;
    expect(all.length).toBeGreaterThan(90);

    // Nothing changed: only the pages without a key are rendered again.
    const same = await build();
    expect(same.rendered.sort()).toEqual([...ALWAYS].sort());
    expect(same.restored.length).toBe(all.length - ALWAYS.length);
    expect(same.result.output).toMatch(/events\].*0 new or changed/);

    // One event gets a new lead (shown on its page and in the listings, not on people's pages).
    const list = await cmsRequest(cms, 'GET', '/api/events?filters[slug][$startsWith]=wizyty-studyjne&populate[dates]=true&populate[venue]=true');
    const event = list.data[0] as EventEntry;
    await cmsRequest(cms, 'PUT', `/api/events/${event.documentId}`, { data: { lead: 'Zmieniony wstęp relacji z wizyt studyjnych.' } });
    const changed = await build();
    const year = event.dates[0]!.start.slice(0, 4);
    const expected = [
      ...ALWAYS,
      `/wydarzenia/${event.slug}/index.html`,
      `/wydarzenia/${event.slug}.ics`,
      '/wydarzenia/index.html',
      // The feeds show the lead of each of their newest 50 reports: the seed has fewer.
      '/rss.xml',
      '/wydarzenia/rodzaj/wizyta-studyjna/rss.xml',
      `/wydarzenia/rok/${year}/index.html`,
      '/wydarzenia/rodzaj/wizyta-studyjna/index.html',
      `/wydarzenia/wojewodztwo/${event.venue!.voivodeship!.replace(/_/g, '-')}/index.html`,
    ];
    expect(changed.rendered.sort()).toEqual(expected.sort());
    expect(fs.readFileSync(path.join(changed.dir, 'wydarzenia', event.slug, 'index.html'), 'utf8')).toContain('Zmieniony wstęp relacji');
    // Restored pages are whole files in the new build, not links to the old one.
    expect(fs.readdirSync(changed.dir, { recursive: true }).length).toBe(fs.readdirSync(first.dir, { recursive: true }).length);

    // Deleting the event removes its page (and, through the checks, every link to it).
    await cmsRequest(cms, 'DELETE', `/api/events/${event.documentId}`);
    const deleted = await build();
    expect(fs.existsSync(path.join(deleted.dir, 'wydarzenia', event.slug))).toBe(false);
    expect(deleted.result.output).toMatch(/events\].*1 removed/);
  });
});
