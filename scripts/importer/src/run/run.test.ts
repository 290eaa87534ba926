import { describe, expect, it } from 'vitest';
import type { ImportItemPayload, ImportItemResult, ImportLookupResult } from '@cus/shared/import';
import type { SourceEntry, SourceItem } from '../source-item.ts';
import { CmsError, type ImportCms, type MediaFile, type MediaUpload, type UploadedMedia } from './cms-client.ts';
import { runImport, type RunOptions } from './run.ts';

// The run's decisions against a CMS held in memory (the real one is in ../e2e): what is looked
// up, fetched, uploaded, sent, discarded and reported, item by item.

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const OLD = 'https://cus.example.pl';

class MemoryCms implements ImportCms {
  calls: string[] = [];
  records = new Map<string, { hash: string; documentId: string; slug: string; state: 'importable' | 'kept_edited' | 'kept_published' }>();
  files = new Map<string, number>();
  discarded: number[] = [];
  payloads: ImportItemPayload[] = [];
  private nextFile = 1;
  failTitles = new Set<string>();
  down = false;

  private gate(call: string) {
    this.calls.push(call);
    if (this.down) throw new CmsError(0, 'Brak połączenia z CMS');
  }
  async lookup(keys: string[]): Promise<ImportLookupResult> {
    this.gate(`lookup ${keys.length}`);
    return Object.fromEntries(keys.map((k) => {
      const r = this.records.get(k);
      return [k, r ? { state: r.state, contentHash: r.hash, documentId: r.documentId, slug: r.slug } : { state: 'new' as const }];
    }));
  }
  async directory() {
    this.gate('directory');
    return { people: [{ documentId: 'p1', name: 'Piotr Mączka' }], institutions: [] };
  }
  async uploadMedia(upload: MediaUpload): Promise<UploadedMedia> {
    this.gate(`media ${upload.sourceUrl}`);
    const known = this.files.get(upload.sourceUrl);
    const fileId = known ?? this.nextFile++;
    this.files.set(upload.sourceUrl, fileId);
    const file: MediaFile = { id: fileId, url: `/uploads/f${fileId}.jpg`, width: 800, height: 600, alternativeText: upload.alt ?? '', hash: `f${fileId}` };
    return { fileId, reused: known !== undefined, file };
  }
  async file(id: number): Promise<MediaFile> {
    return { id, url: `/uploads/f${id}.jpg`, width: 800, height: 600 };
  }
  async upsertItem(payload: ImportItemPayload): Promise<ImportItemResult> {
    this.gate(`items ${payload.source.key}`);
    if (this.failTitles.has(payload.event.title)) throw new CmsError(400, `Nie można zapisać relacji „${payload.event.title}”: pole dates jest nieprawidłowe.`);
    const existing = this.records.get(payload.source.key);
    // As the CMS does (cms/src/import/upsert-item.ts): the same digest writes nothing.
    if (existing?.hash === payload.contentHash) return { status: 'unchanged', documentId: existing.documentId, slug: existing.slug };
    this.payloads.push(payload);
    const slug = existing?.slug ?? payload.event.title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const documentId = existing?.documentId ?? `doc${this.records.size + 1}`;
    this.records.set(payload.source.key, { hash: payload.contentHash, documentId, slug, state: 'importable' });
    return { status: existing ? 'updated' : 'created', documentId, slug };
  }
  async discardMedia(fileIds: number[]) {
    this.gate(`discard ${fileIds.join(',')}`);
    this.discarded.push(...fileIds);
  }
}

const item = (id: number, title: string, html: string, extra: Partial<SourceItem> = {}): SourceEntry => ({
  kind: 'item',
  item: { system: 'wordpress', key: `wordpress:cus.example.pl:${id}`, id, url: `${OLD}/${id}/`, otherUrls: [`${OLD}/?p=${id}`], title, publishedAt: '2023-11-24T10:00:00Z', html, ...extra },
});

async function* entries(list: SourceEntry[]) {
  yield* list;
}

const fetched: string[] = [];
const fakeFetch: typeof fetch = async (input) => {
  const url = String(input);
  fetched.push(url);
  if (url.includes('brak')) return new Response('nie ma', { status: 404 });
  return new Response(JPEG, { status: 200, headers: { 'content-type': 'image/jpeg' } });
};

