import type { Core } from '@strapi/strapi';
import type { ImportSuggestion, ImportWarning } from '@cus/shared';
import { EVENT, ImportError } from './http';
import { RECORD, recordByEvent, type ImportRecord } from './records';

// What the edit view's "Z importu" panel shows (GET /import/events/:documentId) and what its
// buttons do (POST …/accept): an accepted suggestion becomes the value of the DRAFT's field,
// written through the document service (so the CMS's own rules and summaries apply), and is
// remembered as accepted. Accepting changes the draft: a later import leaves it alone.

const SPEAKER = 'api::speaker.speaker';
const INSTITUTION = 'api::institution.institution';
const RELATIONS = ['organizers', 'partners', 'participants'] as const;

export interface ImportEventState {
  source: { system: string; url: string | null; publishedAt: string | null; category: string | null; hits: number | null };
  suggestions: (ImportSuggestion & { accepted: boolean })[];
  warnings: ImportWarning[];
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : null);

export function eventState(record: ImportRecord): ImportEventState {
  const accepted = new Set(record.acceptedSuggestionIds ?? []);
  return {
    source: {
      system: record.system,
      url: record.sourceUrl,
      publishedAt: iso(record.sourcePublishedAt),
      category: record.category,
      hits: record.hits,
    },
    suggestions: (record.suggestions ?? []).map((s) => ({ ...s, accepted: accepted.has(s.id) })),
    warnings: record.warnings ?? [],
  };
}

export async function importedEvent(strapi: Core.Strapi, documentId: string): Promise<ImportEventState> {
  const record = await recordByEvent(strapi, documentId);
  if (!record) throw new ImportError(404, 'To wydarzenie nie pochodzi z importu.');
  return eventState(record);
}

type Data = Record<string, unknown>;
interface Related {
  documentId: string;
}
interface Appearance {
  id?: number;
  speaker?: Related | null;
  affiliation?: Related | null;
  role?: string;
  function?: string | null;
  talkTitle?: string | null;
  note?: string | null;
}
interface Draft {
  venue?: Data | null;
  appearances?: Appearance[] | null;
  organizers?: Related[];
  partners?: Related[];
  participants?: Related[];
}

const VENUE_FIELDS = ['name', 'address', 'postalCode', 'city', 'voivodeship'] as const;

async function assertExists(strapi: Core.Strapi, uid: string, documentId: string, what: string) {
  if ((await strapi.db.query(uid as never).count({ where: { documentId } })) === 0) {
    throw new ImportError(400, `${what} nie istnieje (mogła zostać usunięta): tej propozycji nie można przyjąć.`);
  }
}

/** The draft's new field values for the chosen suggestions. */
async function changesFor(strapi: Core.Strapi, draft: Draft, chosen: ImportSuggestion[]): Promise<Data> {
  const data: Data = {};
  // Dates accepted together make one list (a report names each part of an event); a later
  // acceptance replaces the list.
  const ranges = new Map<string, { start: string; end: string | null }>();
  for (const s of chosen) {
    if (s.kind !== 'dates') continue;
    for (const r of s.ranges) ranges.set(`${r.start}/${r.end ?? ''}`, { start: r.start, end: r.end ?? null });
  }
  if (ranges.size > 0) data.dates = [...ranges.values()].sort((a, b) => a.start.localeCompare(b.start));

  for (const s of chosen) {
    if (s.kind === 'type') data.type = s.type;
    if (s.kind === 'attendance') {
      data.attendance = s.count;
      data.attendanceApproximate = s.approximate;
    }
    if (s.kind === 'venue') {
      const current = (data.venue ?? draft.venue ?? {}) as Data;
      const venue: Data = Object.fromEntries(VENUE_FIELDS.map((f) => [f, current[f] ?? null]));
      if (s.name) venue.name = s.name;
      if (s.city) venue.city = s.city;
      data.venue = venue;
    }
  }

  const speakers = chosen.filter((s) => s.kind === 'speaker');
  if (speakers.length > 0) {
    const appearances = (draft.appearances ?? []).map((a) => ({
      speaker: a.speaker?.documentId ?? null,
      role: a.role ?? 'prelegent',
      function: a.function ?? null,
      affiliation: a.affiliation?.documentId ?? null,
      talkTitle: a.talkTitle ?? null,
      note: a.note ?? null,
    }));
    for (const s of speakers) {
      if (appearances.some((a) => a.speaker === s.documentId)) continue;
      await assertExists(strapi, SPEAKER, s.documentId, `Osoba „${s.name}”`);
      appearances.push({ speaker: s.documentId, role: 'prelegent', function: null, affiliation: null, talkTitle: null, note: null });
    }
    data.appearances = appearances;
  }

  for (const relation of RELATIONS) {
    const present = new Set((draft[relation] ?? []).map((r) => r.documentId));
    const connect: { documentId: string }[] = [];
    for (const s of chosen) {
      if (s.kind !== 'institution' || s.relation !== relation || present.has(s.documentId)) continue;
      await assertExists(strapi, INSTITUTION, s.documentId, `Instytucja „${s.name}”`);
      present.add(s.documentId);
      connect.push({ documentId: s.documentId });
    }
    if (connect.length > 0) data[relation] = { connect };
  }
  return data;
}

/** Applies the chosen suggestions ('all': every one not accepted yet) to the draft; returns the panel's new state. */
export async function acceptSuggestions(strapi: Core.Strapi, documentId: string, ids: string[] | 'all'): Promise<ImportEventState> {
  return strapi.db.transaction(async () => {
    const record = await recordByEvent(strapi, documentId);
    if (!record) throw new ImportError(404, 'To wydarzenie nie pochodzi z importu.');
    const suggestions = record.suggestions ?? [];
    const accepted = new Set(record.acceptedSuggestionIds ?? []);
    let chosen: ImportSuggestion[];
    if (ids === 'all') chosen = suggestions.filter((s) => !accepted.has(s.id));
    else {
      chosen = ids.map((id) => {
        const found = suggestions.find((s) => s.id === id);
        if (!found) throw new ImportError(400, `Nie ma propozycji o identyfikatorze „${id}” (odśwież stronę).`);
        return found;
      });
    }
    if (chosen.length === 0) return eventState(record);

    const draft = (await strapi.documents(EVENT as never).findOne({
      documentId,
      status: 'draft',
      populate: {
        venue: true,
        appearances: { populate: { speaker: { fields: ['documentId'] }, affiliation: { fields: ['documentId'] } } },
        organizers: { fields: ['documentId'] },
        partners: { fields: ['documentId'] },
        participants: { fields: ['documentId'] },
      },
    } as never)) as Draft | null;
    if (!draft) throw new ImportError(404, 'Nie ma już szkicu tego wydarzenia.');

    const data = await changesFor(strapi, draft, chosen);
    await strapi.documents(EVENT as never).update({ documentId, data } as never);
    for (const s of chosen) accepted.add(s.id);
    const acceptedSuggestionIds = suggestions.map((s) => s.id).filter((id) => accepted.has(id));
    await strapi.db.query(RECORD as never).update({ where: { id: record.id }, data: { acceptedSuggestionIds } });
    return eventState({ ...record, acceptedSuggestionIds });
  });
}
