import { digestOfCode } from '@cus/shared/code-digest';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export { digestOfCode };

// The code that turns the CMS's bytes into stored entries: @cus/shared's build (the contract's
// schemas, the Blocks checks, the body renderer, typography and media names) and the site's
// loader and libraries. A persistent store (a static build's .astro data store)
// keeps entries made by this code: when it changes, every entry must be read and rendered again,
// not only those the CMS changed. Broad on purpose: a change of any of these files costs one full
// read, a missed one leaves pages made by old code.

/** The folders whose code is digested: @cus/shared's build and the site's loader and libraries. */
export function codeFolders(): string[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const shared = path.dirname(createRequire(import.meta.url).resolve('@cus/shared'));
  return [shared, here, path.join(here, '..', 'lib')];
}

let memo: string | undefined;

/** The digest of the code that makes stored entries (codeFolders), made once per process. */
export function entryCodeDigest(): string {
  if (memo === undefined) {
    let folders: string[] = [];
    try {
      folders = codeFolders();
    } catch {
      // @cus/shared not resolvable from here: only the field list counts, as before.
    }
    memo = digestOfCode(folders);
  }
  return memo;
}