const run = (cms: ImportCms | undefined, list: SourceEntry[], extra: Partial<RunOptions> = {}) => {
  const lines: string[] = [];
  return runImport({
    system: 'wordpress', source: 'eksport.xml', site: { title: 'CUS', baseUrl: OLD }, entries: entries(list), cms, siteUrl: 'https://nowa.example.pl/',
    fetchImpl: fakeFetch, batchSize: 2, onProgress: (line) => lines.push(line), ...extra,
  }).then((summary) => ({ summary, lines }));
};

const SOURCE: SourceEntry[] = [
  item(1, 'Konferencja w Dębicy', `<p>W dniu 23 listopada 2023 roku Dyrektor CUS Piotr Mączka powitał gości.</p><p><img src="${OLD}/wp-content/uploads/sala.jpg" alt="Sala konferencyjna"></p>`, {
    featuredImage: { url: `${OLD}/wp-content/uploads/okladka.jpg`, alt: 'Okładka' },
  }),
  { kind: 'skipped', skipped: { id: 2, title: 'O nas', reason: 'strona (page)' } },
  item(3, 'Wizyta studyjna', `<p>W dniach 19–21 czerwca 2023 r. odbyła się wizyta.</p><p><img src="${OLD}/wp-content/uploads/brak.jpg" alt="Brak"></p>`),
  { kind: 'problem', problem: { id: 4, message: 'Wpis 4 nie ma tytułu' } },
  item(5, 'Szkolenie', '<p>Szkolenie bez daty.</p>'),
];

