import { z } from 'zod';
import { EVENT_FORMATS, EVENT_TYPES, INSTITUTION_KINDS, VOIVODESHIPS } from '../constants.js';
import { accessibilityStatement, appearance, credit, dateRange, funding, photo, seo, venue } from './components.js';
import { BLOCKS_MAX_JSON_LENGTH } from '../blocks/limits.js';
import { blocks, entryBase, eventRef, institutionRef, media, requiredText, slug, speakerRef, text, url } from './fields.js';

// One schema per content type: what the site may rely on in a published entry.

const many = <T extends z.ZodType>(schema: T) => z.array(schema).nullable().optional();

export const galleryRef = z.looseObject({
  documentId: z.string(),
  title: requiredText,
  slug,
  photographer: text,
  photos: many(photo),
});

/** An event's share card as the CMS drew it (a PNG among the CMS's files); null until drawn. */
export const shareCard = z.looseObject({
  url: z.string().min(1),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  mime: z.string(),
});
export type ShareCard = z.infer<typeof shareCard>;

export const eventSchema = z.looseObject({
  ...entryBase,
  title: requiredText,
  slug,
  type: z.enum(EVENT_TYPES),
  lead: text,
  // The CMS sends a valid body rendered (bodyHtml, with the files its photos show) instead of its
  // blocks: rendered once where the export record is made (@cus/shared/body-html), not at every
  // sync. A body the renderer's limits refuse comes as blocks, for this contract to name it.
  body: blocks,
  bodyHtml: z.string().max(2 * BLOCKS_MAX_JSON_LENGTH).optional(),
  bodyFiles: z.array(z.looseObject({ url: z.string().min(1), mime: z.string() })).max(1000).optional(),
  dates: z.array(dateRange).min(1, 'has no date'),
  venue: venue.nullable().optional(),
  format: z.enum(EVENT_FORMATS).nullable().optional(),
  streamUrl: url(),
  organizers: many(institutionRef),
  partners: many(institutionRef),
  participants: many(institutionRef),
  appearances: many(appearance),
  cover: media.nullable().optional(),
  gallery: galleryRef.nullable().optional(),
  attachments: many(media),
  attendance: z.number().int().min(0).nullable().optional(),
  attendanceApproximate: z.boolean().nullable().optional(),
  audience: text,
  funding: many(funding),
  credits: many(credit),
  sourceName: text,
  sourceUrl: url(),
  seo: seo.nullable().optional(),
  shareCard: shareCard.nullable().optional(),
});
export type EventEntry = z.infer<typeof eventSchema>;

export const speakerSchema = z.looseObject({
  ...entryBase,
  name: requiredText,
  slug,
  honorific: text,
  position: text,
  institution: institutionRef.nullable().optional(),
  bio: text,
  photo: media.nullable().optional(),
});
export type SpeakerEntry = z.infer<typeof speakerSchema>;

export const institutionSchema = z.looseObject({
  ...entryBase,
  name: requiredText,
  slug,
  shortName: text,
  kind: z.enum(INSTITUTION_KINDS).nullable().optional(),
  city: text,
  gmina: text,
  powiat: text,
  voivodeship: z.enum(VOIVODESHIPS).nullable().optional(),
  website: url(),
  description: text,
  logo: media.nullable().optional(),
  people: many(speakerRef),
  organizedEvents: many(eventRef),
  partneredEvents: many(eventRef),
  attendedEvents: many(eventRef),
});
export type InstitutionEntry = z.infer<typeof institutionSchema>;

export const gallerySchema = z.looseObject({
  ...entryBase,
  title: requiredText,
  slug,
  event: eventRef.nullable().optional(),
  photographer: text,
  photos: many(photo),
});
export type GalleryEntry = z.infer<typeof gallerySchema>;

export const siteSettingSchema = z.looseObject({
  ...entryBase,
  siteName: requiredText,
  siteDescription: text,
  siteUrl: url(),
  publisherName: text,
  publisherAddress: text,
  contactEmail: text,
  contactPhone: text,
  accessibility: accessibilityStatement.nullable().optional(),
});
export type SiteSettingEntry = z.infer<typeof siteSettingSchema>;

/** The list envelope of Strapi's REST API; entries are validated one by one. */
export const listResponse = z.object({
  data: z.array(z.unknown()),
  /** The site export's: each entry's documentId → a hash of its bytes as the CMS sent them (its version). */
  digests: z.record(z.string(), z.string()).optional(),
  meta: z.object({
    pagination: z.object({ page: z.number(), pageSize: z.number(), pageCount: z.number(), total: z.number() }),
  }),
});
export const singleResponse = z.object({ data: z.unknown() });
