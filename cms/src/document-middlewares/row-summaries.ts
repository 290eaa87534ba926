import type { Core } from '@strapi/strapi';
import { APPEARANCE_ROLE_EDITOR_LABELS, formatFieldDate, isIsoDate, type AppearanceRole } from '@cus/shared';

// What a collapsed row of a repeatable component says in the admin. Strapi 5.54 prints the
// value of the component's `mainField` from the form and offers no formatter, and a relation
// (the person of an appearance) sits in the form only as ids. So each of these components keeps
// a read-only text, `summary` („Piotr Mączka — prelegent”, „23.11.2023, 9:30–15:00”), written
// here after every write of an event (draft and published rows alike: a REST write publishes
// inside the document service, past the middlewares), and after a person is renamed or deleted.
// The admin hides it from the form; the export does not carry it.

const EVENT = 'api::event.event';
const SPEAKER = 'api::speaker.speaker';
const APPEARANCE = 'event.appearance';
const DATE_RANGE = 'event.date-range';
/** The column is a varchar(255). */
const MAX_LENGTH = 255;
/** Rows filled per transaction when filling the missing summaries at start. */
const BACKFILL_BATCH = 500;

export interface AppearanceRow {
  id?: number;
  role?: string | null;
  speaker?: { name?: string | null } | null;
  summary?: string | null;
}

export interface DateRangeRow {
  id?: number;
  start?: unknown;
  end?: unknown;
  startTime?: unknown;
  endTime?: unknown;
  label?: string | null;
  summary?: string | null;
}

const clip = (s: string) => (s.length > MAX_LENGTH ? `${s.slice(0, MAX_LENGTH - 1)}…` : s);

/**
 * A role as a person's row names it, from the admin's label without the feminine form and the
 * note in brackets: „Prelegent / prelegentka (wystąpienie)” → „prelegent”.
 */
export function roleLabel(role: string | null | undefined): string | null {
  const label = role && Object.hasOwn(APPEARANCE_ROLE_EDITOR_LABELS, role) ? APPEARANCE_ROLE_EDITOR_LABELS[role as AppearanceRole] : null;
  if (!label) return null;
  const masculine = label.replace(/ \/ \S+/, '').replace(/ \([^)]*\)$/, '');
  return masculine.charAt(0).toLocaleLowerCase('pl') + masculine.slice(1);
}

/** „Piotr Mączka — prelegent”; a row without a person says so. */
export function appearanceSummary(row: AppearanceRow): string {
  const name = row.speaker?.name?.trim() || 'osoba nie wybrana';
  const role = roleLabel(row.role);
  return clip(role ? `${name} — ${role}` : name);
}

const isoDay = (v: unknown): string | null => {
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v.slice(0, 10) : '';
  return isIsoDate(s) ? s : null;
};

/** "09:30:00.000" → "9:30". */
const clock = (v: unknown): string | null => {
  const m = typeof v === 'string' ? /^(\d{1,2}):(\d{2})/.exec(v) : null;
  return m ? `${Number(m[1])}:${m[2]}` : null;
};

/** „23.11.2023, 9:30–15:00”, „19.06.2023–21.06.2023 (wizyta dla dyrektorów)”. */
export function dateRangeSummary(row: DateRangeRow): string | null {
  const start = isoDay(row.start);
  if (!start) return null;
  const end = isoDay(row.end);
  let text = end && end !== start ? `${formatFieldDate(start)}–${formatFieldDate(end)}` : formatFieldDate(start);
  const [from, to] = [clock(row.startTime), clock(row.endTime)];
  if (from && to) text += `, ${from}–${to}`;
  else if (from) text += `, od ${from}`;
  else if (to) text += `, do ${to}`;
  const label = row.label?.trim();
  if (label) text += ` (${label})`;
  return clip(text);
}

type Query = ReturnType<Core.Strapi['db']['query']>;
const query = (strapi: Core.Strapi, uid: string): Query => strapi.db.query(uid as never);

/**
 * Writes each row's summary where it differs, one statement per distinct text (a draft and its
 * published copy share theirs); returns the summaries by row id.
 */
async function writeSummaries<T extends { id?: number; summary?: string | null }>(
  strapi: Core.Strapi,
  uid: string,
  rows: readonly T[],
  summarize: (row: T) => string | null,
): Promise<Map<number, string | null>> {
  const written = new Map<number, string | null>();
  const changed = new Map<string | null, number[]>();
  for (const row of rows) {
    if (typeof row.id !== 'number') continue;
    const summary = summarize(row);
    written.set(row.id, summary);
    if ((row.summary ?? null) !== summary) changed.set(summary, [...(changed.get(summary) ?? []), row.id]);
  }
  for (const [summary, ids] of changed) await query(strapi, uid).updateMany({ where: { id: { $in: ids } }, data: { summary } });
  return written;
}

