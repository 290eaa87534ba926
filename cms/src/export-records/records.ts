import { createHash, hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { EXPORT_SPEC, type ExportSpec } from '@cus/shared';
import { digestOfCode } from '@cus/shared/code-digest';
import { currentVersions, embeddableTypes, embeddedVersions, iso } from './embedded';
import { linksOf, linkTables } from './links';

// Export records kept ready: each published entry as the site export sends it (fields, related
// entries, files, rich-text photos as the Media Library holds them), in a table of the CMS's own
// database. Populating an event (its components, its people, institutions, gallery and files)
// took most of a full export's time: 10,000 events kept the CMS busy for 5 s while the site
// waited. A kept record is sent as it is while it is current, checked at every read, so that no
// write path (the admin, REST, the importer, a restore, another CMS process on the same
// database) has to remember to clear it:
//   - its fingerprint: the entry's updatedAt (any save of it or of its components), what each
//     populated relation links it to (links.ts: the other side may change those), the field
//     list and the CMS's code;
//   - the updatedAt of everything it embeds (embedded.ts).
// So whatever changes what the export shows must move an updatedAt (as the document service
// does; the photo variants' queue does it for the file it records variants of).
// A record that fails either check is built again from the document service and kept. The share
// card is not part of it (its drawing finishes later): it is added to each answer. A record also
// keeps the digest of its JSON, so that an answer's digests (each entry's version, for the site)
// are not made again from 117 MB of text at every full export (digestOf).
// Records and the versions of what they embed are read with plain queries of the columns needed:
// Strapi's query engine turned every row's dates into Date objects only for them to be compared
// as text, a sizeable part of a full export's time.

export const RECORD_UID = 'api::export-record.export-record';

interface KeptRow {
  id: number;
  entryDocumentId: string;
  fingerprint: string;
  digest: string | null;
  deps: string | null;
  card: string | null;
  /** The JSON's UTF-8 bytes, as the answer sends them. */
  json: Buffer;
}

/** A published entry of the page being exported: its row id, documentId and updatedAt. */
export interface PageRow {
  id: number;
  documentId: string;
  updatedAt: unknown;
}

/** One entry as the export sends it, before the share card: its JSON and its digest, and the fields its card is drawn from. */
export interface ExportText {
  documentId: string;
  /** The JSON's UTF-8 bytes: an answer is put together from bytes, never decoded and encoded again. */
  json: Buffer;
  /** jsonDigest(json). */
  digest: string;
  card: unknown;
}

/** The digest of an entry's JSON: its version for the site, with what the answer adds to it (digestOf). */
export const jsonDigest = (json: Buffer) => hash('sha1', json, 'base64url');

/**
 * The version the site keeps of an entry as sent: the digest of its JSON, combined with the JSON
 * of each field the answer adds (the share card). It moves whenever the bytes sent do.
 */
export function digestOf(digest: string, added: readonly string[]): string {
  return added.length === 0 ? digest : hash('sha1', [digest, ...added].join('\0'), 'base64url');
}

/** An entry as `build` gives it: the exported object (share card not added) and its card's fields. */
export interface BuiltEntry {
  documentId: string;
  entry: Record<string, unknown>;
  /** The entry as read, before the export replaced a field (a body sent rendered): what it embeds is read from it. */
  read?: Record<string, unknown>;
  card: unknown;
}

/**
 * The code that makes a record: every module of the CMS (its document middlewares and queues
 * write what the export reads), @cus/shared's build (the body renderer) and the version of
 * Strapi. Any change of these makes every kept record be built again, once, at the next export.
 */
let codeDigest: string | undefined;
function recordCode(): string {
  codeDigest ??= createHash('sha1').update(digestOfCode([path.join(__dirname, '..'), sharedBuild()])).update(strapiVersion()).digest('hex');
  return codeDigest;
}

function sharedBuild(): string {
  return path.dirname(require.resolve('@cus/shared'));
}

function strapiVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(require.resolve('@strapi/core/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** What every record of a type is made by: the CMS's code and the type's spec, every key but its schema (once per type, not per entry). */
const madeBy = new Map<string, string>();
function madeByOf(spec: ExportSpec): string {
  let digest = madeBy.get(spec.uid);
  if (digest === undefined) {
    const { schema: _schema, ...facts } = spec;
    madeBy.set(spec.uid, (digest = createHash('sha1').update(recordCode()).update(JSON.stringify(facts)).digest('hex')));
  }
  return digest;
}

function fingerprintOf(spec: ExportSpec, row: PageRow, links: string): string {
  return createHash('sha1').update(`${madeByOf(spec)}\0${iso(row.updatedAt)}\0${links}`).digest('base64url');
}

/**
 * The entries of a page in the order of `rows`, from kept records where they are current and
 * from `build` (the document service) for the others, which are then kept. Keeping is an
 * optimization: a record that cannot be written is logged and the answer still goes out.
 */
export async function exportTexts(
  strapi: Core.Strapi,
  spec: ExportSpec,
  rows: readonly PageRow[],
  build: (documentIds: string[]) => Promise<BuiltEntry[]>,
): Promise<ExportText[]> {
  if (rows.length === 0) return [];
  const links = await linksOf(strapi, linkTables(strapi, spec.uid, spec.populate as Record<string, unknown>), rows.map((r) => r.id));
  const fingerprints = new Map(rows.map((r) => [r.documentId, fingerprintOf(spec, r, links.get(r.id) ?? '')]));
  const keptRows = await keptRowsOf(strapi, spec.uid, [...fingerprints.keys()]);
  // The newest row of each entry (two exports building the same record at once may both write it).
  const kept = new Map<string, KeptRow>();
  for (const row of keptRows) if (row.fingerprint === fingerprints.get(row.entryDocumentId)) kept.set(row.entryDocumentId, row);

  // Current only while everything it embeds is as it showed it.
  const deps = new Map<string, [string, string][]>();
  const wanted = new Set<string>();
  for (const [id, row] of kept) {
    let list: [string, string][];
    try {
      list = JSON.parse(row.deps ?? '[]') as [string, string][];
    } catch {
      kept.delete(id);
      continue;
    }
    deps.set(id, list);
    for (const [dep] of list) wanted.add(dep);
  }
  const now = await currentVersions(strapi, wanted, embeddableTypes(strapi, spec.uid, spec.populate));
  for (const [id, list] of deps) if (!list.every(([dep, at]) => now.get(dep) === at)) kept.delete(id);

  const stale = rows.map((r) => r.documentId).filter((id) => !kept.has(id));
  const built = new Map<string, ExportText & { deps: [string, string][] }>();
  if (stale.length > 0) {
    for (const b of await build(stale)) {
      const json = Buffer.from(JSON.stringify(b.entry));
      built.set(b.documentId, { documentId: b.documentId, json, digest: jsonDigest(json), card: b.card, deps: embeddedVersions(b.read ?? b.entry) });
    }
    await keep(strapi, spec, [...built.values()], fingerprints);
  }
  const out: ExportText[] = [];
  for (const { documentId } of rows) {
    const row = kept.get(documentId);
    if (row) out.push({ documentId, json: row.json, digest: row.digest ?? jsonDigest(row.json), card: row.card === null ? null : (JSON.parse(row.card) as unknown) });
    else {
      const text = built.get(documentId);
      // Unpublished between the two reads: left out, as the document service would.
      if (text) out.push({ documentId, json: text.json, digest: text.digest, card: text.card });
    }
  }
  return out;
}

/** The kept rows of these entries of `uid`, oldest first: the columns a read needs, as the database gives them. */
async function keptRowsOf(strapi: Core.Strapi, uid: string, documentIds: readonly string[]): Promise<KeptRow[]> {
  const meta = strapi.db.metadata.get(RECORD_UID as never);
  const column = (attribute: keyof KeptRow | 'entryUid') => (meta.attributes[attribute] as { columnName?: string } | undefined)?.columnName ?? attribute;
  const fields: (keyof KeptRow)[] = ['id', 'entryDocumentId', 'fingerprint', 'digest', 'deps', 'card'];
  const db = strapi.db.connection;
  // The JSON as bytes: 117 MB at 10,000 events, which reading as text decoded into strings only
  // for the answer to encode them again.
  const client = strapi.db.dialect.client;
  const json =
    client === 'sqlite' ? db.raw('CAST(?? AS BLOB) as ??', [column('json'), 'json'])
    : client === 'postgres' ? db.raw("convert_to(??, 'UTF8') as ??", [column('json'), 'json'])
    : `${column('json')} as json`;
  const rows = (await strapi.db
    .getConnection(meta.tableName)
    .select([...fields.map((f) => `${column(f)} as ${f}`), json])
    .where(column('entryUid'), uid)
    .whereIn(column('entryDocumentId'), [...documentIds])
    .orderBy(column('id'))) as (Omit<KeptRow, 'json'> & { json: Buffer | string })[];
  return rows.map((r) => (typeof r.json === 'string' ? { ...r, json: Buffer.from(r.json) } : (r as KeptRow)));
}

async function keep(strapi: Core.Strapi, spec: ExportSpec, texts: (ExportText & { deps: [string, string][] })[], fingerprints: Map<string, string>) {
  if (texts.length === 0) return;
  const records = strapi.db.query(RECORD_UID as never);
  try {
    await records.deleteMany({ where: { entryUid: spec.uid, entryDocumentId: { $in: texts.map((t) => t.documentId) } } });
    await records.createMany({
      data: texts.map((t) => ({
        entryUid: spec.uid,
        entryDocumentId: t.documentId,
        fingerprint: fingerprints.get(t.documentId)!,
        digest: t.digest,
        deps: JSON.stringify(t.deps),
        card: t.card === undefined || t.card === null ? null : JSON.stringify(t.card),
        json: t.json.toString('utf8'),
      })) as never,
    });
  } catch (err) {
    strapi.log.warn(`[site-export] ${texts.length} export record(s) of ${spec.typeName} could not be kept (they are built again next time): ${(err as Error).message}`);
  }
}

/** Removes the kept records of entries no longer published (nothing reads them again); returns how many. */
export async function forgetUnpublishedRecords(strapi: Core.Strapi): Promise<number> {
  let removed = 0;
  for (const spec of Object.values(EXPORT_SPEC) as ExportSpec[]) {
    const published = new Set(
      ((await strapi.db.query(spec.uid as never).findMany({
        select: ['documentId'],
        where: spec.draftAndPublish ? { publishedAt: { $notNull: true } } : {},
      })) as { documentId: string }[]).map((r) => r.documentId),
    );
    const rows = (await strapi.db.query(RECORD_UID as never).findMany({ select: ['id', 'entryDocumentId'], where: { entryUid: spec.uid } })) as { id: number; entryDocumentId: string }[];
    const gone = rows.filter((r) => !published.has(r.entryDocumentId)).map((r) => r.id);
    for (let i = 0; i < gone.length; i += 500) await strapi.db.query(RECORD_UID as never).deleteMany({ where: { id: { $in: gone.slice(i, i + 500) } } });
    removed += gone.length;
  }
  return removed;
}
