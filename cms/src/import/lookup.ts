import type { Core } from '@strapi/strapi';
import type { ImportLookupResult } from '@cus/shared';
import { draftState, recordsByKeys } from './records';

// POST /import/lookup: before fetching a single image, the importer asks what a run would do
// with each report. A report whose draft was deleted counts as new (importing it makes it again).

export async function lookup(strapi: Core.Strapi, keys: string[]): Promise<ImportLookupResult> {
  const found = await recordsByKeys(strapi, [...new Set(keys)]);
  const result: ImportLookupResult = {};
  for (const key of keys) {
    const record = found.get(key);
    const state = record ? await draftState(strapi, record) : ({ state: 'missing' } as const);
    if (!record || state.state === 'missing') {
      result[key] = { state: 'new' };
      continue;
    }
    result[key] = {
      state: state.state,
      ...(record.contentHash ? { contentHash: record.contentHash } : {}),
      documentId: state.draft.documentId,
      ...(state.draft.slug ? { slug: state.draft.slug } : {}),
    };
  }
  return result;
}
