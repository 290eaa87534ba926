import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { pagefindRecord, recordText, searchFilterCounts, searchRecords, type SearchContent, type SearchRecord } from '../src/lib/search-records.ts';
import { htmlBlocks } from '../src/lib/search-text.ts';
import { readPage, startTags, textOf } from './helpers/html.ts';

// The search index's records are made from the content, not from the built pages; they must
// still say what the pages say: the title, kind, date and filters of each page's
// data-pagefind-meta/-filter spans, and only words a visitor reads on the page.

const dist = inject('distDir');
// The build's cache sits beside its output (global-setup.ts); the search-index integration keeps there the records it indexed.
const indexed = () => JSON.parse(fs.readFileSync(path.join(path.dirname(dist), 'cache', 'search', 'records.json'), 'utf8')) as SearchRecord[];

/** What the page's own spans give Pagefind: meta (title from the h1) and filters. */
function spansOf(html: string): { meta: Record<string, string>; filters: Record<string, string[]> } {
  const meta: Record<string, string> = {};
  const filters: Record<string, string[]> = {};
  for (const tag of startTags(html)) {
    for (const [name, value] of tag.attributes) {
      if (name === 'data-pagefind-meta' && value.includes(':')) meta[value.slice(0, value.indexOf(':'))] = value.slice(value.indexOf(':') + 1);
      if (name === 'data-pagefind-filter') (filters[value.slice(0, value.indexOf(':'))] ??= []).push(value.slice(value.indexOf(':') + 1));
    }
  }
  const h1 = /<h1 data-pagefind-meta="title">([\s\S]*?)<\/h1>/.exec(html);
  if (h1) meta.title = textOf(`<body>${h1[1]}`);
  // Pagefind's own meta: the alt text of the first picture inside what it indexes.
  const img = startTags(bodyOf(html)).find((t) => t.name === 'img');
  const alt = img?.attributes.find(([name]) => name === 'alt')?.[1];
  if (alt) meta.image_alt = alt;
  return { meta, filters };
}

/** The part of a page Pagefind indexes (data-pagefind-body). */
const bodyOf = (html: string) => /<(?:article|div) data-pagefind-body>([\s\S]*)<\/(?:article|div)>\s*<\/main>/.exec(html)?.[1] ?? html;
const nbsp = (s: string) => s.replace(/\u00a0/g, ' ');

const words = (text: string) => new Set(text.toLocaleLowerCase('pl').match(/[\p{L}\p{N}]+/gu) ?? []);

describe('search records of the seed content', () => {
  it('are one per page the build marks for the index, with the meta and filters of its spans', () => {
    const records = indexed();
    const marked = fs
      .readdirSync(dist, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('index.html') && fs.readFileSync(path.join(dist, f), 'utf8').includes('data-pagefind-body'))
      .map((f) => `/${path.dirname(f)}/`.replace(/\/\.\/$/, '/'))
      .sort();
    expect(records.map((r) => r.url).sort()).toEqual(marked);
    expect(records.length).toBeGreaterThan(20);
    for (const record of records) {
      const spans = spansOf(readPage(dist, record.url));
      const meta = Object.fromEntries(Object.entries(record.meta).map(([k, v]) => [k, nbsp(v)]));
      expect({ url: record.url, meta, filters: record.filters }).toEqual({ url: record.url, meta: Object.fromEntries(Object.entries(spans.meta).map(([k, v]) => [k, nbsp(v)])), filters: spans.filters });
    }
  });

  it('hold only words the page shows, and the words of its title and lead', () => {
    for (const record of indexed()) {
      const html = readPage(dist, record.url);
      const page = words(textOf(`<body>${bodyOf(html)}`));
      const extra = [...words(recordText(record))].filter((w) => !page.has(w));
      expect({ url: record.url, extra }).toEqual({ url: record.url, extra: [] });
      const lead = /<p class="lead">([\s\S]*?)<\/p>/.exec(html)?.[1];
      const own = [...words(record.meta.title), ...(lead ? words(textOf(`<body>${lead}`)) : [])];
      const text = words(recordText(record));
      expect({ url: record.url, missing: own.filter((w) => !text.has(w)) }).toEqual({ url: record.url, missing: [] });
    }
  });

  it('count each filter value as the search page shows it', () => {
    const records = indexed();
    const html = readPage(dist, '/szukaj/');
    const shown = [...html.matchAll(/<label for="f-\d+-\d+"[^>]*>([^<]*) \((\d+)\)<\/label>/g)].map((m) => `${m[1]} (${m[2]})`).sort();
    const counted: string[] = [];
    for (const r of records) for (const [name, values] of Object.entries(r.filters)) for (const v of values ?? []) counted.push(`${name}\0${v}`);
    const byValue = new Map<string, number>();
    for (const c of counted) byValue.set(c, (byValue.get(c) ?? 0) + 1);
    expect(shown.length).toBeGreaterThan(5);
    expect([...byValue].map(([k, n]) => `${k.split('\0')[1]} (${n})`).sort()).toEqual(shown);
  });
});

