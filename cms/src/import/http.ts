import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

// What every import route shares: who may call it, how a body is checked, how an error is
// answered. The importer (./scripts/import) is an administrator's CLI; its messages reach a
// person, so every refusal is Polish and names what is wrong.

export interface ImportCtx {
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: unknown; files?: Record<string, unknown>; headers: Record<string, string | string[] | undefined> };
  state: { userAbility?: { can(action: string, subject?: string): boolean }; user?: { id: number } };
  status: number;
  body: unknown;
}

export const EVENT = 'api::event.event';
const CREATE = 'plugin::content-manager.explorer.create';

/** An error the route answers as it is: a status and a Polish message (and field paths). */
export class ImportError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = status === 400 ? 'ValidationError' : status === 403 ? 'ForbiddenError' : status === 404 ? 'NotFoundError' : 'ImportError';
  }
}

/** Importing writes drafts of reports: whoever may create events may import (Autor, Wydawca, Super Admin). */
function assertMayImport(ctx: ImportCtx) {
  if (ctx.state.userAbility?.can(CREATE, EVENT)) return;
  throw new ImportError(403, 'Brak uprawnień do importu: importować mogą tylko osoby, które mogą tworzyć wydarzenia (rola Autor lub Wydawca).');
}

function answer(ctx: ImportCtx, status: number, name: string, message: string, details: Record<string, unknown> = {}) {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details } };
}

type Handler = (ctx: ImportCtx) => Promise<unknown>;

/**
 * A route handler: permission first, then the work; its result is the JSON body. Errors become
 * a Polish answer (a ValidationError of the CMS's own rules is a 400, anything else a 500 that
 * still says what failed, for the administrator's summary).
 */
export function importHandler(strapi: Core.Strapi, what: string, handler: Handler) {
  return async (ctx: ImportCtx) => {
    try {
      assertMayImport(ctx);
      const result = await handler(ctx);
      ctx.status = 200;
      ctx.body = result;
    } catch (error) {
      if (error instanceof ImportError) return answer(ctx, error.status, error.name, error.message, error.details);
      // By name: Strapi's core may hold its own copy of @strapi/utils.
      if (error instanceof Error && (error.name === 'ValidationError' || error instanceof errors.ValidationError)) {
        return answer(ctx, 400, 'ValidationError', error.message, ((error as { details?: Record<string, unknown> }).details ?? {}));
      }
      strapi.log.error(`Import (${what}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      answer(ctx, 500, 'ImportError', `Błąd serwera podczas importu (${what}): ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
