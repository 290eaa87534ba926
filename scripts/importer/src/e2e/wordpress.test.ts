import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminLogin } from '@cus/cms-admin/admin-api';
import { blocksProblems, type BlockNode } from '@cus/shared/blocks';
import type { ImportSuggestion, ImportWarning } from '@cus/shared/import';
import { readTemplate, startCms, type CmsProcess } from '@cus/testing/cms-process';
import { FIXTURES_DIR, serveFixtures, writeExportFor, type FixtureServer } from '../fixture-server.ts';
import type { RunSummary } from '../run/summary.ts';
import { runCli } from './cli-process.ts';
import { MISSING_FILE_ID, refusingProxy } from './refusing-proxy.ts';

// ./scripts/import wordpress end to end: the fixture export (served with its images by the
// fixture server) into a real CMS, run after run: drafts with bodies, covers, galleries,
// suggestions and warnings, the redirect map and the summary; a second run that changes and
// fetches nothing; an edited draft and a published event left alone while a changed one is
// updated; a report the CMS refuses failing alone with nothing of it left behind.

const SITE = 'https://relacje.cus.example';
const OLD = 'https://cus.gminadebica.example';
const TITLES = {
  debica: 'Konferencja podsumowująca dwa lata CUS',
  bukowsko: 'Wizyty studyjne w Centrum Usług Społecznych w Bukowsku',
  kongres: 'II Kongres Centrów Usług Społecznych w Starachowicach',
  rzeszow: 'Regionalna konferencja promująca nowy model realizacji gminnych usług społecznych w ramach CUS',
};
const CM = '/content-manager/collection-types/api::event.event';

let cms: CmsProcess;
let fx: FixtureServer;
let dir: string;
let exportFile: string;
let out: string;
let jwt: string;

interface EventRow {
  documentId: string;
  title: string;
  slug: string;
  lead: string | null;
  body: BlockNode[];
  publishedAt: string | null;
  cover: { id: number; url: string; alternativeText: string | null } | null;
  gallery: { documentId: string; photos: { alt: string; caption: string | null; image: { id: number; url: string } }[] } | null;
}

