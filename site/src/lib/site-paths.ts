import { staticPathsOf, type GetStaticPaths } from './route-props.ts';

// Every output the site's routes make, found the way a static `astro build` finds them: each
// route file under src/pages, its getStaticPaths() for a dynamic one, its params turned into
// the address and the file name as Astro does with trailingSlash 'always' and build.format
// 'directory'. The publisher renders exactly these; the sitemap lists the pages among them.

export interface SitePath {
  /** The address a static build renders it under: '/wydarzenia/x/', '/kalendarz.ics', '/404/'. */
  pathname: string;
  /** The file a static build writes: 'wydarzenia/x/index.html', 'kalendarz.ics', '404.html'. */
  file: string;
  /** The route's component: 'src/pages/wydarzenia/[slug].astro'. */
  route: string;
  /** The getStaticPaths cacheKey of the path; null for a route without one. */
  cacheKey: string | null;
}

type Params = Record<string, string | number | undefined>;
export interface RouteModule {
  getStaticPaths?: GetStaticPaths;
  /** The key of a route without parameters: what its one output shows (see src/lib/cache-key.ts). */
  cacheKey?: () => Promise<string> | string;
}
/** import.meta.glob of src/pages, keyed '../pages/…' (lazy: a module is imported when listed). */
export type RouteModules = Record<string, () => Promise<unknown>>;

interface Part {
  content: string;
  dynamic: boolean;
  spread: boolean;
}

/** 'src/pages/wydarzenia/rok/[year]/[...page].astro' → its segments, as Astro parses them (once per route). */
const segmentsByRoute = new Map<string, Part[][]>();
function segmentsOf(route: string): Part[][] {
  let segments = segmentsByRoute.get(route);
  if (!segments) segmentsByRoute.set(route, (segments = parseSegments(route)));
  return segments;
}

function parseSegments(route: string): Part[][] {
  const rel = route.replace(/^src\/pages\//, '').replace(/\.(astro|ts)$/, '');
  const names = rel.split('/');
  if (names.at(-1) === 'index') names.pop();
  return names.map((name) =>
    name
      .split(/(\[(?:\.\.\.)?\w+\])/)
      .filter(Boolean)
      .map((p) => {
        const m = /^\[(\.\.\.)?(\w+)\]$/.exec(p);
        return m ? { content: m[2]!, dynamic: true, spread: Boolean(m[1]) } : { content: p, dynamic: false, spread: false };
      }),
  );
}

const trimSlashes = (s: string) => s.replace(/^\/+|\/+$/g, '');

/** The address of a route's path (Astro's stringifyParams + getUrlForPath for our config). */
export function pathnameOf(route: string, params: Params = {}): string {
  const endpoint = route.endsWith('.ts');
  let path = segmentsOf(route)
    .map((segment) =>
      segment
        .map((part) => {
          if (!part.dynamic) return part.content;
          const value = params[part.content];
          if (value === undefined) {
            if (part.spread) return '';
            throw new TypeError(`${route}: getStaticPaths gave no value for the parameter "${part.content}"`);
          }
          return trimSlashes(String(value));
        })
        .join(''),
    )
    .filter(Boolean)
    .map((s) => `/${s}`)
    .join('');
  // An endpoint named with an extension keeps its name; everything else ends with a slash.
  if (!(endpoint && /\.[^/]+$/.test(path))) path += '/';
  return path.replace(/\/+/g, '/');
}

/** The file a static build writes for an address (Astro's getOutputFilename, format 'directory'). */
export function fileOf(route: string, pathname: string): string {
  if (route.endsWith('.ts')) return pathname.slice(1);
  if (pathname === '/') return 'index.html';
  if (/^\/(404|500)\/$/.test(pathname)) return `${pathname.slice(1, -1)}.html`;
  return `${pathname.slice(1)}index.html`;
}

/** 'src/pages/…' of a glob key of src/pages ('../pages/x.astro'). */
export const routeOf = (globKey: string) => globKey.replace(/^(\.\.\/)+pages\//, 'src/pages/').replace(/^\.\//, 'src/pages/');

/** The paths of one route. */
export async function pathsOfRoute(route: string, load: () => Promise<unknown>): Promise<SitePath[]> {
  const isDynamic = segmentsOf(route).some((s) => s.some((p) => p.dynamic));
  if (!isDynamic) {
    const pathname = pathnameOf(route);
    // A page without parameters may export its own key (the publisher's; Astro ignores it): without one it is rendered on every publish.
    const mod = (await load()) as RouteModule;
    const cacheKey = typeof mod.cacheKey === 'function' ? await mod.cacheKey() : null;
    return [{ pathname, file: fileOf(route, pathname), route, cacheKey }];
  }
  const mod = (await load()) as RouteModule;
  if (!mod.getStaticPaths) throw new Error(`${route}: a dynamic route without getStaticPaths cannot be listed`);
  const paths = await staticPathsOf(mod.getStaticPaths);
  let listed = listedPaths.get(paths);
  if (!listed) {
    let places = placesByRoute.get(route);
    if (!places) placesByRoute.set(route, (places = new Map()));
    const known = places;
    // Params → address and file, once per route and params (27,000 of them per publish at 10,000
    // events). A route of one parameter is keyed by its value: the entry's own slug string, whose
    // hash is kept, where a string built per path would be hashed again each time.
    const names = segmentsOf(route).flatMap((segment) => segment.filter((part) => part.dynamic).map((part) => part.content));
    const only = names.length === 1 ? names[0]! : null;
    const keyOf = (params: Params) => {
      if (only !== null) return params[only] ?? '\u0001';
      let key = '';
      for (const name of names) key += `${params[name] ?? '\u0001'}\0`;
      return key;
    };
    listed = paths.map((p) => {
      const params = keyOf(p.params);
      let place = known.get(params);
      if (!place) {
        const pathname = pathnameOf(route, p.params);
        known.set(params, (place = { pathname, file: fileOf(route, pathname) }));
      }
      const cacheKey = typeof p.cacheKey === 'string' ? p.cacheKey : p.cacheKey === undefined ? null : JSON.stringify(p.cacheKey);
      // A path whose key did not change is the same object as last time: no 27,000 new ones per publish.
      if (place.last?.cacheKey !== cacheKey) place.last = { pathname: place.pathname, file: place.file, route, cacheKey };
      return place.last;
    });
    listedPaths.set(paths, listed);
  }
  return listed;
}

// A route's getStaticPaths result is the same array for a whole content version
// (staticPathsOf): the publisher's list and the sitemap's turn it into paths once.
const listedPaths = new WeakMap<readonly unknown[], SitePath[]>();
const placesByRoute = new Map<string, Map<string | number, { pathname: string; file: string; last?: SitePath }>>();

/** Every path of every route in `modules` (a glob of src/pages), in a stable order (by route, then as listed). */
export async function listSitePaths(modules: RouteModules): Promise<SitePath[]> {
  const routes = Object.keys(modules)
    .map((key) => [routeOf(key), modules[key]!] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const lists = await Promise.all(routes.map(([route, load]) => pathsOfRoute(route, load)));
  return lists.flat();
}
