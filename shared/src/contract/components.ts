import { z } from 'zod';
import { APPEARANCE_ROLES, ACCESSIBILITY_STATUSES, ASSESSMENT_METHODS, VOIVODESHIPS } from '../constants.js';
import { blocks, institutionRef, isoDate, media, requiredText, speakerRef, text } from './fields.js';

// The components of the content model, as REST returns them when populated.

const componentId = { id: z.number().int().optional() };

export const dateRange = z
  .looseObject({
    ...componentId,
    start: isoDate,
    end: isoDate.nullable().optional(),
    startTime: text,
    endTime: text,
    label: text,
  })
  .refine((r) => !r.end || r.end >= r.start, { message: 'ends before it starts', path: ['end'] });
export type DateRangeEntry = z.infer<typeof dateRange>;

export const venue = z.looseObject({
  ...componentId,
  name: text,
  address: text,
  postalCode: text,
  city: text,
  voivodeship: z.enum(VOIVODESHIPS).nullable().optional(),
});

export const appearance = z.looseObject({
  ...componentId,
  speaker: speakerRef.nullable().optional(),
  role: z.enum(APPEARANCE_ROLES),
  function: text,
  affiliation: institutionRef.nullable().optional(),
  talkTitle: text,
  note: text,
});
export type Appearance = z.infer<typeof appearance>;

export const funding = z.looseObject({
  ...componentId,
  programme: requiredText,
  priorityAxis: text,
  measure: text,
  project: text,
  funder: text,
});

export const credit = z.looseObject({ ...componentId, role: requiredText, name: requiredText });

export const photo = z.looseObject({
  ...componentId,
  image: media.nullable().optional(),
  alt: text,
  caption: text,
});

export const seo = z.looseObject({
  ...componentId,
  metaTitle: text,
  metaDescription: text,
  shareImage: media.nullable().optional(),
  noIndex: z.boolean().nullable().optional(),
});

export const accessibilityStatement = z.looseObject({
  ...componentId,
  entityName: requiredText,
  publicationDate: isoDate.nullable().optional(),
  lastUpdateDate: isoDate.nullable().optional(),
  status: z.enum(ACCESSIBILITY_STATUSES).nullable().optional(),
  nonCompliance: blocks,
  exemptions: blocks,
  preparedDate: isoDate.nullable().optional(),
  reviewedDate: isoDate.nullable().optional(),
  assessmentMethod: z.enum(ASSESSMENT_METHODS).nullable().optional(),
  assessorName: text,
  contactPerson: text,
  contactEmail: text,
  contactPhone: text,
  keyboardShortcuts: text,
  architecturalAccessibility: blocks,
  signLanguage: text,
  mobileApps: text,
});
