import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { timingSafeEqual, createHash } from 'node:crypto';
import { EXPORT_DRAFTS_ACTION, EXPORT_FILES, EXPORT_MAX_IDS, EXPORT_MAX_PAGE_SIZE, EXPORT_SPEC, type ExportCollection, type ExportSpec, type ShareCardEvent } from '@cus/shared';
import { cardFieldsOf, shareCardsFor } from '../../../share-cards/export';
import { exportPage } from '../../../site-export-page';
import { refreshBodyImages } from '../../../site-export-body-images';
import { withBodyHtml } from '../../../site-export-body-html';
import { digestOf, exportTexts, jsonDigest, type ExportText, type PageRow } from '../../../export-records/records';

/** An object's JSON bytes with one more field (its value as JSON) at its end, as if it had been set last before stringifying. */
const withField = (json: Buffer, key: string, valueJson: string) =>
  Buffer.concat([json.subarray(0, -1), Buffer.from(`${json.length > 2 ? ',' : ''}${JSON.stringify(key)}:${valueJson}}`)]);

// The site's content feed: published entries with exactly the fields of the shared export
// spec, read through the document service. It answers the same envelope as Strapi's REST list
// but without the generic per-field sanitizing pass (which took 2/3 of REST's time at 10,000
// events): nothing is returned that the spec does not name, and the spec names public fields only.
// Each published entry is sent from the record the CMS keeps of it while that is current
// (export-records/): a full export moves kept data instead of populating 10,000 events again.
//
//   ?page=1&pageSize=500       a page of entries (pageSize at most 1000), oldest id first, with
//                              `digests`: each entry's documentId → a hash that moves whenever
//                              its bytes as sent do, so a sync compares versions without
//                              serializing every entry again
//   ?since=<ISO time>          only entries changed after it
//   ?ids=<documentId>,…        only these entries (at most 200)
//   ?view=versions             every published entry as [documentId, updatedAt]: what an
//                              incremental sync compares against (also for "files")
//   ?status=draft              drafts instead (also GET …/<collection>/drafts), for the preview
//                              server only: its API token must be granted the "drafts" action and
//                              it must send X-Preview-Secret (PREVIEW_SECRET); a build never can

interface Auth {
  credentials?: { type?: string } | null;
  ability?: { can(action: string): boolean } | null;
}
type Ctx = {
  params: { collection?: string };
  query: Record<string, unknown>;
  body: unknown;
  type?: string;
  state: { auth?: Auth };
  get(header: string): string;
};

/** A token that may read drafts: the preview's custom token (or a full-access one). */
function tokenMayReadDrafts(ctx: Ctx): boolean {
  const auth = ctx.state.auth;
  if (auth?.credentials?.type === 'full-access') return true;
  return auth?.credentials?.type === 'custom' && auth.ability?.can(EXPORT_DRAFTS_ACTION) === true;
}

/** Drafts only for the preview's token together with PREVIEW_SECRET (compared in constant time). */
function mayReadDrafts(ctx: Ctx): boolean {
  if (!tokenMayReadDrafts(ctx)) return false;
  const expected = process.env.PREVIEW_SECRET ?? '';
  const given = ctx.get('x-preview-secret');
  if (!expected || !given) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

const DOCUMENT_ID = /^[a-z0-9]{10,40}$/;

function positiveInt(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new errors.ValidationError(`${name} must be a whole number from 1 to ${max}`);
  return n;
}

/** The site uses a file format's address, size and type only: the rest halves the payload. */
function slimFormats(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(slimFormats);
  if (!value || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === 'formats' && v && typeof v === 'object' && typeof o.mime === 'string') {
      out.formats = Object.fromEntries(
        Object.entries(v as Record<string, Record<string, unknown>>).map(([name, f]) => [name, { url: f.url, width: f.width, height: f.height, mime: f.mime, size: f.size }]),
      );
    } else out[k] = slimFormats(v);
  }
  return out;
}

/**
 * A gallery is public only while its event is (document-middlewares/gallery-follows-event.ts):
 * a published gallery's event relation points at the event's published version, so it is
 * empty while the event is a draft or withdrawn.
 */
const GALLERY_UID = 'api::gallery.gallery';
const withPublishedEvent = { event: { publishedAt: { $notNull: true } } };

