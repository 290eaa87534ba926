import { IMPORT_ITEM_STATUS_LABELS, type ImportItemStatus, type ImportWarning } from '@cus/shared/import';

// What a run did with each entry of the source: the CMS's statuses (@cus/shared/import), plus
// what only the importer knows (the reader skipped it, it failed, or a dry run would do it).

export type ItemStatus =
  | ImportItemStatus
  | 'failed'
  | 'skipped'
  /** --dry-run: what a real run would do. */
  | 'would_create'
  | 'would_update';

export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  ...IMPORT_ITEM_STATUS_LABELS,
  failed: 'błąd',
  skipped: 'pominięto',
  would_create: 'do utworzenia (próba)',
  would_update: 'do aktualizacji (próba)',
};

/** Statuses after which the item has a draft in the CMS (it goes into the redirect map). */
export const HAS_DRAFT: ReadonlySet<ItemStatus> = new Set<ItemStatus>([
  'created', 'updated', 'unchanged', 'kept_edited', 'kept_published', 'would_create', 'would_update',
]);

export interface ItemImages {
  /** Different images the report refers to (cover, body, gallery). */
  found: number;
  /** Files uploaded anew for this item. */
  uploaded: number;
  /** Files the Media Library already held (same address or same content). */
  reused: number;
  /** Images that could not be brought in (unreachable, refused). */
  failed: number;
}

/** One line of the summary: one entry of the source. */
export interface ItemOutcome {
  /** Position among the source's reports (1-based); none for skipped entries. */
  n?: number;
  key?: string;
  id?: number;
  title: string;
  oldUrl?: string;
  otherUrls: string[];
  /** The new site's address of the report (<site-url>/wydarzenia/<slug>/). */
  newUrl?: string;
  slug?: string;
  status: ItemStatus;
  documentId?: string;
  /** Why it was skipped or failed (Polish). */
  message?: string;
  warnings: ImportWarning[];
  suggestions: number;
  images: ItemImages;
}

export const noImages = (found = 0): ItemImages => ({ found, uploaded: 0, reused: 0, failed: 0 });
