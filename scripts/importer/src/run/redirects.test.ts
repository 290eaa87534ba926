import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { noImages, type ItemOutcome, type ItemStatus } from './outcome.ts';
import { oldPath, readRedirectMap, REDIRECT_FILES, renderNetlify, renderNginx, writeRedirects } from './redirects.ts';

const outcome = (status: ItemStatus, slug: string | undefined, oldUrl: string, otherUrls: string[] = []): ItemOutcome => ({
  n: 1, title: slug ?? 'x', status, slug, oldUrl, otherUrls, warnings: [], suggestions: 0, images: noImages(),
});

let dir: string | undefined;
afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

describe('the redirect map', () => {
  it('takes the path and query relative to the old host, never the home page', () => {
    expect(oldPath('https://cus.example.pl/2023/11/konferencja/')).toBe('/2023/11/konferencja/');
    expect(oldPath('https://cus.example.pl/?p=123')).toBe('/?p=123');
    expect(oldPath('https://cus.example.pl/')).toBeNull();
    expect(oldPath('mailto:a@b.pl')).toBeNull();
  });

  it('writes _redirects and the nginx map for every report with a draft, and keeps earlier entries on the next run', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-redirects-'));
    writeRedirects(dir, [
      outcome('created', 'konferencja-debica', 'https://cus.example.pl/2023/11/konferencja/', ['https://cus.example.pl/?p=12']),
      outcome('kept_published', 'kongres', 'https://cus.example.pl/index.php?option=com_content&view=article&id=5&catid=2'),
      outcome('failed', undefined, 'https://cus.example.pl/zepsuty/'),
      outcome('skipped', undefined, 'https://cus.example.pl/strona/'),
    ], 'https://relacje.cus.example.pl/', '2026-12-02T10:00:00.000Z');
    const netlify = fs.readFileSync(path.join(dir, REDIRECT_FILES.netlify), 'utf8');
    expect(netlify).toContain('\n/2023/11/konferencja/  /wydarzenia/konferencja-debica/  301\n');
    expect(netlify).toContain('\n/ p=12  /wydarzenia/konferencja-debica/  301');
    expect(netlify).toContain('\n/index.php option=com_content view=article id=5 catid=2  /wydarzenia/kongres/  301');
    expect(netlify).toContain('# Cloudflare Pages nie obsługuje parametrów zapytania');
    expect(netlify).not.toContain('zepsuty');
    const nginx = fs.readFileSync(path.join(dir, REDIRECT_FILES.nginx), 'utf8');
    expect(nginx).toContain('map $request_uri $cus_new_uri {');
    expect(nginx).toContain('    "/2023/11/konferencja/" "https://relacje.cus.example.pl/wydarzenia/konferencja-debica/";');
    expect(nginx).toContain('    "/2023/11/konferencja" "https://relacje.cus.example.pl/wydarzenia/konferencja-debica/";');
    expect(nginx).toContain('    "/?p=12" "https://relacje.cus.example.pl/wydarzenia/konferencja-debica/";');
    expect(nginx).toContain('#         return 301 $cus_new_uri;');

    // A second run: one new report, one changed slug; the first run's entries stay.
    writeRedirects(dir, [outcome('created', 'warsztaty', 'https://cus.example.pl/2024/03/warsztaty/'), outcome('updated', 'kongres-2', 'https://cus.example.pl/index.php?option=com_content&view=article&id=5&catid=2')], 'https://relacje.cus.example.pl');
    const map = readRedirectMap(dir);
    expect(Object.fromEntries(Object.entries(map.redirects).map(([k, v]) => [k, v.to]))).toEqual({
      '/2023/11/konferencja/': '/wydarzenia/konferencja-debica/',
      '/?p=12': '/wydarzenia/konferencja-debica/',
      '/index.php?option=com_content&view=article&id=5&catid=2': '/wydarzenia/kongres-2/',
      '/2024/03/warsztaty/': '/wydarzenia/warsztaty/',
    });
    expect(fs.readFileSync(path.join(dir, REDIRECT_FILES.netlify), 'utf8')).toContain('/2023/11/konferencja/  /wydarzenia/konferencja-debica/  301');
  });

  it('quotes nginx strings and leaves the home page out', () => {
    const map = { version: 1 as const, redirects: { '/a"b\\c/': { to: '/wydarzenia/x/' } } };
    expect(renderNginx(map, 'https://n.pl', 't')).toContain('    "/a\\"b\\\\c/" "https://n.pl/wydarzenia/x/";');
    expect(renderNetlify({ version: 1, redirects: {} }, 't')).not.toMatch(/^\//m);
  });

  it('refuses to merge into a file that is not its own map', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-redirects-'));
    fs.writeFileSync(path.join(dir, REDIRECT_FILES.json), '{"cos": 1}');
    expect(() => readRedirectMap(dir!)).toThrow(/nie jest mapą przekierowań zapisaną przez import/);
  });
});