async function versions(strapi: Core.Strapi, uid: string, draftAndPublish: boolean): Promise<[string, string][]> {
  const rows = (await strapi.db.query(uid as never).findMany({
    where: {
      ...(draftAndPublish ? { publishedAt: { $notNull: true } } : {}),
      ...(uid === GALLERY_UID ? withPublishedEvent : {}),
    },
    select: ['documentId', 'updatedAt'],
    orderBy: { id: 'asc' },
  })) as { documentId: string; updatedAt: Date | string }[];
  return rows.map((r) => [r.documentId, new Date(r.updatedAt).toISOString()]);
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function find(ctx: Ctx) {
    const name = ctx.params.collection ?? '';
    const view = ctx.query.view;
    if (name === 'files') {
      if (view !== 'versions') throw new errors.ValidationError('files: only ?view=versions');
      ctx.body = { data: await versions(strapi, EXPORT_FILES.uid, false) };
      return;
    }
    if (!Object.hasOwn(EXPORT_SPEC, name)) throw new errors.NotFoundError(`No export of "${name}"`);
    const spec = EXPORT_SPEC[name as ExportCollection];
    if (view === 'versions') {
      ctx.body = { data: await versions(strapi, spec.uid, spec.draftAndPublish) };
      return;
    }
    if (view !== undefined) throw new errors.ValidationError(`Unknown view "${String(view)}"`);

    const filters: Record<string, unknown> = {};
    if (ctx.query.since !== undefined) {
      const since = new Date(String(ctx.query.since));
      if (Number.isNaN(since.getTime())) throw new errors.ValidationError('since must be an ISO date-time');
      filters.updatedAt = { $gt: since.toISOString() };
    }
    if (ctx.query.ids !== undefined) {
      const ids = String(ctx.query.ids).split(',').filter(Boolean);
      if (ids.length > EXPORT_MAX_IDS || !ids.every((id) => DOCUMENT_ID.test(id))) {
        throw new errors.ValidationError(`ids must be at most ${EXPORT_MAX_IDS} documentIds, comma-separated`);
      }
      filters.documentId = { $in: ids };
    }
    const page = positiveInt(ctx.query.page, 'page', 1, 1_000_000);
    const pageSize = positiveInt(ctx.query.pageSize, 'pageSize', 500, EXPORT_MAX_PAGE_SIZE);
    const documents = strapi.documents(spec.uid as never);
    const wantsDrafts = ctx.query.status === 'draft';
    if (ctx.query.status !== undefined && !wantsDrafts) throw new errors.ValidationError('status may only be "draft"');
    if (wantsDrafts && !mayReadDrafts(ctx)) throw new errors.ForbiddenError('Drafts are for the preview server only');
    const status = spec.draftAndPublish ? { status: wantsDrafts ? ('draft' as const) : ('published' as const) } : {};
    // Drafts (the preview) show a gallery whatever its event's state; the public site does not.
    if (spec.uid === GALLERY_UID && !wantsDrafts) Object.assign(filters, { event: { documentId: { $notNull: true } } });
    const derivesCard = (spec as { derived?: readonly string[] }).derived?.includes('shareCard') ?? false;
    /** Entries as the export sends them (share card not yet added), photos in rich text as the Media Library holds them now. */
    const read = async (query: Record<string, unknown>) => {
      // Copies: Strapi fills in the populate object it is given, and the spec's must stay as written (export-records/ digests it).
      const data = (await documents.findMany({ fields: [...spec.fields], populate: structuredClone(spec.populate), sort: 'id:asc', ...query, ...status } as never)) as Record<string, unknown>[];
      await refreshBodyImages(strapi, spec.uid, data);
      return data.map((e) => slimFormats(e) as Record<string, unknown>);
    };
    /** What is sent of an entry as read: its rich text rendered where the spec says so (site-export-body-html.ts). */
    const renderedBody = (spec as ExportSpec).renderedBody;
    const sent = (entry: Record<string, unknown>) => (renderedBody ? withBodyHtml(entry, renderedBody) : entry);
    const start = (page - 1) * pageSize;
    let texts: ExportText[];
    let total: number;
    if (wantsDrafts) {
      // The preview's drafts change with every keystroke saved: read as they are, never kept.
      const [data, count] = await Promise.all([read({ filters, start, limit: pageSize }), documents.count({ filters, ...status } as never)]);
      texts = data.map((e) => {
        const json = Buffer.from(JSON.stringify(sent(e)));
        return { documentId: String(e.documentId), json, digest: jsonDigest(json), card: derivesCard ? cardFieldsOf(e) : null };
      });
      total = count;
    } else {
      // Published entries: their ids first (cheap), then each from its kept record while current (export-records/).
      const [rows, count] = await Promise.all([
        documents.findMany({ fields: ['updatedAt'], filters, sort: 'id:asc', start, limit: pageSize, ...status } as never) as Promise<PageRow[]>,
        documents.count({ filters, ...status } as never),
      ]);
      texts = await exportTexts(strapi, spec, rows, async (ids) =>
        (await read({ filters: { documentId: { $in: ids } } })).map((entry) => ({ documentId: String(entry.documentId), entry: sent(entry), read: entry, card: derivesCard ? cardFieldsOf(entry) : null })),
      );
      total = count;
    }
    // Fields the spec names as derived are not Strapi's: each event's share card (share-cards/), added last.
    const cards = derivesCard ? await shareCardsFor(strapi, texts.map((t) => ({ ...(t.card as ShareCardEvent), documentId: t.documentId }))) : undefined;
    const items = texts.map((t) => {
      if (!cards) return { documentId: t.documentId, bytes: t.json, digest: t.digest };
      const card = JSON.stringify(cards.get(t.documentId) ?? null);
      return { documentId: t.documentId, bytes: withField(t.json, 'shareCard', card), digest: digestOf(t.digest, [card]) };
    });
    const meta = { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } };
    ctx.type = 'application/json';
    // Bytes, not a string: Koa would measure a string's UTF-8 length and then encode it again.
    ctx.body = exportPage(items, meta);
  }

  return {
    find,
    async drafts(ctx: Ctx) {
      ctx.query = { ...ctx.query, status: 'draft' };
      return find(ctx);
    },
  };
};
