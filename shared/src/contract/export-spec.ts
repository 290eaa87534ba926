import type { z } from 'zod';
import { eventSchema, gallerySchema, institutionSchema, siteSettingSchema, speakerSchema } from './entries.js';

// What the public site reads of each content type: exactly the fields its pages use, nothing
// else. The CMS's export endpoint (GET /api/site-export/<collection>) answers with these fields
// only, and the site validates every entry with the schema beside them. `updatedAt` is asked
// for on every entry, relation and file: it tells an incremental sync what changed.

const MEDIA = { fields: ['name', 'url', 'alternativeText', 'caption', 'width', 'height', 'mime', 'size', 'ext', 'formats', 'updatedAt'] };
const FILE = { fields: ['name', 'url', 'alternativeText', 'caption', 'mime', 'size', 'ext', 'updatedAt'] };
const INSTITUTION_REF = { fields: ['name', 'slug', 'shortName', 'updatedAt'] };
const SPEAKER_REF = { fields: ['name', 'slug', 'honorific', 'updatedAt'] };
const PHOTOS = { populate: { image: MEDIA } };

export type Populate = { [key: string]: true | { fields?: string[]; populate?: Populate } };

export interface ExportSpec {
  /** Strapi's content type. */
  uid: string;
  /** Name in messages: "event", "speaker"… */
  typeName: string;
  single?: boolean;
  draftAndPublish: boolean;
  fields: string[];
  populate: Populate;
  /**
   * What the export adds to each entry besides Strapi's fields: `shareCard`, the event's share
   * card drawn by the CMS ({ url, width, height, mime } or null while it is not drawn yet).
   */
  derived?: readonly 'shareCard'[];
  /**
   * A rich-text field the export sends rendered: `bodyHtml` (and `bodyFiles`, the files its photos
   * show) instead of the blocks, made once where the CMS keeps the entry's export record. A value
   * the renderer's limits refuse is sent as blocks, for the site's contract to name it.
   */
  renderedBody?: 'body';
  schema: z.ZodType;
}

export const EXPORT_SPEC = {
  events: {
    uid: 'api::event.event',
    typeName: 'event',
    draftAndPublish: true,
    schema: eventSchema,
    fields: [
      'title', 'slug', 'type', 'lead', 'body', 'format', 'streamUrl', 'attendance', 'attendanceApproximate',
      'audience', 'sourceName', 'sourceUrl', 'createdAt', 'updatedAt', 'publishedAt',
    ],
    populate: {
      // Named fields: a row's `summary` is for the admin's collapsed rows, not the site.
      dates: { fields: ['start', 'end', 'startTime', 'endTime', 'label'] },
      venue: true,
      organizers: INSTITUTION_REF,
      partners: INSTITUTION_REF,
      participants: INSTITUTION_REF,
      appearances: { fields: ['role', 'function', 'talkTitle', 'note'], populate: { speaker: SPEAKER_REF, affiliation: INSTITUTION_REF } },
      cover: MEDIA,
      gallery: { fields: ['title', 'slug', 'photographer', 'updatedAt'], populate: { photos: PHOTOS } },
      attachments: FILE,
      funding: true,
      credits: true,
      seo: { populate: { shareImage: MEDIA } },
    },
    derived: ['shareCard'],
    renderedBody: 'body',
  },
  speakers: {
    uid: 'api::speaker.speaker',
    typeName: 'speaker',
    draftAndPublish: false,
    schema: speakerSchema,
    fields: ['name', 'slug', 'honorific', 'position', 'bio', 'updatedAt'],
    populate: { institution: INSTITUTION_REF, photo: MEDIA },
  },
  institutions: {
    uid: 'api::institution.institution',
    typeName: 'institution',
    draftAndPublish: false,
    schema: institutionSchema,
    fields: ['name', 'slug', 'shortName', 'kind', 'city', 'gmina', 'powiat', 'voivodeship', 'website', 'description', 'updatedAt'],
    populate: { logo: MEDIA },
  },
  galleries: {
    uid: 'api::gallery.gallery',
    typeName: 'gallery',
    draftAndPublish: true,
    schema: gallerySchema,
    fields: ['title', 'slug', 'photographer', 'updatedAt', 'publishedAt'],
    populate: { event: { fields: ['title', 'slug', 'updatedAt'], populate: { dates: true } }, photos: PHOTOS },
  },
  settings: {
    uid: 'api::site-setting.site-setting',
    typeName: 'site-setting',
    single: true,
    draftAndPublish: false,
    schema: siteSettingSchema,
    fields: ['siteName', 'siteDescription', 'siteUrl', 'publisherName', 'publisherAddress', 'contactEmail', 'contactPhone', 'updatedAt'],
    populate: { accessibility: true },
  },
} satisfies Record<string, ExportSpec>;

export type ExportCollection = keyof typeof EXPORT_SPEC;
export const EXPORT_COLLECTIONS = Object.keys(EXPORT_SPEC) as ExportCollection[];

/** Uploaded files: not a collection of the site, but what its entries point at ("versions" only). */
export const EXPORT_FILES = { uid: 'plugin::upload.file', typeName: 'file' } as const;

/** Largest page the export endpoint serves, and most documentIds one request may ask for. */
export const EXPORT_MAX_PAGE_SIZE = 1000;
export const EXPORT_MAX_IDS = 200;

/** The export endpoint's answers. */
export interface ExportPage {
  data: unknown[];
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
}
/** `?view=versions`: every published entry as [documentId, updatedAt]. */
export interface ExportVersions {
  data: [string, string][];
}
