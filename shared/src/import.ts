import { z } from 'zod';
import { blocksContent } from './blocks/schema.js';
import { EVENT_TYPES } from './constants.js';

// The contract between the importer (scripts/import: WordPress and Joomla reports in) and the
// CMS (cms/src/api/import): what one imported report carries, what the importer proposes for
// the editor to confirm, and what the CMS answers. The importer never publishes and never
// guesses silently: facts read from the text (dates, place, type, attendance, people and
// institutions) travel as suggestions with the excerpt they came from, and become field values
// only when an editor accepts them in the admin.

/** Where a report came from. The key is stable across runs: re-importing finds the same draft. */
export const importSourceSystem = z.enum(['wordpress', 'joomla']);
export type ImportSourceSystem = z.infer<typeof importSourceSystem>;

/** "wordpress:<host>:<post id>" or "joomla:<host>:<article id>". */
export const IMPORT_SOURCE_KEY = /^(wordpress|joomla):[^\s:]{1,253}:[0-9]{1,12}$/;

export const importSource = z.object({
  system: importSourceSystem,
  key: z.string().regex(IMPORT_SOURCE_KEY),
  /** The report's old public address (the redirect map sends it to the new one). */
  url: z.string().url().max(500),
  /** When the old site published it (ISO 8601, with offset or Z). */
  publishedAt: z.string().datetime({ offset: true }),
  /** The old site's name for its section (WordPress category, Joomla category title). */
  category: z.string().max(250).optional(),
  /** Joomla's view counter ("hits"); WordPress exports have none. */
  hits: z.number().int().min(0).optional(),
});
export type ImportSource = z.infer<typeof importSource>;

/** Where in the report's plain text a suggestion was read: the words as written and around them. */
export const suggestionEvidence = z.object({
  /** The words the suggestion was read from, exactly as in the text ("W dniu 23 listopada 2023 roku"). */
  excerpt: z.string().min(1).max(300),
  /** The sentence (or up to ~200 characters) around them, for the editor to judge. */
  context: z.string().max(600),
  /** Offset of the excerpt in the plain text of the converted body (title first, then "\n\n", then body text). */
  offset: z.number().int().min(0),
});
export type SuggestionEvidence = z.infer<typeof suggestionEvidence>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One proposal, by what it would set. `id` is unique within the report and stable across runs. */
export const importSuggestion = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('dates'),
    id: z.string().max(80),
    label: z.string().max(300),
    evidence: suggestionEvidence,
    /** The event's days as ranges (the `dates` component: start, optional end). */
    ranges: z.array(z.object({ start: isoDate, end: isoDate.optional() })).min(1).max(20),
  }),
  z.object({
    kind: z.literal('venue'),
    id: z.string().max(80),
    label: z.string().max(300),
    evidence: suggestionEvidence,
    name: z.string().max(300).optional(),
    city: z.string().max(120).optional(),
  }),
  z.object({
    kind: z.literal('type'),
    id: z.string().max(80),
    label: z.string().max(300),
    evidence: suggestionEvidence,
    type: z.enum(EVENT_TYPES),
  }),
  z.object({
    kind: z.literal('attendance'),
    id: z.string().max(80),
    label: z.string().max(300),
    evidence: suggestionEvidence,
    count: z.number().int().min(1).max(1_000_000),
    approximate: z.boolean(),
  }),
  z.object({
    kind: z.literal('speaker'),
    id: z.string().max(80),
    label: z.string().max(300),
    evidence: suggestionEvidence,
    /** An existing person (api::speaker.speaker) whose name the text names, in any case. */
    documentId: z.string().min(1).max(64),
    name: z.string().max(200),
  }),
  z.object({
    kind: z.literal('institution'),
    id: z.string().max(80),
    label: z.string().max(300),
    evidence: suggestionEvidence,
    /** An existing institution whose name (or short name) the text names, in any case. */
    documentId: z.string().min(1).max(64),
    name: z.string().max(300),
    /** Which relation accepting it fills. */
    relation: z.enum(['organizers', 'partners', 'participants']),
  }),
]);
export type ImportSuggestion = z.infer<typeof importSuggestion>;
export type ImportSuggestionKind = ImportSuggestion['kind'];

