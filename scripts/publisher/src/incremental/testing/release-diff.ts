import fs from 'node:fs';
import path from 'node:path';

// File-by-file comparison of two site folders (a publisher release and a static build).

export interface TreeDiff {
  onlyLeft: string[];
  onlyRight: string[];
  different: string[];
  same: number;
}

function files(dir: string, ignore: (file: string) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isDirectory()) continue;
    const full = path.join(e.parentPath, e.name);
    const rel = path.relative(dir, full).split(path.sep).join('/');
    if (!ignore(rel)) out.set(rel, full);
  }
  return out;
}

export function diffTrees(left: string, right: string, ignore: (file: string) => boolean = () => false): TreeDiff {
  const a = files(left, ignore);
  const b = files(right, ignore);
  const diff: TreeDiff = { onlyLeft: [], onlyRight: [], different: [], same: 0 };
  for (const [rel, full] of a) {
    const other = b.get(rel);
    if (!other) diff.onlyLeft.push(rel);
    else if (!fs.readFileSync(full).equals(fs.readFileSync(other))) diff.different.push(rel);
    else diff.same++;
  }
  for (const rel of b.keys()) if (!a.has(rel)) diff.onlyRight.push(rel);
  for (const list of [diff.onlyLeft, diff.onlyRight, diff.different]) list.sort();
  return diff;
}
