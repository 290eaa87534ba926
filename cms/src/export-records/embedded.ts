import type { Core } from '@strapi/strapi';
import { EXPORT_FILES, EXPORT_SPEC } from '@cus/shared';

// What a kept export record embeds of other entries and files (a person's name on an event, a
// photo's formats, a gallery's event): each one it shows carries its documentId and updatedAt.
// The record is current while every one of them still has that updatedAt (the published version,
// for a type with drafts), and rebuilt otherwise: an edited person, a replaced photo, a deleted
// institution, an unpublished gallery.

/** [documentId, updatedAt] of everything an entry embeds (not itself), as it shows them. */
export function embeddedVersions(entry: unknown): [string, string][] {
  const out = new Map<string, string>();
  const walk = (v: unknown, root: boolean) => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x, false);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (!root && typeof o.documentId === 'string') {
      const at = o.updatedAt instanceof Date ? o.updatedAt.toISOString() : typeof o.updatedAt === 'string' ? o.updatedAt : '';
      // Seen twice with two versions (never, but then neither can be current): kept as unmatched.
      const before = out.get(o.documentId);
      out.set(o.documentId, before === undefined || before === at ? at : '\0');
    }
    for (const x of Object.values(o)) if (x && typeof x === 'object') walk(x, false);
  };
  walk(entry, true);
  return [...out];
}

/** Whether a type's public version is its published one (the export's own types; files have none). */
const PUBLISHED = new Map<string, boolean>(Object.values(EXPORT_SPEC).map((s) => [s.uid, s.draftAndPublish]));

/**
 * The types whose entries a record of `uid` can embed: the targets of the relations and media
 * `populate` names, through components, and files (photos in rich text).
 */
export function embeddableTypes(strapi: Core.Strapi, uid: string, populate: unknown): string[] {
  const out = new Set<string>([EXPORT_FILES.uid]);
  const walk = (model: string, pop: unknown) => {
    if (!pop || typeof pop !== 'object') return;
    const attributes = strapi.db.metadata.get(model as never).attributes as Record<string, { type?: string; target?: string }>;
    for (const [field, sub] of Object.entries(pop as Record<string, unknown>)) {
      const a = attributes[field];
      if (a?.type !== 'relation' || !a.target) continue;
      if (a.target.includes('::')) out.add(a.target);
      walk(a.target, sub && typeof sub === 'object' ? (sub as { populate?: unknown }).populate : undefined);
    }
  };
  walk(uid, populate);
  return [...out];
}

const CHUNK = 1000;
/** A date as the export writes it (the database gives a Date, a number or a string). */
export const iso = (v: unknown) => new Date(v as string).toISOString();

/** documentId → updatedAt now, of those of `ids` that exist among `types` (their public version). */
export async function currentVersions(strapi: Core.Strapi, ids: ReadonlySet<string>, types: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let list = [...ids];
  // A documentId belongs to one type: once found it is not looked for in the next. Files come
  // last (a record embeds few of them): an event's people and institutions are most of its ids.
  for (const uid of [...types].sort((a, b) => Number(a === EXPORT_FILES.uid) - Number(b === EXPORT_FILES.uid))) {
    if (list.length === 0) break;
    const published = PUBLISHED.get(uid) ?? false;
    // A plain query of two columns (60,000 lookups in a full export of 10,000 events): the dates
    // as the database gives them (a number in SQLite, a Date in PostgreSQL), made ISO by iso().
    const meta = strapi.db.metadata.get(uid as never);
    const column = (attribute: string) => (meta.attributes[attribute] as { columnName?: string } | undefined)?.columnName ?? attribute;
    for (let i = 0; i < list.length; i += CHUNK) {
      const query = strapi.db
        .getConnection(meta.tableName)
        .select(`${column('documentId')} as documentId`, `${column('updatedAt')} as updatedAt`)
        .whereIn(column('documentId'), list.slice(i, i + CHUNK));
      if (published) query.whereNotNull(column('publishedAt'));
      for (const r of (await query) as { documentId: string; updatedAt: unknown }[]) out.set(r.documentId, iso(r.updatedAt));
    }
    list = list.filter((id) => !out.has(id));
  }
  return out;
}
