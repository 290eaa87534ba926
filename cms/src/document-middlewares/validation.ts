import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { dateRangeError, eventSchema, EVENT_TYPES, institutionSchema, isIsoDate, isValidSlug, siteSettingSchema } from '@cus/shared';
import { fieldLabel } from '../bootstrap/field-labels';
import { BLOCKS_FIELDS, polishBlocksRefusal, prepareBlocks } from './blocks-fields';

// Rules editors meet with a Polish message that names the field. They run in a document
// service middleware, so the admin, REST and code are held to the same rules, and nothing
// is stored when a rule fails. The details carry field paths: the admin highlights the field.

type Data = Record<string, unknown>;
interface Problem {
  path: (string | number)[];
  message: string;
}

const EVENT = 'api::event.event';
const GALLERY = 'api::gallery.gallery';
const SITE_SETTING = 'api::site-setting.site-setting';
const REQUIRED_TEXT: Partial<Record<string, string>> = {
  [EVENT]: 'title',
  'api::speaker.speaker': 'name',
  'api::institution.institution': 'name',
  [GALLERY]: 'title',
};

const q = (s: string) => `„${s}”`;
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function requiredText(uid: string, data: Data, isCreate: boolean, out: Problem[]) {
  const field = REQUIRED_TEXT[uid];
  if (!field) return;
  if ((isCreate || field in data) && blank(data[field])) {
    out.push({ path: [field], message: `Pole ${q(fieldLabel(uid, field))} jest wymagane.` });
  }
}

function eventType(data: Data, isCreate: boolean, out: Problem[]) {
  if (!isCreate && !('type' in data)) return;
  const type = data.type;
  const label = q(fieldLabel(EVENT, 'type'));
  if (blank(type)) out.push({ path: ['type'], message: `Pole ${label} jest wymagane: wybierz rodzaj wydarzenia.` });
  else if (!(EVENT_TYPES as readonly unknown[]).includes(type)) {
    out.push({ path: ['type'], message: `Pole ${label} ma nieznaną wartość „${String(type)}”.` });
  }
}

const isoDate = (v: unknown): string | undefined => {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return typeof v === 'string' && v !== '' ? v.slice(0, 10) : undefined;
};

function eventDates(data: Data, publishing: boolean, out: Problem[]) {
  const dates = data.dates;
  if (publishing && Array.isArray(dates) && dates.length === 0) {
    out.push({ path: ['dates'], message: `Pole ${q(fieldLabel(EVENT, 'dates'))}: dodaj co najmniej jeden termin przed publikacją.` });
  }
  if (!Array.isArray(dates)) return;
  dates.forEach((raw, i) => {
    const range = (raw ?? {}) as Data;
    const start = isoDate(range.start);
    const end = isoDate(range.end);
    const where = `${q(fieldLabel(EVENT, 'dates'))}, termin nr ${i + 1}`;
    if (!start) {
      out.push({ path: ['dates', i, 'start'], message: `${where}: pole ${q(fieldLabel('event.date-range', 'start'))} jest wymagane.` });
      return;
    }
    // The field is named here, once; the message says what is wrong with its value.
    const problem = dateRangeError({ start, end: end ?? null });
    if (problem) {
      const field = isIsoDate(start) ? 'end' : 'start';
      out.push({ path: ['dates', i, field], message: `${where}, pole ${q(fieldLabel('event.date-range', field))}: ${problem}` });
    }
  });
}

function galleryAltTexts(photos: unknown, out: Problem[]) {
  if (!Array.isArray(photos)) return;
  photos.forEach((raw, i) => {
    const photo = (raw ?? {}) as Data;
    if (blank(photo.alt)) {
      out.push({
        path: ['photos', i, 'alt'],
        message:
          `${q(fieldLabel(GALLERY, 'photos'))}, zdjęcie nr ${i + 1}: pole ${q(fieldLabel('gallery.photo', 'alt'))} ` +
          'jest wymagane przed publikacją (opisz, co widać na zdjęciu).',
      });
    }
  });
}

// Fields the site's contract refines beyond "some text" (URLs: http(s) only). The CMS applies
// the contract's own field schemas, so what is stored is what the build accepts. Rich-text
// (Blocks) fields are checked by blocksFields below, with the contract's limits too.
interface FieldSchema {
  safeParse(value: unknown): { success: boolean; error?: { issues: { message: string }[] } };
}
interface ContractFields {
  /** Content type or component uid, for the labels. */
  labels: string;
  shape: Record<string, FieldSchema>;
  fields: string[];
  /** Where the fields sit in the entry: [] for its own, ['accessibility'] for a component. */
  at: string[];
}
const CONTRACT_FIELDS: Partial<Record<string, ContractFields[]>> = {
  [EVENT]: [{ labels: EVENT, shape: eventSchema.shape as never, fields: ['streamUrl', 'sourceUrl'], at: [] }],
  'api::institution.institution': [{ labels: 'api::institution.institution', shape: institutionSchema.shape as never, fields: ['website'], at: [] }],
  [SITE_SETTING]: [{ labels: SITE_SETTING, shape: siteSettingSchema.shape as never, fields: ['siteUrl'], at: [] }],
};

