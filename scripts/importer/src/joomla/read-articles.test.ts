import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JOOMLA_FIXTURE_TOKEN, JOOMLA_FORBIDDEN_TOKEN, serveFixtures, type FixtureServer } from '../fixture-server.ts';
import type { SourceEntry } from '../source-item.ts';
import { joomlaImageUrl, readJoomlaArticles, type ReadJoomlaOptions } from './index.ts';

let server: FixtureServer;
beforeAll(async () => {
  server = await serveFixtures();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

async function readAll(baseUrl: string, options: ReadJoomlaOptions) {
  const { site, entries } = await readJoomlaArticles(baseUrl, options);
  const all: SourceEntry[] = [];
  for await (const entry of entries) all.push(entry);
  return {
    site,
    items: all.flatMap((e) => (e.kind === 'item' ? [e.item] : [])),
    skipped: all.flatMap((e) => (e.kind === 'skipped' ? [e.skipped] : [])),
    problems: all.flatMap((e) => (e.kind === 'problem' ? [e.problem] : [])),
  };
}

const articleRequests = () => server.requests.filter((r) => r.includes('/content/articles'));

describe('readJoomlaArticles against the fixture Joomla', () => {
  it('follows links.next page by page and reads every published article', async () => {
    const { site, items, skipped, problems } = await readAll(server.joomlaUrl, { token: JOOMLA_FIXTURE_TOKEN, pageSize: 3 });
    expect(site).toEqual({ title: '127.0.0.1', baseUrl: server.joomlaUrl });
    expect(articleRequests()).toEqual([
      'GET /joomla/api/index.php/v1/content/articles?page%5Boffset%5D=0&page%5Blimit%5D=3',
      'GET /joomla/api/index.php/v1/content/articles?page%5Boffset%5D=3&page%5Blimit%5D=3',
    ]);
    expect(items.map((i) => i.id)).toEqual([31, 32, 36]);
    expect(problems).toEqual([]);
    expect(skipped).toEqual([
      { id: 33, title: 'Zaproszenie na szkolenie (wersja robocza)', reason: 'nieopublikowany (state 0)' },
      { id: 34, title: 'Archiwalne ogłoszenie o naborze', reason: 'w archiwum (state 2)' },
      { id: 35, title: 'Ogłoszenie usunięte', reason: 'w koszu (state -2)' },
    ]);
    // Each category is asked for once, however many articles it has.
    expect(server.requests.filter((r) => r.includes('/content/categories/')).sort()).toEqual([
      'GET /joomla/api/index.php/v1/content/categories/8',
      'GET /joomla/api/index.php/v1/content/categories/9',
    ]);
  });

  it('maps an article: key, addresses for the redirect map, dates, hits, category, body, images', async () => {
    const { items } = await readAll(server.joomlaUrl, { token: JOOMLA_FIXTURE_TOKEN });
    // The site serves at most 4 a page whatever is asked: the limit of links.next is followed.
    expect(articleRequests()).toEqual([
      'GET /joomla/api/index.php/v1/content/articles?page%5Boffset%5D=0&page%5Blimit%5D=20',
      'GET /joomla/api/index.php/v1/content/articles?page%5Boffset%5D=4&page%5Blimit%5D=4',
    ]);
    const [lublin, kongres, bukowsko] = items;
    expect(lublin).toMatchObject({
      system: 'joomla',
      key: 'joomla:127.0.0.1:31',
      id: 31,
      url: `${server.joomlaUrl}/index.php?option=com_content&view=article&id=31&catid=8`,
      otherUrls: [`${server.joomlaUrl}/index.php/relacje/31-relacja-z-konferencji-cus-w-lublinie`, `${server.joomlaUrl}/relacje/31-relacja-z-konferencji-cus-w-lublinie`],
      title: 'Relacja z konferencji CUS w Lublinie',
      publishedAt: '2022-11-22T10:00:00Z',
      modifiedAt: '2022-11-23T08:00:00Z',
      category: 'Relacje z wydarzeń',
      hits: 1843,
      excerpt: 'Relacja z konferencji o wynikach pilotażu centrów usług społecznych w Lublinie.',
    });
    expect(lublin?.html).toContain('21 listopada 2022 r. w Centrum Spotkania Kultur w Lublinie');
    expect(lublin?.html).toContain('{loadposition galeria-lublin}'); // removed later by the HTML converter
    // The "#joomlaImage://…" suffix is cut; an absolute URL stays, a relative one is resolved against the site.
    expect(lublin?.featuredImage).toEqual({
      url: `${server.joomlaUrl}/images/relacje/lublin-2022-otwarcie.jpg`,
      alt: 'Marszałek Województwa Lubelskiego Jarosław Stawiarski otwiera konferencję',
    });
    expect(lublin?.extraImages).toEqual([{ url: `${server.joomlaUrl}/images/relacje/lublin-2022-panel.jpg`, caption: 'Panel dyskusyjny z udziałem samorządowców' }]);

    // introtext/fulltext apart, catid as an attribute, images as a JSON string (Joomla 4.0), a nested category path.
    expect(kongres).toMatchObject({
      publishedAt: '2022-06-21T13:59:00Z',
      hits: 30892,
      category: 'Kongresy',
      otherUrls: [`${server.joomlaUrl}/index.php/wydarzenia/kongresy/32-ii-kongres-cus`, `${server.joomlaUrl}/wydarzenia/kongresy/32-ii-kongres-cus`],
      featuredImage: { url: `${server.joomlaUrl}/images/relacje/starachowice-kongres.jpg`, alt: 'Uczestnicy kongresu w Hotelu Europa' },
    });
    expect(kongres?.extraImages).toBeUndefined(); // the same picture twice is one image
    expect(kongres?.html).toBe(
      '<p>We wtorek 21 czerwca br. rozpoczął się drugi już Kongres Centrów Usług Społecznych zorganizowany przez Prezydenta Miasta Starachowice Marka Materka oraz Centrum Usług Społecznych.</p>\n' +
        '<p>O roli Centrum Usług Społecznych mówiła dyrektor CUS w Starachowicach Wioletta Grosicka.</p>\n<p>{loadposition kongres-galeria}</p>',
    );

    // No publish_up: the creation date; state as a string; no images.
    expect(bukowsko).toMatchObject({ id: 36, publishedAt: '2023-06-28T10:00:00Z', hits: 517 });
    expect(bukowsko?.featuredImage).toBeUndefined();

    for (const image of [lublin?.featuredImage, ...(lublin?.extraImages ?? []), kongres?.featuredImage]) {
      const res = await fetch(image!.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      await res.arrayBuffer();
    }
  });

  it('sends the token both ways Joomla reads it, and filters by category', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const fetchImpl: typeof fetch = async (input, init) => {
      seen.push(Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v])));
      return fetch(input, init);
    };
    const { items } = await readAll(`${server.joomlaUrl}/administrator/`, { token: JOOMLA_FIXTURE_TOKEN, categoryId: 9, fetchImpl });
    expect(items.map((i) => i.id)).toEqual([32]);
    expect(articleRequests()).toEqual(['GET /joomla/api/index.php/v1/content/articles?page%5Boffset%5D=0&page%5Blimit%5D=20&filter%5Bcategory%5D=9']);
    expect(seen[0]).toMatchObject({ 'x-joomla-token': JOOMLA_FIXTURE_TOKEN, authorization: `Bearer ${JOOMLA_FIXTURE_TOKEN}` });
  });
});

