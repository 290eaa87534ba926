import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { blocksProblems, type BlocksProblem } from '@cus/shared';

// Rich-text fields (Strapi's Blocks). Before a body is checked, every image in it is copied
// again from the Media Library: the editor inserts a snapshot of the file (with the file's name
// as its alt text when the library has none, and the CMS's own address before a relative URL),
// so the library's alt text is what counts, an alt text fixed there or photo variants made after
// the insertion reach the body on the next save without inserting the photo again, and the site
// never gets a stale address.
// Then the site's own limits (@cus/shared blocksProblems) run: they walk the value without
// recursion first, so a hostile value (100,000 lists deep, megabytes) is refused cheaply and
// never reaches Strapi's recursive validator.

type Data = Record<string, unknown>;

export interface BlocksField {
  /** Where the field sits in the entry: [] for its own, ['accessibility'] for a component. */
  at: string[];
  field: string;
  /** Content type or component uid the field's label is read from. */
  labels: string;
}

export const BLOCKS_FIELDS: Partial<Record<string, BlocksField[]>> = {
  'api::event.event': [{ at: [], field: 'body', labels: 'api::event.event' }],
  'api::site-setting.site-setting': ['nonCompliance', 'exemptions', 'architecturalAccessibility'].map((field) => ({
    at: ['accessibility'],
    field,
    labels: 'settings.accessibility-statement',
  })),
};

/** Problems found before anything else is looked at: the value is not worth opening. */
const STRUCTURAL = new Set(['not-blocks', 'too-deep', 'too-large']);

const FILE_UID = 'plugin::upload.file';
/** What an image block keeps of its file: the keys Strapi's editor inserts and its validator requires. */
const FILE_KEYS = [
  'id', 'documentId', 'name', 'alternativeText', 'caption', 'width', 'height', 'formats', 'hash', 'ext', 'mime', 'size',
  'url', 'previewUrl', 'provider', 'provider_metadata', 'createdAt', 'updatedAt',
] as const;

export const isRecord = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === 'number' ? new Date(v).toISOString() : v);

/** The file as an image block keeps it. */
export function snapshot(file: Data): Data {
  const out: Data = {};
  for (const key of FILE_KEYS) out[key] = key === 'createdAt' || key === 'updatedAt' ? iso(file[key]) : (file[key] ?? null);
  return out;
}