describe('runImport', () => {
  it('creates drafts with their images, names what it skips and what it could not read, and reports progress', async () => {
    const cms = new MemoryCms();
    fetched.length = 0;
    const { summary, lines } = await run(cms, SOURCE);
    expect(summary.items.map((i) => [i.n, i.status])).toEqual([[1, 'created'], [undefined, 'skipped'], [2, 'created'], [3, 'failed'], [4, 'created']]);
    expect(summary.counts).toEqual({ created: 3, skipped: 1, failed: 1 });
    // One lookup per batch of 2 entries, for the items in it.
    expect(cms.calls.filter((c) => c.startsWith('lookup'))).toEqual(['lookup 1', 'lookup 1', 'lookup 1']);
    const first = cms.payloads[0]!;
    expect(first.event.coverFileId).toBe(1);
    expect(first.event.body.find((b) => b.type === 'image')).toMatchObject({ image: { id: 2, url: '/uploads/f2.jpg', width: 800, height: 600 } });
    expect(first.suggestions.map((s) => s.kind)).toEqual(expect.arrayContaining(['dates', 'speaker']));
    expect(summary.items[0]).toMatchObject({ slug: 'konferencja-w-d-bicy', newUrl: 'https://nowa.example.pl/wydarzenia/konferencja-w-d-bicy/', documentId: 'doc1', images: { found: 2, uploaded: 2, reused: 0, failed: 0 } });
    // The 404 image: a warning naming it; the report is in without it.
    const second = cms.payloads[1]!;
    expect(second.event.body.some((b) => b.type === 'image')).toBe(false);
    expect(second.warnings).toContainEqual({ code: 'image_unreachable', message: `Nie udało się pobrać zdjęcia ${OLD}/wp-content/uploads/brak.jpg: serwer odpowiedział HTTP 404. Relacja została zaimportowana bez tego zdjęcia.` });
    expect(cms.payloads[2]!.warnings).toContainEqual({ code: 'no_date', message: 'W tekście nie znaleziono daty wydarzenia: ustaw ją ręcznie.' });
    expect(lines[0]).toMatch(/^\[1\] utworzono szkic: Konferencja w Dębicy \(2 zdjęcia, \d propozycj[ei]\)$/);
    // Skipped entries are counted in the summary, not announced.
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe('[3] błąd: Wpis 4 — Wpis 4 nie ma tytułu');
  });

  it('a second run of the same source fetches and uploads nothing but the image that failed: every report unchanged', async () => {
    const cms = new MemoryCms();
    await run(cms, SOURCE);
    cms.calls.length = 0;
    fetched.length = 0;
    const { summary } = await run(cms, SOURCE, { total: 5 });
    expect(summary.items.map((i) => i.status)).toEqual(['unchanged', 'skipped', 'unchanged', 'failed', 'unchanged']);
    // The report saved without its image is tried again; the image still fails, nothing is written.
    expect(fetched).toEqual([`${OLD}/wp-content/uploads/brak.jpg`]);
    expect(cms.calls.filter((c) => !c.startsWith('lookup') && c !== 'directory')).toEqual(['items wordpress:cus.example.pl:3']);
    expect(cms.payloads).toHaveLength(3);
  });

  it('a report saved without an image gets it on a later run once the old site serves it again', async () => {
    const cms = new MemoryCms();
    await run(cms, SOURCE);
    const back: typeof fetch = async () => new Response(JPEG, { status: 200, headers: { 'content-type': 'image/jpeg' } });
    const { summary } = await run(cms, SOURCE, { fetchImpl: back });
    expect(summary.items.map((i) => i.status)).toEqual(['unchanged', 'skipped', 'updated', 'failed', 'unchanged']);
    const updated = cms.payloads.at(-1)!;
    expect(updated.source.key).toBe('wordpress:cus.example.pl:3');
    expect(updated.event.body.some((b) => b.type === 'image')).toBe(true);
    expect(updated.warnings.map((w) => w.code)).not.toContain('image_unreachable');
    // Complete now: the next run leaves it alone.
    const third = await run(cms, SOURCE, { fetchImpl: back });
    expect(third.summary.items.map((i) => i.status)).toEqual(['unchanged', 'skipped', 'unchanged', 'failed', 'unchanged']);
  });

  it('leaves edited and published drafts alone without converting or fetching, and updates a changed one', async () => {
    const cms = new MemoryCms();
    await run(cms, SOURCE);
    cms.records.get('wordpress:cus.example.pl:1')!.state = 'kept_edited';
    cms.records.get('wordpress:cus.example.pl:3')!.state = 'kept_published';
    fetched.length = 0;
    const changed = [SOURCE[0]!, SOURCE[2]!, item(5, 'Szkolenie', '<p>Szkolenie w dniu 5 marca 2024 r.</p>')];
    const { summary, lines } = await run(cms, changed, { total: 3 });
    expect(summary.items.map((i) => i.status)).toEqual(['kept_edited', 'kept_published', 'updated']);
    expect(fetched).toEqual([]);
    expect(lines[0]).toBe('[1/3] pominięto: szkic zmieniony przez redakcję: Konferencja w Dębicy');
    expect(lines[2]).toMatch(/^\[3\/3\] zaktualizowano szkic: Szkolenie \(0 zdjęć, \d propozycj\S+\)$/);
  });

  it('a report the CMS refuses fails alone, naming it, and its new files are discarded', async () => {
    const cms = new MemoryCms();
    cms.failTitles.add('Konferencja w Dębicy');
    const { summary } = await run(cms, SOURCE.slice(0, 3));
    expect(summary.items.map((i) => i.status)).toEqual(['failed', 'skipped', 'created']);
    expect(summary.items[0]!.message).toBe(
      `Nie zaimportowano „Konferencja w Dębicy” (wordpress:cus.example.pl:1, ${OLD}/1/): Nie można zapisać relacji „Konferencja w Dębicy”: pole dates jest nieprawidłowe.`,
    );
    expect(cms.discarded.sort()).toEqual([1, 2]);
  });

  it('stops when the CMS goes away, saying so', async () => {
    const cms = new MemoryCms();
    const { summary } = await run(cms, SOURCE.slice(0, 1));
    cms.down = true;
    const again = await run(cms, SOURCE);
    expect(summary.fatal).toBeUndefined();
    expect(again.summary).toMatchObject({ fatal: 'Brak połączenia z CMS', stoppedBy: 'cms', items: [] });
  });

  it('--limit counts reports, not skipped entries; --dry-run writes nothing and needs no CMS', async () => {
    fetched.length = 0;
    const { summary } = await run(undefined, SOURCE, { dryRun: true, limit: 2 });
    expect(summary.items.map((i) => [i.status, i.slug])).toEqual([
      ['would_create', 'konferencja-w-debicy'],
      ['skipped', undefined],
      ['would_create', 'wizyta-studyjna'],
      ['failed', undefined],
    ]);
    expect(fetched).toEqual([]);
  });
  it('Ctrl-C stops before the next report, the one in hand finished', async () => {
    const cms = new MemoryCms();
    let stop = false;
    const { summary } = await run(cms, SOURCE, { onProgress: () => (stop = true), shouldStop: () => stop });
    expect(summary.items.map((i) => i.status)).toEqual(['created']);
    expect(summary).toMatchObject({ stoppedBy: 'user', fatal: 'przerwano na żądanie (Ctrl-C); pozostałe wpisy nie zostały zaimportowane' });
  });
});
