import type { Core } from '@strapi/strapi';
import { PUBLISH_STATUS_ADMIN_PATH, PUBLISH_STATUS_MAX_IDS, type PublishStatusResponse } from '@cus/shared';
import { MESSAGES } from './messages';
import { isStatusUid } from './paths';
import { publishStatus } from './status';

// GET /cus-publish/status?uid=api::event.event&documentIds=a,b — for the admin's edit view and
// list: whether the site shows each entry's current version. An admin route (the admin's own
// JWT, any logged-in admin user: Autor, Wydawca, Super Admin; 401 without it). API routes of an
// app are always content-API routes in Strapi 5, so this one is added to the server's admin API
// directly, as plugins' routes are.

type Ctx = {
  query: Record<string, unknown>;
  body: unknown;
  status: number;
  badRequest(message: string): void;
};

const DOCUMENT_ID = /^[a-z0-9]{10,40}$/;

export function registerPublishStatusRoute(strapi: Core.Strapi) {
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [
      {
        method: 'GET',
        path: PUBLISH_STATUS_ADMIN_PATH,
        handler: async (ctx: Ctx) => {
          const uid = String(ctx.query.uid ?? '');
          const ids = [...new Set(String(ctx.query.documentIds ?? '').split(',').filter(Boolean))];
          if (!isStatusUid(uid)) return ctx.badRequest('Nieznany typ treści');
          if (ids.length === 0 || ids.length > PUBLISH_STATUS_MAX_IDS || !ids.every((id) => DOCUMENT_ID.test(id))) {
            return ctx.badRequest(`Podaj od 1 do ${PUBLISH_STATUS_MAX_IDS} identyfikatorów wpisów`);
          }
          try {
            ctx.body = await publishStatus(strapi, uid, ids);
          } catch (err) {
            // Never an error page in the admin: the state is just unknown.
            strapi.log.warn(`Stan publikacji ${uid}: ${(err as Error).message}`);
            const body: PublishStatusResponse = { data: Object.fromEntries(ids.map((id) => [id, { state: 'unknown', message: MESSAGES.unknown }])) };
            ctx.body = body;
          }
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  } as never);
}
