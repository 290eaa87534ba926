import fs from 'node:fs';
import path from 'node:path';

/**
 * Every file under `root`/`sub` (recursive), as a path relative to `root` with forward slashes,
 * the way releases name their files ('wydarzenia/x/index.html'). [] when the folder is missing.
 */
export function filesUnder(root: string, sub = ''): string[] {
  const dir = path.join(root, sub);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}
