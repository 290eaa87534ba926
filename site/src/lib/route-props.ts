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

/** Params as one key; a missing rest param ([...page] on the listing's own address) is left out. */
export const paramsKey = (params: Params) =>
  JSON.stringify(
    Object.keys(params)
      .filter((k) => params[k] !== undefined && params[k] !== '')
      .sort()
      .map((k) => [k, String(params[k])]),
  );

const staticPaths = new WeakMap<GetStaticPaths, () => Promise<readonly StaticPath[]>>();
const indexes = new WeakMap<GetStaticPaths, () => Promise<Map<string, Record<string, unknown>>>>();

/** A route's getStaticPaths() result, once per content version (routeProps and the list of paths share it). */
export function staticPathsOf(getStaticPaths: GetStaticPaths): Promise<readonly StaticPath[]> {
  let paths = staticPaths.get(getStaticPaths);
  if (!paths) {
    paths = perContentVersion(async () => (getStaticPaths as () => Promise<readonly StaticPath[]>)());
    staticPaths.set(getStaticPaths, paths);
  }
  return paths();
}

function indexOf(getStaticPaths: GetStaticPaths): () => Promise<Map<string, Record<string, unknown>>> {
  let index = indexes.get(getStaticPaths);
  if (!index) {
    index = perContentVersion(async () => new Map((await staticPathsOf(getStaticPaths)).map((p) => [paramsKey(p.params), p.props ?? {}])));
    indexes.set(getStaticPaths, index);
  }
  return index;
}

/**
 * The props of the path the request is for; null when the route has no such path (an unknown
 * slug): the page then answers 404, it never renders with missing props.
 */
export async function routeProps<P extends object>(context: RouteContext, getStaticPaths: GetStaticPaths): Promise<P | null> {
  if (context.isPrerendered) return context.props as P;
  const props = (await indexOf(getStaticPaths)()).get(paramsKey(context.params));
  return (props as P | undefined) ?? null;
}

/** The answer of a route asked for a path it does not have. */
export const notFound = () => new Response(null, { status: 404, statusText: 'Not Found' });