const fieldName = (uid: string, at: string[], labels: string, field: string) =>
  [...at.map((key) => q(fieldLabel(uid, key))), q(fieldLabel(labels, field))].join(', pole ');

function contractFields(uid: string, data: Data, out: Problem[]) {
  for (const group of CONTRACT_FIELDS[uid] ?? []) {
    let values: unknown = data;
    for (const key of group.at) values = (values as Data | null | undefined)?.[key];
    if (!values || typeof values !== 'object') continue;
    for (const field of group.fields) {
      if (!(field in values)) continue;
      const result = group.shape[field]!.safeParse((values as Data)[field]);
      if (result.success) continue;
      const where = fieldName(uid, group.at, group.labels, field);
      for (const issue of result.error?.issues ?? []) {
        out.push({ path: [...group.at, field], message: `Pole ${where}: ${issue.message}.` });
      }
    }
  }
}

/**
 * Rich-text fields about to be stored: images read again from the Media Library (the fresh
 * value replaces the one sent), then the site's limits. `save` stores a refreshed value that
 * passed (a stored draft about to be published).
 */
async function blocksFields(strapi: Core.Strapi, uid: string, data: Data, out: Problem[], save?: (field: string, value: unknown) => Promise<void>) {
  for (const { at, field, labels } of BLOCKS_FIELDS[uid] ?? []) {
    let holder: unknown = data;
    for (const key of at) holder = (holder as Data | null | undefined)?.[key];
    if (!holder || typeof holder !== 'object' || !(field in holder)) continue;
    const result = await prepareBlocks(strapi, (holder as Data)[field]);
    for (const problem of result.problems) {
      out.push({ path: [...at, field], message: `Pole ${fieldName(uid, at, labels, field)}: ${problem.message}.` });
    }
    if (!result.changed || result.problems.length > 0) continue;
    (holder as Data)[field] = result.value;
    await save?.(field, result.value);
  }
}

/** A stored draft about to go live must have a slug the site can use. */
function storedSlug(uid: string, entry: Data, out: Problem[]) {
  if (isValidSlug(entry.slug)) return;
  out.push({
    path: ['slug'],
    message: `Pole ${q(fieldLabel(uid, 'slug'))} jest puste lub nieprawidłowe: wpisz adres z liter a–z, cyfr i myślników.`,
  });
}

function fail(problems: Problem[]): never {
  const message = problems.map((p) => p.message).join(' ');
  throw new errors.ValidationError(message, {
    errors: problems.map((p) => ({ path: p.path.map(String), message: p.message, name: 'ValidationError' })),
  });
}

async function draftOf(strapi: Core.Strapi, uid: UID.ContentType, documentId: string, populate: object) {
  return (await strapi.db.query(uid).findOne({ where: { documentId, publishedAt: null }, populate })) as Data | null;
}

export function registerValidationMiddleware(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    const uid = context.uid as string;
    const action = context.action;
    if (!(uid in REQUIRED_TEXT || uid in CONTRACT_FIELDS) || !['create', 'update', 'publish'].includes(action)) return next();

    const params = context.params as { data?: Data; documentId?: string; status?: string };
    const problems: Problem[] = [];
    const publishing = action === 'publish' || params.status === 'published';

    if (action === 'create' || action === 'update') {
      const data = params.data ?? {};
      const isCreate = action === 'create';
      requiredText(uid, data, isCreate, problems);
      contractFields(uid, data, problems);
      await blocksFields(strapi, uid, data, problems);
      if (uid === EVENT) {
        eventType(data, isCreate, problems);
        eventDates(data, publishing, problems);
      }
      if (uid === GALLERY && publishing) {
        const photos =
          'photos' in data || !params.documentId
            ? data.photos
            : (await draftOf(strapi, GALLERY, params.documentId, { photos: true }))?.photos;
        galleryAltTexts(photos, problems);
      }
    } else if (params.documentId) {
      // Publishing a stored draft: check what would go live.
      if (uid === GALLERY) {
        const draft = await draftOf(strapi, GALLERY, params.documentId, { photos: true });
        if (draft) storedSlug(uid, draft, problems);
        galleryAltTexts(draft?.photos, problems);
      }
      if (uid === EVENT) {
        const draft = await draftOf(strapi, EVENT, params.documentId, { dates: true });
        if (draft) {
          requiredText(uid, draft, true, problems);
          storedSlug(uid, draft, problems);
          contractFields(uid, draft, problems);
          // Publishing copies the draft: its photos are brought up to date in it first.
          await blocksFields(strapi, uid, draft, problems, async (field, value) => {
            await strapi.db.query(EVENT).update({ where: { id: draft.id }, data: { [field]: value } });
          });
          eventType(draft, true, problems);
          eventDates(draft, true, problems);
        }
      }
    }

    if (problems.length > 0) fail(problems);
    try {
      return await next();
    } catch (error) {
      throw polishBlocksRefusal(uid, error, ({ at, field, labels }) => fieldName(uid, at, labels, field)) ?? error;
    }
  });
}
