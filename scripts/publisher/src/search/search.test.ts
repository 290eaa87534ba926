import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { SearchRecord } from '@cus/site/search-records';
import { afterAll, describe, expect, it } from 'vitest';
import { DELTA_MANIFEST, VOCABULARY_URL, changesSinceBase, clearDelta, writeBaseIndex, writeDelta, type DeltaManifest } from './index.ts';
import { pagefindPid, withRecordsIndex } from './pagefind-service.ts';

// The base index and the deltas, written by the real Pagefind: what they hold, that each is
// swapped in whole, that a delta never writes into a file a live release shares, and that each
// delta replaces the previous one. (The search page reading them: site/test/search-delta.test.ts.)

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-search-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const record = (n: number, title = `Relacja numer ${n}`): SearchRecord => ({
  url: `/wydarzenia/relacja-${n}/`,
  language: 'pl',
  meta: { title, kind: 'Relacja', date: '1 maja 2023 r.' },
  filters: { Rodzaj: [n % 2 ? 'Konferencja' : 'Szkolenie'], Rok: ['2023'] },
  parts: [
    { text: title, weight: 7 },
    { text: `Sprawozdanie ${n} z obrad o usługach społecznych.`, weight: 1 },
  ],
});

/** The JSON of every fragment of a bundle (gzip, Pagefind's signature). */
const fragments = (bundle: string) =>
  fs.readdirSync(path.join(bundle, 'fragment')).map((f) => {
    const raw = gunzipSync(fs.readFileSync(path.join(bundle, 'fragment', f)));
    return JSON.parse(raw.subarray(12).toString('utf8')) as { url: string; content: string; meta: Record<string, string> };
  });

const files = (dir: string) => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();

describe('the base index', () => {
  it('holds every record, says which result id each page has, and replaces the previous index whole', async () => {
    const dir = path.join(work, 'base', 'pagefind');
    const first = await writeBaseIndex([record(1), record(2)], dir);
    expect(Object.keys(first.pages).sort()).toEqual(['/wydarzenia/relacja-1/', '/wydarzenia/relacja-2/']);
    const second = await writeBaseIndex([record(1), record(3, 'Nowa relacja')], dir);
    expect(second.id).not.toBe(first.id);
    expect(fragments(dir).map((f) => f.url).sort()).toEqual(['/wydarzenia/relacja-1/', '/wydarzenia/relacja-3/']);
    for (const [url, page] of Object.entries(second.pages)) expect(fs.existsSync(path.join(dir, 'fragment', `${page.page}.pf_fragment`)), url).toBe(true);
    // Nothing left beside it.
    expect(fs.readdirSync(path.dirname(dir))).toEqual(['pagefind']);
    expect(fs.existsSync(path.join(dir, 'pagefind.js'))).toBe(true);
    console.log(`[search] base index of 2 records: ${second.durationMs} ms, node RSS ${second.rssMb} MB, Pagefind peak RSS ${second.pagefindPeakRssMb} MB`);
  });

  it('shares each unchanged file with the earlier base it is given (a hard link), and only those; the bytes are as without', async () => {
    const records = Array.from({ length: 40 }, (_, i) => record(i));
    const first = await writeBaseIndex(records, path.join(work, 'share', 'first'));
    expect(first.shared).toBe(0);
    const now = [...records.slice(0, 39), record(39, 'Relacja po zmianie tytułu')];
    const second = await writeBaseIndex(now, path.join(work, 'share', 'second'), { sharesWith: first.dir });
    const alone = await writeBaseIndex(now, path.join(work, 'share', 'alone'));
    expect(files(second.dir)).toEqual(files(alone.dir));
    const differ = files(second.dir).filter((f) => !fs.readFileSync(path.join(second.dir, f)).equals(fs.readFileSync(path.join(alone.dir, f))));
    expect(differ).toEqual([]);
    const inode = (dir: string, f: string) => fs.statSync(path.join(dir, f)).ino;
    const shared = files(second.dir).filter((f) => fs.existsSync(path.join(first.dir, f)) && inode(second.dir, f) === inode(first.dir, f));
    expect(shared).toHaveLength(second.shared);
    // The 39 pages that did not change keep their fragments; the retitled one has a new one.
    expect(shared.filter((f) => f.startsWith('fragment/'))).toHaveLength(39);
    expect(shared).not.toContain(`fragment/${second.pages['/wydarzenia/relacja-39/']!.page}.pf_fragment`);
    expect(second.shared).toBeLessThan(files(second.dir).length);
  });

  it('is made by a Pagefind process running below the publisher\'s priority (nice 10)', async () => {
    const seen = await withRecordsIndex([record(1)], {}, async () => {
      const pid = pagefindPid();
      return pid === null ? null : os.getPriority(pid);
    });
    expect(seen.value).toBe(Math.min(19, os.getPriority() + 10));
  });

  it('refuses a bad record, naming it and its field, and leaves no index', async () => {
    const dir = path.join(work, 'bad', 'pagefind');
    await expect(writeBaseIndex([record(1), { ...record(2), url: 'wydarzenia/x' }], dir)).rejects.toThrow('search record 1 (wydarzenia/x): field url');
    await expect(writeBaseIndex([record(1), record(1)], dir)).rejects.toThrow('search record 1 (/wydarzenia/relacja-1/): field url repeats');
    await expect(writeBaseIndex([{ ...record(3), meta: { title: ' ', kind: 'Relacja' } }], dir)).rejects.toThrow('field meta.title');
    expect(fs.existsSync(path.join(work, 'bad'))).toBe(false);
  });
});

