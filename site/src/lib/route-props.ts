import { perContentVersion } from './site-content.ts';

// The props of a dynamic route, in every build. A static build calls getStaticPaths and hands
// each page its props. An on-demand build (the publisher's, the draft preview's) calls no
// getStaticPaths and Astro.props is empty: the props are then found among the route's own
// getStaticPaths() result by the request's params, computed once per content version.

type Params = Record<string, string | number | undefined>;
export interface StaticPath {
  params: Params;
  props?: Record<string, unknown>;
  cacheKey?: unknown;
}
export type GetStaticPaths = (...args: never[]) => Promise<readonly StaticPath[]> | readonly StaticPath[];

/** The part of Astro's page or endpoint context routeProps reads. */
export interface RouteContext {
  params: Params;
  props: Record<string, unknown>;
  isPrerendered: boolean;
}

/**
 * Params as one key; a missing rest param ([...page] on the listing's own address) is left out.
 * One param (a slug, a page number) is keyed by its value alone: the index of a route of 10,000
 * events is made again for every content version, and the slug string keeps its hash where a
 * string built per path would be hashed anew. Several params are keyed as JSON, which no slug
 * or number can equal.
 */
export const paramsKey = (params: Params): string => {
  let only: string | undefined;
  let count = 0;
  for (const k in params) {
    const v = params[k];
    if (v === undefined || v === '') continue;
    only = String(v);
    if (++count > 1) break;
  }
  if (count <= 1) return only ?? '';
  return JSON.stringify(
    Object.keys(params)
      .filter((k) => params[k] !== undefined && params[k] !== '')
      .sort()
      .map((k) => [k, String(params[k])]),
  );
};

const staticPaths = new WeakMap<GetStaticPaths, () => Promise<readonly StaticPath[]>>();
const indexes = new WeakMap<GetStaticPaths, () => { scans: number; index?: Map<string, Record<string, unknown>> }>();

/** A route's getStaticPaths() result, once per content version (routeProps and the list of paths share it). */
export function staticPathsOf(getStaticPaths: GetStaticPaths): Promise<readonly StaticPath[]> {
  let paths = staticPaths.get(getStaticPaths);
  if (!paths) {
    paths = perContentVersion(async () => (getStaticPaths as () => Promise<readonly StaticPath[]>)());
    staticPaths.set(getStaticPaths, paths);
  }
  return paths();
}

/** Lookups of a route in one content version answered by a scan before its index is made. */
const SCANS = 16;

function lookupOf(getStaticPaths: GetStaticPaths): () => { scans: number; index?: Map<string, Record<string, unknown>> } {
  let lookup = indexes.get(getStaticPaths);
  if (!lookup) {
    lookup = perContentVersion(() => ({ scans: 0 }));
    indexes.set(getStaticPaths, lookup);
  }
  return lookup;
}

/**
 * The props of the path the request is for; null when the route has no such path (an unknown
 * slug): the page then answers 404, it never renders with missing props. A publish renders a
 * route's page or two per content version: those are found by a scan of its paths (a fraction
 * of a millisecond at 10,000 events), and an index (milliseconds) is made only for a route
 * rendered many times in one version (a full reconcile).
 */
export async function routeProps<P extends object>(context: RouteContext, getStaticPaths: GetStaticPaths): Promise<P | null> {
  if (context.isPrerendered) return context.props as P;
  const paths = await staticPathsOf(getStaticPaths);
  const lookup = lookupOf(getStaticPaths)();
  const key = paramsKey(context.params);
  if (!lookup.index && ++lookup.scans > SCANS) lookup.index = new Map(paths.map((p) => [paramsKey(p.params), p.props ?? {}]));
  let props: Record<string, unknown> | undefined;
  if (lookup.index) props = lookup.index.get(key);
  else {
    const path = paths.find((p) => paramsKey(p.params) === key);
    // A path without props (a feed) is found all the same.
    if (path) props = path.props ?? {};
  }
  return (props as P | undefined) ?? null;
}

/** The answer of a route asked for a path it does not have. */
export const notFound = () => new Response(null, { status: 404, statusText: 'Not Found' });
