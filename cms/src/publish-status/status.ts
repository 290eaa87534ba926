import type { Core } from '@strapi/strapi';
import type { EntryPublishStatus, PublishStatusResponse, RebuildEntriesResponse } from '@cus/shared';
import { MESSAGES, TYPES, failedMessage, liveMessage } from './messages';
import { STATUS_TYPES, pageUrl, type StatusUid } from './paths';
import { askRebuildService } from './rebuild-client';

// Whether the public site shows each entry's published version: the entry's published row
// (the version a build reads) compared with the version the rebuild service says is live.

interface PublishedRow {
  documentId: string;
  slug?: string | null;
  updatedAt: string | Date;
  event?: { documentId: string } | null;
}

/** The public site's address: PUBLIC_SITE_URL, else the site settings' own. */
async function siteUrl(strapi: Core.Strapi): Promise<string | undefined> {
  const fromEnv = process.env.PUBLIC_SITE_URL?.trim();
  if (fromEnv) return fromEnv;
  try {
    const settings = (await strapi.db.query('api::site-setting.site-setting' as never).findOne({ select: ['siteUrl'] })) as { siteUrl?: string | null } | null;
    return settings?.siteUrl?.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The name of the entry a failure names (title or name), where it still exists. */
async function failureTitle(strapi: Core.Strapi, rebuild: RebuildEntriesResponse): Promise<string | undefined> {
  const f = rebuild.lastFailure?.failure;
  const type = f?.type ? TYPES[f.type] : undefined;
  if (!f || !type || !f.documentId) return undefined;
  const uid = type.uid;
  const nameField = (STATUS_TYPES as Record<string, { nameField: string }>)[uid]?.nameField ?? 'title';
  try {
    const row = (await strapi.db.query(uid as never).findOne({ where: { documentId: f.documentId }, select: [nameField] })) as Record<string, unknown> | null;
    const name = row?.[nameField];
    return typeof name === 'string' && name ? name : undefined;
  } catch {
    return undefined;
  }
}

export async function publishStatus(strapi: Core.Strapi, uid: StatusUid, documentIds: string[], now = new Date()): Promise<PublishStatusResponse> {
  const type = STATUS_TYPES[uid];
  const isGallery = uid === 'api::gallery.gallery';
  const rows = (await strapi.documents(uid as never).findMany({
    filters: { documentId: { $in: documentIds } },
    status: 'published',
    fields: ['slug', 'updatedAt'],
    ...(isGallery ? { populate: { event: { fields: ['documentId'] } } } : {}),
    limit: documentIds.length,
  } as never)) as unknown as PublishedRow[];
  // A gallery is public only while its event is (the published gallery points at the published event).
  const published = new Map(rows.filter((r) => !isGallery || r.event).map((r) => [r.documentId, r]));
  const [rebuild, site] = await Promise.all([
    published.size > 0 ? askRebuildService(type.collection, [...published.keys()]) : Promise.resolve(null),
    siteUrl(strapi),
  ]);
  const title = rebuild?.lastFailure ? await failureTitle(strapi, rebuild) : undefined;

  const data: Record<string, EntryPublishStatus> = {};
  for (const id of documentIds) {
    const row = published.get(id);
    if (!row) {
      const waits = isGallery && rows.some((r) => r.documentId === id);
      data[id] = { state: 'not-public', message: waits ? MESSAGES.galleryWaits : MESSAGES.notPublic };
      continue;
    }
    const url = pageUrl(site, uid, row.slug);
    const withUrl = url ? { url } : {};
    const entry = rebuild?.entries[id];
    if (!rebuild || !entry) {
      data[id] = { state: 'unknown', message: MESSAGES.unknown, ...withUrl };
      continue;
    }
    const version = new Date(row.updatedAt).toISOString();
    if (entry.liveVersion === version) {
      const since = entry.liveSince ?? rebuild.live?.since;
      data[id] = { state: 'live', ...(since ? { since } : {}), ...withUrl, message: since ? liveMessage(since, now) : 'Na stronie' };
    } else if (rebuild.building || rebuild.pending > 0 || entry.pending || !rebuild.lastFailure) {
      // Being built, waiting, or about to be told (the webhook follows the save; a lost one is reconciled).
      data[id] = { state: 'updating', ...withUrl, message: MESSAGES.updating };
    } else {
      const failure = rebuild.lastFailure.failure;
      data[id] = { state: 'failed', ...withUrl, message: failedMessage(failure, title), ...(failure ? { failure } : {}) };
    }
  }
  return { data };
}