async function api<T>(method: string, url: string, body?: unknown, token = jwt): Promise<{ status: number; body: T }> {
  const res = await fetch(`${cms.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Every draft event (the REST API with a full-access token), with cover and gallery photos. */
async function drafts(): Promise<EventRow[]> {
  const query = 'status=draft&pagination[pageSize]=100&populate[cover]=true&populate[gallery][populate][photos][populate][image]=true';
  const res = await api<{ data: EventRow[] }>('GET', `/api/events?${query}`, undefined, cms.writeToken);
  expect(res.status).toBe(200);
  return res.body.data;
}
/** The draft the first run made of a post (the seed holds reports of the same titles). */
const draftOf = async (title: string) => {
  const documentId = imported.get(title);
  const found = (await drafts()).filter((e) => e.documentId === documentId);
  expect(found, title).toHaveLength(1);
  return found[0]!;
};
const imported = new Map<string, string>();

const importArgs = () => ['wordpress', exportFile, '--cms', cms.url, '--site-url', SITE, '--out', out];
const login = () => ({ CUS_IMPORT_EMAIL: cms.admin.email, CUS_IMPORT_PASSWORD: cms.admin.password });
const readSummary = () => JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as RunSummary;
const itemOf = (summary: RunSummary, title: string) => summary.items.find((i) => i.title === title)!;
const uploadRequests = () => fx.requests.filter((r) => r.includes('/wp-content/uploads/'));
const fileCount = async () => (await api<unknown[]>('GET', '/api/upload/files', undefined, cms.writeToken)).body.length;

beforeAll(async () => {
  [cms, fx] = await Promise.all([startCms(readTemplate(inject('templateDir'))), serveFixtures()]);
  jwt = await adminLogin(cms.url, cms.admin.email, cms.admin.password);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-import-wp-'));
  exportFile = writeExportFor(fx.url, dir);
  out = path.join(dir, 'wyniki');
});

afterAll(async () => {
  await Promise.all([cms?.stop(), fx?.close()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('./scripts/import wordpress into a real CMS', () => {
  it('makes a draft of every published post, with body, cover, gallery, suggestions and warnings, and publishes none', async () => {
    const draftsBefore = (await drafts()).length;
    const run = await runCli(importArgs(), login());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^\[1\/4\] utworzono szkic: Konferencja podsumowująca dwa lata CUS \(3 zdjęcia, \d+ propozycj\S+, \d+ ostrzeż\S+\)$/m);
    expect(run.stderr).toMatch(/^\[4\/4\] utworzono szkic: Regionalna konferencja promująca/m);
    expect(run.stdout).toContain('utworzono szkic: 4');

    const summary = readSummary();
    expect(summary.counts).toEqual({ created: 4, skipped: 10 });
    for (const title of Object.values(TITLES)) imported.set(title, itemOf(summary, title).documentId!);
    const all = await drafts();
    expect(all.length).toBe(draftsBefore + 4);
    for (const title of Object.values(TITLES)) expect(all.filter((e) => e.documentId === imported.get(title)), title).toHaveLength(1);

    // Never published: neither Strapi's published versions nor the site's export hold them.
    const published = await api<{ data: { documentId: string }[] }>('GET', '/api/events?pagination[pageSize]=100', undefined, cms.writeToken);
    const exported = await api<{ data: { documentId: string }[] }>('GET', '/api/site-export/events', undefined, cms.readToken);
    const ids = [...imported.values()];
    expect(published.body.data.filter((e) => ids.includes(e.documentId))).toEqual([]);
    expect(exported.body.data.filter((e) => ids.includes(e.documentId))).toEqual([]);

    // The classic-editor post: valid blocks, the [caption] image as an image block, the cover,
    // the [gallery] photos that could be fetched (one of three is a 404).
    const debica = await draftOf(TITLES.debica);
    expect(blocksProblems(debica.body)).toEqual([]);
    const images = debica.body.filter((b) => b.type === 'image');
    expect(images).toHaveLength(1);
    // The file is also the cover: the Media Library keeps the attachment's alt text, which the CMS copies into the block.
    expect(images[0]).toMatchObject({ image: { alternativeText: 'Dyrektor CUS Piotr Mączka wita gości konferencji', mime: 'image/jpeg' } });
    expect(JSON.stringify(debica.body)).not.toMatch(/<script|onclick|youtube|contact-form-7/);
    expect(debica.lead).toBe('Podsumowanie dwóch lat działalności Centrum Usług Społecznych Gminy Dębica.');
    expect(debica.cover?.alternativeText).toBe('Dyrektor CUS Piotr Mączka wita gości konferencji');
    expect(debica.gallery?.photos.map((p) => p.alt)).toHaveLength(2);

    // The block-editor post: heading, list, quote, image; its gallery holds the photo without alt text.
    const bukowsko = await draftOf(TITLES.bukowsko);
    expect(blocksProblems(bukowsko.body)).toEqual([]);
    expect(bukowsko.body.map((b) => b.type)).toEqual(expect.arrayContaining(['paragraph', 'heading', 'list', 'quote', 'image']));
    expect(bukowsko.gallery?.photos.length).toBeGreaterThanOrEqual(1);

    // Suggestions and warnings are stored with the import record (GET /import/events/:id).
    type Imported = { source: { url: string; category?: string }; suggestions: (ImportSuggestion & { accepted: boolean })[]; warnings: ImportWarning[] };
    const record = async (title: string) => (await api<Imported>('GET', `/import/events/${(await draftOf(title)).documentId}`)).body;
    const dates = (r: Imported) => r.suggestions.filter((s) => s.kind === 'dates').map((s) => (s as Extract<ImportSuggestion, { kind: 'dates' }>).ranges);
    const debicaRecord = await record(TITLES.debica);
    expect(debicaRecord.source).toMatchObject({ url: `${OLD}/2023/11/28/konferencja-podsumowujaca-dwa-lata-cus/`, category: 'Relacje z wydarzeń' });
    expect(dates(debicaRecord)[0]).toEqual([{ start: '2023-11-23' }]);
    expect(debicaRecord.suggestions).toContainEqual(expect.objectContaining({ kind: 'speaker', name: 'Piotr Mączka' }));
    expect(debicaRecord.warnings).toContainEqual({
      code: 'image_unreachable',
      message: `Nie udało się pobrać zdjęcia ${fx.url}/wp-content/uploads/2023/11/zdjecie-grupowe-usuniete.jpg: serwer odpowiedział HTTP 404. Relacja została zaimportowana bez tego zdjęcia.`,
    });
    const bukowskoRecord = await record(TITLES.bukowsko);
    expect(dates(bukowskoRecord)[0]).toEqual([{ start: '2023-06-19', end: '2023-06-21' }, { start: '2023-06-26' }]);
    // The gallery photo whose attachment has no alt text: marked for the editor.
    expect(bukowskoRecord.warnings).toContainEqual({
      code: 'alt_missing',
      message: `Zdjęcie ${fx.url}/wp-content/uploads/2023/06/bukowsko-seniorzy.jpg nie ma tekstu alternatywnego: uzupełnij go w Bibliotece mediów.`,
    });
    expect(dates(await record(TITLES.kongres))[0]).toEqual([{ start: '2022-06-21' }]);
    const rzeszow = await record(TITLES.rzeszow);
    expect(dates(rzeszow)[0]).toEqual([{ start: '2020-02-10' }]);
    expect(rzeszow.suggestions).toContainEqual(expect.objectContaining({ kind: 'attendance', count: 140, approximate: true }));

    // The summary: every item with its addresses and what happened.
    const item = itemOf(summary, TITLES.debica);
    expect(item).toMatchObject({
      key: 'wordpress:cus.gminadebica.example:11',
      oldUrl: `${OLD}/2023/11/28/konferencja-podsumowujaca-dwa-lata-cus/`,
      newUrl: `${SITE}/wydarzenia/${debica.slug}/`,
      status: 'created',
      documentId: debica.documentId,
      images: { found: 4, uploaded: 3, reused: 0, failed: 1 },
    });
    expect(fs.readFileSync(path.join(out, 'summary.txt'), 'utf8')).toContain('utworzono szkic: 4');

    // The redirect map: the post's address and its ?p= form.
    const redirects = fs.readFileSync(path.join(out, '_redirects'), 'utf8');
    expect(redirects).toContain(`\n/2023/11/28/konferencja-podsumowujaca-dwa-lata-cus/  /wydarzenia/${debica.slug}/  301\n`);
    expect(redirects).toContain(`\n/ p=11  /wydarzenia/${debica.slug}/  301`);
    const nginx = fs.readFileSync(path.join(out, 'redirects.nginx.conf'), 'utf8');
    expect(nginx).toContain(`    "/2023/11/28/konferencja-podsumowujaca-dwa-lata-cus/" "${SITE}/wydarzenia/${debica.slug}/";`);
    expect(nginx).toContain(`    "/?p=11" "${SITE}/wydarzenia/${debica.slug}/";`);
  });

  it('a second run changes nothing, duplicates nothing, and reads images again only for the report that lacks one', async () => {
    const before = (await drafts()).length;
    const files = await fileCount();
    fx.requests.length = 0;
    const run = await runCli(importArgs(), login());
    expect(run.code, run.stderr).toBe(0);
    expect(readSummary().counts).toEqual({ unchanged: 4, skipped: 10 });
    expect((await drafts()).length).toBe(before);
    expect(await fileCount()).toBe(files);
    // Only the report saved without a photo is tried again: its images are read again (the
    // Media Library recognises the three it has, see fileCount), the missing one is still a 404.
    expect(uploadRequests().sort()).toEqual([
      'GET /wp-content/uploads/2023/11/konferencja-debica-powitanie.jpg',
      'GET /wp-content/uploads/2023/11/konferencja-debica-prezentacja.jpg',
      'GET /wp-content/uploads/2023/11/konferencja-debica-sala.jpg',
      'GET /wp-content/uploads/2023/11/zdjecie-grupowe-usuniete.jpg',
    ]);
    // The map written by the first run is still whole.
    expect(fs.readFileSync(path.join(out, '_redirects'), 'utf8')).toContain('/2023/11/28/konferencja-podsumowujaca-dwa-lata-cus/');
  });

  // One run for the rest: the CMS allows 5 logins in 5 minutes (the harness's, ours and a login per run).
  it('a third run leaves an edited draft and a published event alone, updates an untouched changed one, and a report the CMS refuses fails alone with nothing of it left behind', async () => {
    const kongres = await draftOf(TITLES.kongres);
    expect((await api('PUT', `${CM}/${kongres.documentId}`, { lead: 'Wstęp napisany przez redakcję.' })).status).toBe(200);
    const rzeszow = await draftOf(TITLES.rzeszow);
    // Publishing needs the dates and the type: the editor accepts the suggestions first.
    expect((await api('POST', `/import/events/${rzeszow.documentId}/accept`, { ids: 'all' })).status).toBe(200);
    const publish = await api('POST', `${CM}/${rzeszow.documentId}/actions/publish`, {});
    expect(publish.status, JSON.stringify(publish.body)).toBe(200);

    // The old site changed three posts since, and has a new one, with a photo (given with
    // --uploads) that nobody has yet; the CMS will be told its cover is a file the Media Library
    // does not hold, and refuse it.
    const uploads = path.join(dir, 'uploads');
    fs.mkdirSync(path.join(uploads, '2024', '01'), { recursive: true });
    const photo = fs.readFileSync(path.join(FIXTURES_DIR, 'wordpress', 'uploads', '2023', '11', 'konferencja-debica-sala.jpg'));
    fs.writeFileSync(path.join(uploads, '2024', '01', 'nowe-zdjecie.jpg'), Buffer.concat([photo, Buffer.from('inna kopia')]));
    const html = `<p>W dniu 15 stycznia 2024 r. odbyło się spotkanie.</p><p><img src="${OLD}/wp-content/uploads/2024/01/nowe-zdjecie.jpg" alt="Uczestnicy spotkania"></p>`;
    const post = `<item><title><![CDATA[Spotkanie noworoczne]]></title><link>${OLD}/2024/01/15/spotkanie-noworoczne/</link>
      <guid isPermaLink="false">${OLD}/?p=99</guid><content:encoded><![CDATA[${html}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
      <wp:post_id>99</wp:post_id><wp:post_date><![CDATA[2024-01-15 10:00:00]]></wp:post_date><wp:post_date_gmt><![CDATA[2024-01-15 09:00:00]]></wp:post_date_gmt>
      <wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type></item>`;
    const source = fs.readFileSync(exportFile, 'utf8')
      .replace('Konferencja odbyła się w szczególnym', 'Konferencja (uzupełnienie) odbyła się w szczególnym')
      .replace('O roli Centrum Usług Społecznych mówiła', 'O roli i zadaniach Centrum Usług Społecznych mówiła')
      .replace('Panel dyskusyjny moderowała', 'Panel dyskusyjny (uzupełniony) moderowała')
      .replace('</channel>', `${post}\n</channel>`);
    fs.writeFileSync(exportFile, source);

    const before = (await drafts()).length;
    const files = await fileCount();
    const proxy = await refusingProxy(cms.url, 'wordpress:cus.gminadebica.example:99');
    let run;
    try {
      const args = importArgs();
      args[args.indexOf('--cms') + 1] = proxy.url;
      run = await runCli([...args, '--uploads', uploads], login());
    } finally {
      await proxy.close();
    }
    expect(run.code, run.stderr).toBe(1);
    const summary = readSummary();
    expect(summary.counts).toEqual({ updated: 1, unchanged: 1, kept_edited: 1, kept_published: 1, failed: 1, skipped: 10 });
    expect(itemOf(summary, TITLES.kongres).status).toBe('kept_edited');
    expect(itemOf(summary, TITLES.rzeszow).status).toBe('kept_published');
    expect(itemOf(summary, TITLES.bukowsko).status).toBe('unchanged');
    // The untouched draft is updated; its photos are the Media Library's already.
    expect(itemOf(summary, TITLES.debica)).toMatchObject({ status: 'updated', images: { uploaded: 0, reused: 3, failed: 1 } });
    expect(run.stderr).toContain(`pominięto: szkic zmieniony przez redakcję: ${TITLES.kongres}\n`);
    expect(run.stderr).toContain(`pominięto: wydarzenie już opublikowane: ${TITLES.rzeszow}\n`);

    expect((await draftOf(TITLES.kongres)).lead).toBe('Wstęp napisany przez redakcję.');
    expect(JSON.stringify((await draftOf(TITLES.kongres)).body)).not.toContain('O roli i zadaniach');
    expect(JSON.stringify((await draftOf(TITLES.rzeszow)).body)).not.toContain('(uzupełniony)');
    const debica = await draftOf(TITLES.debica);
    expect(JSON.stringify(debica.body)).toContain('Konferencja (uzupełnienie) odbyła się');
    expect(debica.gallery?.photos).toHaveLength(2);

    // The refused report: named with its key and old address; no event, and its new photo discarded.
    const failed = itemOf(summary, 'Spotkanie noworoczne');
    expect(failed.status).toBe('failed');
    expect(failed.message).toBe(
      'Nie zaimportowano relacji „Spotkanie noworoczne” (wordpress:cus.gminadebica.example:99), nic z niej nie zapisano: ' +
        `Zdjęcia głównego (okładki) (plik nr ${MISSING_FILE_ID}) nie ma w Bibliotece mediów (${OLD}/2024/01/15/spotkanie-noworoczne/).`,
    );
    expect(run.stderr).toMatch(/^\[5\/5\] błąd: Spotkanie noworoczne — Nie zaimportowano relacji/m);
    expect(run.stdout).toContain('Błędy:\n  - Spotkanie noworoczne (wordpress:cus.gminadebica.example:99)');
    expect((await drafts()).length).toBe(before);
    expect(await fileCount()).toBe(files);
    expect(fs.readFileSync(path.join(out, '_redirects'), 'utf8')).not.toContain('spotkanie-noworoczne');
  });
});
