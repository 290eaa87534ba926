import { createHash } from 'node:crypto';
import type { LoadContext } from './strapi-loader.ts';

// What the loader needs of Astro's content layer, kept in memory: tests run several syncs in a
// row and look at what the store holds after each (Astro's own store is internal), and the
// benchmark times a full sync without a build around it.

type Entry = { id: string; data: Record<string, unknown>; digest?: string | number; rendered?: { html: string } };

/** `rootDir`: the site root the media manifest is written under (via SITE_CACHE_DIR or .cache). */
export function memoryContext(collection: string, rootDir: string): LoadContext & { entries: Map<string, Entry>; log: string[] } {
  const entries = new Map<string, Entry>();
  const log: string[] = [];
  const store = {
    get: (id: string) => entries.get(id),
    set: (entry: Entry) => {
      const old = entries.get(entry.id);
      if (old && old.digest !== undefined && old.digest === entry.digest) return false;
      entries.set(entry.id, entry);
      return true;
    },
    keys: () => [...entries.keys()],
    values: () => [...entries.values()],
    entries: () => [...entries.entries()],
    delete: (id: string) => void entries.delete(id),
    clear: () => entries.clear(),
    has: (id: string) => entries.has(id),
    addModuleImport: () => {},
  };
  return {
    collection,
    store: store as unknown as LoadContext['store'],
    logger: { info: (m: string) => log.push(m), warn: (m: string) => log.push(m), error: (m: string) => log.push(m) } as unknown as LoadContext['logger'],
    generateDigest: (data) => createHash('sha1').update(typeof data === 'string' ? data : JSON.stringify(data)).digest('hex'),
    config: { root: new URL(`file://${rootDir}/`) },
    entries,
    log,
  };
}
