import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SourceEntry, SourceItem, SkippedSourceItem, SourceProblem } from '../source-item.ts';
import { readWordPressExport } from './index.ts';

const FIXTURES = path.join(import.meta.dirname, '../../fixtures/wordpress');
const fixture = (name: string) => path.join(FIXTURES, name);

async function readAll(file: string, options?: Parameters<typeof readWordPressExport>[1]) {
  const { site, entries, total } = await readWordPressExport(file, options);
  const all: SourceEntry[] = [];
  for await (const entry of entries) all.push(entry);
  const items = all.flatMap((e) => (e.kind === 'item' ? [e.item] : []));
  const skipped = all.flatMap((e) => (e.kind === 'skipped' ? [e.skipped] : []));
  const problems = all.flatMap((e) => (e.kind === 'problem' ? [e.problem] : []));
  return { site, all, items, skipped, problems, total };
}

function byId<T extends { id?: number }>(list: T[], id: number): T {
  const found = list.find((x) => x.id === id);
  if (!found) throw new Error(`no ${id} in ${list.map((x) => x.id).join(',')}`);
  return found;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-wxr-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('readWordPressExport on the project fixture (WXR 1.2)', async () => {
  const { site, items, skipped, problems, total } = await readAll(fixture('cus-export.xml'));

  it('reads the site from the channel', () => {
    expect(site).toEqual({ title: 'Centrum Usług Społecznych Gminy Dębica', baseUrl: 'https://cus.gminadebica.example' });
  });

  it('imports the published posts only, in file order, and says why each other item is skipped', () => {
    expect(items.map((i) => i.id)).toEqual([11, 12, 13, 14]);
    // Counted in the first pass, before any item is yielded: the progress's "of N".
    expect(total).toBe(4);
    expect(problems).toEqual([]);
    const reasons = Object.fromEntries(skipped.map((s: SkippedSourceItem) => [s.id, s.reason]));
    expect(reasons).toEqual({
      101: 'załącznik (attachment)',
      102: 'załącznik (attachment)',
      103: 'załącznik (attachment)',
      104: 'załącznik (attachment)',
      105: 'załącznik (attachment)',
      106: 'załącznik (attachment)',
      20: 'strona (page)',
      21: 'szkic (draft)',
      22: 'kosz (trash)',
      30: 'element menu (nav_menu_item)',
    });
    expect(byId(skipped, 21).title).toBe('Relacja z konferencji CUS w Lublinie');
  });

  it('gives a classic-editor post its key, addresses, dates, category, excerpt and featured image', () => {
    const post = byId(items, 11);
    expect(post).toMatchObject({
      system: 'wordpress',
      key: 'wordpress:cus.gminadebica.example:11',
      url: 'https://cus.gminadebica.example/2023/11/28/konferencja-podsumowujaca-dwa-lata-cus/',
      // The guid is the "?p=" form itself: listed once.
      otherUrls: ['https://cus.gminadebica.example/?p=11'],
      title: 'Konferencja podsumowująca dwa lata CUS',
      publishedAt: '2023-11-28T09:15:00Z',
      modifiedAt: '2023-11-29T07:30:00Z',
      category: 'Relacje z wydarzeń',
      excerpt: 'Podsumowanie dwóch lat działalności Centrum Usług Społecznych Gminy Dębica.',
    });
    expect(post.featuredImage).toEqual({
      url: 'http://wp.fixture.test/wp-content/uploads/2023/11/konferencja-debica-powitanie.jpg',
      attachmentId: 101,
      alt: 'Dyrektor CUS Piotr Mączka wita gości konferencji',
      caption: 'Powitanie gości konferencji',
      title: 'Dyrektor CUS wita gości',
    });
  });

  it('keeps the body as stored: shortcodes, HTML entities inside CDATA, the "]]>" WordPress splits across two CDATA sections', () => {
    const html = byId(items, 11).html;
    expect(html.startsWith('Gmina Dębica od lat kieruje')).toBe(true);
    expect(html).toContain('W dniu 23 listopada 2023 roku odbyła się');
    expect(html).toContain('[caption id="attachment_101" align="aligncenter" width="800"]<img class="size-large wp-image-101"');
    expect(html).toContain('[gallery ids="102,103,106"]');
    expect(html).toContain('[contact-form-7 id="5" title="Formularz zgłoszeniowy"]');
    expect(html).toContain('w&nbsp;obecności Piotra Mączki');
    expect(html).toContain('&#8222;Dwa lata CUS&#8221; &ndash; Sylwia Korycka-Żymuła');
    expect(html).toContain('/* <![CDATA[ */ var galeria = { zdjecia: [102, 103] }; /* ]]> */</script>');
    expect(html).not.toContain(']]]]>');
    // Comments are not part of the body.
    expect(html).not.toContain('Gratulacje');
  });

  it('resolves every attachment id from the first pass, with alt only where the export has one', () => {
    const { attachment } = byId(items, 11);
    expect(attachment?.(102)).toEqual({
      url: 'http://wp.fixture.test/wp-content/uploads/2023/11/konferencja-debica-sala.jpg',
      attachmentId: 102,
      alt: 'Sala konferencyjna pełna uczestników',
      title: 'Sala konferencyjna',
    });
    // Empty alt meta and no alt meta: both leave alt unset (the importer marks it for the editor).
    expect(attachment?.(103)).toMatchObject({ attachmentId: 103, caption: 'Prezentacja osiągnięć Centrum Usług Społecznych Gminy Dębica' });
    expect(attachment?.(103)?.alt).toBeUndefined();
    expect(attachment?.(105)?.alt).toBeUndefined();
    expect(attachment?.(106)?.url).toBe('http://wp.fixture.test/wp-content/uploads/2023/11/zdjecie-grupowe-usuniete.jpg');
    expect(attachment?.(999)).toBeUndefined();
    expect(attachment?.(11)).toBeUndefined();
  });

  it('reads a block-editor post; a zero GMT date is read as Warsaw time; the first real category wins', () => {
    const post = byId(items, 12);
    expect(post.publishedAt).toBe('2023-06-28T12:00:00+02:00');
    expect(post.modifiedAt).toBe('2023-06-28T12:00:00+02:00');
    expect(post.category).toBe('Wizyty studyjne');
    expect(post.excerpt).toBeUndefined();
    expect(post.featuredImage).toMatchObject({ attachmentId: 104, caption: 'Ewa Sieradzka wita studentów' });
    expect(post.html).toContain('<!-- wp:image {"id":104,"sizeSlug":"large","linkDestination":"none"} -->');
    expect(post.html).toContain('<!-- wp:gallery {"linkTo":"none"} -->');
    expect(post.html).toContain('W dniach 19–21 i 26 czerwca 2023 r.');
  });

  it('lists the guid among the old addresses when it is another URL of the same site', () => {
    const post = byId(items, 13);
    expect(post.otherUrls).toEqual(['https://cus.gminadebica.example/?p=13', 'http://cus.gminadebica.example/?p=13']);
    expect(post.publishedAt).toBe('2022-06-21T13:59:00Z');
    expect(post.modifiedAt).toBeUndefined();
    expect(post.featuredImage).toBeUndefined();
    expect(post.html).toContain('21 czerwca br.');
    expect(byId(items, 14).html).toContain('W dniu 10 lutego 2020 r.');
    expect(byId(items, 14).html).toContain('około 140 osób');
  });

  it('imports the post types asked for', async () => {
    const withPages = await readAll(fixture('cus-export.xml'), { postTypes: ['post', 'page'] });
    expect(withPages.items.map((i) => i.id)).toEqual([11, 12, 13, 14, 20]);
    expect(byId(withPages.items, 20).url).toBe('https://cus.gminadebica.example/kontakt/');
    expect(byId(withPages.skipped, 30).reason).toBe('element menu (nav_menu_item)');
    const custom = await readAll(fixture('cus-export.xml'), { postTypes: ['page'] });
    expect(custom.items.map((i) => i.id)).toEqual([20]);
    expect(byId(custom.skipped, 11).reason).toMatch(/^typ wpisu „post”, nieimportowany/);
  });
});

describe('readWordPressExport on older and broken exports', () => {
  it('reads WXR 1.0 (WordPress 3.0): titles outside CDATA with XML entities', async () => {
    const { site, items, skipped } = await readAll(fixture('wxr-1.0.xml'));
    expect(site).toEqual({ title: 'Ośrodek Pomocy Społecznej w Tryńczy', baseUrl: 'http://ops.tryncza.example' });
    expect(skipped).toEqual([]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      key: 'wordpress:ops.tryncza.example:7',
      title: 'Szkolenie „Praca socjalna & wolontariat”',
      url: 'http://ops.tryncza.example/?p=7',
      otherUrls: [],
      publishedAt: '2011-02-10T13:00:00Z',
      category: 'Aktualności',
      excerpt: 'Szkolenie dla wolontariuszy.',
    });
  });

  it('turns each malformed item (no id, no title, impossible date) into a problem naming it; the others go on', async () => {
    const { items, problems } = await readAll(fixture('malformed-items.xml'));
    expect(problems).toHaveLength(3);
    const [noId, noTitle, badDate] = problems as [SourceProblem, SourceProblem, SourceProblem];
    expect(noId.id).toBeUndefined();
    expect(noId.message).toMatch(/^Wpis „Spotkanie bez identyfikatora” \(wiersz \d+\) nie ma identyfikatora wp:post_id/);
    expect(noTitle).toMatchObject({ id: 41, message: 'Wpis 41 (bez tytułu): brak tytułu: pominięto.' });
    expect(badDate.id).toBe(42);
    expect(badDate.message).toBe('Wpis 42 „Warsztaty & szkolenie – data nie do odczytania”: nieprawidłowa data publikacji („2023-02-30 09:00:00”): pominięto.');
    // An HTML entity outside CDATA (not XML) stays as written, for the HTML converter.
    expect(items.map((i: SourceItem) => i.title)).toEqual(['Występ seniorów z Klubu Senior+ w&nbsp;Tokarni & goście']);
    expect(items[0]?.key).toBe('wordpress:cus.bukowsko.example:43');
  });

  it('refuses a truncated file before yielding anything, naming the file and the line', async () => {
    const file = fixture('truncated.xml');
    await expect(readWordPressExport(file)).rejects.toThrow(
      new RegExp(`^Plik ${file.replaceAll('.', '\\.')} nie jest eksportem WordPressa \\(WXR\\): plik się urywa, elementy nie są domknięte .*, wiersz 193$`),
    );
  });

  it('refuses an RSS feed without the wp: namespace at its first item', async () => {
    await expect(readWordPressExport(fixture('not-wxr-rss.xml'))).rejects.toThrow(
      /nie jest eksportem WordPressa \(WXR\): brak elementu wp:wxr_version przed pierwszym wpisem \(to zwykły kanał RSS\?\), wiersz 10$/,
    );
  });

  it('refuses a file that is not XML, and one whose root is not <rss>', async () => {
    await expect(readWordPressExport(fixture('not-xml.xml'))).rejects.toThrow(/not-xml\.xml nie jest eksportem WordPressa \(WXR\): to nie jest plik XML \(tekst poza elementem głównym\), wiersz \d+$/);
    const atom = path.join(tmp, 'atom.xml');
    fs.writeFileSync(atom, '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>CUS</title></feed>\n');
    await expect(readWordPressExport(atom)).rejects.toThrow(/główny element to <feed>, a nie <rss>, wiersz 2$/);
    const empty = path.join(tmp, 'empty.xml');
    fs.writeFileSync(empty, '');
    await expect(readWordPressExport(empty)).rejects.toThrow(/empty\.xml nie jest eksportem WordPressa \(WXR\): plik jest pusty albo nie zawiera XML/);
  });

  it('says in Polish when the file does not exist', async () => {
    await expect(readWordPressExport(path.join(tmp, 'brak.xml'))).rejects.toThrow(`Nie można odczytać pliku ${path.join(tmp, 'brak.xml')}: plik nie istnieje`);
  });

  it('refuses one item over 10 MB as a problem and reads the next', async () => {
    const file = path.join(tmp, 'big-item.xml');
    const big = `<p>${'Relacja z konferencji w Dębicy. '.repeat(340_000)}</p>`; // ~10.9 MB
    const item = (id: number, content: string) =>
      `<item><title>Wpis ${id}</title><link>https://cus.example/?p=${id}</link><content:encoded><![CDATA[${content}]]></content:encoded>` +
      `<wp:post_id>${id}</wp:post_id><wp:post_date>2023-11-28 10:00:00</wp:post_date><wp:post_date_gmt>2023-11-28 09:00:00</wp:post_date_gmt>` +
      `<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>\n`;
    fs.writeFileSync(
      file,
      `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">` +
        `<channel><title>CUS</title><link>https://cus.example</link><wp:wxr_version>1.2</wp:wxr_version>\n${item(1, big)}${item(2, '<p>Krótki wpis.</p>')}</channel></rss>\n`,
    );
    const { items, problems } = await readAll(file);
    expect(problems).toEqual([{ id: 1, title: 'Wpis 1', message: 'Wpis 1 „Wpis 1”: treść przekracza 10 MB: pominięto.' }]);
    expect(items.map((i) => i.id)).toEqual([2]);
  });
});
