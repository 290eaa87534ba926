import { EXPORT_SPEC } from '@cus/shared';
import { SITE_COLLECTIONS, type ChangedEntries, type SiteCollection } from '../incremental/contract.ts';
import type { Trigger } from './scheduler.ts';

// Which entries a batch of webhooks is about, for the long-lived publisher's publish of named
// entries. One change that names no entry of the site (a photo uploaded, a reconcile, a start)
// makes the batch a full publish.

/** The collection of each webhook model the site reads (the export's type name is the model). */
const COLLECTION_OF_MODEL = new Map(SITE_COLLECTIONS.map((c) => [EXPORT_SPEC[c].typeName, c] as const));

/** The entries a batch of changes is about, or undefined when one of them named none (media, a reconcile, a start). */
export function changedEntries(triggers: readonly Trigger[]): ChangedEntries | undefined {
  const out: Partial<Record<SiteCollection, string[]>> = {};
  for (const t of triggers) {
    const collection = t.entry && COLLECTION_OF_MODEL.get(t.entry.model);
    if (!collection) return undefined;
    (out[collection] ??= []).push(t.entry!.documentId);
  }
  return triggers.length > 0 ? out : undefined;
}
