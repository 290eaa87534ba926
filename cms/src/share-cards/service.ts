import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { file as fileUtils, sanitize } from '@strapi/utils';
import { SHARE_CARD_MIME, shareCardFileName, shareCardText, type ShareCardEvent } from '@cus/shared';
import { JobQueue } from '../images/queue';
import { drawShareCard } from './draw';

// Share cards drawn once, in the background, when an event is published (and again for every
// published event when the site's name changes), never by a site build. A job reads the
// event's published version, lays out its card's text (@cus/shared), and when no card of that
// text exists yet draws the PNG and stores it through the upload provider, as the photo
// variants are (local folder or S3), named from the text's digest (og-<hash16>.png). One row
// per event in a hidden content type (api::share-card) says which card it was last drawn for;
// the export shows it only while it matches the event's current text.
//
// Once a card is recorded, the published row's updatedAt moves on and entry.update is emitted,
// as for an edit: whatever syncs by version (the site's loader, the rebuild service's
// reconcile, the admin's "is it live" status) sees that the exported event changed.
//
// A deleted event's card goes with it (the file too, unless another event shows the same card).
// A failure is logged with the event's slug, kept for status(), and retried on the event's
// next write or the next start; it never reaches the publish that queued it.

const EVENT = 'api::event.event';
const SETTINGS = 'api::site-setting.site-setting';
const CARD = 'api::share-card.share-card';
/** Published events read per query when looking for missing cards. */
const BACKFILL_BATCH = 500;
const QUEUE_MAX = 1000;

export interface ShareCardRecord {
  id: number;
  eventDocumentId: string;
  file: string;
  url: string;
  width: number;
  height: number;
  sizeInBytes?: number | null;
  providerMetadata?: unknown;
}

export interface ShareCardFailure {
  documentId: string;
  slug: string | null;
  error: string;
}

export interface ShareCardsStatus {
  /** Events waiting for their card or being drawn now (a look for missing cards counts as one). */
  pending: number;
  /** Cards that could not be drawn or stored since the start (retried on the event's next write). */
  failed: ShareCardFailure[];
  /** Cards drawn since the start, and the mean time of one (drawing and storing). */
  drawn: number;
  msPerCard: number | null;
}

interface EventRow extends ShareCardEvent {
  id: number;
  documentId: string;
  slug?: string | null;
  publishedAt?: string | Date | null;
  updatedAt?: string | Date | null;
}

/** What a card needs of an event, read straight from the database. */
const CARD_SELECT = ['id', 'documentId', 'slug', 'title', 'type', 'format', 'publishedAt', 'updatedAt'];
const CARD_POPULATE = { dates: { select: ['start', 'end'] }, venue: { select: ['city', 'voivodeship'] } };

interface ProviderFile {
  name: string;
  hash: string;
  ext: string;
  mime: string;
  path: null;
  width: number;
  height: number;
  size: number;
  sizeInBytes: number;
  url?: string;
  provider_metadata?: unknown;
  getStream: () => Readable;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const time = (v: unknown) => (v ? new Date(v as string).getTime() : 0);

export class ShareCards {
  private readonly queue: JobQueue<string>;
  private readonly failures = new Map<string, ShareCardFailure>();
  private backlog: string[] = [];
  private feeding: Promise<void> | null = null;
  private readonly scans = new Set<Promise<void>>();
  private stopped = false;
  private drawn = 0;
  private drawMs = 0;
  /** Resolves (with how many were queued) once the start's look for missing cards is done. */
  started: Promise<number> = Promise.resolve(0);

  constructor(private readonly strapi: Core.Strapi) {
    this.queue = new JobQueue<string>({
      concurrency: 1,
      max: QUEUE_MAX,
      run: (documentId) => this.process(documentId),
      // process() records its own failures; this only catches a bug in that bookkeeping.
      onError: (documentId, error) => this.strapi.log.error(`Share cards: event ${documentId}: ${message(error)}`),
    });
  }

