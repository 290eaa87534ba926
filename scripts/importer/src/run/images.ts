import type { ImageNode } from '@cus/shared/blocks';
import type { ImportWarning } from '@cus/shared/import';
import type { SourceImage } from '../source-item.ts';
import { CmsError, type ImportCms, type MediaFile } from './cms-client.ts';
import { getImage, ImageProblem, type GetImageOptions } from './fetch-image.ts';
import type { ItemImages } from './outcome.ts';
import { mapPool } from './pool.ts';

// One report's images into the Media Library: the cover, the images of the body and the
// gallery's, each fetched once (4 at a time) and uploaded through POST /import/media, which
// reuses a file it already holds. An image that cannot be had is a warning naming it; the
// report goes on without it. Files uploaded anew are listed so that a report the CMS then
// refuses leaves none behind.

export const IMAGES_AT_ONCE = 4;

export type ImageRole = 'cover' | 'inline' | 'gallery';

export interface WantedImages {
  cover?: SourceImage;
  inline: SourceImage[];
  gallery: SourceImage[];
}

export interface BroughtImages {
  coverFileId?: number;
  /** Image blocks of the body by source URL (absent: the image could not be brought in). */
  inline: Map<string, ImageNode>;
  photos: { fileId: number; caption?: string }[];
  warnings: ImportWarning[];
  /** Files this report uploaded that the Media Library did not hold before. */
  newFileIds: number[];
  counts: ItemImages;
}

const altOf = (image: SourceImage) => image.alt?.trim() || undefined;
const captionOf = (image: SourceImage) => image.caption?.trim().slice(0, 500) || undefined;

/** The image block Strapi's editor would insert for this file (the CMS refreshes it from the library at save). */
export function imageBlock(file: MediaFile): ImageNode | null {
  const width = Number(file.width);
  const height = Number(file.height);
  if (!(width > 0 && height > 0) || typeof file.url !== 'string') return null;
  return { type: 'image', image: { ...file, width, height }, children: [{ type: 'text', text: '' }] } as ImageNode;
}

interface Job {
  image: SourceImage;
  roles: Set<ImageRole>;
}

export function jobsOf(wanted: WantedImages): Job[] {
  const byUrl = new Map<string, Job>();
  const add = (image: SourceImage | undefined, role: ImageRole) => {
    if (!image?.url) return;
    const job = byUrl.get(image.url);
    if (job) {
      job.roles.add(role);
      // The first description wins; a later one fills what it lacks.
      job.image = { ...image, ...job.image, alt: altOf(job.image) ?? altOf(image), caption: captionOf(job.image) ?? captionOf(image) };
    } else byUrl.set(image.url, { image, roles: new Set([role]) });
  };
  add(wanted.cover, 'cover');
  for (const image of wanted.inline) add(image, 'inline');
  for (const image of wanted.gallery) add(image, 'gallery');
  return [...byUrl.values()];
}

/**
 * `newFileIds` is filled as files are uploaded, so that a caller whose report then fails (here or
 * in the CMS) can discard them even when this throws half-way.
 */
export async function bringImages(wanted: WantedImages, cms: Pick<ImportCms, 'uploadMedia' | 'file'>, options: GetImageOptions = {}, newFileIds: number[] = []): Promise<BroughtImages> {
  const jobs = jobsOf(wanted);
  const out: BroughtImages = { inline: new Map(), photos: [], warnings: [], newFileIds, counts: { found: jobs.length, uploaded: 0, reused: 0, failed: 0 } };
  const done = await mapPool(jobs, IMAGES_AT_ONCE, async (job) => {
    try {
      const got = await getImage(job.image.url, options);
      const media = await cms.uploadMedia({
        bytes: got.bytes,
        fileName: got.fileName,
        mime: got.mime,
        sourceUrl: job.image.url,
        alt: altOf(job.image),
        caption: captionOf(job.image),
      });
      if (media.reused) out.counts.reused++;
      else {
        out.counts.uploaded++;
        out.newFileIds.push(media.fileId);
      }
      const file = job.roles.has('inline') ? (media.file ?? (await cms.file(media.fileId))) : undefined;
      return { job, fileId: media.fileId, file };
    } catch (err) {
      if (err instanceof ImageProblem) {
        out.counts.failed++;
        out.warnings.push({ code: err.code, message: `${err.message}. Relacja została zaimportowana bez tego zdjęcia.`.slice(0, 500) });
        return null;
      }
      // The CMS refused this one file (format, size): the report goes on without it.
      if (err instanceof CmsError && err.status >= 400 && err.status < 500 && ![401, 403, 404, 429].includes(err.status)) {
        out.counts.failed++;
        out.warnings.push({ code: 'image_rejected', message: `CMS nie przyjął zdjęcia ${job.image.url}: ${err.message}`.slice(0, 500) });
        return null;
      }
      throw err;
    }
  });

  const movedToGallery: SourceImage[] = [];
  for (const result of done) {
    if (!result) continue;
    const { job, fileId, file } = result;
    const alt = altOf(job.image) ?? (typeof file?.alternativeText === 'string' && file.alternativeText.trim() ? file.alternativeText : undefined);
    if (job.roles.has('cover')) out.coverFileId = fileId;
    if (job.roles.has('inline')) {
      const block = file ? imageBlock(file) : null;
      // The CMS refuses a body whose image has no alt text (even in a draft): such an image waits
      // in the gallery, where the alt text is only required at publication.
      const libraryAlt = typeof file?.alternativeText === 'string' ? file.alternativeText.trim() : '';
      if (block && libraryAlt) out.inline.set(job.image.url, block);
      else {
        movedToGallery.push(job.image);
        if (!job.roles.has('gallery')) out.photos.push({ fileId, caption: captionOf(job.image) });
      }
    }
    if (job.roles.has('gallery')) out.photos.push({ fileId, caption: captionOf(job.image) });
    if (!alt) {
      const where = job.roles.has('inline') ? 'przeniesiono je z treści do galerii; ' : '';
      out.warnings.push({
        code: 'alt_missing',
        message: `Zdjęcie ${job.image.url} nie ma tekstu alternatywnego: ${where}uzupełnij go w Bibliotece mediów.`.slice(0, 500),
      });
    } else if (movedToGallery.includes(job.image)) {
      out.warnings.push({ code: 'image_rejected', message: `Zdjęcie ${job.image.url} nie mogło stanąć w treści: przeniesiono je do galerii.`.slice(0, 500) });
    }
  }
  // A photo once per gallery.
  const seen = new Set<number>();
  out.photos = out.photos.filter((p) => (seen.has(p.fileId) ? false : (seen.add(p.fileId), true)));
  return out;
}
