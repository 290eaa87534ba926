import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { ImportDiscardResult, ImportMediaFile, ImportMediaResult } from '@cus/shared';
import { EVENT, ImportError } from './http';
import { IMPORT_IMAGE_EXT, sniffImageFile } from './image-type';

// POST /import/media: a photo of an old report, into the Media Library once. A re-run finds it
// again by its old address, or by its bytes (the same photo under two addresses: a thumbnail
// link and the original, or two posts), so nothing is stored twice. New photos go through the
// upload plugin's service: the image-variants queue (src/images) makes their variants.
// POST /import/media/discard: photos a failed report uploaded, deleted again when nothing uses them.

export const MEDIA = 'api::import-media.import-media';
const FILE = 'plugin::upload.file';
export const IMPORT_MEDIA_MAX_BYTES = 25 * 1024 * 1024;
const MAX_URL = 1000;
const MAX_ALT = 300;
const MAX_CAPTION = 500;

/** What the importer needs to build an image block (Strapi's Blocks keep a copy of the file). */
const FILE_KEYS = [
  'id', 'documentId', 'name', 'alternativeText', 'caption', 'width', 'height', 'formats', 'hash', 'ext', 'mime', 'size',
  'url', 'previewUrl', 'provider', 'provider_metadata', 'createdAt', 'updatedAt',
] as const;


interface FormFile {
  filepath: string;
  originalFilename?: string | null;
  mimetype?: string | null;
  size: number;
}

interface MediaRow {
  id: number;
  sourceUrl: string;
  sha256: string;
  fileId: number;
}

type FileRow = Record<string, unknown> & { id: number; hash: string };

// A row of the files table always has its id and url.
const snapshot = (file: FileRow) => Object.fromEntries(FILE_KEYS.map((key) => [key, file[key] ?? null])) as ImportMediaFile;

async function fileRow(strapi: Core.Strapi, id: number): Promise<FileRow | null> {
  return (await strapi.db.query(FILE).findOne({ where: { id } })) as FileRow | null;
}

function text(fields: Record<string, unknown>, name: string, max: number, required: boolean): string | undefined {
  const raw = fields[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === null || value === '') {
    if (required) throw new ImportError(400, `Brak pola ${name}.`);
    return undefined;
  }
  if (typeof value !== 'string') throw new ImportError(400, `Pole ${name}: oczekiwano tekstu.`);
  if ([...value].length > max) throw new ImportError(400, `Pole ${name}: najwyżej ${max} znaków.`);
  return value;
}

