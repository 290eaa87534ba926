import { describe, expect, it } from 'vitest';
import { convertBody } from './convert.ts';
import { convertValid, joomla, wordpress } from './test-helpers.ts';
import type { ConvertedBody } from './types.ts';

// Whatever the body, convertBody returns blocks the CMS accepts, in bounded time, without
// overflowing the stack, and without leaking its internal markers into the text.

/** A small deterministic PRNG (mulberry32): the same cases on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '<p>', '</p>', '<div>', '</div>', '<b>', '</b>', '<i>', '</i>', '<u>', '</u>', '<ul>', '</ul>', '<ol>', '<li>', '</li>',
  '<table>', '<tr>', '<td>', '<th>', '</table>', '<blockquote>', '</blockquote>', '<pre>', '</pre>', '<code>', '<h1>', '</h1>',
  '<h3>', '<a href="/x">', '<a href="javascript:x()">', '</a>', '<img src="/a-300x200.jpg" alt="a">', '<img src="x.jpg">',
  '<figure>', '<figcaption>', '</figure>', '<br>', '<hr>', '<script>', '</script>', '<style>', '<iframe src="/v">', '<!--',
  '-->', '<!-- wp:image {"id":12} -->', '<!-- /wp:image -->', '<!-- wp:gallery {"ids":[12,13]} -->', '<!-- /wp:gallery -->',
  '[caption id="attachment_12"]', '[/caption]', '[gallery ids="12,99"]', '[embed]', '[/embed]', '[foo a=1]', '[/foo]',
  '{loadposition x}', '{gallery}f{/gallery}', '{tab a}', '&nbsp;', '&amp;', '&#8222;', '&ndash;', '\n', '\n\n', ' ',
  'Konferencja CUS', 'w Dębicy', 'https://www.youtube.com/watch?v=1', '\uE000', '\uE0010\uE001', '<', '>', '"', '[', ']', '{', '}',
];

const soup = (next: () => number, length: number) => Array.from({ length }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');

const hasMarkers = (body: ConvertedBody) => /[\uE000-\uE003]/.test(JSON.stringify(body.nodes));
const usedFallback = (body: ConvertedBody) => body.warnings.some((w) => w.code === 'other');

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

describe('fuzz', () => {
  it('tag soup: 300 random bodies, both systems', () => {
    const next = random(15);
    for (let i = 0; i < 300; i++) {
      const html = soup(next, 5 + Math.floor(next() * 150));
      for (const options of [wordpress, joomla]) {
        const body = convertValid(html, options);
        expect(hasMarkers(body), html).toBe(false);
        expect(usedFallback(body), html).toBe(false);
        expect(body.warnings.length).toBeLessThanOrEqual(200);
        for (const w of body.warnings) expect(w.message.length).toBeLessThanOrEqual(500);
      }
    }
  });

  it('random bytes', () => {
    const next = random(7);
    for (let i = 0; i < 5; i++) {
      const html = Array.from({ length: 100_000 }, () => String.fromCharCode(Math.floor(next() * 256))).join('');
      for (const options of [wordpress, joomla]) {
        const body = convertValid(html, options);
        expect(hasMarkers(body)).toBe(false);
        // No control characters in the text (they came from the bytes).
        expect(JSON.stringify(body.nodes)).not.toMatch(/\\u000[0-8bc]|\\u001/);
      }
    }
  });

  it('random UTF-16 (lone surrogates, private use, anything)', () => {
    const next = random(8);
    const html = Array.from({ length: 50_000 }, () => String.fromCharCode(Math.floor(next() * 65536))).join('');
    const body = convertValid(html, wordpress);
    expect(hasMarkers(body)).toBe(false);
  });

  it('unclosed tags of every kind', () => {
    for (const html of [
      '<p>akapit<p>drugi<p>trzeci',
      '<ul><li>a<li>b<ol><li>c',
      '<table><tr><td>a<td>b<tr><td>c',
      '<b><i><u><s>formatowanie bez końca',
      '<a href="/x">odnośnik <a href="/y">drugi',
      '<blockquote><blockquote><p>cytat',
      '<div><span><font><section>tekst',
      '<pre><code>kod',
      '<figure><img src="/a.jpg" alt="a"><figcaption>podpis',
      '[caption id="attachment_12"]<img src="/a.jpg" alt="a"> podpis bez końca',
      '<!-- wp:gallery {"ids":[12]} --><figure><img src="/b.jpg" alt="b">',
      '<!-- wp:embed {"url":"https://youtu.be/x"} --><figure>bez zamknięcia bloku',
      '<!-- komentarz bez końca <p>tekst</p>',
      '<script>nigdy niezamknięty skrypt',
    ]) {
      for (const options of [wordpress, joomla]) {
        const body = convertValid(html, options);
        expect(usedFallback(body), html).toBe(false);
        expect(JSON.stringify(body.nodes)).not.toContain('skrypt');
      }
    }
    expect(JSON.stringify(convertValid('<p>akapit<p>drugi<p>trzeci', joomla).nodes.length)).toBe('3');
  });

  it('10,000 nested divs: the text kept, no stack overflow, bounded time', () => {
    const html = `${'<div>'.repeat(10_000)}Wizyty studyjne w Centrum Usług Społecznych w Bukowsku${'</div>'.repeat(10_000)}`;
    for (const options of [wordpress, joomla]) {
      const { value: body, ms } = timed(() => convertValid(html, options));
      expect(body.nodes).toEqual([{ type: 'paragraph', children: [{ type: 'text', text: 'Wizyty studyjne w Centrum Usług Społecznych w Bukowsku' }] }]);
      expect(usedFallback(body)).toBe(false);
      expect(ms).toBeLessThan(20_000);
    }
  });

  it('10,000 levels of lists, quotes, tables, links, marks and spans', () => {
    for (const open of ['<ul><li>', '<ol><li>x', '<blockquote>', '<table><tr><td>', '<a href="/a">', '<b><i>', '<span>', '<u>', '<figure>', '<li>']) {
      const html = `${open.repeat(10_000)}dno`;
      const { value: body, ms } = timed(() => convertValid(html, joomla));
      expect(usedFallback(body), open).toBe(false);
      expect(JSON.stringify(body.nodes), open).toContain('dno');
      expect(ms, open).toBeLessThan(20_000);
    }
  });

  it('10,000 nested shortcodes and 100,000 unclosed block comments', () => {
    const nested = `${Array.from({ length: 10_000 }, (_, i) => `[s${i} x="1"]`).join('')}środek${Array.from({ length: 10_000 }, (_, i) => `[/s${9_999 - i}]`).join('')}`;
    expect(JSON.stringify(convertValid(nested).nodes)).toContain('środek');
    const comments = `${'<!-- wp:image {"id":1} -->'.repeat(100_000)}<p>koniec</p>`;
    const { value: body, ms } = timed(() => convertValid(comments));
    expect(JSON.stringify(body.nodes)).toContain('koniec');
    expect(ms).toBeLessThan(20_000);
  });

  it('a 5 MB body: cut to what the CMS accepts, with a warning, in bounded time', () => {
    const paragraph =
      '<p>W dniu 23 listopada 2023 roku odbyła się <b>uroczysta konferencja</b> podsumowująca dwuletnią działalność <a href="/cus">Centrum Usług Społecznych</a> Gminy Dębica.</p>\n';
    const html = paragraph.repeat(Math.ceil(5_000_000 / paragraph.length));
    expect(html.length).toBeGreaterThan(5_000_000);
    for (const options of [wordpress, joomla]) {
      const { value: body, ms } = timed(() => convertValid(html, options));
      expect(body.nodes.length).toBeGreaterThan(1000);
      expect(body.warnings.map((w) => w.code)).toEqual(['content_dropped']);
      expect(ms).toBeLessThan(60_000);
    }
  });

  it('a single paragraph longer than the body may be is cut, not dropped', () => {
    const body = convertValid(`<p>${'Konferencja CUS. '.repeat(100_000)}</p>`, joomla);
    expect(body.nodes).toHaveLength(1);
    expect(body.warnings.map((w) => w.code)).toEqual(['content_dropped']);
  });

  it('never throws, even given something that is not a string', () => {
    expect(convertBody(undefined as unknown as string, wordpress)).toEqual({ nodes: [], gallery: [], warnings: [] });
    expect(convertBody('<p>x</p>', { ...wordpress, baseUrl: 'nie adres' }).nodes).toEqual([{ type: 'paragraph', children: [{ type: 'text', text: 'x' }] }]);
  });

  it('an attachment lookup that throws does not stop the body', () => {
    const body = convertBody('<p>tekst</p><img class="wp-image-5" src="/a.jpg" alt="a">', {
      ...wordpress,
      attachment: () => {
        throw new Error('zepsuty eksport');
      },
    });
    expect(body.nodes).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'tekst' }] },
      { kind: 'pending-image', image: { url: 'https://cus.example.pl/a.jpg', alt: 'a' } },
    ]);
  });
});
