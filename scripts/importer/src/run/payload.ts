import type { BlockNode } from '@cus/shared/blocks';
import { importItemPayload, type ImportItemPayload } from '@cus/shared/import';
import { resolveImages } from '../html/index.ts';
import type { BroughtImages } from './images.ts';
import { digest, tidyWarnings, TITLE_MAX, type PreparedItem } from './prepare.ts';

// POST /import/items's body for one prepared report and its uploaded images, checked against
// the contract before it leaves (a report the contract refuses fails here, naming the field).

export class PayloadError extends Error {}

/**
 * The digest recorded for a report saved without some of its images (unreachable, refused):
 * never the report's own, so the next run does not take the report for unchanged and tries the
 * missing images again. Until they come, the CMS finds this same digest and writes nothing.
 */
export const incompleteHash = (contentHash: string): string => digest({ incomplete: contentHash });

export function buildPayload(prepared: PreparedItem, images: BroughtImages): ImportItemPayload {
  const body: BlockNode[] = resolveImages(prepared.converted.nodes, (image) => images.inline.get(image.url) ?? null);
  const warnings = tidyWarnings([...prepared.warnings.filter((w) => w.code !== 'alt_missing'), ...images.warnings]);
  const payload: ImportItemPayload = {
    source: prepared.source,
    contentHash: images.counts.failed > 0 ? incompleteHash(prepared.contentHash) : prepared.contentHash,
    event: {
      title: prepared.title,
      ...(prepared.lead ? { lead: prepared.lead } : {}),
      body,
      ...(images.coverFileId ? { coverFileId: images.coverFileId } : {}),
    },
    ...(images.photos.length > 0 ? { gallery: { title: prepared.title.slice(0, TITLE_MAX), photos: images.photos.slice(0, 500) } } : {}),
    suggestions: prepared.suggestions,
    warnings,
  };
  const checked = importItemPayload.safeParse(payload);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new PayloadError(`pole ${issue.path.join('.') || '(całość)'} jest nieprawidłowe (${issue.message})`);
  }
  return checked.data;
}
