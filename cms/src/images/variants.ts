import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { file as fileUtils, sanitize } from '@strapi/utils';
import { readImageVariantsConfig, type ImageVariantsConfig } from './config';
import {
  encodeVariant,
  isVariantKey,
  orientedSize,
  targetWidths,
  VARIANT_FORMATS,
  VARIANT_SOURCE_MIMES,
  variantKey,
} from './encode';
import { JobQueue } from './queue';

// Responsive variants of every uploaded photo, made once, in the background, after the upload
// request has returned. Each variant is stored through the configured upload provider (local
// folder or S3) beside the original and recorded in the file's `formats` JSON next to Strapi's
// thumbnail, with the same fields as Strapi's own formats. Once a file's variants are recorded,
// `media.update` is emitted as Strapi's upload service does: the rebuild webhook fires and the
// site is built again with them.
//
// Variant file names carry a digest of the original's bytes, so the variants of new content get
// new URLs (a replaced file also gets a new hash: cms/patches, @strapi/upload's replace).

const FILE_UID = 'plugin::upload.file';

export interface FormatEntry {
  name: string;
  hash: string;
  ext: string;
  mime: string;
  path: string | null;
  width: number;
  height: number;
  size: number;
  sizeInBytes: number;
  url: string;
  provider_metadata?: unknown;
}

export interface FileRow {
  id: number;
  name: string;
  hash: string;
  ext: string;
  mime: string;
  url: string;
  width?: number | null;
  height?: number | null;
  formats?: Record<string, FormatEntry> | null;
  provider: string;
  provider_metadata?: unknown;
}

export interface VariantFailure {
  id: number;
  name: string;
  error: string;
}

export interface ImageVariantsStatus {
  /** Files waiting for their variants or being encoded now. */
  pending: number;
  /** Files whose variants could not be made since the start (not retried until replaced). */
  failed: VariantFailure[];
  widths: number[];
}

/** The file a variant is stored as, shaped like the ones Strapi hands to its provider. */
interface ProviderFile extends Omit<FormatEntry, 'url'> {
  url?: string;
  getStream: () => Readable;
  stream?: Readable;
  buffer?: Buffer;
}

interface UploadProvider {
  delete(file: object): Promise<unknown>;
  isPrivate(): Promise<boolean> | boolean;
  getSignedUrl(file: object): Promise<{ url: string }> | { url: string };
}

/** A job found its file replaced or deleted while it ran: its work is thrown away. */
class Superseded extends Error {}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const q = (s: string) => `„${s}”`;

/**
 * The upload plugin's defaults would fight the variants: responsive formats (small, medium,
 * large) duplicate them, and size optimization re-encodes the original without its EXIF
 * orientation unless auto-orientation is on, so a portrait photo from a phone would be stored,
 * and its variants made, lying on its side. Kept so at every start; config/plugins.ts sets no
 * breakpoints as well, so switching responsive formats back on in the admin has no effect.
 */
export async function alignUploadSettings(strapi: Core.Strapi): Promise<boolean> {
  const store = strapi.store({ type: 'plugin', name: 'upload', key: 'settings' });
  const current = ((await store.get({})) ?? {}) as Record<string, unknown>;
  if (current.responsiveDimensions === false && current.autoOrientation === true) return false;
  await store.set({ value: { ...current, responsiveDimensions: false, autoOrientation: true } });
  strapi.log.info('Biblioteka mediów: wyłączono formaty small/medium/large (zastępują je warianty obrazów), włączono obracanie zdjęć według EXIF.');
  return true;
}

export class ImageVariants {
  readonly config: ImageVariantsConfig;
  private readonly queue: JobQueue<number>;
  private readonly failures = new Map<number, VariantFailure>();
  /** Bumped when a file is replaced or deleted: a job started before that discards its work. */
  private readonly generations = new Map<number, number>();
  /** Files whose content Strapi is replacing right now: their jobs wait for the new content. */
  private readonly replacing = new Set<number>();
  private backlog: number[] = [];
  private stopped = false;

