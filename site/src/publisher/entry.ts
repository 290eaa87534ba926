import { createApp } from 'astro/app/entrypoint';
import { COLLECTION_NAMES, installedContent, setInstalledContent, type SiteContent } from '../lib/site-content';
import { EXPORT_SPEC } from '@cus/shared';
import { listSitePaths, routeOf, type SitePath } from '../lib/site-paths';
import { RENDER_ERROR } from './capture-errors';
import { RenderError, type RenderFailureEntry } from './render-error';

// The server entry of the publisher's build (SITE_BUILD_MODE=publisher, see
// src/integrations/publisher-adapter.ts): <outDir>/server/entry.mjs. The long-lived publisher
// imports it, installs the content it holds, lists every output a static build would write
// and renders the ones that changed, with the site's own pages and Astro's own renderer.

export type { SiteContent, SitePath };
export { RenderError };

const app = createApp({ streaming: false });
// The same module instances Astro renders (one bundle): getStaticPaths of each route.
const routeModules = import.meta.glob(['../pages/**/*.astro', '../pages/**/*.ts']);
const siteUrl = new URL(app.manifest.site ?? 'http://127.0.0.1:4321');

/** Swaps the content every page reads; every memo of derived data is made again for it. */
export function installContent(content: SiteContent): void {
  if (!content || typeof content.version !== 'string' || !content.collections) throw new TypeError('installContent: expected { version: string, collections }');
  const missing = COLLECTION_NAMES.filter((c) => !Array.isArray(content.collections[c]));
  if (missing.length > 0) throw new TypeError(`installContent: collections ${missing.join(', ')} must be arrays of stored entries`);
  setInstalledContent(content);
}

// This build stores no content: without installed content every page would be empty.
function requireContent(): void {
  if (!installedContent()) throw new Error('No content installed: call installContent() before listPaths() or render().');
}

/** Every output a static build of the installed content writes from the site's pages and endpoints. */
export async function listPaths(): Promise<SitePath[]> {
  requireContent();
  return listSitePaths(routeModules);
}

/**
 * The outputs of the routes that show one entry of `collections` each (an event: its page and
 * .ics), the same paths listPaths gives for them: an edit of entries that exist already puts
 * these live first (the publisher's entry-first phase).
 */
export async function listEntryPaths(collections: readonly string[]): Promise<SitePath[]> {
  requireContent();
  const types = new Set(collections.flatMap((c) => (c in EXPORT_SPEC ? [EXPORT_SPEC[c as keyof typeof EXPORT_SPEC].typeName] : [])));
  const routes = new Set(Object.keys(ENTRY_ROUTES).filter((route) => types.has(ENTRY_ROUTES[route]!)));
  return listSitePaths(Object.fromEntries(Object.entries(routeModules).filter(([key]) => routes.has(routeOf(key)))));
}

function routeDataOf(route: string) {
  const info = app.manifest.routes.find((r) => r.routeData.component === route);
  if (!info) throw new RenderError(route, `no route for the component ${route} in this build`);
  return info.routeData;
}

// The entry a route shows, by its parameter: a failure there is that entry's.
const ENTRY_ROUTES: Record<string, string> = {
  'src/pages/wydarzenia/[slug].astro': 'event',
  'src/pages/wydarzenia/[slug].ics.ts': 'event',
  'src/pages/osoby/[slug].astro': 'speaker',
  'src/pages/instytucje/[slug].astro': 'institution',
  'src/pages/galerie/[slug].astro': 'gallery',
  'src/pages/deklaracja-dostepnosci.astro': 'site-setting',
};

function entryOf(path: SitePath, err: unknown): RenderFailureEntry | undefined {
  // An error that names its entry itself (e.g. a ContractError-like { type, slug, field }) wins.
  const e = err as { type?: unknown; slug?: unknown; field?: unknown } | undefined;
  if (e && typeof e.type === 'string' && typeof e.slug === 'string') return { type: e.type, slug: e.slug, field: typeof e.field === 'string' ? e.field : null };
  const type = ENTRY_ROUTES[path.route];
  if (!type) return undefined;
  const slug = type === 'site-setting' ? null : (/\/([^/]+?)(?:\.ics|\/)$/.exec(path.pathname)?.[1] ?? null);
  return { type, slug, field: null };
}

/** The bytes of one output; throws RenderError when the route fails or does not answer 200. */
export async function render(path: SitePath): Promise<Uint8Array> {
  requireContent();
  const routeData = routeDataOf(path.route);
  const locals: Record<symbol, unknown> = {};
  let response: Response;
  try {
    response = await app.render(new Request(new URL(path.pathname, siteUrl)), { routeData, locals });
  } catch (err) {
    throw new RenderError(path.pathname, (err as Error)?.message ?? String(err), { entry: entryOf(path, err), cause: err });
  }
  const thrown = locals[RENDER_ERROR];
  // The not-found page answers 404; every other route must answer 200.
  const expected = path.file === '404.html' ? 404 : 200;
  if (thrown !== undefined || response.status !== expected) {
    await response.body?.cancel();
    const message = thrown !== undefined ? ((thrown as Error)?.message ?? String(thrown)) : `the route answered ${response.status}`;
    throw new RenderError(path.pathname, message, { entry: entryOf(path, thrown), status: response.status, ...(thrown !== undefined ? { cause: thrown } : {}) });
  }
  return new Uint8Array(await response.arrayBuffer());
}