function sourceUrlOf(fields: Record<string, unknown>): string {
  const value = text(fields, 'sourceUrl', MAX_URL, true)!;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ImportError(400, `Pole sourceUrl: „${value.slice(0, 80)}” nie jest adresem.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ImportError(400, 'Pole sourceUrl: adres musi zaczynać się od http:// lub https://.');
  return value;
}

function formFile(files: Record<string, unknown> | undefined): FormFile {
  const raw = files?.file;
  const file = (Array.isArray(raw) ? raw[0] : raw) as FormFile | undefined;
  if (!file || typeof file.filepath !== 'string') throw new ImportError(400, 'Brak pliku (pole file).');
  if (Array.isArray(raw) && raw.length > 1) throw new ImportError(400, 'Pole file: jeden plik na żądanie.');
  return file;
}

function sha256Of(filepath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    fs.createReadStream(filepath)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** The file's name in the Media Library: the last part of the old address, with the extension of what it holds. */
function libraryName(sourceUrl: string, ext: string): string {
  const last = decodeURIComponent(new URL(sourceUrl).pathname.split('/').filter(Boolean).at(-1) ?? '').replace(/[^\p{L}\p{N}._-]+/gu, '-');
  const base = path.parse(last).name.slice(0, 120) || 'zdjecie';
  return `${base}${ext}`;
}

/** Remembers which file an old address became (replacing a record of a file deleted since). */
async function remember(strapi: Core.Strapi, sourceUrl: string, sha256: string, fileId: number) {
  const media = strapi.db.query(MEDIA as never);
  const existing = (await media.findOne({ where: { sourceUrl } })) as MediaRow | null;
  if (existing) await media.update({ where: { id: existing.id }, data: { sha256, fileId } });
  else await media.create({ data: { sourceUrl, sha256, fileId } });
}

/** A file the import stored earlier under this address or with these bytes, if it is still in the library. */
async function reusable(strapi: Core.Strapi, where: Record<string, unknown>): Promise<FileRow | null> {
  const rows = (await strapi.db.query(MEDIA as never).findMany({ where, orderBy: { id: 'desc' }, limit: 20 })) as MediaRow[];
  for (const row of rows) {
    const file = await fileRow(strapi, row.fileId);
    if (file) return file;
  }
  return null;
}

export async function importMedia(
  strapi: Core.Strapi,
  fields: Record<string, unknown>,
  files: Record<string, unknown> | undefined,
  user: unknown,
): Promise<ImportMediaResult> {
  const sourceUrl = sourceUrlOf(fields);
  const alt = text(fields, 'alt', MAX_ALT, false);
  const caption = text(fields, 'caption', MAX_CAPTION, false);
  const file = formFile(files);
  const where = `Plik z adresu ${sourceUrl}`;
  if (file.size > IMPORT_MEDIA_MAX_BYTES) throw new ImportError(413, `${where} ma ${(file.size / 1024 / 1024).toFixed(1)} MB, a najwięcej można przesłać 25 MB.`);
  const mime = await sniffImageFile(file.filepath);
  if (!mime) throw new ImportError(400, `${where} nie jest zdjęciem JPEG, PNG, WebP ani GIF (sprawdzono zawartość pliku), więc nie został zapisany.`);

  const byUrl = await reusable(strapi, { sourceUrl });
  if (byUrl) return { fileId: byUrl.id, reused: true, file: snapshot(byUrl) };
  const sha256 = await sha256Of(file.filepath);
  const byHash = await reusable(strapi, { sha256 });
  if (byHash) {
    await remember(strapi, sourceUrl, sha256, byHash.id);
    return { fileId: byHash.id, reused: true, file: snapshot(byHash) };
  }

  const name = libraryName(sourceUrl, IMPORT_IMAGE_EXT[mime]);
  const upload = strapi.plugin('upload').service('upload') as {
    upload(input: { data: unknown; files: unknown }, opts?: unknown): Promise<FileRow[]>;
  };
  const [stored] = await upload.upload(
    {
      // Without alt text the field stays empty (not the file's name): the importer warns the editor (alt_missing).
      data: { fileInfo: { name, alternativeText: alt ?? '', caption: caption ?? null } },
      files: { filepath: file.filepath, originalFilename: name, mimetype: mime, detectedMimeType: mime, size: file.size },
    },
    { user },
  );
  if (!stored) throw new Error(`${where}: biblioteka mediów nie zwróciła zapisanego pliku.`);
  await remember(strapi, sourceUrl, sha256, stored.id);
  return { fileId: stored.id, reused: false, file: snapshot((await fileRow(strapi, stored.id)) ?? stored) };
}

/** Whether anything points at the file: a media field (of an entry or a component) or an image in an event's body. */
async function isReferenced(strapi: Core.Strapi, file: FileRow): Promise<boolean> {
  const related = (strapi.db.metadata.get(FILE).attributes as Record<string, { joinTable?: { name: string; joinColumn: { name: string } } }>).related;
  const join = related?.joinTable;
  if (!join) return true;
  const knex = strapi.db.connection;
  const links = await knex(join.name).where(join.joinColumn.name, file.id).count({ n: '*' }).first();
  if (Number(links?.n ?? 0) > 0) return true;
  // Images in a body are copies of the file (Blocks JSON), found by the file's unique hash.
  const events = strapi.db.metadata.get(EVENT).tableName;
  // As text: PostgreSQL keeps the body as jsonb. The hash alone is unique enough ("sala_3f2a9c1b2e").
  const needle = `%${file.hash.replace(/[%\\]/g, '')}%`;
  const inBody = await knex(events).whereRaw('CAST(body AS TEXT) LIKE ?', [needle]).count({ n: '*' }).first();
  return Number(inBody?.n ?? 0) > 0;
}


export async function discardMedia(strapi: Core.Strapi, fileIds: number[]): Promise<ImportDiscardResult> {
  const result: ImportDiscardResult = { deleted: [], kept: [] };
  const media = strapi.db.query(MEDIA as never);
  const upload = strapi.plugin('upload').service('upload') as { remove(file: FileRow): Promise<unknown> };
  for (const id of [...new Set(fileIds)]) {
    const ours = (await media.count({ where: { fileId: id } })) > 0;
    const file = ours ? await fileRow(strapi, id) : null;
    if (ours && !file) {
      // Deleted from the library since: only the record of it goes.
      await media.deleteMany({ where: { fileId: id } });
      result.deleted.push(id);
      continue;
    }
    if (!file || (await isReferenced(strapi, file))) {
      result.kept.push(id);
      continue;
    }
    await upload.remove(file);
    await media.deleteMany({ where: { fileId: id } });
    result.deleted.push(id);
  }
  return result;
}
