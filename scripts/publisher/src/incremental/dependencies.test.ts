import { describe, expect, it } from 'vitest';
import type { SitePath } from './contract.ts';
import { assertSafeFile, bytesHash, countByRoute, planRender, referencedMedia, type LiveFile } from './dependencies.ts';

const EVENT = 'src/pages/wydarzenia/[slug].astro';
const p = (file: string, cacheKey: string | null, route = EVENT): SitePath => ({ pathname: `/${file.replace(/index\.html$/, '')}`, file, route, cacheKey });
const live = (entries: [string, string | null, string[]?][]) =>
  new Map<string, LiveFile>(entries.map(([file, cacheKey, media]) => [file, { pathname: `/${file}`, cacheKey, bytesHash: bytesHash(Buffer.from(file)), media: media ?? [] }]));

describe('planRender', () => {
  const before = live([
    ['wydarzenia/a/index.html', 'k-a', ['a.jpg']],
    ['wydarzenia/b/index.html', 'k-b', ['b.jpg', 'shared.jpg']],
    ['wydarzenia/c/index.html', 'k-c'],
    ['rss.xml', null],
  ]);

  it('renders new files, files whose key changed and unkeyed files; removes the unlisted; leaves the rest', () => {
    const plan = planRender(before, [
      p('wydarzenia/a/index.html', 'k-a'),
      p('wydarzenia/b/index.html', 'k-b2'),
      p('wydarzenia/d/index.html', 'k-d'),
      p('rss.xml', null, 'src/pages/[feed].xml.ts'),
    ]);
    expect(plan.dirty.map((d) => [d.path.file, d.reason])).toEqual([
      ['wydarzenia/b/index.html', 'key-changed'],
      ['wydarzenia/d/index.html', 'added'],
      ['rss.xml', 'unkeyed'],
    ]);
    expect(plan.removed).toEqual(['wydarzenia/c/index.html']);
    expect(plan.unchanged).toBe(1);
    expect(countByRoute(plan.dirty)).toEqual({ [EVENT]: 2, 'src/pages/[feed].xml.ts': 1 });
  });

  it('renders everything when asked (the reconcile)', () => {
    const plan = planRender(before, [p('wydarzenia/a/index.html', 'k-a'), p('wydarzenia/b/index.html', 'k-b')], { everything: true });
    expect(plan.dirty).toHaveLength(2);
    expect(plan.unchanged).toBe(0);
    expect(plan.removed.sort()).toEqual(['rss.xml', 'wydarzenia/c/index.html']);
  });

  it('nothing listed changed: nothing rendered but the unkeyed outputs', () => {
    const plan = planRender(before, [...before].map(([file, f]) => p(file, f.cacheKey)));
    expect(plan.dirty.map((d) => d.path.file)).toEqual(['rss.xml']);
    expect(plan.removed).toEqual([]);
  });

  it('refuses two outputs writing one file, and files outside the release', () => {
    expect(() => planRender(new Map(), [p('x/index.html', '1'), p('x/index.html', '2')])).toThrow(/Two outputs .* "x\/index.html"/);
    for (const bad of ['../x.html', '/etc/passwd', 'a//b', 'a/./b', 'a\\b', '']) expect(() => assertSafeFile(bad), bad).toThrow(/outside the release/);
    expect(() => assertSafeFile('wydarzenia/x/index.html')).not.toThrow();
  });
});

describe('referencedMedia', () => {
  it('is the union of every page’s media', () => {
    const l = live([['a', 'k', ['1.jpg', '2.jpg']], ['b', 'k', ['2.jpg', '3.pdf']], ['c', null]]);
    expect([...referencedMedia(l)].sort()).toEqual(['1.jpg', '2.jpg', '3.pdf']);
  });
});
