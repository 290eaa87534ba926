import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// A digest of the code in some folders, for data kept across runs that this code made: the
// site's stored entries (site/src/loader/code-digest.ts), the CMS's kept export records
// (cms/src/export-records). Broad on purpose: a change of any file costs one full remake, a
// missed one leaves data made by old code. Node only (not in the package's main entry).

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
