import fs from 'node:fs';
import type { LiveFile, LiveIndex } from './dependencies.ts';

// The engine's record of the live release (every output's key, bytes hash and media), kept on
// disk after each run so that a restart with the same site code trusts it: the start's reconcile
// then checks keys and files (engine.ts checkLive) instead of rendering every output again. The
// record names its release and the publisher build's code: a record of another release (a
// crash between the switch and the save, a rollback) or of other code is not used.

export interface SavedLiveIndex {
  release: string;
  /** The publisher build's digest (renderer.ts PublisherBuild.digest). */
  code: string;
  files: [string, LiveFile][];
  media: string[];
}

/** Written under a temporary name and renamed in: a crash mid-write leaves the old record whole. */
export async function saveLiveIndex(file: string, saved: { release: string; code: string; live: LiveIndex; media: ReadonlySet<string> }): Promise<void> {
  const body: SavedLiveIndex = { release: saved.release, code: saved.code, files: [...saved.live], media: [...saved.media] };
  const tmp = `${file}.tmp-${process.pid}`;
  await fs.promises.writeFile(tmp, JSON.stringify(body));
  await fs.promises.rename(tmp, file);
}

/** The saved record if it describes `release` as built from `code`; null otherwise (or unreadable). */
export function loadLiveIndex(file: string, release: string | null, code: string): { live: LiveIndex; media: Set<string> } | null {
  if (!release) return null;
  try {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as SavedLiveIndex;
    if (saved.release !== release || saved.code !== code || !Array.isArray(saved.files) || !Array.isArray(saved.media)) return null;
    return { live: new Map(saved.files), media: new Set(saved.media) };
  } catch {
    return null;
  }
}
