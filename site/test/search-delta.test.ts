import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// The publisher's search writer (the package @cus/publisher, export "./search"), by path: the site does not depend on the publisher.
import { changesSinceBase, clearDelta, writeBaseIndex, writeDelta, type DeltaWritten } from '../../scripts/publisher/src/search/index.ts';
import { linkTree } from '../src/lib/fs-links.ts';
import type { SearchRecord } from '../src/lib/search-records.ts';
import { servedSiteInBrowser } from './helpers/browser.ts';

// A publish is searchable at once: the built search page, in Chromium, over a full index of
// records A, B and C and a delta made after A was retitled, B withdrawn and D published. A is
// found once by its new title (from the delta, though the full index matches it too), not by its
// old one; B is not found; D is; a filter still narrows; the filter counts are those of the
// content now. With the delta removed the page searches the full index alone, as before.

const dist = inject('distDir');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-search-delta-'));
linkTree(dist, root);
fs.rmSync(path.join(root, 'pagefind'), { recursive: true });

const record = (slug: string, title: string, type: string, year: string, text: string): SearchRecord => ({
  url: `/wydarzenia/${slug}/`,
  language: 'pl',
  meta: { title, kind: 'Relacja', date: `${year} r.` },
  filters: { Rodzaj: [type], Rok: [year] },
  parts: [
    { text: type, weight: 1 },
    { text: title, weight: 7 },
    { text, weight: 1 },
  ],
});
const A = record('a', 'Narada o opiece wytchnieniowej', 'Konferencja', '2023', 'Sprawozdanie z obrad opiekunów.');
const A2 = record('a', 'Kongres ekonomii społecznej w Tarnowie', 'Konferencja', '2023', 'Sprawozdanie z obrad opiekunów.');
const B = record('b', 'Szkolenie z asystencji osobistej', 'Szkolenie', '2022', 'Sprawozdanie z zajęć.');
const C = record('c', 'Wizyta studyjna w Krośnie', 'Wizyta studyjna', '2022', 'Sprawozdanie z wizyty.');
const D = record('d', 'Debata o seniorach w Sanoku', 'Spotkanie', '2024', 'Sprawozdanie z debaty.');

const site = servedSiteInBrowser(root);
let delta: DeltaWritten;

