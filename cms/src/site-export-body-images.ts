import type { Core } from '@strapi/strapi';
import { BLOCKS_FIELDS, isRecord, libraryFiles, snapshot } from './document-middlewares/blocks-fields';

// An image in a rich-text field is a snapshot of its file, taken when the entry was last saved
// (document-middlewares/blocks-fields.ts). The export takes it again from the Media Library:
// a photo replaced there (a new file name, the old one deleted) or given a new alt text reaches
// every body that shows it at the next publish, without each entry being saved again. One query
// per page of entries; an image the library no longer holds stays as stored (the site then
// names the entry and file).

type Data = Record<string, unknown>;

/** The image blocks of the entries' rich-text fields. */
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
  const fileOf = await libraryFiles(strapi, blocks.map((b) => b.image));
  for (const block of blocks) {
    const file = fileOf(block.image);
    if (file) block.image = snapshot(file);
  }
}
