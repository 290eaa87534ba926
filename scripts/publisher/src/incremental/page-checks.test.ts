import { describe, expect, it } from 'vitest';
import { brokenLinks, eventPageProblems } from './page-checks.ts';

const files = new Set(['index.html', 'wydarzenia/a/index.html', '_astro/site.css', 'media/p-480.jpg', 'media/p-960.jpg', 'kalendarz.ics', 'wydarzenia/ż/index.html']);
const exists = (f: string) => files.has(f);

describe('brokenLinks', () => {
  it('accepts links, images, srcsets and fragments that resolve; names those that do not', () => {
    const html = `<html><head><link href="/_astro/site.css" rel="stylesheet"><link href="/_astro/gone.css" rel="stylesheet"></head><body>
      <h2 id="program">Program</h2>
      <a href="/">home</a> <a href="/wydarzenia/a/">a</a> <a href="/wydarzenia/b/">b</a> <a href="#program">in page</a> <a href="#nic">x</a>
      <a href="https://cus.example/kalendarz.ics">abs</a> <a href="https://other.example/x">other</a> <a href="mailto:a@b.pl">m</a>
      <img src="/media/p-480.jpg" srcset="/media/p-480.jpg 480w, /media/p-1600.jpg 1600w">
      <a href="../a/">relative</a> <a href="/wydarzenia/%C5%BC/">encoded</a> <a href="/wydarzenia/%E0%A4%A/">malformed</a>
      </body></html>`;
    expect(brokenLinks('wydarzenia/c/index.html', html, exists, 'https://cus.example')).toEqual([
      { page: 'wydarzenia/c/index.html', target: '/_astro/gone.css' },
      { page: 'wydarzenia/c/index.html', target: '/wydarzenia/b/' },
      { page: 'wydarzenia/c/index.html', target: '#nic' },
      { page: 'wydarzenia/c/index.html', target: '/media/p-1600.jpg' },
      { page: 'wydarzenia/c/index.html', target: '/wydarzenia/%E0%A4%A/' },
    ]);
  });
});

describe('brokenLinks across the pages of one check', () => {
  it('resolves a link that means the same on every page once, and a relative one per page', () => {
    const asked: string[] = [];
    const counting = (f: string) => {
      asked.push(f);
      return files.has(f);
    };
    const resolved = new Map<string, string | null>();
    const page = `<a href="/wydarzenia/a/">a</a> <a href="/wydarzenia/b/">b</a> <a href="https://cus.example/kalendarz.ics">abs</a> <a href="../a/">relative</a>`;
    expect(brokenLinks('wydarzenia/c/index.html', page, counting, 'https://cus.example', resolved)).toEqual([{ page: 'wydarzenia/c/index.html', target: '/wydarzenia/b/' }]);
    expect(brokenLinks('galerie/d/index.html', page, counting, 'https://cus.example', resolved)).toEqual([
      { page: 'galerie/d/index.html', target: '/wydarzenia/b/' },
      { page: 'galerie/d/index.html', target: '/galerie/a/' },
    ]);
    // The three links that mean the same everywhere were looked up on the first page only.
    expect(asked).toEqual(['wydarzenia/a/index.html', 'wydarzenia/b/index.html', 'kalendarz.ics', 'wydarzenia/a/index.html', 'galerie/a/index.html']);
  });
});

describe('eventPageProblems', () => {
  it('names events without a page and event pages without an event', () => {
    expect(eventPageProblems(['a', 'ż'], ['wydarzenia/a/index.html', 'wydarzenia/ż/index.html'], exists)).toEqual({ missing: [], extra: [] });
    expect(eventPageProblems(['a', 'b'], ['wydarzenia/a/index.html', 'wydarzenia/ż/index.html'], exists)).toEqual({ missing: ['b'], extra: ['wydarzenia/ż/index.html'] });
  });
});