beforeAll(async () => {
  const base = await writeBaseIndex([A, B, C], path.join(root, 'pagefind'));
  const { changed, removed } = changesSinceBase(base, [A2, C, D]);
  expect({ changed: changed.map((r) => r.url), removed }).toEqual({ changed: ['/wydarzenia/a/', '/wydarzenia/d/'], removed: ['/wydarzenia/b/'] });
  delta = await writeDelta(changed, removed, { base, releaseDir: root });
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function search(page: Page, term: string): Promise<string[]> {
  await page.goto(`${site.base()}/szukaj/`);
  const box = page.getByLabel('Szukane słowo');
  await page.locator('#szukaj-form[data-ready]').waitFor({ state: 'attached' });
  await box.fill(term);
  await box.press('Enter');
  await page.locator('#szukaj-status', { hasText: `„${term}”` }).waitFor();
  return page.locator('#szukaj-wyniki li h2 a').evaluateAll((links) => links.map((a) => `${a.getAttribute('href')} ${a.textContent}`));
}

describe('the publisher\'s full index', () => {
  it('is the static build\'s, file by file, when made from the same records', async () => {
    const records = JSON.parse(fs.readFileSync(path.join(path.dirname(dist), 'cache', 'search', 'records.json'), 'utf8')) as SearchRecord[];
    const dir = path.join(root, 'compare', 'pagefind');
    await writeBaseIndex(records, dir);
    const files = (d: string) => fs.readdirSync(d, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(d, f)).isFile()).sort();
    expect(files(dir)).toEqual(files(path.join(dist, 'pagefind')));
    const differ = files(dir).filter((f) => !fs.readFileSync(path.join(dir, f)).equals(fs.readFileSync(path.join(dist, 'pagefind', f))));
    expect(differ).toEqual([]);
    fs.rmSync(path.join(root, 'compare'), { recursive: true });
  });
});

describe('search with a delta since the full index', () => {
  it('writes a manifest that supersedes the changed and the removed page', () => {
    expect(delta.manifest).toMatchObject({ superseded: ['/wydarzenia/a/', '/wydarzenia/b/'], supersededFilters: { Rodzaj: { Konferencja: 1, Szkolenie: 1 }, Rok: { '2023': 1, '2022': 1 } } });
    expect(delta.manifest.bundle).toMatch(/^\/pagefind-delta\/[0-9a-f]{16}\/$/);
    expect(delta.written).toContain('pagefind-delta/manifest.json');
  });

  it('finds a retitled page once by its new title, never by its old one; a withdrawn page not at all; a new one', async () => {
    const page = await site.browser().newPage();
    expect(await search(page, 'Tarnowie')).toEqual(['/wydarzenia/a/ Kongres ekonomii społecznej w Tarnowie']);
    expect(await page.locator('#szukaj-status').textContent()).toBe('1 wynik dla „Tarnowie”.');
    // The full index matches A by this word too: shown once, from the delta.
    expect(await search(page, 'opiekunów')).toEqual(['/wydarzenia/a/ Kongres ekonomii społecznej w Tarnowie']);
    expect(await search(page, 'wytchnieniowej')).toEqual([]);
    expect(await page.locator('#szukaj-status').textContent()).toMatch(/^Nie znaleziono nic dla „wytchnieniowej”/);
    expect(await search(page, 'asystencji')).toEqual([]);
    expect(await search(page, 'seniorach')).toEqual(['/wydarzenia/d/ Debata o seniorach w Sanoku']);
    await page.close();
  });

  it('filters the merged results, and counts each filter value as the content now has it', async () => {
    const page = await site.browser().newPage();
    expect((await search(page, 'sprawozdanie')).sort()).toEqual(['/wydarzenia/a/ Kongres ekonomii społecznej w Tarnowie', '/wydarzenia/c/ Wizyta studyjna w Krośnie', '/wydarzenia/d/ Debata o seniorach w Sanoku']);
    const labels = await page.locator('#szukaj-filtry fieldset').evaluateAll((sets) => sets.map((f) => `${f.querySelector('legend')!.textContent}: ${[...f.querySelectorAll('label')].map((l) => l.textContent).join(', ')}`));
    expect(labels).toEqual(['Rodzaj: Konferencja (1), Spotkanie (1), Wizyta studyjna (1)', 'Rok: 2024 (1), 2023 (1), 2022 (1)']);
    await page.getByRole('group', { name: 'Rodzaj' }).getByLabel(/^Wizyta studyjna/).check();
    await expect.poll(() => page.locator('#szukaj-wyniki li h2 a').evaluateAll((l) => l.map((a) => a.getAttribute('href')))).toEqual(['/wydarzenia/c/']);
    await page.getByRole('group', { name: 'Rodzaj' }).getByLabel(/^Wizyta studyjna/).uncheck();
    await page.getByRole('group', { name: 'Rok' }).getByLabel(/^2023/).check();
    await expect.poll(() => page.locator('#szukaj-wyniki li h2 a').evaluateAll((l) => l.map((a) => a.getAttribute('href')))).toEqual(['/wydarzenia/a/']);
    await page.close();
  });

  it('without a delta (the manifest answers 404) searches the full index alone', async () => {
    clearDelta(root);
    const page = await site.browser().newPage();
    const manifest = page.waitForResponse((r) => r.url().endsWith('/pagefind-delta/manifest.json'));
    expect(await search(page, 'wytchnieniowej')).toEqual(['/wydarzenia/a/ Narada o opiece wytchnieniowej']);
    expect((await manifest).status()).toBe(404);
    expect(await search(page, 'asystencji')).toEqual(['/wydarzenia/b/ Szkolenie z asystencji osobistej']);
    await page.close();
  });
});
