import { EXPORT_SPEC, type ExportCollection } from '@cus/shared';
import type { ContentVersions, LiveContent } from '../rebuild/content-versions.ts';
import type { EntryFailure } from './contract.ts';

// What the live release holds of each entry, for the admin's "is it live" status: the CMS's
// versions at the publish, except the entries that failed (each keeps its last good page, so
// the version recorded for it stays the one that went live before; a never-published one stays
// out) — and so the content digest, which no longer equals the CMS's, is dropped to make the
// next comparison queue a publish that tries them again.

const COLLECTION_OF_TYPE = new Map(Object.entries(EXPORT_SPEC).map(([c, spec]) => [spec.typeName, c as ExportCollection]));

export function withoutFailedEntries(content: ContentVersions, failures: readonly EntryFailure[], previous: LiveContent | null): ContentVersions {
  const failed = failures.filter((f) => f.documentId && COLLECTION_OF_TYPE.has(f.type));
  if (failed.length === 0) return content;
  const versions = Object.fromEntries(Object.entries(content.versions).map(([c, v]) => [c, { ...v }]));
  for (const f of failed) {
    const collection = COLLECTION_OF_TYPE.get(f.type)!;
    const list = (versions[collection] ??= {});
    const before = previous?.versions?.[collection]?.[f.documentId!];
    if (before) list[f.documentId!] = before[0];
    else delete list[f.documentId!];
  }
  return { ...content, versions, digest: `${content.digest}:with-failures` };
}
