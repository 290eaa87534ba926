import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The code that turns the CMS's bytes into stored entries: the shared contract (its schemas and
// the Blocks checks, as built in @cus/shared's dist) and the site's loader and libraries (body
// rendering, typography, media names). A persistent store (a static build's .astro data store)
// keeps entries made by this code: when it changes, every entry must be read and rendered again,
// not only those the CMS changed. Broad on purpose: a change of any of these files costs one full
// read, a missed one leaves pages made by old code.

const CODE = /\.(?:[cm]?js|ts)$/;

function filesOf(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesOf(file));
    else if (CODE.test(entry.name) && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.map')) out.push(file);
  }
  return out;
}

/** The folders whose code is digested: @cus/shared's build and the site's loader and libraries. */
export function codeFolders(): string[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const shared = path.dirname(createRequire(import.meta.url).resolve('@cus/shared'));
  return [shared, here, path.join(here, '..', 'lib')];
}

/** A digest of the code in `folders`: its files' names and text; '' when they cannot be read. */
export function digestOfCode(folders: readonly string[]): string {
  const hash = createHash('sha1');
  try {
    for (const dir of folders) {
      for (const file of filesOf(dir).sort()) hash.update(path.relative(dir, file)).update('\0').update(fs.readFileSync(file)).update('\0');
    }
  } catch {
    return '';
  }
  return hash.digest('hex');
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