  constructor(private readonly strapi: Core.Strapi, config?: ImageVariantsConfig) {
    this.config = config ?? readImageVariantsConfig(process.env, (m) => strapi.log.warn(`Warianty obrazów: ${m}`));
    this.queue = new JobQueue<number>({
      concurrency: this.config.concurrency,
      max: this.config.queueMax,
      run: (id) => this.process(id),
      // process() records its own failures; this only catches a bug in that bookkeeping.
      onError: (id, error) => this.strapi.log.error(`Warianty obrazów: plik #${id}: ${message(error)}`),
    });
  }

  status(): ImageVariantsStatus {
    return {
      pending: this.queue.pending + this.backlog.length,
      failed: [...this.failures.values()],
      widths: [...this.config.widths],
    };
  }

  private get providerName(): string {
    return this.strapi.config.get('plugin::upload.provider', 'local') as string;
  }

  private get provider(): UploadProvider {
    return this.strapi.plugin('upload').provider as unknown as UploadProvider;
  }

  /** Photos stored by the current provider; others (PDF, GIF, SVG, old providers) are left alone. */
  isCandidate(row: Pick<FileRow, 'mime' | 'provider'> | null | undefined): boolean {
    return !!row && VARIANT_SOURCE_MIMES.includes(row.mime) && row.provider === this.providerName;
  }

  /** Variant keys the file should have, judged from its stored size and any variant it has. */
  expectedKeys(row: FileRow): string[] | null {
    if (!row.width || !row.height) return null;
    const variants = Object.entries(row.formats ?? {}).filter(([key]) => isVariantKey(key));
    const sample = variants[0]?.[1];
    if (!sample) return null;
    // Strapi stores the size before EXIF rotation when it did not rotate the original itself;
    // the variants show which way the photo stands.
    const sameWay = sample.width >= sample.height === row.width >= row.height;
    const shownWidth = sameWay ? row.width : row.height;
    return targetWidths(shownWidth, this.config.widths).flatMap((w) => VARIANT_FORMATS.map((f) => variantKey(f.format, w)));
  }

  /** Whether the file has exactly the variants of the current width set. */
  isComplete(row: FileRow): boolean {
    const expected = this.expectedKeys(row);
    if (!expected) return false;
    const present = Object.keys(row.formats ?? {}).filter(isVariantKey);
    return present.length === expected.length && expected.every((key) => present.includes(key));
  }

  /** Queues a freshly stored file; waits for room when the queue is full (backpressure). */
  async enqueue(row: Pick<FileRow, 'id' | 'mime' | 'provider'>): Promise<void> {
    if (this.stopped || !this.isCandidate(row)) return;
    this.failures.delete(row.id);
    await this.queue.add(row.id);
  }

  /**
   * Before a file's stored content changes (replace) or goes (remove): a running job for it is
   * told to throw its work away and awaited, a waiting one dropped, so Strapi then sees every
   * variant that was recorded and deletes them, and none is recorded behind its back.
   */
  private async settle(id: number): Promise<void> {
    this.generations.set(id, this.generation(id) + 1);
    this.failures.delete(id);
    this.queue.remove(id);
    this.backlog = this.backlog.filter((b) => b !== id);
    await this.queue.whenDone(id);
  }

  /** The file's content is about to be replaced; call endReplace() after, then enqueue(). */
  async beginReplace(id: number): Promise<void> {
    this.replacing.add(id);
    await this.settle(id);
  }

  endReplace(id: number): void {
    this.replacing.delete(id);
  }

  /** The file is about to be deleted: nothing more is made for it. */
  async forget(id: number): Promise<void> {
    await this.settle(id);
  }

