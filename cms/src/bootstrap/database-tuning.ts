import type { Core } from '@strapi/strapi';
import { refreshStatistics } from './sqlite-statistics';

// Strapi indexes the columns it joins by, not the ones this CMS looks entries up by on every save:
// a slug being checked against the published ones, an event's share card, a photo the importer
// already brought in. At 10,000 events a slug lookup scanned 20,000 rows (8 ms), several such
// lookups per save. Strapi's schema sync leaves indexes it did not make alone, and every start makes any
// that are missing (a new database, a schema change that rebuilt a table).
//
// SQLite also plans without statistics until ANALYZE has run: it then read a component table of
// 150,000 rows for each save of an event (24 ms a query) where an index gives the rows at once
// (0.2 ms). sqlite-statistics.ts takes them again for the tables that need it, at start and every
// hour as the tables grow. (PostgreSQL's autovacuum keeps its own statistics.)

/** Lookup columns, by table: the attribute names as Strapi stores them (snake_case). */
const LOOKUPS: Record<string, readonly string[]> = {
  events: ['slug'],
  speakers: ['slug'],
  institutions: ['slug'],
  galleries: ['slug'],
  share_cards: ['file', 'event_document_id'],
  import_media: ['source_url', 'sha_256'],
  export_records: ['entry_document_id'],
};

const STATISTICS_EVERY_MS = 60 * 60 * 1000;

export interface DatabaseTuning {
  /** Stops the periodic statistics (on destroy). */
  stop(): void;
}

export async function tuneDatabase(strapi: Core.Strapi): Promise<DatabaseTuning> {
  const knex = strapi.db.connection;
  const started = Date.now();
  let made = 0;
  for (const [table, columns] of Object.entries(LOOKUPS)) {
    if (!(await knex.schema.hasTable(table))) continue;
    for (const column of columns) {
      if (!(await knex.schema.hasColumn(table, column))) continue;
      const name = `cus_${table}_${column}_idx`;
      // IF NOT EXISTS in both SQLite and PostgreSQL; names from the constant above, never from input.
      await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (??)`, [name, table, column]);
      made++;
    }
  }
  const sqlite = strapi.db.dialect.client === 'sqlite';
  const analyzed = sqlite ? await refreshStatistics(knex) : [];
  const stats = analyzed.length > 0 ? `, statistics taken again for ${analyzed.length} table(s)` : ', statistics up to date';
  strapi.log.info(`[database] ${made} lookup indexes present${sqlite ? stats : ''} (${Date.now() - started} ms)`);
  if (!sqlite) return { stop: () => undefined };
  const timer = setInterval(() => {
    refreshStatistics(knex)
      .then((tables) => tables.length > 0 && strapi.log.info(`[database] statistics taken again for ${tables.join(', ')}`))
      .catch((err: Error) => strapi.log.warn(`[database] statistics could not be refreshed: ${err.message}`));
  }, STATISTICS_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
