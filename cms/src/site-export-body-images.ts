import type { Core } from '@strapi/strapi';
import { BLOCKS_FIELDS, FILE_UID, fileHash, fileId, snapshot } from './document-middlewares/blocks-fields';

// An image in a rich-text field is a snapshot of its file, taken when the entry was last saved
// (document-middlewares/blocks-fields.ts). The export takes it again from the Media Library:
// a photo replaced there (a new file name, the old one deleted) or given a new alt text reaches
// every body that shows it at the next publish, without each entry being saved again. One query
// per page of entries; an image the library no longer holds stays as stored (the site then
// names the entry and file).

type Data = Record<string, unknown>;
const isRecord = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The image blocks of the entries' rich-text fields, each with the place it sits in. */
function imageBlocks(uid: string, entries: readonly Data[]): Data[] {
  const out: Data[] = [];
  for (const field of BLOCKS_FIELDS[uid] ?? []) {
    for (const entry of entries) {
      let at: unknown = entry;
      for (const key of field.at) at = isRecord(at) ? at[key] : undefined;
      const value = isRecord(at) ? at[field.field] : undefined;
      if (!Array.isArray(value)) continue;
      for (const block of value) if (isRecord(block) && block.type === 'image' && isRecord(block.image)) out.push(block);
    }
  }
  return out;
}

/** Replaces, in place, each image block's file with the Media Library's current one. */
export async function refreshBodyImages(strapi: Core.Strapi, uid: string, entries: readonly Data[]): Promise<void> {
  const blocks = imageBlocks(uid, entries);
  if (blocks.length === 0) return;
  const ids = [...new Set(blocks.map((b) => fileId(b.image)).filter((id): id is number => id !== null))];
  const hashes = [...new Set(blocks.map((b) => fileHash(b.image)).filter((h): h is string => h !== null))];
  const or = [...(ids.length > 0 ? [{ id: { $in: ids } }] : []), ...(hashes.length > 0 ? [{ hash: { $in: hashes } }] : [])];
  if (or.length === 0) return;
  const files = (await strapi.db.query(FILE_UID).findMany({ where: { $or: or } })) as Data[];
  const byId = new Map(files.map((f) => [Number(f.id), f]));
  const byHash = new Map(files.map((f) => [String(f.hash), f]));
  for (const block of blocks) {
    const id = fileId(block.image);
    const hash = fileHash(block.image);
    const file = (id === null ? undefined : byId.get(id)) ?? (hash === null ? undefined : byHash.get(hash));
    if (file) block.image = snapshot(file);
  }
}