  async start(): Promise<void> {
    await alignUploadSettings(this.strapi);
    const { widths, concurrency, queueMax } = this.config;
    this.strapi.log.info(
      `Warianty obrazów: AVIF, WebP i JPEG o szerokościach ${widths.join(', ')} px; ` +
        `kodowanie w tle (równolegle: ${concurrency}, kolejka do ${queueMax}).`,
    );
    await this.resume();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.backlog = [];
    await this.queue.stop();
  }

  /**
   * After a restart: every photo without the variants of the current width set (uploaded
   * while the CMS was down, cut short by a restart, or the widths changed) is queued again.
   * Found at once, then fed to the queue in the background so the start does not wait.
   */
  async resume(): Promise<number> {
    const found: number[] = [];
    let lastId = 0;
    for (;;) {
      const rows = (await this.strapi.db.query(FILE_UID).findMany({
        select: ['id', 'mime', 'width', 'height', 'formats', 'provider'],
        where: { id: { $gt: lastId }, mime: { $in: VARIANT_SOURCE_MIMES } },
        orderBy: { id: 'asc' },
        limit: 500,
      })) as FileRow[];
      if (rows.length === 0) break;
      for (const row of rows) {
        if (this.isCandidate(row) && !this.isComplete(row) && !this.failures.has(row.id)) found.push(row.id);
      }
      lastId = rows[rows.length - 1]!.id;
    }
    if (found.length > 0) {
      this.strapi.log.info(`Warianty obrazów: ${found.length} plik(ów) bez aktualnych wariantów; kodowanie w tle.`);
      this.backlog.push(...found);
      void this.feed();
    }
    return found.length;
  }

  private async feed(): Promise<void> {
    while (!this.stopped && this.backlog.length > 0) {
      await this.queue.add(this.backlog.shift()!);
    }
  }

  private generation(id: number): number {
    return this.generations.get(id) ?? 0;
  }

  private async readOriginal(row: FileRow): Promise<Buffer> {
    if (row.url.startsWith('/')) {
      // Local provider: /uploads/<hash><ext> under the public folder.
      const publicDir = path.resolve(this.strapi.dirs.static.public);
      const file = path.resolve(publicDir, `.${decodeURIComponent(row.url.split(/[?#]/)[0]!)}`);
      if (!file.startsWith(publicDir + path.sep)) throw new Error(`niedozwolony adres pliku ${row.url}`);
      return fs.readFile(file);
    }
    let url = row.url;
    if (await this.provider.isPrivate()) url = (await this.provider.getSignedUrl(row)).url;
    const res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
    if (!res.ok) throw new Error(`pobranie oryginału z ${new URL(url).host} nie powiodło się (HTTP ${res.status})`);
    return Buffer.from(await res.arrayBuffer());
  }

  private async deleteQuietly(files: object[]): Promise<void> {
    await Promise.all(
      files.map((f) =>
        this.provider.delete(f).catch((error: unknown) => {
          this.strapi.log.warn(`Warianty obrazów: nie usunięto pliku ${(f as FormatEntry).hash}: ${message(error)}`);
        }),
      ),
    );
  }

  private async emitUpdate(row: object): Promise<void> {
    // As the upload service does for media.update: the sanitized row under `media`.
    const schema = this.strapi.getModel(FILE_UID);
    const media = await sanitize.sanitizers.defaultSanitizeOutput(
      { schema, getModel: (uid: string) => this.strapi.getModel(uid as never) } as never,
      row as never,
    );
    await this.strapi.eventHub.emit('media.update', { media });
  }

