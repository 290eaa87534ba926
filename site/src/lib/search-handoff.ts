import type { SearchRecord } from './search-records.ts';

// The search page (src/pages/szukaj.astro), rendered in every static build, makes the records of
// every indexed page from the content (only the build's pages can read it) and leaves them here;
// the search-index integration takes them at the end of the build. One process, one global.

const KEY = Symbol.for('cus.site.searchRecords');
type Holder = { [KEY]?: SearchRecord[] };

/** Called by the search page as it renders. */
export function leaveSearchRecords(records: SearchRecord[]): void {
  (globalThis as Holder)[KEY] = records;
}

/** The records the search page left in this build (taken once), or undefined if it did not render. */
export function takeSearchRecords(): SearchRecord[] | undefined {
  const records = (globalThis as Holder)[KEY];
  delete (globalThis as Holder)[KEY];
  return records;
}