  status(): ShareCardsStatus {
    return {
      pending: this.queue.pending + this.backlog.length + this.scans.size,
      failed: [...this.failures.values()],
      drawn: this.drawn,
      msPerCard: this.drawn > 0 ? Math.round((this.drawMs / this.drawn) * 10) / 10 : null,
    };
  }

  /** Resolves when nothing is looked for, queued, waiting to be queued or being drawn. */
  async onIdle(): Promise<void> {
    while (!this.stopped && (this.scans.size > 0 || this.backlog.length > 0 || this.queue.pending > 0)) {
      await Promise.all([...this.scans]);
      await this.feeding;
      await this.queue.onIdle();
    }
  }

  /** After the settings were saved: a new site name puts every published event's card in line. */
  siteNameSaved(before: string | null): void {
    this.scan(async () => {
      if ((await this.siteName()) !== before) await this.backfill();
    });
  }

  /** Runs a look for cards to draw in the background; onIdle() waits for it; its failure is logged. */
  private scan(look: () => Promise<unknown>): Promise<void> {
    const running: Promise<void> = look()
      .then(() => undefined)
      .catch((error: unknown) => {
        this.strapi.log.error(`Share cards: looking for cards to draw failed: ${message(error)}`);
      })
      .finally(() => this.scans.delete(running));
    this.scans.add(running);
    return running;
  }

  /** Queues an event's card; never waits and never throws (a publish must not wait for it). */
  enqueue(documentId: string): void {
    if (this.stopped) return;
    this.failures.delete(documentId);
    this.backlog.push(documentId);
    this.feed();
  }

  /** At start: cards missing for published events are found and drawn in the background. */
  start(): void {
    let found = 0;
    this.started = this.scan(async () => (found = await this.backfill())).then(() => found);
  }

  /** Takes no new work; a look for missing cards stops at its next batch, a running job finishes. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.backlog = [];
    await Promise.allSettled([...this.scans]);
    await this.queue.stop();
  }

  /**
   * Queues every published event whose card is missing or shows an old text (after a change
   * of the site's name, every one), a batch of events and their cards per query; returns how
   * many. Drawing happens in the background.
   */
  async backfill(): Promise<number> {
    const siteName = await this.siteName();
    if (!siteName) return 0;
    let found = 0;
    let lastId = 0;
    while (!this.stopped) {
      const events = (await this.strapi.db.query(EVENT).findMany({
        where: { publishedAt: { $notNull: true }, id: { $gt: lastId } },
        select: CARD_SELECT,
        populate: CARD_POPULATE,
        orderBy: { id: 'asc' },
        limit: BACKFILL_BATCH,
      })) as EventRow[];
      if (events.length === 0) break;
      lastId = events.at(-1)!.id;
      const records = await this.recordsOf(events.map((e) => e.documentId));
      await this.forgetLostFiles([...records.values()], records);
      for (const event of events) {
        if (records.get(event.documentId)?.file === shareCardFileName(shareCardText(event, { siteName }))) continue;
        found++;
        this.enqueue(event.documentId);
      }
    }
    if (found > 0) this.strapi.log.info(`Share cards: ${found} published event(s) without a current card; drawing in the background.`);
    return found;
  }

  /**
   * Backfill: a recorded card whose file is gone (a restore from a backup without the cards,
   * a hand-cleaned uploads folder) is drawn again. Every row naming that file goes (so neither
   * this event nor a twin reuses the lost file) and is dropped from `records`, so the event is
   * queued as one without a card; until it is drawn the export says null, not a dead link.
   * Only the local provider is checked, on disk; with another provider (S3) a check would be
   * one request per card at every start, so its rows are trusted.
   */
  private async forgetLostFiles(rows: ShareCardRecord[], records: Map<string, ShareCardRecord>): Promise<void> {
    const uploads = this.localUploadsDir();
    if (!uploads) return;
    const lost = [...new Set(rows.map((r) => r.file))].filter((file) => !fs.existsSync(path.join(uploads, path.basename(file))));
    if (lost.length === 0) return;
    await this.strapi.db.query(CARD).deleteMany({ where: { file: { $in: lost } } });
    for (const row of rows) if (lost.includes(row.file)) records.delete(row.eventDocumentId);
    this.strapi.log.warn(`Share cards: ${lost.length} recorded card file(s) missing from the uploads folder (${lost.join(', ')}); drawing them again.`);
  }