  /** One job: encode, store and record the variants of file `id`. Never throws. */
  async process(id: number): Promise<void> {
    const generation = this.generation(id);
    let row: FileRow | null = null;
    const uploaded: ProviderFile[] = [];
    try {
      // Queued again once the replace is done.
      if (this.replacing.has(id)) return;
      row = (await this.strapi.db.query(FILE_UID).findOne({ where: { id } })) as FileRow | null;
      if (!row || !this.isCandidate(row)) return;
      const current = row;
      const original = await this.readOriginal(current);
      const digest = crypto.createHash('sha256').update(original).digest('hex').slice(0, 8);
      const shown = await orientedSize(original);
      const base = path.basename(current.name, path.extname(current.name));
      const thumbnailPath = current.formats?.thumbnail?.path ?? null;

      const entries: Record<string, FormatEntry> = {};
      for (const width of targetWidths(shown.width, this.config.widths)) {
        for (const { format, ext, mime } of VARIANT_FORMATS) {
          const key = variantKey(format, width);
          const hash = `${key}_${current.hash}_${digest}`;
          const existing = current.formats?.[key];
          if (existing?.hash === hash) {
            // Same content, same width: made by an earlier run (e.g. before the widths changed).
            entries[key] = existing;
            continue;
          }
          const encoded = await encodeVariant(original, width, format);
          if (this.stopped || this.generation(id) !== generation) throw new Superseded();
          const file: ProviderFile = {
            name: `${key}_${base}${ext}`,
            hash,
            ext,
            mime,
            path: thumbnailPath,
            width: encoded.width,
            height: encoded.height,
            size: fileUtils.bytesToKbytes(encoded.data.length),
            sizeInBytes: encoded.data.length,
            getStream: () => Readable.from(encoded.data),
          };
          // Strapi's provider service: streams (or buffers) the file to the provider, which sets url.
          await this.strapi.plugin('upload').service('provider').upload(file);
          uploaded.push(file);
          if (!file.url) throw new Error(`dostawca plików nie podał adresu dla ${file.name}`);
          entries[key] = {
            name: file.name,
            hash: file.hash,
            ext: file.ext,
            mime: file.mime,
            path: file.path,
            width: file.width,
            height: file.height,
            size: file.size,
            sizeInBytes: file.sizeInBytes,
            url: file.url,
            ...(file.provider_metadata ? { provider_metadata: file.provider_metadata } : {}),
          };
        }
      }

      // Record against the row as it is now: Strapi or an editor may have changed other fields.
      if (this.stopped || this.generation(id) !== generation) throw new Superseded();
      const fresh = (await this.strapi.db.query(FILE_UID).findOne({ where: { id } })) as FileRow | null;
      if (!fresh) throw new Superseded();
      const formats: Record<string, FormatEntry> = {};
      const obsolete: FormatEntry[] = [];
      for (const [key, entry] of Object.entries(fresh.formats ?? {})) {
        if (!isVariantKey(key)) formats[key] = entry;
        else if (entries[key]?.hash !== entry.hash) obsolete.push(entry);
      }
      Object.assign(formats, entries);
      // A new version of the file for whoever compares versions (the site's sync, kept export records).
      const data: Record<string, unknown> = { formats, updatedAt: new Date() };
      // Strapi leaves width and height empty for AVIF originals (sharp calls the format "heif").
      if (!fresh.width || !fresh.height) Object.assign(data, shown);
      const updated = (await this.strapi.db.query(FILE_UID).update({ where: { id }, data })) as FileRow | null;
      if (!updated) throw new Superseded();
      uploaded.length = 0;
      await this.emitUpdate(updated);
      if (obsolete.length > 0 && fresh.provider === this.providerName) await this.deleteQuietly(obsolete);
      this.strapi.log.debug(`Warianty obrazów: ${q(current.name)} (#${id}): ${Object.keys(entries).length} wariantów.`);
    } catch (error) {
      // Whatever this job stored and did not record is removed: no orphans in the bucket.
      if (uploaded.length > 0) await this.deleteQuietly(uploaded);
      if (error instanceof Superseded) {
        this.strapi.log.debug(`Warianty obrazów: plik #${id} zmieniono lub usunięto w trakcie kodowania; pominięto.`);
        return;
      }
      const name = row?.name ?? `#${id}`;
      this.failures.set(id, { id, name, error: message(error) });
      this.strapi.log.error(`Warianty obrazów: nie udało się przygotować wariantów pliku ${q(name)} (#${id}): ${message(error)}`);
    }
  }
}