function fileId(image: unknown): number | null {
  const id = isRecord(image) ? image.id : undefined;
  const n = typeof id === 'string' && /^\d{1,15}$/.test(id) ? Number(id) : id;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** Strapi's editor inserts no file id, but the file's hash (unique; the first save adds the id, which a replaced file keeps). */
function fileHash(image: unknown): string | null {
  const hash = isRecord(image) ? image.hash : undefined;
  return typeof hash === 'string' && hash.length > 0 && hash.length <= 255 ? hash : null;
}

export interface Refreshed {
  value: unknown;
  changed: boolean;
  problems: BlocksProblem[];
}

/**
 * The value with each image block's file read again from the Media Library (found by its id,
 * or by its hash as Strapi's editor inserts it), and the problems of images the library does
 * not hold. Only top-level blocks are images in Strapi's Blocks; the value must have passed
 * the structural checks.
 */
/**
 * The Media Library's current file of each of `images` (image blocks' `image` values), found by
 * its id, or by its hash as Strapi's editor inserts it: one query for all of them.
 */
export async function libraryFiles(strapi: Core.Strapi, images: readonly unknown[]): Promise<(image: unknown) => Data | undefined> {
  const ids = [...new Set(images.map(fileId).filter((id): id is number => id !== null))];
  const hashes = [...new Set(images.map(fileHash).filter((h): h is string => h !== null))];
  const or = [...(ids.length > 0 ? [{ id: { $in: ids } }] : []), ...(hashes.length > 0 ? [{ hash: { $in: hashes } }] : [])];
  const files = or.length === 0 ? [] : ((await strapi.db.query(FILE_UID).findMany({ where: { $or: or } })) as Data[]);
  const byId = new Map(files.map((f) => [Number(f.id), f]));
  const byHash = new Map(files.map((f) => [String(f.hash), f]));
  return (image) => {
    const id = fileId(image);
    const hash = fileHash(image);
    return (id === null ? undefined : byId.get(id)) ?? (hash === null ? undefined : byHash.get(hash));
  };
}

export async function refreshImages(strapi: Core.Strapi, value: unknown[]): Promise<Refreshed> {
  const problems: BlocksProblem[] = [];
  const images = value.flatMap((block, i) => (isRecord(block) && block.type === 'image' ? [{ block, i }] : []));
  if (images.length === 0) return { value, changed: false, problems };
  const fileOf = await libraryFiles(strapi, images.map(({ block }) => block.image));

  const next = [...value];
  let changed = false;
  images.forEach(({ block, i }, n) => {
    const file = fileOf(block.image);
    if (!file) {
      problems.push({
        code: 'image-incomplete',
        path: [i, 'image'],
        message:
          `Zdjęcia nr ${n + 1} w treści (blok nr ${i + 1}) nie ma w Bibliotece mediów (mogło zostać z niej usunięte) — ` +
          'usuń je z treści i wstaw ponownie przyciskiem zdjęcia w edytorze',
      });
      return;
    }
    const image = snapshot(file);
    if (JSON.stringify(image) !== JSON.stringify(block.image)) {
      next[i] = { ...block, image };
      changed = true;
    }
  });
  return { value: changed ? next : value, changed, problems };
}

const BLOCK_NAMES: Record<string, string> = { paragraph: 'akapit', heading: 'nagłówek', quote: 'cytat', code: 'kod', list: 'lista' };
/** Link targets Strapi's own validator stores (its editor's link form allows the same). */
const STRAPI_LINK_PROTOCOLS = new Set(['http:', 'https:', 'ftp:', 'mailto:', 'tel:']);
const strapiStoresLink = (url: string) => {
  try {
    return STRAPI_LINK_PROTOCOLS.has(new URL(url.startsWith('/') ? `https://cms.invalid${url}` : url).protocol);
  } catch {
    return false;
  }
};

/**
 * What Strapi's own Blocks validator would refuse in English, said first in Polish: empty
 * blocks and lists, and links to a place on the page (#program), which it cannot store. Runs
 * on values whose depth the site's limits have bounded.
 */
export function strapiBlocksProblems(value: unknown[]): BlocksProblem[] {
  const problems: BlocksProblem[] = [];
  const links = (children: unknown, path: (string | number)[], where: string) => {
    if (!Array.isArray(children)) return;
    children.forEach((child, i) => {
      if (!isRecord(child) || child.type !== 'link' || typeof child.url !== 'string' || strapiStoresLink(child.url)) return;
      problems.push({
        code: 'unsafe-link',
        path: [...path, i, 'url'],
        message: `Odnośnik w ${where} prowadzi do „${child.url.slice(0, 60)}” — edytor zapisuje tylko pełne adresy: wpisz adres zaczynający się od https://`,
      });
    });
  };
  const list = (node: Data, path: (string | number)[], where: string) => {
    if (!Array.isArray(node.children)) return;
    if (node.children.length === 0) problems.push({ code: 'invalid-node', path, message: `Lista w ${where} nie ma punktów — usuń ją albo wpisz punkty` });
    node.children.forEach((item, i) => {
      if (!isRecord(item)) return;
      if (item.type === 'list') list(item, [...path, 'children', i], where);
      else links(item.children, [...path, 'children', i, 'children'], where);
    });
  };
  value.forEach((block, i) => {
    if (!isRecord(block) || typeof block.type !== 'string') return;
    const where = `bloku nr ${i + 1}${BLOCK_NAMES[block.type] ? ` (${BLOCK_NAMES[block.type]})` : ''}`;
    if (block.type === 'list') return list(block, [i], where);
    if (block.type === 'image') return;
    if (Array.isArray(block.children) && block.children.length === 0) {
      problems.push({ code: 'invalid-node', path: [i], message: `Blok nr ${i + 1} w treści (${BLOCK_NAMES[block.type] ?? block.type}) jest pusty — usuń go albo wpisz w nim tekst` });
    }
    links(block.children, [i, 'children'], where);
  });
  return problems;
}

/**
 * Checks one Blocks value as it is about to be stored; returns it with fresh images (to store
 * instead) and the problems to refuse it for.
 */
export async function prepareBlocks(strapi: Core.Strapi, value: unknown): Promise<Refreshed> {
  const first = blocksProblems(value);
  if (!Array.isArray(value) || first.some((p) => STRUCTURAL.has(p.code))) return { value, changed: false, problems: first };
  const refreshed = await refreshImages(strapi, value);
  // An image the library does not know is reported once, not again as "incomplete".
  const reported = new Set(refreshed.problems.map((p) => String(p.path[0])));
  const rest = blocksProblems(refreshed.value).filter((p) => !(p.path[1] === 'image' && reported.has(String(p.path[0]))));
  const problems = [...refreshed.problems, ...rest];
  if (problems.length === 0) problems.push(...strapiBlocksProblems(refreshed.value as unknown[]));
  return { ...refreshed, problems };
}

interface StrapiValidationDetails {
  errors?: { path?: unknown[]; message?: string }[];
}

/**
 * A refusal by Strapi's own validator of a rich-text field (in English: "Please specify a valid
 * link.") as the editor should read it: in Polish, under the field. Null for any other error.
 */
export function polishBlocksRefusal(uid: string, error: unknown, label: (field: BlocksField) => string): errors.ValidationError | null {
  // By name: Strapi's core may hold its own copy of @strapi/utils.
  if (!(error instanceof Error) || error.name !== 'ValidationError') return null;
  const details = ((error as { details?: unknown }).details ?? {}) as StrapiValidationDetails;
  const list = details.errors ?? [];
  const fields = BLOCKS_FIELDS[uid] ?? [];
  const fieldOf = (path: unknown[] | undefined) =>
    fields.find((f) => [...f.at, f.field].every((key, i) => String(path?.[i]) === key));
  if (list.length === 0 || !list.every((e) => fieldOf(e.path))) return null;
  const found = list.map((e) => {
    const field = fieldOf(e.path)!;
    const block = e.path?.[field.at.length + 1];
    const where = /^\d+$/.test(String(block)) ? `blok nr ${Number(block) + 1} w treści` : 'treść';
    const message = `Pole ${label(field)}: ${where} ma nieprawidłowy format — usuń go i wpisz jego treść ponownie.`;
    return { path: [...field.at, field.field], message, name: 'ValidationError' };
  });
  return new errors.ValidationError(found.map((f) => f.message).join(' '), { errors: found });
}