  /** The local upload provider's folder (as @strapi/provider-upload-local resolves it), or null for another provider. */
  private localUploadsDir(): string | null {
    const provider = (this.strapi.config.get('plugin::upload') as { provider?: string } | undefined)?.provider ?? 'local';
    return provider === 'local' ? path.resolve(this.strapi.dirs.static.public, 'uploads') : null;
  }

  /** The card rows of these events, by event documentId. */
  async recordsOf(documentIds: readonly string[]): Promise<Map<string, ShareCardRecord>> {
    if (documentIds.length === 0) return new Map();
    const rows = (await this.strapi.db.query(CARD).findMany({ where: { eventDocumentId: { $in: [...documentIds] } } })) as ShareCardRecord[];
    return new Map(rows.map((r) => [r.eventDocumentId, r]));
  }

  async siteName(): Promise<string | null> {
    const settings = (await this.strapi.db.query(SETTINGS).findOne({ select: ['siteName'] })) as { siteName?: string | null } | null;
    return settings?.siteName?.trim() || null;
  }

  /** The event is gone: its card row goes, and the file when no other event shows the same card. */
  private async forget(documentId: string): Promise<void> {
    const record = (await this.recordsOf([documentId])).get(documentId);
    if (!record) return;
    await this.strapi.db.query(CARD).delete({ where: { id: record.id } });
    await this.deleteIfUnused(record);
  }

  /** Moves the queue along without blocking the caller: waits for room in the background. */
  private feed(): void {
    if (this.feeding) return;
    this.feeding = (async () => {
      while (!this.stopped && this.backlog.length > 0) await this.queue.add(this.backlog.shift()!);
    })().finally(() => {
      this.feeding = null;
      if (!this.stopped && this.backlog.length > 0) this.feed();
    });
  }

  private get provider() {
    return this.strapi.plugin('upload').provider as unknown as { delete(file: object): Promise<unknown> };
  }

  private async deleteIfUnused(record: ShareCardRecord): Promise<void> {
    const users = await this.strapi.db.query(CARD).count({ where: { file: record.file } });
    if (users > 0) return;
    const [hash, ext] = [record.file.replace(/\.png$/, ''), '.png'];
    try {
      await this.provider.delete({ hash, ext, url: record.url, mime: SHARE_CARD_MIME, provider_metadata: record.providerMetadata ?? undefined });
    } catch (error) {
      this.strapi.log.warn(`Share cards: could not delete the old card ${record.file}: ${message(error)}`);
    }
  }

  /** Draws the PNG and stores it through the upload provider; the stored file's address and size. */
  private async drawAndStore(file: string, text: ReturnType<typeof shareCardText>): Promise<Omit<ShareCardRecord, 'id' | 'eventDocumentId'>> {
    const started = performance.now();
    const png = await drawShareCard(text);
    const stored: ProviderFile = {
      name: file,
      hash: file.replace(/\.png$/, ''),
      ext: '.png',
      mime: SHARE_CARD_MIME,
      path: null,
      width: png.width,
      height: png.height,
      size: fileUtils.bytesToKbytes(png.data.length),
      sizeInBytes: png.data.length,
      getStream: () => Readable.from(png.data),
    };
    await this.strapi.plugin('upload').service('provider').upload(stored);
    if (!stored.url) throw new Error(`the upload provider gave no address for ${file}`);
    this.drawn++;
    this.drawMs += performance.now() - started;
    return { file, url: stored.url, width: png.width, height: png.height, sizeInBytes: png.data.length, providerMetadata: stored.provider_metadata ?? null };
  }

