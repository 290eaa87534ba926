// How long the base index and a delta take, and how much memory, for N synthetic records shaped
// like the bench corpus's reports (title, lead, ~400 words of body, people, filters). Reported,
// never asserted:  node scripts/publisher/src/search/measure.ts [N …]   (default 1000 10000)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SearchRecord } from '@cus/site/search-records';
import { changesSinceBase, writeBaseIndex, writeDelta } from './index.ts';

const STEMS = ['usług', 'społeczn', 'centr', 'gmin', 'opiek', 'senior', 'rodzin', 'asystent', 'integracj', 'wsparci', 'mieszkańc', 'projekt', 'konferencj', 'szkoleni', 'wizyt', 'powiat', 'samorząd', 'pomoc', 'standard', 'koordynator'];
const ENDINGS = ['', 'a', 'y', 'ie', 'ów', 'om', 'ami', 'ach', 'owi', 'em', 'u', 'ego', 'ej', 'ych', 'ymi'];
const TYPES = ['Konferencja', 'Kongres', 'Wizyta studyjna', 'Szkolenie', 'Warsztaty', 'Spotkanie'];
const REGIONS = ['małopolskie', 'podkarpackie', 'mazowieckie', 'śląskie', 'lubelskie', 'pomorskie'];

/** A deterministic generator, so runs compare. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0) / 2 ** 32);
}

function records(n: number, seed = 1): SearchRecord[] {
  const r = random(seed);
  const word = () => (r() < 0.1 ? `miejscowość${Math.floor(r() * 5000)}` : `${STEMS[Math.floor(r() * STEMS.length)]}${ENDINGS[Math.floor(r() * ENDINGS.length)]}`);
  const sentence = (len: number) => Array.from({ length: len }, word).join(' ');
  return Array.from({ length: n }, (_, i) => ({
    url: `/wydarzenia/relacja-${i}/`,
    language: 'pl' as const,
    meta: { title: `Relacja ${i}: ${sentence(6)}`, kind: 'Relacja' as const, date: `${1 + (i % 28)} maja ${2015 + (i % 10)} r.` },
    filters: { Rodzaj: [TYPES[i % TYPES.length]!], Rok: [String(2015 + (i % 10))], Województwo: [REGIONS[i % REGIONS.length]!] },
    parts: [
      { text: `Relacja ${i}: ${sentence(6)}`, weight: 7 },
      { text: sentence(30), weight: 1 },
      ...Array.from({ length: 12 }, () => ({ text: sentence(30), weight: 1 })),
      { text: 'Wystąpienia i udział', weight: 6 },
      ...Array.from({ length: 4 }, () => ({ text: `${sentence(2)} (prelegent) ${sentence(5)}`, weight: 3 })),
    ],
  }));
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const n of sizes.length ? sizes : [1000, 10000]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-search-measure-'));
  try {
    const all = records(n);
    const base = await writeBaseIndex(all, path.join(dir, 'pagefind'));
    const deltas: Record<string, number> = {};
    for (const k of [1, 10, 50]) {
      const now = all.map((rec, i) => (i < k ? { ...rec, meta: { ...rec.meta, title: `${rec.meta.title} (zmiana)` } } : rec));
      const { changed, removed } = changesSinceBase(base, now);
      deltas[k] = (await writeDelta(changed, removed, { base, releaseDir: dir })).durationMs;
    }
    const bytes = fs.readdirSync(path.join(dir, 'pagefind'), { recursive: true, encoding: 'utf8' }).reduce((sum, f) => sum + (fs.statSync(path.join(dir, 'pagefind', f)).isFile() ? fs.statSync(path.join(dir, 'pagefind', f)).size : 0), 0);
    console.log(JSON.stringify({ records: n, baseMs: base.durationMs, baseMb: Math.round(bytes / 2 ** 20), nodeRssMb: base.rssMb, nodePeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), pagefindPeakRssMb: base.pagefindPeakRssMb, deltaMs: deltas }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
