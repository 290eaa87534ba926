import type { MiddlewareHandler } from 'astro';

// Middleware of the publisher's build only (added by src/integrations/publisher-adapter.ts):
// Astro turns an error thrown while rendering into a 500 page and keeps the error to itself;
// this hands it to render() (src/publisher/entry.ts) through the request's locals, so the
// publisher is told what went wrong, as data.

export const RENDER_ERROR = Symbol.for('cus.site.renderError');

export const onRequest: MiddlewareHandler = async (context, next) => {
  try {
    return await next();
  } catch (err) {
    (context.locals as Record<symbol, unknown>)[RENDER_ERROR] = err;
    throw err;
  }
};