describe('a delta', () => {
  it('holds the changed and new records, marked, and supersedes the changed and removed pages of the base', async () => {
    const release = path.join(work, 'release-1');
    const base = await writeBaseIndex([record(1), record(2), record(3)], path.join(release, 'pagefind'));
    const now = [record(1, 'Relacja zmieniona'), record(3), record(4)];
    const { changed, removed } = changesSinceBase(base, now);
    expect({ changed: changed.map((r) => r.url), removed }).toEqual({ changed: ['/wydarzenia/relacja-1/', '/wydarzenia/relacja-4/'], removed: ['/wydarzenia/relacja-2/'] });
    const delta = await writeDelta(changed, removed, { base, releaseDir: release });
    const manifest = JSON.parse(fs.readFileSync(path.join(release, DELTA_MANIFEST), 'utf8')) as DeltaManifest;
    expect(manifest).toEqual(delta.manifest);
    expect(manifest).toEqual({
      version: 1,
      base: base.id,
      bundle: expect.stringMatching(/^\/pagefind-delta\/[0-9a-f]{16}\/$/),
      superseded: ['/wydarzenia/relacja-1/', '/wydarzenia/relacja-2/'],
      supersededPages: [base.pages['/wydarzenia/relacja-1/']!.page, base.pages['/wydarzenia/relacja-2/']!.page],
      supersededFilters: { Rodzaj: { Konferencja: 1, Szkolenie: 1 }, Rok: { '2023': 2 } },
      hiddenPages: [expect.stringMatching(/^pl_/)],
    });
    const bundle = path.join(release, manifest.bundle!);
    expect(fragments(bundle).map((f) => [f.url, f.meta.title, f.meta.delta]).sort()).toEqual([
      [VOCABULARY_URL, '-', '1'],
      ['/wydarzenia/relacja-1/', 'Relacja zmieniona', '1'],
      ['/wydarzenia/relacja-4/', 'Relacja numer 4', '1'],
    ]);
    // The hidden record holds every word of the base, and is the page the manifest hides.
    const words = fragments(bundle).find((f) => f.url === VOCABULARY_URL)!;
    expect(new Set(words.content.split(' '))).toEqual(new Set(['relacja', 'numer', '1', '2', '3', 'sprawozdanie', 'z', 'obrad', 'o', 'usługach', 'społecznych.']));
    const hidden = gunzipSync(fs.readFileSync(path.join(bundle, 'fragment', `${manifest.hiddenPages[0]}.pf_fragment`)));
    expect((JSON.parse(hidden.subarray(12).toString('utf8')) as { url: string }).url).toBe(VOCABULARY_URL);
    // Only what a merged index loads; every file it wrote is listed.
    expect(files(bundle).filter((f) => !/^(pagefind-entry\.json|pagefind\.pl_\w+\.pf_meta|(index|filter|fragment)\/)/.test(f))).toEqual([]);
    expect(delta.written.sort()).toEqual([...files(bundle).map((f) => `${manifest.bundle!.slice(1)}${f}`), DELTA_MANIFEST].sort());
  });

  it('replaces the previous delta, writes no file a live release shares, and is empty when nothing changed since the base', async () => {
    const live = path.join(work, 'live');
    const base = await writeBaseIndex([record(1), record(2)], path.join(live, 'pagefind'));
    const first = await writeDelta([record(2, 'Pierwsza zmiana')], [], { base, releaseDir: live });
    // The next release shares the live one's files (hard links), as the publisher's releases do.
    const next = path.join(work, 'next');
    for (const f of files(live)) {
      fs.mkdirSync(path.dirname(path.join(next, f)), { recursive: true });
      fs.linkSync(path.join(live, f), path.join(next, f));
    }
    const liveManifest = fs.readFileSync(path.join(live, DELTA_MANIFEST), 'utf8');
    const second = await writeDelta([record(2, 'Druga zmiana')], ['/wydarzenia/relacja-1/'], { base, releaseDir: next });
    expect(fs.readFileSync(path.join(live, DELTA_MANIFEST), 'utf8')).toBe(liveManifest);
    expect(fs.existsSync(path.join(live, first.manifest.bundle!))).toBe(true);
    expect(second.removed.length).toBeGreaterThan(0);
    expect(second.removed.every((f) => f.startsWith(first.manifest.bundle!.slice(1)))).toBe(true);
    expect(fs.readdirSync(path.join(next, 'pagefind-delta')).sort()).toEqual([path.basename(second.manifest.bundle!), 'manifest.json'].sort());

    const none = changesSinceBase(base, [record(1), record(2)]);
    expect(none).toEqual({ changed: [], removed: [] });
    const empty = await writeDelta(none.changed, none.removed, { base, releaseDir: next });
    expect(empty.manifest).toMatchObject({ bundle: null, superseded: [], supersededPages: [], hiddenPages: [] });
    expect(fs.readdirSync(path.join(next, 'pagefind-delta'))).toEqual(['manifest.json']);
    expect(clearDelta(next)).toEqual(['pagefind-delta/manifest.json']);
    expect(fs.existsSync(path.join(next, 'pagefind-delta'))).toBe(false);
  });

  it('refuses two changed records for one page, naming it', async () => {
    const release = path.join(work, 'release-dup');
    const base = await writeBaseIndex([record(1)], path.join(release, 'pagefind'));
    await expect(writeDelta([record(1, 'a'), record(1, 'b')], [], { base, releaseDir: release })).rejects.toThrow('search record 1 (/wydarzenia/relacja-1/): field url repeats');
  });

  it('takes a moment for 1, 10 and 50 records (reported, not asserted)', async () => {
    const release = path.join(work, 'release-timed');
    const base = await writeBaseIndex(Array.from({ length: 200 }, (_, i) => record(i)), path.join(release, 'pagefind'));
    const times: string[] = [];
    for (const n of [1, 10, 50]) {
      const delta = await writeDelta(Array.from({ length: n }, (_, i) => record(i, `Zmiana ${n}`)), [], { base, releaseDir: release });
      times.push(`${n}: ${delta.durationMs} ms`);
    }
    console.log(`[search] delta over a base of 200 records: ${times.join(', ')}`);
  });
});
