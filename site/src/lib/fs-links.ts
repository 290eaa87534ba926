import fs from 'node:fs';
import path from 'node:path';

// Files from the build cache into the output without copying bytes: a hard link costs nothing,
// and the cache replaces its files (never writes them in place), so a release keeps its own.

/** A hard link; on another file system, a copy. */
export function linkOrCopy(from: string, to: string): void {
  fs.rmSync(to, { force: true });
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

/** Every file under `from`, linked (or copied) to the same place under `to`. */
export function linkTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, e.name);
    const b = path.join(to, e.name);
    if (e.isDirectory()) linkTree(a, b);
    else linkOrCopy(a, b);
  }
}
