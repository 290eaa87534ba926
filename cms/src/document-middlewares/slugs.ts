import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isValidSlug, slugify, uniqueSlug } from '@cus/shared';
import { fieldLabel } from '../bootstrap/field-labels';

// Which field each content type builds its slug from. The admin UI fills a `uid` field
// by itself, but REST and the document service do not (TOOLCHAIN.md), so every write
// path goes through this middleware: the slug is always Polish-transliterated and unique.
// A slug typed by an editor is normalized the same way ("Żółta Łódź" → "zolta-lodz"); when
// nothing usable is left ("..", "~", a title of emoji only) the write is refused, naming the
// field, rather than stored with an address the site cannot build.
export const SLUG_SOURCES: Partial<Record<UID.ContentType, string>> = {
  'api::event.event': 'title',
  'api::speaker.speaker': 'name',
  'api::institution.institution': 'name',
  'api::gallery.gallery': 'title',
};

type Data = Record<string, unknown>;

function refuse(uid: UID.ContentType, field: string, typed: boolean): never {
  const slugLabel = `„${fieldLabel(uid, 'slug')}”`;
  const message = typed
    ? `Pole ${slugLabel} nie zawiera liter ani cyfr: wpisz adres z liter a–z, cyfr i myślników.`
    : `Nie da się utworzyć pola ${slugLabel} z pola „${fieldLabel(uid, field)}” (brak liter łacińskich lub cyrylicy i cyfr): ` +
      'wpisz adres ręcznie, literami a–z, cyframi i myślnikami.';
  throw new errors.ValidationError(message, { errors: [{ path: ['slug'], message, name: 'ValidationError' }] });
}

async function slugTaken(strapi: Core.Strapi, uid: UID.ContentType, slug: string, documentId?: string) {
  const where: Record<string, unknown> = { slug };
  if (documentId) where.documentId = { $ne: documentId };
  return (await strapi.db.query(uid).count({ where })) > 0;
}

async function currentSource(strapi: Core.Strapi, uid: UID.ContentType, documentId: string, field: string) {
  const row = await strapi.db.query(uid).findOne({ where: { documentId }, select: [field, 'slug'] });
  return row as Data | null;
}

export function registerSlugMiddleware(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    const field = SLUG_SOURCES[context.uid as UID.ContentType];
    if (!field || (context.action !== 'create' && context.action !== 'update')) return next();

    const params = context.params as { data?: Data; documentId?: string };
    const data = params.data;
    if (!data) return next();
    const uid = context.uid as UID.ContentType;
    const documentId = context.action === 'update' ? params.documentId : undefined;

    let wanted: string | undefined;
    const typed = typeof data.slug === 'string' && data.slug.trim() !== '';
    if (typed) {
      wanted = slugify(data.slug as string);
    } else if (context.action === 'create' || 'slug' in data) {
      // New entry, or the editor cleared the slug: build it from the title (the stored one
      // when this write does not change it).
      const stored = data[field] === undefined && documentId ? await currentSource(strapi, uid, documentId, field) : null;
      wanted = slugify(String(data[field] ?? stored?.[field] ?? ''));
    } else if (documentId) {
      // An update that does not touch the slug keeps it (stable public URLs),
      // unless the stored entry never had one.
      const row = await currentSource(strapi, uid, documentId, field);
      if (row && !row.slug) wanted = slugify(String(data[field] ?? row[field] ?? ''));
    }

    if (wanted !== undefined) {
      if (!isValidSlug(wanted)) refuse(uid, field, typed);
      data.slug = await uniqueSlug(wanted, (candidate) => slugTaken(strapi, uid, candidate, documentId));
    }
    return next();
  });
}
