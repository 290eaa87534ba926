import type { Core } from '@strapi/strapi';
import type { ImportItemPayload, ImportItemResult } from '@cus/shared';
import { EVENT, ImportError } from './http';
import { draftState, RECORD, recordByKey, type ImportRecord } from './records';

// POST /import/items: one report becomes a DRAFT event (never published here), with its gallery
// and the import record, in one database transaction: when anything fails (a refused body, a
// file that is not in the Media Library, the database), nothing of the report stays.
//
// What a draft gets from the import: title, lead, body, cover, gallery. Dates stay an empty
// list (Strapi wants the required component present, as the admin's form sends it, but a draft
// may hold none; only publishing needs one, see document-middlewares/validation.ts) and come
// from the suggestions an editor accepts. The type
// cannot stay empty: the CMS's own validation requires it on every new event, so a new draft
// gets "inne" (Inne), the one value that claims nothing; the type suggestion replaces it.

const GALLERY = 'api::gallery.gallery';
const FILE = 'plugin::upload.file';
/** The type a new imported draft starts with (see above). */
export const IMPORTED_DRAFT_TYPE = 'inne';

interface FileRow {
  id: number;
  alternativeText: string | null;
}

const q = (s: string) => `„${s}”`;

/** The files the report points at, each checked to be in the Media Library. */
async function filesById(strapi: Core.Strapi, ids: number[], what: (id: number) => string): Promise<Map<number, FileRow>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = (await strapi.db.query(FILE).findMany({ where: { id: { $in: unique } }, select: ['id', 'alternativeText'] })) as FileRow[];
  const found = new Map(rows.map((r) => [r.id, r]));
  const missing = unique.find((id) => !found.has(id));
  if (missing !== undefined) throw new ImportError(400, `${what(missing)} (plik nr ${missing}) nie ma w Bibliotece mediów.`);
  return found;
}

/** The gallery's draft, written (updated when the import made it before and it still exists). */
async function writeGallery(strapi: Core.Strapi, payload: ImportItemPayload, record: ImportRecord | null): Promise<string | null> {
  const gallery = payload.gallery;
  if (!gallery) return null;
  const files = await filesById(
    strapi,
    gallery.photos.map((p) => p.fileId),
    (id) => `Zdjęcia nr ${gallery.photos.findIndex((p) => p.fileId === id) + 1} galerii`,
  );
  // The photo's alt text is the file's own (set at upload from the source); empty when the
  // source had none: the gallery cannot be published until an editor writes it.
  const photos = gallery.photos.map((p) => ({ image: p.fileId, alt: files.get(p.fileId)?.alternativeText ?? '', caption: p.caption ?? null }));
  const documents = strapi.documents(GALLERY as never);
  const previous = record?.galleryDocumentId;
  if (previous && (await strapi.db.query(GALLERY).count({ where: { documentId: previous, publishedAt: null } })) > 0) {
    await documents.update({ documentId: previous, data: { title: gallery.title, photos } } as never);
    return previous;
  }
  const created = (await documents.create({ data: { title: gallery.title, photos } } as never)) as { documentId: string };
  return created.documentId;
}

/** A gallery the import made earlier and the new import no longer has: gone with it, unless it was published. */
async function dropOldGallery(strapi: Core.Strapi, previous: string | null | undefined, current: string | null) {
  if (!previous || previous === current) return;
  const published = await strapi.db.query(GALLERY).count({ where: { documentId: previous, publishedAt: { $notNull: true } } });
  if (published === 0) await strapi.documents(GALLERY as never).delete({ documentId: previous } as never);
}

async function draftRow(strapi: Core.Strapi, documentId: string) {
  return (await strapi.db.query(EVENT).findOne({ where: { documentId, publishedAt: null }, select: ['id', 'documentId', 'slug', 'updatedAt'] })) as {
    documentId: string;
    slug: string | null;
    updatedAt: string | Date;
  };
}

async function upsert(strapi: Core.Strapi, payload: ImportItemPayload): Promise<ImportItemResult> {
  const record = await recordByKey(strapi, payload.source.key);
  const state = record ? await draftState(strapi, record) : null;
  if (record && state && state.state !== 'missing') {
    const kept = { documentId: state.draft.documentId, slug: state.draft.slug ?? '' };
    if (state.state !== 'importable') return { status: state.state, ...kept };
    if (record.contentHash === payload.contentHash) return { status: 'unchanged', ...kept };
  }
  const existing = state && state.state !== 'missing' ? state.draft.documentId : null;

  const galleryDocumentId = await writeGallery(strapi, payload, record);
  const { event } = payload;
  if (event.coverFileId !== undefined) await filesById(strapi, [event.coverFileId], () => 'Zdjęcia głównego (okładki)');
  const data: Record<string, unknown> = {
    title: event.title,
    lead: event.lead ?? null,
    body: event.body,
    cover: event.coverFileId ?? null,
    gallery: galleryDocumentId,
  };
  const documents = strapi.documents(EVENT as never);
  let documentId: string;
  if (existing) {
    await documents.update({ documentId: existing, data } as never);
    documentId = existing;
  } else {
    const created = (await documents.create({ data: { ...data, type: IMPORTED_DRAFT_TYPE, dates: [] } } as never)) as { documentId: string };
    documentId = created.documentId;
  }
  await dropOldGallery(strapi, record?.galleryDocumentId, galleryDocumentId);

  // The draft's updatedAt as this import left it: a later one means an editor saved it.
  const draft = await draftRow(strapi, documentId);
  const fields = {
    sourceKey: payload.source.key,
    system: payload.source.system,
    sourceUrl: payload.source.url,
    sourcePublishedAt: new Date(payload.source.publishedAt),
    category: payload.source.category ?? null,
    hits: payload.source.hits ?? null,
    contentHash: payload.contentHash,
    eventDocumentId: documentId,
    galleryDocumentId,
    importedUpdatedAt: draft.updatedAt,
    suggestions: payload.suggestions,
    warnings: payload.warnings,
    acceptedSuggestionIds: [],
    importedAt: new Date(),
  };
  const records = strapi.db.query(RECORD as never);
  if (record) await records.update({ where: { id: record.id }, data: fields });
  else await records.create({ data: fields });
  return { status: existing ? 'updated' : 'created', documentId, slug: draft.slug ?? '' };
}

/** Imports one report in one transaction; a failure names the report (title and source key) in Polish. */
export async function importItem(strapi: Core.Strapi, payload: ImportItemPayload): Promise<ImportItemResult> {
  try {
    return await strapi.db.transaction(() => upsert(strapi, payload));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = `Nie zaimportowano relacji ${q(payload.event.title)} (${payload.source.key}), nic z niej nie zapisano: ${reason}`;
    const isValidation = error instanceof ImportError ? error.status < 500 : error instanceof Error && error.name === 'ValidationError';
    if (!isValidation) strapi.log.error(`Import ${payload.source.key}: ${error instanceof Error ? (error.stack ?? reason) : reason}`);
    const details = (error as { details?: Record<string, unknown> }).details ?? {};
    throw new ImportError(isValidation ? 400 : 500, message, { ...details, sourceKey: payload.source.key });
  }
}
