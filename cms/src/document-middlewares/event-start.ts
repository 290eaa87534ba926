import type { Core } from '@strapi/strapi';

// Events keep their first day in `startsOn`, a plain date the admin's list view can show and
// sort by (the dates themselves are a repeatable component, which a list cannot show). Written
// on every save from `dates`, so no editor ever fills it in.

const EVENT = 'api::event.event';

const firstDay = (dates: unknown): string | null => {
  if (!Array.isArray(dates)) return null;
  const starts = dates
    .map((d) => (d as { start?: unknown })?.start)
    .map((s) => (s instanceof Date ? s.toISOString().slice(0, 10) : typeof s === 'string' ? s.slice(0, 10) : ''))
    .filter((s) => /^\d{4}-\d{2}-\d{2}$/.test(s))
    .sort();
  return starts[0] ?? null;
};

export function registerEventStartMiddleware(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== EVENT || (context.action !== 'create' && context.action !== 'update')) return next();
    const data = (context.params as { data?: Record<string, unknown> }).data;
    if (data && 'dates' in data) data.startsOn = firstDay(data.dates);
    return next();
  });
}

/** Fills `startsOn` where it is empty (entries saved before the field existed); changes nothing else. */
export async function backfillEventStart(strapi: Core.Strapi) {
  const rows = (await strapi.db.query(EVENT).findMany({ where: { startsOn: null }, select: ['id'], populate: { dates: true } })) as { id: number; dates?: unknown }[];
  for (const row of rows) {
    const startsOn = firstDay(row.dates);
    if (startsOn) await strapi.db.query(EVENT).update({ where: { id: row.id }, data: { startsOn } });
  }
}
