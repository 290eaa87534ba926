import { hash } from 'node:crypto';
import type { SitePath } from './contract.ts';

// Which outputs a change affects. The live release is described by one record per file: the
// cache key its route gave it (what the page shows, digested by the site itself), the hash of
// its bytes, and the /media/ files it refers to. After a sync, listing the site's paths again
// and comparing keys says what to render: new files, files whose key changed, and files of
// routes without keys (rendered every time, written only when their bytes differ). Files no
// longer listed are removed. Nothing else is rendered.

export interface LiveFile {
  /** The address it is served under ('/wydarzenia/x/'). */
  pathname: string;
  cacheKey: string | null;
  bytesHash: string;
  /** /media/ file names the output refers to (HTML pages only). */
  media: readonly string[];
  /** An output of a failed entry the site no longer lists, kept as the live release had it. */
  kept?: true;
}

/** file → what the live release holds there. */
export type LiveIndex = Map<string, LiveFile>;

export type DirtyReason = 'added' | 'key-changed' | 'unkeyed';

export interface RenderPlan {
  /** Outputs to render, in the order listed, with why. */
  dirty: { path: SitePath; reason: DirtyReason }[];
  /** Files the live release holds that are no longer listed. */
  removed: string[];
  /** Listed outputs whose key is unchanged: not rendered. */
  unchanged: number;
}

export const bytesHash = (bytes: Uint8Array) => hash('sha256', bytes, 'base64url');

/** A file name a path may write: relative, forward slashes, no "." or ".." segment, no NUL. */
export function assertSafeFile(file: string): void {
  const bad = file === '' || file.startsWith('/') || file.includes('\\') || file.includes('\0') || file.split('/').some((s) => s === '' || s === '.' || s === '..');
  if (bad) throw new Error(`The site listed an output file "${file}" outside the release.`);
}

/**
 * What to render after a sync. `paths` is the site's full list now; `live` the live release.
 * `everything`: render every path (the reconcile), comparing bytes instead of keys.
 */
export function planRender(live: ReadonlyMap<string, LiveFile>, paths: readonly SitePath[], opts: { everything?: boolean } = {}): RenderPlan {
  const listed = new Set<string>();
  const plan: RenderPlan = { dirty: [], removed: [], unchanged: 0 };
  for (const path of paths) {
    assertSafeFile(path.file);
    if (listed.has(path.file)) throw new Error(`Two outputs of the site write the same file "${path.file}" (${path.pathname}).`);
    listed.add(path.file);
    const before = live.get(path.file);
    if (!before) plan.dirty.push({ path, reason: 'added' });
    else if (path.cacheKey === null) plan.dirty.push({ path, reason: 'unkeyed' });
    else if (opts.everything || before.cacheKey !== path.cacheKey) plan.dirty.push({ path, reason: 'key-changed' });
    else plan.unchanged++;
  }
  for (const file of live.keys()) if (!listed.has(file)) plan.removed.push(file);
  return plan;
}

/** Dirty outputs counted by route (for reports and the tests' expectations). */
export function countByRoute(dirty: RenderPlan['dirty']): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { path } of dirty) out[path.route] = (out[path.route] ?? 0) + 1;
  return out;
}

/** Every /media/ file the live release's pages refer to. */
export function referencedMedia(live: ReadonlyMap<string, LiveFile>): Set<string> {
  const out = new Set<string>();
  for (const f of live.values()) for (const m of f.media) out.add(m);
  return out;
}