  /**
   * The published row's version moves on (the draft's too when it was ahead of it, so an
   * unpublished edit still shows as one in the admin) and entry.update goes out, as for an edit.
   */
  private async announce(documentId: string): Promise<void> {
    const rows = (await this.strapi.db.query(EVENT).findMany({ where: { documentId }, select: ['id', 'publishedAt', 'updatedAt'] })) as EventRow[];
    const published = rows.find((r) => r.publishedAt);
    if (!published) return;
    const draft = rows.find((r) => !r.publishedAt);
    const now = Math.max(Date.now(), time(published.updatedAt) + 1);
    await this.strapi.db.query(EVENT).update({ where: { id: published.id }, data: { updatedAt: new Date(now) } });
    if (draft && time(draft.updatedAt) > time(published.updatedAt)) {
      await this.strapi.db.query(EVENT).update({ where: { id: draft.id }, data: { updatedAt: new Date(Math.max(now + 1, time(draft.updatedAt))) } });
    }
    const entry = await this.strapi.db.query(EVENT).findOne({ where: { id: published.id }, select: ['id', 'documentId', 'title', 'slug', 'createdAt', 'updatedAt', 'publishedAt'] });
    const model = this.strapi.getModel(EVENT);
    const sanitized = await sanitize.sanitizers.defaultSanitizeOutput({ schema: model, getModel: (uid: string) => this.strapi.getModel(uid as never) } as never, entry as never);
    await this.strapi.eventHub.emit('entry.update', { model: model.modelName, uid: EVENT, entry: sanitized });
  }

  /** One job: the card of event `documentId`'s published version, drawn if new. Never throws. */
  async process(documentId: string): Promise<void> {
    let slug: string | null = null;
    try {
      const siteName = await this.siteName();
      // Without settings the site cannot be built either; saving them queues every card.
      if (!siteName) return;
      const event = (await this.strapi.db.query(EVENT).findOne({
        where: { documentId, publishedAt: { $notNull: true } },
        select: CARD_SELECT,
        populate: CARD_POPULATE,
      })) as EventRow | null;
      if (!event) {
        // Unpublished: the card stays for the next publish. Deleted: it goes.
        const exists = (await this.strapi.db.query(EVENT).count({ where: { documentId } })) > 0;
        if (!exists) await this.forget(documentId);
        return;
      }
      slug = event.slug ?? null;
      const text = shareCardText(event, { siteName });
      const file = shareCardFileName(text);
      const record = (await this.recordsOf([documentId])).get(documentId);
      if (record?.file === file) return;
      // Another event with the very same card (same title, dates, place…) shares its file.
      const twin = (await this.strapi.db.query(CARD).findOne({ where: { file } })) as ShareCardRecord | null;
      const card = twin
        ? { file, url: twin.url, width: twin.width, height: twin.height, sizeInBytes: twin.sizeInBytes ?? null, providerMetadata: twin.providerMetadata ?? null }
        : await this.drawAndStore(file, text);
      if (this.stopped) return;
      if (record) await this.strapi.db.query(CARD).update({ where: { id: record.id }, data: card });
      else await this.strapi.db.query(CARD).create({ data: { ...card, eventDocumentId: documentId } });
      if (record) await this.deleteIfUnused(record);
      await this.announce(documentId);
      this.failures.delete(documentId);
      this.strapi.log.debug(`Share cards: "${slug}" → ${file}${twin ? ' (shared with another event)' : ''}.`);
    } catch (error) {
      this.failures.set(documentId, { documentId, slug, error: message(error) });
      this.strapi.log.error(`Share cards: the card of event "${slug ?? documentId}" (${documentId}) could not be drawn: ${message(error)}; retried on its next publish or at the next start.`);
    }
  }
}

const instances = new WeakMap<Core.Strapi, ShareCards>();

/** The share cards of this Strapi instance (tests create several in one process). */
export function shareCardsOf(strapi: Core.Strapi): ShareCards {
  let cards = instances.get(strapi);
  if (!cards) {
    cards = new ShareCards(strapi);
    instances.set(strapi, cards);
  }
  return cards;
}
