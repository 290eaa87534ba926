import type { Core } from '@strapi/strapi';
import type { ImportSuggestion, ImportWarning } from '@cus/shared';
import { EVENT } from './http';

// The import record (api::import-record, hidden): one per source report, saying which draft it
// became and what the import proposed. And the question every route asks about that draft:
// may a new import still replace it?

export const RECORD = 'api::import-record.import-record';

export interface ImportRecord {
  id: number;
  documentId: string;
  sourceKey: string;
  system: string;
  sourceUrl: string | null;
  sourcePublishedAt: string | null;
  category: string | null;
  hits: number | null;
  contentHash: string | null;
  eventDocumentId: string | null;
  galleryDocumentId: string | null;
  importedUpdatedAt: string | Date | null;
  suggestions: ImportSuggestion[] | null;
  warnings: ImportWarning[] | null;
  acceptedSuggestionIds: string[] | null;
  importedAt: string | null;
}

interface EventRow {
  id: number;
  documentId: string;
  slug: string | null;
  title: string;
  updatedAt: string | Date;
  publishedAt: string | Date | null;
}

/** What became of the draft an import made. */
export type DraftState =
  | { state: 'missing' }
  | { state: 'kept_published' | 'kept_edited' | 'importable'; draft: EventRow };

const records = (strapi: Core.Strapi) => strapi.db.query(RECORD as never);

export async function recordsByKeys(strapi: Core.Strapi, keys: string[]): Promise<Map<string, ImportRecord>> {
  const rows = (await records(strapi).findMany({ where: { sourceKey: { $in: keys } } })) as ImportRecord[];
  return new Map(rows.map((r) => [r.sourceKey, r]));
}

export async function recordByKey(strapi: Core.Strapi, key: string): Promise<ImportRecord | null> {
  return (await records(strapi).findOne({ where: { sourceKey: key } })) as ImportRecord | null;
}

export async function recordByEvent(strapi: Core.Strapi, eventDocumentId: string): Promise<ImportRecord | null> {
  return (await records(strapi).findOne({ where: { eventDocumentId } })) as ImportRecord | null;
}

const time = (v: string | Date | null | undefined) => (v === null || v === undefined ? NaN : new Date(v).getTime());

/**
 * kept_published: the event has a published version (the editors took it over);
 * kept_edited: its draft changed since the import wrote it, or suggestions were accepted into it;
 * importable: the draft is as the import left it; missing: the event was deleted.
 */
export async function draftState(strapi: Core.Strapi, record: ImportRecord): Promise<DraftState> {
  if (!record.eventDocumentId) return { state: 'missing' };
  const rows = (await strapi.db.query(EVENT).findMany({
    where: { documentId: record.eventDocumentId },
    select: ['id', 'documentId', 'slug', 'title', 'updatedAt', 'publishedAt'],
  })) as EventRow[];
  const draft = rows.find((r) => r.publishedAt === null);
  if (!draft) return { state: 'missing' };
  if (rows.some((r) => r.publishedAt !== null)) return { state: 'kept_published', draft };
  const edited = time(draft.updatedAt) !== time(record.importedUpdatedAt) || (record.acceptedSuggestionIds ?? []).length > 0;
  return { state: edited ? 'kept_edited' : 'importable', draft };
}
