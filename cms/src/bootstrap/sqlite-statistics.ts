import type { Core } from '@strapi/strapi';

type Knex = Core.Strapi['db']['connection'];

// SQLite chooses an index by the statistics ANALYZE last stored (sqlite_stat1), and keeps them
// however the table grows. `PRAGMA optimize` analyzes again only when a table's size moved by a
// factor of 25 or more: a corpus analyzed at 2,800 events and grown to 10,000 kept stats that made
// every page of the site export read the components join table by its 5-valued `field` column
// (10 ms a query) instead of by the entries asked for (2.5 ms); the export of 10,000 events spent
// 0.6 s more in the database than with fresh statistics. So a table is analyzed again once its
// row count is half or twice what its statistics say; a full ANALYZE of a 200 MB database takes
// 0.25 s, and counting the rows of every table about as long.

/** Below this size a table's drift does not matter (it is read whole whatever the plan); it is analyzed once. */
const MIN_ROWS = 1000;
/** Statistics older than this change of size (either way) are taken again. */
const DRIFT = 2;

type Row = Record<string, unknown>;

/** knex.raw on better-sqlite3 resolves to the rows. */
async function rows(knex: Knex, sql: string, bindings: readonly string[] = []): Promise<Row[]> {
  return (await knex.raw(sql, bindings as string[])) as unknown as Row[];
}

/** The tables whose statistics are missing (with rows to plan for) or were taken at another size. */
export async function staleTables(knex: Knex): Promise<string[]> {
  const recorded = new Map<string, number>();
  const hasStats = (await rows(knex, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'`)).length > 0;
  if (hasStats) {
    for (const r of await rows(knex, 'SELECT tbl, stat FROM sqlite_stat1')) {
      const n = Number(String(r.stat).split(' ')[0]);
      if (Number.isFinite(n)) recorded.set(String(r.tbl), Math.max(n, recorded.get(String(r.tbl)) ?? 0));
    }
  }
  const tables = await rows(knex, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`);
  const stale: string[] = [];
  for (const { name } of tables) {
    const table = String(name);
    const [count] = await rows(knex, 'SELECT count(*) AS n FROM ??', [table]);
    const now = Number(count?.n ?? 0);
    const then = recorded.get(table);
    // Never analyzed (SQLite would take it for a table of a million rows), or analyzed at another size.
    if (then === undefined ? now > 0 : Math.max(now, then) >= MIN_ROWS && (now > then * DRIFT || now * DRIFT < then)) stale.push(table);
  }
  return stale;
}

/** Analyzes the tables whose statistics are stale; returns their names. */
export async function refreshStatistics(knex: Knex): Promise<string[]> {
  const stale = await staleTables(knex);
  for (const table of stale) await knex.raw('ANALYZE ??', [table]);
  return stale;
}
