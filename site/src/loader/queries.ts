import {
  eventSchema,
  gallerySchema,
  institutionSchema,
  siteSettingSchema,
  speakerSchema,
} from '@cus/shared';
import type { z } from 'zod';
import type { QueryValue } from './query-string.ts';

// What the site asks Strapi for, per content type: exactly the fields its pages use
// (explicit populate: `populate=*` reaches one level only and drags in what no page shows).

const MEDIA = { fields: ['name', 'url', 'alternativeText', 'caption', 'width', 'height', 'mime', 'size', 'ext', 'formats'] };
const FILE = { fields: ['name', 'url', 'alternativeText', 'caption', 'mime', 'size', 'ext'] };
const INSTITUTION_REF = { fields: ['name', 'slug', 'shortName'] };
const SPEAKER_REF = { fields: ['name', 'slug', 'honorific'] };
const PHOTOS = { populate: { image: MEDIA } };

export interface CollectionQuery {
  /** Name in messages and in the content layer. */
  typeName: string;
  /** REST path under /api. */
  endpoint: string;
  single?: boolean;
  schema: z.ZodType;
  params: Record<string, QueryValue>;
}

export const QUERIES = {
  events: {
    typeName: 'event',
    endpoint: 'events',
    schema: eventSchema,
    params: {
      fields: [
        'title', 'slug', 'type', 'lead', 'body', 'format', 'streamUrl', 'attendance', 'attendanceApproximate',
        'audience', 'sourceName', 'sourceUrl', 'createdAt', 'updatedAt', 'publishedAt',
      ],
      populate: {
        dates: true,
        venue: true,
        organizers: INSTITUTION_REF,
        partners: INSTITUTION_REF,
        participants: INSTITUTION_REF,
        appearances: { populate: { speaker: SPEAKER_REF, affiliation: INSTITUTION_REF } },
        cover: MEDIA,
        gallery: { fields: ['title', 'slug', 'photographer'], populate: { photos: PHOTOS } },
        attachments: FILE,
        funding: true,
        credits: true,
        seo: { populate: { shareImage: MEDIA } },
      },
    },
  },
  speakers: {
    typeName: 'speaker',
    endpoint: 'speakers',
    schema: speakerSchema,
    params: {
      fields: ['name', 'slug', 'honorific', 'position', 'bio', 'updatedAt'],
      populate: { institution: INSTITUTION_REF, photo: MEDIA },
    },
  },
  institutions: {
    typeName: 'institution',
    endpoint: 'institutions',
    schema: institutionSchema,
    params: {
      fields: ['name', 'slug', 'shortName', 'kind', 'city', 'gmina', 'powiat', 'voivodeship', 'website', 'description', 'updatedAt'],
      populate: { logo: MEDIA },
    },
  },
  galleries: {
    typeName: 'gallery',
    endpoint: 'galleries',
    schema: gallerySchema,
    params: {
      fields: ['title', 'slug', 'photographer', 'updatedAt', 'publishedAt'],
      populate: { event: { fields: ['title', 'slug'], populate: { dates: true } }, photos: PHOTOS },
    },
  },
  settings: {
    typeName: 'site-setting',
    endpoint: 'site-setting',
    single: true,
    schema: siteSettingSchema,
    params: {
      fields: ['siteName', 'siteDescription', 'siteUrl', 'publisherName', 'publisherAddress', 'contactEmail', 'contactPhone', 'updatedAt'],
      populate: { accessibility: true },
    },
  },
} satisfies Record<string, CollectionQuery>;

export type CollectionName = keyof typeof QUERIES;
