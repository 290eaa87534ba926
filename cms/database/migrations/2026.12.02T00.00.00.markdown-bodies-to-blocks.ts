import type { Core } from '@strapi/strapi';
import { markdownToBlocks } from '@cus/shared/blocks';

// The event body and three parts of the accessibility statement were Markdown (`richtext`,
// a text column) and are now Strapi's Blocks (`blocks`: JSON; a jsonb column on PostgreSQL).
// Strapi runs pending migrations BEFORE it syncs the tables to the content types
// (@strapi/database schema.sync), so this still sees the old text columns: it rewrites every
// Markdown value as Blocks JSON, and the sync's `ALTER … TYPE jsonb USING …::jsonb` then casts
// valid JSON only. Values that are JSON arrays already are left alone, so it can run on any
// database, new or old; on a new one the tables do not exist yet and it does nothing.

type Knex = Core.Strapi['db']['connection'];

/** Table and columns as the old schema stored them (a migration is a snapshot: no lookups). */
const COLUMNS: { table: string; columns: string[] }[] = [
  { table: 'events', columns: ['body'] },
  { table: 'components_settings_accessibility_statement', columns: ['non_compliance', 'exemptions', 'architectural_accessibility'] },
];

const PAGE = 200;

function isBlocksJson(value: string): boolean {
  if (!value.trimStart().startsWith('[')) return false;
  try {
    return Array.isArray(JSON.parse(value));
  } catch {
    return false;
  }
}

/** Plain paragraphs: what a value becomes if the Markdown converter ever fails on it. */
function paragraphs(text: string) {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => ({ type: 'paragraph' as const, children: [{ type: 'text' as const, text: p }] }));
}

/** The stored value the column gets, or undefined to leave it as it is. */
export function convertedValue(value: unknown, onFallback: (error: unknown) => void = () => {}): string | null | undefined {
  if (typeof value !== 'string') return undefined; // NULL, or parsed JSON (a jsonb column already)
  if (value.trim() === '') return null; // '' is no JSON: the jsonb cast would fail on it
  if (isBlocksJson(value)) return undefined;
  try {
    return JSON.stringify(markdownToBlocks(value));
  } catch (error) {
    onFallback(error);
    return JSON.stringify(paragraphs(value));
  }
}

async function convertColumn(knex: Knex, table: string, column: string, log: (message: string) => void): Promise<number> {
  let changed = 0;
  let lastId = 0;
  for (;;) {
    const rows = (await knex(table).select('id', column).whereNotNull(column).andWhere('id', '>', lastId).orderBy('id').limit(PAGE)) as {
      id: number;
      [column: string]: unknown;
    }[];
    if (rows.length === 0) return changed;
    for (const row of rows) {
      const next = convertedValue(row[column], (error) =>
        log(`${table}.${column} id=${row.id}: Markdown not converted (${String(error)}); stored as plain paragraphs`),
      );
      if (next === undefined) continue;
      await knex(table).where('id', row.id).update({ [column]: next });
      changed++;
    }
    lastId = rows[rows.length - 1]!.id;
  }
}

export async function up(knex: Knex, db?: { logger?: { info(m: string): void; warn(m: string): void } }): Promise<void> {
  const warn = (m: string) => db?.logger?.warn(m);
  for (const { table, columns } of COLUMNS) {
    if (!(await knex.schema.hasTable(table))) continue;
    for (const column of columns) {
      if (!(await knex.schema.hasColumn(table, column))) continue;
      const changed = await convertColumn(knex, table, column, warn);
      if (changed > 0) db?.logger?.info(`Markdown → Blocks: ${changed} value(s) of ${table}.${column} converted`);
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('markdown-bodies-to-blocks cannot be reverted: Blocks hold what Markdown cannot say back exactly');
}