/** A warning for the editor, in Polish, about this report (an image that could not be fetched, alt text missing, …). */
export const importWarning = z.object({
  code: z.enum(['image_unreachable', 'image_rejected', 'alt_missing', 'content_dropped', 'shortcode_unknown', 'no_date', 'other']),
  message: z.string().min(1).max(500),
});
export type ImportWarning = z.infer<typeof importWarning>;

/** A photo of the report's gallery, already in the Media Library. */
const importPhoto = z.object({ fileId: z.number().int().positive(), caption: z.string().max(500).optional() });

/** POST /import/items (admin API): one report, to be created or updated as a draft event. */
export const importItemPayload = z.object({
  source: importSource,
  /** Digest of everything below as the importer made it: equal to the stored one → nothing to do. */
  contentHash: z.string().regex(/^[0-9a-f]{16,64}$/),
  event: z.object({
    title: z.string().min(1).max(250),
    lead: z.string().max(600).optional(),
    /** The body in the format editors write in (Strapi Blocks); inline images as image blocks of uploaded files. */
    body: blocksContent,
    coverFileId: z.number().int().positive().optional(),
  }),
  gallery: z.object({ title: z.string().min(1).max(250), photos: z.array(importPhoto).min(1).max(500) }).optional(),
  suggestions: z.array(importSuggestion).max(200),
  warnings: z.array(importWarning).max(200),
});
export type ImportItemPayload = z.infer<typeof importItemPayload>;

/**
 * What the CMS did with a report:
 * - created: a new draft event;
 * - updated: the draft it made earlier, which nobody edited since, now holds the new import;
 * - unchanged: same contentHash as the last import, nothing written;
 * - kept_edited: an editor changed the draft since the import, left as it is;
 * - kept_published: the event has been published, left as it is.
 */
export const IMPORT_ITEM_STATUSES = ['created', 'updated', 'unchanged', 'kept_edited', 'kept_published'] as const;
export type ImportItemStatus = (typeof IMPORT_ITEM_STATUSES)[number];

export const importItemResult = z.object({
  status: z.enum(IMPORT_ITEM_STATUSES),
  documentId: z.string(),
  slug: z.string(),
});
export type ImportItemResult = z.infer<typeof importItemResult>;

/** POST /import/lookup: what a run would do with each source key, before any image is fetched. */
export const importLookupRequest = z.object({ keys: z.array(z.string().regex(IMPORT_SOURCE_KEY)).min(1).max(500) });
export const importLookupResult = z.record(
  z.string(),
  z.object({
    /** new: never imported; importable: imported, untouched since (updated on a new contentHash). */
    state: z.enum(['new', 'importable', 'kept_edited', 'kept_published']),
    contentHash: z.string().optional(),
    documentId: z.string().optional(),
    slug: z.string().optional(),
  }),
);
export type ImportLookupResult = z.infer<typeof importLookupResult>;

/** A Media Library file as POST /import/media answers it: what an image block keeps a copy of. */
export const importMediaFile = z.looseObject({
  id: z.number().int().positive(),
  url: z.string().min(1),
  width: z.number().nullable().optional(),
  height: z.number().nullable().optional(),
});
export type ImportMediaFile = z.infer<typeof importMediaFile>;

/** POST /import/media (multipart: file, sourceUrl, alt, caption): the file uploaded, or the one the library had. */
export const importMediaResult = z.object({
  fileId: z.number().int().positive(),
  /** The Media Library had it already (same address, or same content). */
  reused: z.boolean(),
  file: importMediaFile,
});
export type ImportMediaResult = z.infer<typeof importMediaResult>;

export const IMPORT_DISCARD_MAX_IDS = 500;
/** POST /import/media/discard: files a refused report uploaded, to be removed again. */
export const importDiscardRequest = z.object({ fileIds: z.array(z.number().int().positive()).min(1).max(IMPORT_DISCARD_MAX_IDS) });
export const importDiscardResult = z.object({
  deleted: z.array(z.number().int()),
  /** Still used by something, or not uploaded by the import: left as they are. */
  kept: z.array(z.number().int()),
});
export type ImportDiscardResult = z.infer<typeof importDiscardResult>;

/** Polish labels of the statuses, for the importer's summary. */
export const IMPORT_ITEM_STATUS_LABELS: Record<ImportItemStatus, string> = {
  created: 'utworzono szkic',
  updated: 'zaktualizowano szkic',
  unchanged: 'bez zmian',
  kept_edited: 'pominięto: szkic zmieniony przez redakcję',
  kept_published: 'pominięto: wydarzenie już opublikowane',
};