describe('searchRecords', () => {
  const speaker = { documentId: 's1', slug: 'anna-nowak', name: 'Anna Nowak', honorific: 'dr', position: 'dyrektorka', institution: { documentId: 'i1', slug: 'cus-debica', name: 'Centrum Usług Społecznych w Dębicy' } };
  const institution = { documentId: 'i1', slug: 'cus-debica', name: 'Centrum Usług Społecznych w Dębicy', voivodeship: 'podkarpackie', city: 'Dębica' };
  const event = {
    slug: 'forum',
    title: 'Forum "Usługi" w Dębicy',
    type: 'konferencja',
    lead: 'Spotkanie o usługach.',
    dates: [{ start: '2023-10-09' }],
    start: '2023-10-09',
    venue: { city: 'Dębica', voivodeship: 'podkarpackie' },
    bodyHtml: '<p>Wstęp &amp; cel.</p><h2 id="a">Panel <em>ekspertów</em></h2><p>Treść<br>druga linia ___PAGEFIND_WEIGHT___9 x</p>',
    appearances: [{ role: 'prelegent', speaker, affiliation: institution }],
    organizers: [institution],
  };
  const content = { events: [event], speakers: [speaker], institutions: [institution] } as unknown as SearchContent;

  it('makes a report, a person and an institution record, with Polish typography and the filters', () => {
    const [report, person, inst] = searchRecords(content);
    expect(report).toMatchObject({ url: '/wydarzenia/forum/', language: 'pl', meta: { title: 'Forum „Usługi” w\u00a0Dębicy', kind: 'Relacja', date: '9 października 2023 r.' }, filters: { Rodzaj: ['Konferencja'], Rok: ['2023'], Województwo: ['podkarpackie'] } });
    expect(person).toMatchObject({ url: '/osoby/anna-nowak/', meta: { title: 'dr Anna Nowak', kind: 'Osoba' }, filters: {} });
    expect(inst).toMatchObject({ url: '/instytucje/cus-debica/', meta: { kind: 'Instytucja' }, filters: { Województwo: ['podkarpackie'] } });
    expect(recordText(person!)).toContain('Forum „Usługi” w\u00a0Dębicy');
    expect(recordText(inst!)).toContain('Zorganizowane wydarzenia');
    expect(searchFilterCounts(content)).toEqual({ Rodzaj: { Konferencja: 1 }, Rok: { '2023': 1 }, Województwo: { podkarpackie: 2 } });
  });

  it('weighs the title as an h1, body headings as theirs and names as the page does, and defuses Pagefind markers in text', () => {
    const [report] = searchRecords(content);
    const weightOf = (text: string) => report!.parts.find((p) => p.text.includes(text))?.weight;
    expect([weightOf('Forum'), weightOf('Panel ekspertów'), weightOf('dr Anna Nowak'), weightOf('Wstęp & cel.')]).toEqual([7, 6, 3, 1]);
    const { content: text, meta } = pagefindRecord(report!, { delta: '1' });
    expect(text).toContain('___PAGEFIND_WEIGHT___7 Forum „Usługi” w\u00a0Dębicy ___END_PAGEFIND_WEIGHT___');
    expect(text).not.toContain('___PAGEFIND_WEIGHT___9');
    expect(meta).toEqual({ title: 'Forum „Usługi” w\u00a0Dębicy', kind: 'Relacja', date: '9 października 2023 r.', delta: '1' });
  });

  it('reads body HTML as text: blocks apart, entities decoded, scripts and comments dropped', () => {
    expect(htmlBlocks('<p>a&nbsp;b &#x41;&#66;</p><!-- x --><script>y</script><h3>c<em>d</em></h3><ul><li>e</li><li>f</li></ul>')).toEqual([
      { text: 'a\u00a0b AB', weight: 1 },
      { text: 'cd', weight: 5 },
      { text: 'e', weight: 1 },
      { text: 'f', weight: 1 },
    ]);
  });
});
