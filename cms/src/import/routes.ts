import type { Core } from '@strapi/strapi';
import { IMPORT_DISCARD_MAX_IDS, importDiscardRequest, importItemPayload, importLookupRequest } from '@cus/shared';
import { importDirectory } from './directory';
import { ImportError, importHandler, type ImportCtx } from './http';
import { lookup } from './lookup';
import { discardMedia, importMedia } from './media';
import { acceptSuggestions, importedEvent } from './suggestions';
import { importItem } from './upsert-item';
import { parseBody } from './validate-body';

// The importer's admin API (./scripts/import, package scripts/importer, logs in as an administrator, like the admin panel
// does, and the panel's "Z importu" uses the last three). Admin routes, added to the server's
// admin API directly as publish-status/route.ts explains; each handler checks that the caller
// may create events (importHandler).

const DOCUMENT_ID = /^[a-z0-9]{10,40}$/;
const SUGGESTION_ID_MAX = 80;
const ACCEPT_MAX_IDS = 200;

function documentIdOf(ctx: ImportCtx): string {
  const id = ctx.params.documentId ?? '';
  if (!DOCUMENT_ID.test(id)) throw new ImportError(404, 'Nie ma takiego wydarzenia.');
  return id;
}

function acceptedIds(body: unknown): string[] | 'all' {
  const ids = (body as { ids?: unknown } | null)?.ids;
  if (ids === 'all') return 'all';
  if (
    !Array.isArray(ids) ||
    ids.length === 0 ||
    ids.length > ACCEPT_MAX_IDS ||
    !ids.every((id) => typeof id === 'string' && id.length > 0 && id.length <= SUGGESTION_ID_MAX)
  ) {
    throw new ImportError(400, `Nieprawidłowe dane: pole ids musi być listą od 1 do ${ACCEPT_MAX_IDS} identyfikatorów propozycji albo słowem "all".`);
  }
  return [...new Set(ids as string[])];
}

function discardedIds(body: unknown): number[] {
  const parsed = importDiscardRequest.safeParse(body);
  if (!parsed.success) throw new ImportError(400, `Nieprawidłowe dane: pole fileIds musi być listą od 1 do ${IMPORT_DISCARD_MAX_IDS} numerów plików.`);
  return parsed.data.fileIds;
}

export function registerImportRoutes(strapi: Core.Strapi) {
  const route = (method: string, path: string, what: string, handler: (ctx: ImportCtx) => Promise<unknown>) => ({
    method,
    path,
    handler: importHandler(strapi, what, handler),
    config: { policies: ['admin::isAuthenticatedAdmin'] },
  });
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [
      route('POST', '/import/lookup', 'sprawdzanie relacji', async (ctx) => lookup(strapi, parseBody(importLookupRequest, ctx.request.body, 'zapytania').keys)),
      route('POST', '/import/items', 'zapis relacji', async (ctx) => importItem(strapi, parseBody(importItemPayload, ctx.request.body, 'relacji'))),
      route('POST', '/import/media', 'zapis zdjęcia', async (ctx) =>
        importMedia(strapi, (ctx.request.body ?? {}) as Record<string, unknown>, ctx.request.files, ctx.state.user),
      ),
      route('POST', '/import/media/discard', 'usuwanie zdjęć', async (ctx) => discardMedia(strapi, discardedIds(ctx.request.body))),
      route('GET', '/import/directory', 'lista osób i instytucji', async () => importDirectory(strapi)),
      route('GET', '/import/events/:documentId', 'propozycje', async (ctx) => importedEvent(strapi, documentIdOf(ctx))),
      route('POST', '/import/events/:documentId/accept', 'przyjmowanie propozycji', async (ctx) =>
        acceptSuggestions(strapi, documentIdOf(ctx), acceptedIds(ctx.request.body)),
      ),
    ],
  } as never);
}
