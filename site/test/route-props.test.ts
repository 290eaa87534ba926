import { afterEach, describe, expect, it, vi } from 'vitest';
import { paramsKey, routeProps } from '../src/lib/route-props.ts';
import { setInstalledContent, type SiteContent } from '../src/lib/site-content.ts';
import { fileOf, pathnameOf } from '../src/lib/site-paths.ts';

// routeProps gives a dynamic route its props in every build: Astro's in a static build; in an
// on-demand build (the publisher's, the preview's), the matching path of the route's own
// getStaticPaths(), computed once per content version. The address rules are Astro's.

const version = (v: string): SiteContent => ({ version: v, collections: { events: [], speakers: [], institutions: [], galleries: [], settings: [] } });

afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('cus.site.content')];
  vi.useRealTimers();
});

describe('routeProps', () => {
  let calls = 0;
  const getStaticPaths = async () => {
    calls++;
    return [
      { params: { slug: 'a' }, props: { n: 1 } },
      { params: { page: undefined }, props: { n: 2 } },
      { params: { page: 'strona/2' }, props: { n: 3 } },
    ];
  };

  it("gives a static build's page Astro's props, untouched", async () => {
    const props = { n: 'from astro' };
    expect(await routeProps({ params: { slug: 'a' }, props, isPrerendered: true }, getStaticPaths)).toBe(props);
  });

  it('finds the props of a page rendered on demand by its params, once per content version', async () => {
    setInstalledContent(version('1'));
    calls = 0;
    expect(await routeProps({ params: { slug: 'a' }, props: {}, isPrerendered: false }, getStaticPaths)).toEqual({ n: 1 });
    // A rest parameter that is absent (the listing's own address) matches an undefined one.
    expect(await routeProps({ params: { page: undefined }, props: {}, isPrerendered: false }, getStaticPaths)).toEqual({ n: 2 });
    expect(await routeProps({ params: { page: 'strona/2' }, props: {}, isPrerendered: false }, getStaticPaths)).toEqual({ n: 3 });
    expect(calls).toBe(1);
    setInstalledContent(version('2'));
    await routeProps({ params: { slug: 'a' }, props: {}, isPrerendered: false }, getStaticPaths);
    expect(calls).toBe(2);
  });

  it('derives the paths again when the day changes in Poland, the content unchanged (upcoming becomes past)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T22:00:00Z')); // 23:00 in Warsaw
    setInstalledContent(version('day'));
    calls = 0;
    await routeProps({ params: { slug: 'a' }, props: {}, isPrerendered: false }, getStaticPaths);
    vi.setSystemTime(new Date('2026-12-02T22:30:00Z'));
    await routeProps({ params: { slug: 'a' }, props: {}, isPrerendered: false }, getStaticPaths);
    expect(calls).toBe(1);
    vi.setSystemTime(new Date('2026-12-02T23:00:01Z')); // past midnight in Warsaw
    await routeProps({ params: { slug: 'a' }, props: {}, isPrerendered: false }, getStaticPaths);
    expect(calls).toBe(2);
  });

  it('gives null for params the route does not have (the page answers 404)', async () => {
    setInstalledContent(version('3'));
    expect(await routeProps({ params: { slug: 'b' }, props: {}, isPrerendered: false }, getStaticPaths)).toBeNull();
    expect(await routeProps({ params: { page: 'strona/99' }, props: {}, isPrerendered: false }, getStaticPaths)).toBeNull();
  });

  it('gives the same props by scan (the first lookups of a version) and by index (after many)', async () => {
    const many = async () => [
      ...Array.from({ length: 40 }, (_, i) => ({ params: { year: 2000 + i, page: i % 2 ? `strona/${i}` : undefined }, props: { n: i } })),
      { params: { year: 1999, page: undefined }, props: { n: 'only the year' } },
      { params: { year: 1998 } },
    ];
    setInstalledContent(version('scan-then-index'));
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 40; i++) {
        const params = { year: String(2000 + i), ...(i % 2 ? { page: `strona/${i}` } : {}) };
        expect(await routeProps({ params, props: {}, isPrerendered: false }, many)).toEqual({ n: i });
      }
      expect(await routeProps({ params: { year: '1999' }, props: {}, isPrerendered: false }, many)).toEqual({ n: 'only the year' });
      expect(await routeProps({ params: { year: '2001' }, props: {}, isPrerendered: false }, many)).toBeNull();
      // A path without props (a feed's) is found, with none.
      expect(await routeProps({ params: { year: '1998' }, props: {}, isPrerendered: false }, many)).toEqual({});
    }
  });

  it('compares params as text, ignoring absent ones', () => {
    expect(paramsKey({ year: 2023, page: undefined })).toBe(paramsKey({ year: '2023' }));
    expect(paramsKey({ a: '1', b: '2' })).toBe(paramsKey({ b: '2', a: '1' }));
    expect(paramsKey({ a: '1' })).not.toBe(paramsKey({ a: '2' }));
    // Two params never give the key of one.
    expect(paramsKey({ a: '1', b: '2' })).not.toBe(paramsKey({ a: '1' }));
    expect(paramsKey({ a: '1', b: '2' })).not.toBe(paramsKey({ b: '2' }));
  });
});

describe("addresses and files, as Astro's static build names them", () => {
  it.each([
    ['src/pages/index.astro', {}, '/', 'index.html'],
    ['src/pages/404.astro', {}, '/404/', '404.html'],
    ['src/pages/osoby/index.astro', {}, '/osoby/', 'osoby/index.html'],
    ['src/pages/deklaracja-dostepnosci.astro', {}, '/deklaracja-dostepnosci/', 'deklaracja-dostepnosci/index.html'],
    ['src/pages/wydarzenia/[slug].astro', { slug: 'x' }, '/wydarzenia/x/', 'wydarzenia/x/index.html'],
    ['src/pages/wydarzenia/[...page].astro', { page: undefined }, '/wydarzenia/', 'wydarzenia/index.html'],
    ['src/pages/wydarzenia/[...page].astro', { page: 'strona/2' }, '/wydarzenia/strona/2/', 'wydarzenia/strona/2/index.html'],
    ['src/pages/wydarzenia/rok/[year]/miesiace.astro', { year: '2023' }, '/wydarzenia/rok/2023/miesiace/', 'wydarzenia/rok/2023/miesiace/index.html'],
    ['src/pages/wydarzenia/[slug].ics.ts', { slug: 'x' }, '/wydarzenia/x.ics', 'wydarzenia/x.ics'],
    ['src/pages/[feed].xml.ts', { feed: 'rss' }, '/rss.xml', 'rss.xml'],
    ['src/pages/kalendarz.ics.ts', {}, '/kalendarz.ics', 'kalendarz.ics'],
    ['src/pages/sitemap-[n].xml.ts', { n: '0' }, '/sitemap-0.xml', 'sitemap-0.xml'],
  ] as const)('%s %o → %s', (route, params, pathname, file) => {
    expect(pathnameOf(route, params)).toBe(pathname);
    expect(fileOf(route, pathname)).toBe(file);
  });

  it('refuses a path without a required parameter, naming the route', () => {
    expect(() => pathnameOf('src/pages/wydarzenia/[slug].astro', {})).toThrow('src/pages/wydarzenia/[slug].astro: getStaticPaths gave no value for the parameter "slug"');
  });
});
