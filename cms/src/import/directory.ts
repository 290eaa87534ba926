import type { Core } from '@strapi/strapi';

// GET /import/directory: every person and institution, for the importer to match the names a
// report mentions ("Piotra Mączki" is Piotr Mączka). Read a page at a time, so a large directory
// never needs one huge query.

const PAGE = 500;

export interface ImportDirectory {
  people: { documentId: string; name: string }[];
  institutions: { documentId: string; name: string; shortName: string | null }[];
}

async function all<T extends { id: number }>(strapi: Core.Strapi, uid: string, select: string[]): Promise<T[]> {
  const out: T[] = [];
  let lastId = 0;
  for (;;) {
    const rows = (await strapi.db.query(uid as never).findMany({
      // Neither type has drafts: one row per entry.
      where: { id: { $gt: lastId } },
      select: ['id', ...select],
      orderBy: { id: 'asc' },
      limit: PAGE,
    })) as T[];
    out.push(...rows);
    if (rows.length < PAGE) return out;
    lastId = rows.at(-1)!.id;
  }
}

export async function importDirectory(strapi: Core.Strapi): Promise<ImportDirectory> {
  const people = await all<{ id: number; documentId: string; name: string }>(strapi, 'api::speaker.speaker', ['documentId', 'name']);
  const institutions = await all<{ id: number; documentId: string; name: string; shortName: string | null }>(strapi, 'api::institution.institution', [
    'documentId',
    'name',
    'shortName',
  ]);
  return {
    people: people.map((p) => ({ documentId: p.documentId, name: p.name })),
    institutions: institutions.map((i) => ({ documentId: i.documentId, name: i.name, shortName: i.shortName ?? null })),
  };
}
