import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isValidSlug } from '@cus/shared';
import { fieldLabel } from '../bootstrap/field-labels';

// A gallery follows its event: the public site shows it only while its event is published.
// - Publishing an event publishes its gallery's draft with it, when the gallery can go live
//   (a slug, alt text on every photo); otherwise the event is not published and the editor is
//   told, in Polish, what the gallery lacks.
// - Unpublishing or deleting an event unpublishes its gallery.
// - A gallery published on its own (allowed: REST and the seed publish galleries before their
//   events) stays off the site until its event is published: the export lists a gallery only
//   while its event is published (api/site-export), and the admin's publish status says so.

const EVENT = 'api::event.event';
const GALLERY = 'api::gallery.gallery';

interface GalleryRow {
  documentId: string;
  title?: string | null;
  slug?: string | null;
  photos?: { alt?: string | null }[] | null;
}

const q = (s: string) => `„${s}”`;
const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';

/** The gallery an event's draft (or, without a draft, its published version) points at. */
async function galleryOfEvent(strapi: Core.Strapi, documentId: string): Promise<GalleryRow | null> {
  const rows = (await strapi.db.query(EVENT).findMany({
    where: { documentId },
    select: ['id', 'publishedAt'],
    populate: { gallery: { select: ['documentId', 'title', 'slug'] } },
  })) as { publishedAt: string | null; gallery?: GalleryRow | null }[];
  const draft = rows.find((r) => r.publishedAt === null);
  return (draft ?? rows[0])?.gallery ?? null;
}

/** Why the gallery's draft cannot go live, in Polish; null when it can. */
async function galleryProblem(strapi: Core.Strapi, documentId: string): Promise<string | null> {
  const draft = (await strapi.db.query(GALLERY).findOne({ where: { documentId, publishedAt: null }, populate: { photos: true } })) as GalleryRow | null;
  if (!draft) return null;
  const name = q(draft.title?.trim() || 'bez tytułu');
  if (!isValidSlug(draft.slug)) return `galeria ${name} nie ma poprawnego pola ${q(fieldLabel(GALLERY, 'slug'))}`;
  const missing = (draft.photos ?? []).map((p, i) => (blank(p?.alt) ? i + 1 : 0)).filter(Boolean);
  if (missing.length === 0) return null;
  const which = missing.length === 1 ? `zdjęcie nr ${missing[0]}` : `zdjęcia nr ${missing.join(', ')}`;
  return `w galerii ${name} ${which} ${missing.length === 1 ? 'nie ma' : 'nie mają'} tekstu alternatywnego (pole ${q(fieldLabel('gallery.photo', 'alt'))})`;
}

async function hasPublished(strapi: Core.Strapi, uid: string, documentId: string): Promise<boolean> {
  return (await strapi.db.query(uid as never).count({ where: { documentId, publishedAt: { $notNull: true } } })) > 0;
}

export function registerGalleryFollowsEventMiddleware(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== EVENT) return next();
    const action = context.action;
    const params = context.params as { documentId?: string; status?: string };
    const documentId = params.documentId;

    if (action === 'publish' && documentId) {
      const gallery = await galleryOfEvent(strapi, documentId);
      if (gallery) {
        const problem = await galleryProblem(strapi, gallery.documentId);
        if (problem) {
          const message = `Wydarzenie nie zostało opublikowane, bo galeria publikuje się razem z nim, a ${problem}. Uzupełnij galerię i opublikuj wydarzenie ponownie.`;
          throw new errors.ValidationError(message, { errors: [{ path: ['gallery'], message, name: 'ValidationError' }] });
        }
        // The gallery first: the event's published version then points at the published gallery.
        await strapi.documents(GALLERY as never).publish({ documentId: gallery.documentId } as never);
      }
      return next();
    }

    if ((action === 'unpublish' || action === 'delete') && documentId) {
      const gallery = await galleryOfEvent(strapi, documentId);
      const result = await next();
      // A delete of a draft only (the published event stays) leaves the gallery public.
      if (gallery && !(await hasPublished(strapi, EVENT, documentId)) && (await hasPublished(strapi, GALLERY, gallery.documentId))) {
        await strapi.documents(GALLERY as never).unpublish({ documentId: gallery.documentId } as never);
      }
      return result;
    }

    return next();
  });
}