const APPEARANCE_POPULATE = { speaker: { select: ['name'] } };

/** Refreshes the summaries of every row (draft and published) of one event. */
async function refreshEvent(strapi: Core.Strapi, documentId: string) {
  const entries = (await query(strapi, EVENT).findMany({
    where: { documentId },
    select: ['id'],
    populate: { dates: true, appearances: { populate: APPEARANCE_POPULATE } },
  })) as { dates?: DateRangeRow[] | null; appearances?: AppearanceRow[] | null }[];
  const dates = await writeSummaries(strapi, DATE_RANGE, entries.flatMap((e) => e.dates ?? []), dateRangeSummary);
  const appearances = await writeSummaries(strapi, APPEARANCE, entries.flatMap((e) => e.appearances ?? []), appearanceSummary);
  return { dates, appearances };
}

/** Puts the fresh summaries into what the write returns, so the admin's form shows them at once. */
function patchResult(result: unknown, fresh: Awaited<ReturnType<typeof refreshEvent>>) {
  const docs = (result as { entries?: unknown[] } | null)?.entries ?? [result];
  for (const doc of docs) {
    if (!doc || typeof doc !== 'object') continue;
    for (const [field, summaries] of [['dates', fresh.dates], ['appearances', fresh.appearances]] as const) {
      const rows = (doc as Record<string, unknown>)[field];
      if (!Array.isArray(rows)) continue;
      for (const row of rows as { id?: number; summary?: string | null }[]) {
        if (row && typeof row.id === 'number' && summaries.has(row.id)) row.summary = summaries.get(row.id) ?? null;
      }
    }
  }
}

const appearanceIdsOf = async (strapi: Core.Strapi, speakerDocumentId: string) =>
  ((await query(strapi, APPEARANCE).findMany({ where: { speaker: { documentId: speakerDocumentId } }, select: ['id'] })) as { id: number }[]).map((r) => r.id);

async function refreshAppearances(strapi: Core.Strapi, ids: number[]) {
  if (ids.length === 0) return;
  const rows = (await query(strapi, APPEARANCE).findMany({ where: { id: { $in: ids } }, populate: APPEARANCE_POPULATE })) as AppearanceRow[];
  await writeSummaries(strapi, APPEARANCE, rows, appearanceSummary);
}

const EVENT_WRITES = new Set(['create', 'update', 'clone', 'publish', 'unpublish', 'discardDraft']);
const SPEAKER_WRITES = new Set(['update', 'publish', 'unpublish', 'discardDraft', 'delete']);

export function registerRowSummariesMiddleware(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    const params = context.params as { documentId?: string };
    if (context.uid === EVENT && EVENT_WRITES.has(context.action)) {
      const result = await next();
      const documentId =
        (result as { documentId?: string } | null)?.documentId ??
        (result as { entries?: { documentId?: string }[] } | null)?.entries?.[0]?.documentId ??
        params.documentId;
      if (documentId) patchResult(result, await refreshEvent(strapi, documentId));
      return result;
    }
    if (context.uid === SPEAKER && SPEAKER_WRITES.has(context.action) && params.documentId) {
      // Rows pointing at the person before the write: after a delete they point at nothing.
      const before = await appearanceIdsOf(strapi, params.documentId);
      const result = await next();
      const after = context.action === 'delete' ? [] : await appearanceIdsOf(strapi, params.documentId);
      await refreshAppearances(strapi, [...new Set([...before, ...after])]);
      return result;
    }
    return next();
  });
}

/** Fills the empty summaries of one component's rows, a batch per transaction, each row read once. */
async function backfill<T extends { id: number; summary?: string | null }>(
  strapi: Core.Strapi,
  uid: string,
  populate: Record<string, unknown>,
  summarize: (row: T) => string | null,
) {
  let lastId = 0;
  for (;;) {
    const rows = (await query(strapi, uid).findMany({
      where: { summary: null, id: { $gt: lastId } },
      orderBy: { id: 'asc' },
      limit: BACKFILL_BATCH,
      populate,
    })) as T[];
    if (rows.length === 0) return;
    lastId = rows.at(-1)!.id;
    await strapi.db.transaction(() => writeSummaries(strapi, uid, rows, summarize));
  }
}

/** Fills the summaries still empty: rows saved before the field existed get theirs at start. */
export async function backfillRowSummaries(strapi: Core.Strapi) {
  await backfill<DateRangeRow & { id: number }>(strapi, DATE_RANGE, {}, dateRangeSummary);
  await backfill<AppearanceRow & { id: number }>(strapi, APPEARANCE, APPEARANCE_POPULATE, appearanceSummary);
}
