import type { Core } from '@strapi/strapi';

// An entry's own row and components change only when the entry is saved (its updatedAt moves),
// but a relation is a row of a link table that the other side may change without touching it:
// an institution's "organized events", a gallery's event. So a kept export record also holds
// what each populated relation links the entry to, read from the link tables alone (ids, no
// join): one query per relation and page of entries.

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
}
interface Attribute {
  type?: string;
  target?: string;
  joinTable?: JoinTable;
}

export interface LinkTable {
  field: string;
  table: string;
  own: string;
  other: string;
  order: string | undefined;
}

/**
 * The link tables of the relations `populate` names at the top of `uid` (to other entries or
 * files' owners, not components: a component is the entry's own and changes with its save).
 */
export function linkTables(strapi: Core.Strapi, uid: string, populate: Record<string, unknown>): LinkTable[] {
  const attributes = strapi.db.metadata.get(uid as never).attributes as Record<string, Attribute>;
  const out: LinkTable[] = [];
  for (const field of Object.keys(populate)) {
    const a = attributes[field];
    if (a?.type !== 'relation' || !a.joinTable || !a.target?.includes('::')) continue;
    out.push({ field, table: a.joinTable.name, own: a.joinTable.joinColumn.name, other: a.joinTable.inverseJoinColumn.name, order: a.joinTable.orderColumnName });
  }
  return out;
}

const CHUNK = 500;

/** Per row id: what each relation links it to, in order, as one string ("gallery:12;organizers:3,7"). */
export async function linksOf(strapi: Core.Strapi, tables: readonly LinkTable[], rowIds: readonly number[]): Promise<Map<number, string>> {
  const parts = new Map<number, string[]>(rowIds.map((id) => [id, []]));
  for (const t of tables) {
    const linked = new Map<number, number[]>();
    for (let i = 0; i < rowIds.length; i += CHUNK) {
      const rows = (await strapi.db
        .getConnection(t.table)
        .select(t.own, t.other)
        .whereIn(t.own, rowIds.slice(i, i + CHUNK))
        .orderBy([t.own, ...(t.order ? [t.order] : []), 'id'])) as Record<string, number>[];
      for (const r of rows) {
        const own = Number(r[t.own]);
        let list = linked.get(own);
        if (!list) linked.set(own, (list = []));
        list.push(Number(r[t.other]));
      }
    }
    for (const id of rowIds) parts.get(id)!.push(`${t.field}:${(linked.get(id) ?? []).join(',')}`);
  }
  return new Map([...parts].map(([id, p]) => [id, p.join(';')]));
}
