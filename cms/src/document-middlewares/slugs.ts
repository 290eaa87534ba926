import type { Core, UID } from '@strapi/strapi';
import { slugify, uniqueSlug } from '@cus/shared';

// Which field each content type builds its slug from. The admin UI fills a `uid` field
// by itself, but REST and the document service do not (TOOLCHAIN.md), so every write
// path goes through this middleware: the slug is always Polish-transliterated and unique.
export const SLUG_SOURCES: Partial<Record<UID.ContentType, string>> = {
  'api::event.event': 'title',
  'api::speaker.speaker': 'name',
  'api::institution.institution': 'name',
  'api::gallery.gallery': 'title',
};

type Data = Record<string, unknown>;

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
    if (typeof data.slug === 'string' && data.slug.trim() !== '') {
      wanted = slugify(data.slug);
    } else if (context.action === 'create' || 'slug' in data) {
      // New entry, or the editor cleared the slug: build it from the title.
      wanted = slugify(String(data[field] ?? ''));
    } else if (documentId) {
      // An update that does not touch the slug keeps it (stable public URLs),
      // unless the stored entry never had one.
      const row = await currentSource(strapi, uid, documentId, field);
      if (row && !row.slug) wanted = slugify(String(data[field] ?? row[field] ?? ''));
    }

    if (wanted !== undefined && wanted !== '') {
      data.slug = await uniqueSlug(wanted, (candidate) => slugTaken(strapi, uid, candidate, documentId));
    }
    return next();
  });
}
