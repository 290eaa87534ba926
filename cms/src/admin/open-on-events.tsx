import * as React from 'react';
import { useAuth } from '@strapi/strapi/admin';
import { Navigate, useLocation, type RouteObject } from 'react-router-dom';

// "Treści" in the menu leads to /content-manager, where Strapi's content manager opens the
// first content type in alphabetical order (Galeria). Editors come for the reports, so that one
// address opens Wydarzenia. The menu link stays Strapi's (changing it broke the admin's start);
// the content manager's own route is kept and only wrapped: at /content-manager exactly, an
// editor who may read events is sent to their list; every other address renders the content
// manager as before. (A separate route for "content-manager" would lose to the content
// manager's "content-manager/*": under the admin's "/*" layout, React Router ranks the splat
// route higher.)

export const EVENTS_LIST = '/content-manager/collection-types/api::event.event';
const READ = 'plugin::content-manager.explorer.read';
const CONTENT_MANAGER_ROUTE = 'content-manager/*';

function OpenOnEvents({ Layout }: { Layout: React.ComponentType }) {
  const { pathname } = useLocation();
  const permissions = useAuth('CusOpenOnEvents', (state) => state.permissions) as { action: string; subject?: string | null }[];
  const atRoot = /^\/content-manager\/?$/.test(pathname);
  if (atRoot && permissions.some((p) => p.action === READ && p.subject === 'api::event.event')) {
    return <Navigate to={EVENTS_LIST} replace />;
  }
  return <Layout />;
}

type Lazy = () => Promise<{ Component?: React.ComponentType | null }>;

/** For app.router.addRoute: the content manager's route, opening on Wydarzenia. */
export function openOnEvents(routes: RouteObject[]): RouteObject[] {
  return routes.map((route) => {
    if (route.path !== CONTENT_MANAGER_ROUTE || typeof route.lazy !== 'function') return route;
    const load = route.lazy as unknown as Lazy;
    return {
      ...route,
      lazy: async () => {
        const { Component: Layout, ...rest } = await load();
        if (!Layout) return rest;
        return { ...rest, Component: () => <OpenOnEvents Layout={Layout} /> };
      },
    } as RouteObject;
  });
}
