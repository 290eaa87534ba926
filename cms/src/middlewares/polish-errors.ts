import type { Core } from '@strapi/strapi';
import { strapiSchemas } from './polish-errors/schemas';
import { translateError, type ErrorBody } from './polish-errors/translate';

// Global middleware (config/middlewares.ts, outside strapi::errors): Strapi's English error
// messages in the responses of the admin API and REST, in Polish, naming the field by its label.
// It only rewrites the message texts of an error body already made; it never fails a request.

/** The content type a request is about: the content manager's path names it, REST's by plural name. */
function requestModel(strapi: Core.Strapi, path: string): string | undefined {
  const admin = /^\/content-manager\/(?:collection-types|single-types)\/([^/?#]+)/.exec(path);
  if (admin) return decodeURIComponent(admin[1]!);
  const rest = /^\/api\/([^/?#]+)/.exec(path);
  if (!rest) return undefined;
  const name = rest[1];
  return Object.entries(strapi.contentTypes).find(([uid, ct]) => uid.startsWith('api::') && (ct.info.pluralName === name || ct.info.singularName === name))?.[0];
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const schemas = strapiSchemas(strapi);
  return async (ctx: { path: string; status: number; body: unknown }, next: () => Promise<void>) => {
    await next();
    if (ctx.status < 400) return;
    const body = ctx.body as { error?: ErrorBody; message?: unknown } | null;
    if (!body || typeof body !== 'object' || Buffer.isBuffer(body)) return;
    try {
      if (body.error && typeof body.error === 'object') translateError(body.error, requestModel(strapi, ctx.path), schemas);
    } catch (err) {
      // A message left in English is better than a failed response.
      strapi.log.warn(`polish-errors: ${(err as Error).message}`);
    }
  };
};