describe('readJoomlaArticles errors (Polish, before anything is yielded)', () => {
  it('401 without a token, 403 for a user without API rights', async () => {
    await expect(readJoomlaArticles(server.joomlaUrl)).rejects.toThrow(
      'Joomla odmówiła dostępu (401): brak tokenu API albo token jest nieprawidłowy. Podaj token użytkownika (Użytkownicy → Token API) opcją --token.',
    );
    await expect(readJoomlaArticles(server.joomlaUrl, { token: 'c2hhMjU2OjQyOnpseQ' })).rejects.toThrow(/\(401\)/);
    await expect(readJoomlaArticles(server.joomlaUrl, { token: 'zły token' })).rejects.toThrow(/^Token API zawiera niedozwolone znaki/);
    await expect(readJoomlaArticles(server.joomlaUrl, { token: JOOMLA_FORBIDDEN_TOKEN })).rejects.toThrow(
      'Joomla odmówiła dostępu (403): użytkownik tego tokenu nie ma uprawnień do API artykułów.',
    );
  });

  it('an HTML page where the API should be, and an address with no API', async () => {
    await expect(readJoomlaArticles(`${server.url}/not-joomla`, { token: JOOMLA_FIXTURE_TOKEN })).rejects.toThrow(
      /^Odpowiedź spod http:\/\/127\.0\.0\.1:\d+\/not-joomla\/api\/index\.php\/v1\/content\/articles\?.* nie jest JSON-em \(Content-Type: text\/html; charset=utf-8\): to nie wygląda na API Joomli/,
    );
    await expect(readJoomlaArticles(`${server.url}/brak`, { token: JOOMLA_FIXTURE_TOKEN })).rejects.toThrow(/^Nie znaleziono API artykułów Joomli pod .* \(404\)/);
  });

  it('an unreachable host', async () => {
    // A port that was just free: nothing listens there.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    await expect(readJoomlaArticles(`http://127.0.0.1:${port}`, { token: JOOMLA_FIXTURE_TOKEN })).rejects.toThrow(
      `Nie można połączyć się z http://127.0.0.1:${port}: połączenie odrzucone (serwer nie działa albo adres lub port są błędne).`,
    );
    await expect(readJoomlaArticles('ftp://cus.example')).rejects.toThrow('Adres „ftp://cus.example” musi zaczynać się od http:// albo https://.');
  });

  it('a server that does not answer in time, and an answer over the size bound', async () => {
    await expect(readJoomlaArticles(`${server.url}/slow`, { token: JOOMLA_FIXTURE_TOKEN, timeoutMs: 300 })).rejects.toThrow(
      /^Serwer Joomli nie odpowiedział w ciągu 0 s: http:\/\/127\.0\.0\.1:\d+\/slow\/api\/index\.php/,
    );
    await expect(readJoomlaArticles(server.joomlaUrl, { token: JOOMLA_FIXTURE_TOKEN, maxResponseBytes: 2048 })).rejects.toThrow(/jest większa niż 0 MB: przerwano\.$/);
  });

  it('stops at the page bound', async () => {
    const { entries } = await readJoomlaArticles(server.joomlaUrl, { token: JOOMLA_FIXTURE_TOKEN, pageSize: 1, maxPages: 2 });
    const ids: number[] = [];
    await expect(
      (async () => {
        for await (const entry of entries) if (entry.kind !== 'problem') ids.push(entry.kind === 'item' ? entry.item.id : entry.skipped.id);
      })(),
    ).rejects.toThrow('API Joomli ma więcej niż 2 stron artykułów: przerwano (zawęź import opcją --category).');
    expect(ids).toEqual([31, 32]);
  });
});

it('joomlaImageUrl strips the media-field suffix and resolves relative paths', () => {
  const base = 'https://cus.example/joomla';
  expect(joomlaImageUrl('images/a%20b.jpg#joomlaImage://local-images/a b.jpg?width=10&height=10', base)).toBe('https://cus.example/joomla/images/a%20b.jpg');
  expect(joomlaImageUrl('/images/x.jpg', base)).toBe('https://cus.example/images/x.jpg');
  expect(joomlaImageUrl('https://cdn.example/x.jpg', base)).toBe('https://cdn.example/x.jpg');
  expect(joomlaImageUrl('', base)).toBeUndefined();
  expect(joomlaImageUrl('javascript:alert(1)', base)).toBeUndefined();
});
