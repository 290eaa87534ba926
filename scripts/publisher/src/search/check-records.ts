import type { SearchRecord } from '@cus/site/search-records';

// Records come from the site's searchRecords, but a bad one must stop the index with a reason
// naming the record and its field, not as Pagefind's own error from deep inside its process.

/** Throws on the first record that is not indexable: no address, a repeated one, no title, no text. */
export function checkRecords(records: readonly SearchRecord[]): void {
  const seen = new Set<string>();
  records.forEach((r, i) => {
    const name = `search record ${i} (${typeof r?.url === 'string' ? r.url : 'no url'})`;
    if (typeof r?.url !== 'string' || !r.url.startsWith('/')) throw new Error(`${name}: field url must be a site path starting with "/"`);
    if (seen.has(r.url)) throw new Error(`${name}: field url repeats an earlier record's`);
    seen.add(r.url);
    if (r.language !== 'pl') throw new Error(`${name}: field language must be "pl"`);
    if (typeof r.meta?.title !== 'string' || !r.meta.title.trim()) throw new Error(`${name}: field meta.title is empty`);
    if (!Array.isArray(r.parts) || r.parts.some((p) => typeof p?.text !== 'string' || !(p.weight >= 0 && p.weight <= 10))) {
      throw new Error(`${name}: field parts must be texts with weights from 0 to 10`);
    }
  });
}
