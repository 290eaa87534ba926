import type { Core } from '@strapi/strapi';

// How the admin shows each content type, set in code at every start (only written when it
// differs): list columns editors scan (title, dates, type, status comes by itself, last
// editor), the default sort (newest event first), relations searched by name, and the event
// form in the order a report is written: what, when, where, who, the text, the photos, the rest.
// Lists keep few columns, so that the status and „Na stronie” (added by the admin) fit at 1440 px.

type Row = [field: string, size: number][];
interface Layout {
  list: string[];
  edit: Row[];
  /** Fields computed in code: shown in lists, never edited. */
  readOnly?: string[];
}

const LAYOUTS: Record<string, Layout> = {
  'api::event.event': {
    list: ['title', 'startsOn', 'type'],
    readOnly: ['startsOn'],
    edit: [
      [['title', 8], ['type', 4]],
      [['slug', 6]],
      [['lead', 12]],
      [['dates', 12]],
      [['venue', 12]],
      [['format', 4], ['streamUrl', 8]],
      [['organizers', 6], ['partners', 6]],
      [['participants', 6]],
      [['appearances', 12]],
      [['body', 12]],
      [['cover', 6], ['gallery', 6]],
      [['attachments', 6]],
      [['attendance', 4], ['attendanceApproximate', 4]],
      [['audience', 12]],
      [['funding', 12]],
      [['credits', 12]],
      [['sourceName', 6], ['sourceUrl', 6]],
      [['seo', 12]],
    ],
  },
  'api::speaker.speaker': {
    list: ['name', 'position', 'institution'],
    edit: [[['honorific', 4], ['name', 8]], [['slug', 6]], [['position', 12]], [['institution', 6], ['photo', 6]], [['bio', 12]]],
  },
  'api::institution.institution': {
    list: ['name', 'shortName', 'kind'],
    edit: [
      [['name', 8], ['shortName', 4]],
      [['slug', 6], ['kind', 6]],
      [['city', 6], ['gmina', 6]],
      [['powiat', 6], ['voivodeship', 6]],
      [['website', 6], ['logo', 6]],
      [['description', 12]],
    ],
  },
  'api::gallery.gallery': {
    list: ['title', 'updatedBy'],
    edit: [[['title', 8]], [['slug', 6], ['event', 6]], [['photographer', 6]], [['photos', 12]]],
  },
};

interface Configuration {
  settings?: Record<string, unknown>;
  metadatas?: Record<string, { edit?: Record<string, unknown>; list?: Record<string, unknown> }>;
  layouts?: { list?: string[]; edit?: { name: string; size: number }[][] };
}

function withLayout(layout: Layout, conf: Configuration): Configuration {
  const known = new Set(Object.keys(conf.metadatas ?? {}));
  const edit = layout.edit.map((row) => row.filter(([f]) => known.has(f)).map(([name, size]) => ({ name, size }))).filter((r) => r.length > 0);
  // Any field this file does not place (added to the model later) goes at the end, not away.
  const placed = new Set(edit.flat().map((f) => f.name));
  for (const row of conf.layouts?.edit ?? []) {
    const rest = row.filter((f) => !placed.has(f.name) && !(layout.readOnly ?? []).includes(f.name));
    if (rest.length > 0) edit.push(rest);
  }
  const metadatas = { ...(conf.metadatas ?? {}) };
  for (const field of layout.readOnly ?? []) {
    if (metadatas[field]) metadatas[field] = { ...metadatas[field], edit: { ...metadatas[field].edit, editable: false, visible: false } };
  }
  return { ...conf, metadatas, layouts: { ...conf.layouts, list: layout.list.filter((f) => known.has(f) || f === 'updatedBy'), edit } };
}

/**
 * What the header of a collapsed row of a repeatable component shows (Strapi prints the row's
 * `settings.mainField` when it is text, else nothing). A person row and a date row show their
 * `summary` („Piotr Mączka — prelegent”, „23.11.2023, 9:30–15:00”), a text written in code on
 * every save (document-middlewares/row-summaries.ts): Strapi 5.54 has no formatter for the header,
 * and holds a relation in the form only as ids, so it cannot print a name from the row itself.
 */
export const COMPONENT_MAIN_FIELDS: Record<string, string> = {
  'event.appearance': 'summary',
  'event.date-range': 'summary',
  'event.funding': 'programme',
  'event.credit': 'name',
  'gallery.photo': 'alt',
};

/** Component fields computed in code: the header of a collapsed row, never in the form. */
const COMPONENT_HIDDEN_FIELDS: Record<string, string[]> = {
  'event.appearance': ['summary'],
  'event.date-range': ['summary'],
};

/** The component's view with its main field set and its computed fields out of the form. */
function withComponentLayout(uid: string, conf: Configuration): Configuration {
  const hidden = COMPONENT_HIDDEN_FIELDS[uid] ?? [];
  const metadatas = { ...(conf.metadatas ?? {}) };
  for (const field of hidden) {
    if (metadatas[field]) metadatas[field] = { ...metadatas[field], edit: { ...metadatas[field].edit, editable: false, visible: false } };
  }
  const edit = (conf.layouts?.edit ?? []).map((row) => row.filter((f) => !hidden.includes(f.name))).filter((row) => row.length > 0);
  return {
    ...conf,
    settings: { ...(conf.settings ?? {}), mainField: COMPONENT_MAIN_FIELDS[uid] },
    metadatas,
    layouts: { ...conf.layouts, list: (conf.layouts?.list ?? []).filter((f) => !hidden.includes(f)), edit },
  };
}

export async function applyLayouts(strapi: Core.Strapi) {
  const service = strapi.plugin('content-manager').service('content-types');
  for (const [uid, layout] of Object.entries(LAYOUTS)) {
    const { uid: _uid, ...current } = (await service.findConfiguration({ uid })) as Configuration & { uid: string };
    const next = withLayout(layout, current);
    if (JSON.stringify(next) !== JSON.stringify(current)) await service.updateConfiguration({ uid }, next);
  }
  const components = strapi.plugin('content-manager').service('components');
  for (const uid of Object.keys(COMPONENT_MAIN_FIELDS)) {
    if (!strapi.components[uid as keyof typeof strapi.components]) continue;
    const { uid: _uid, category: _category, ...current } = (await components.findConfiguration({ uid })) as Configuration & { uid: string; category?: string };
    const next = withComponentLayout(uid, current);
    if (JSON.stringify(next) !== JSON.stringify(current)) await components.updateConfiguration({ uid }, next);
  }
}
