import fs from 'node:fs';
import path from 'node:path';
import { copyFromUploads, type CmsUploads } from '@cus/site/publisher';

// CMS files for the release: every /media/<file> a page refers to comes from the media cache
// the site's loader and media step share (<site cache>/media/files/<name>), downloaded from the
// CMS only when the cache lacks it, written beside and renamed in (never half a file). Where
// each file comes from: the manifests the loader writes per collection (file name → URL). When
// the CMS keeps its uploads on this machine (Strapi's local provider, `uploads`), a file it serves
// from there is copied from its folder instead: no HTTP answer per file from a CMS that is busy
// with the same cold start (11,000 files, 735 MB at 10,000 events).

export interface MediaCacheOptions {
  /** <site cache>/media: manifest-<collection>.json and files/. */
  mediaDir: string;
  /** Per download (default 60 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /**
   * The CMS's upload folder (e.g. cms/public/uploads) and the CMS address whose /uploads/ serves it:
   * a file whose URL is `<url>/uploads/<name>` is copied from `<dir>/<name>`. A file missing there,
   * or any other URL (an S3 provider's), is downloaded.
   */
  uploads?: CmsUploads;
}

export class MediaCache {
  readonly mediaDir: string;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;
  private readonly pending = new Map<string, Promise<string>>();
  /**
   * Names whose cached file this run has seen or made: a cold start at 10,000 events asks for
   * 114,000 references of 11,000 files, and each need not stat the disk. Forgotten at each
   * refresh (each run): a cache emptied behind the publisher's back is filled again by the next run.
   */
  private readonly present = new Set<string>();
  /** The cache's folder, made once per run. */
  private madeDir: Promise<unknown> | undefined;
  private origins: Map<string, string> | undefined;
  /** Every manifest was read whole by the last refresh (none was being rewritten). */
  private originsWhole = false;
  /** The CMS's upload folder and the address whose /uploads/ serves it, when configured. */
  private readonly uploads: CmsUploads | undefined;

  constructor(opts: MediaCacheOptions) {
    this.mediaDir = opts.mediaDir;
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.fetchFn = opts.fetch ?? fetch;
    this.uploads = opts.uploads;
  }

  get filesDir(): string {
    return path.join(this.mediaDir, 'files');
  }

  /** Reads the manifests again (after each sync: the loader rewrote them). */
  refresh(): void {
    this.present.clear();
    this.madeDir = undefined;
    const out = new Map<string, string>();
    let whole = true;
    if (fs.existsSync(this.mediaDir)) {
      for (const name of fs.readdirSync(this.mediaDir)) {
        if (!/^manifest-.+\.json$/.test(name)) continue;
        try {
          const files = JSON.parse(fs.readFileSync(path.join(this.mediaDir, name), 'utf8')) as Record<string, string>;
          for (const [file, origin] of Object.entries(files)) if (typeof origin === 'string') out.set(file, origin);
        } catch {
          // A manifest being rewritten: the next sync writes it whole.
          whole = false;
        }
      }
    }
    this.origins = out;
    this.originsWhole = whole;
  }

  /**
   * Removes the cached files no stored entry mentions any more (the manifests, as the last
   * refresh read them) and `keep` does not name (the live release's): a replaced or deleted
   * file's old name, which would otherwise stay for good. Run after a full sync's refresh, when
   * the manifests list every entry's files. Releases keep their own links to their files.
   * Nothing is removed when a manifest could not be read (being rewritten, damaged): null then.
   */
  prune(keep: ReadonlySet<string>): { removed: number } | null {
    if (!this.origins) this.refresh();
    if (!this.originsWhole) return null;
    if (!fs.existsSync(this.filesDir)) return { removed: 0 };
    let removed = 0;
    for (const name of fs.readdirSync(this.filesDir)) {
      // A file being written (".part") is another writer's.
      if (this.origins!.has(name) || keep.has(name) || name.endsWith('.part') || this.pending.has(name)) continue;
      fs.rmSync(path.join(this.filesDir, name), { force: true });
      this.present.delete(name);
      removed++;
    }
    return { removed };
  }

  /** The cached file of `name`, downloaded first when missing. Throws naming the file and why. */
  file(name: string): Promise<string> {
    if (!/^[\w.-]+$/.test(name)) return Promise.reject(new Error(`"${name}" is not a media file name.`));
    const cached = path.join(this.filesDir, name);
    if (this.present.has(name)) return Promise.resolve(cached);
    if (fs.existsSync(cached)) {
      this.present.add(name);
      return Promise.resolve(cached);
    }
    let p = this.pending.get(name);
    if (!p) {
      p = this.download(name, cached)
        .then((file) => (this.present.add(name), file))
        .finally(() => this.pending.delete(name));
      this.pending.set(name, p);
    }
    return p;
  }

  private async download(name: string, cached: string): Promise<string> {
    if (!this.origins) this.refresh();
    const origin = this.origins!.get(name);
    if (!origin) throw new Error(`/media/${name} is mentioned by no CMS entry.`);
    this.madeDir ??= fs.promises.mkdir(this.filesDir, { recursive: true }).catch((err: unknown) => {
      this.madeDir = undefined;
      throw err;
    });
    await this.madeDir;
    const part = `${cached}.${process.pid}.part`;
    // The CMS's own /uploads/<name> is copied from its folder (the site's copyFromUploads, as a static build does).
    if (await copyFromUploads(this.uploads, name, origin, cached, part)) return cached;
    let bytes: Uint8Array | undefined;
    // A busy CMS drops a connection now and then ("fetch failed", HTTP 5xx): tried once more at
    // once, so that one dropped request does not hold back the page (e.g. a new event's share card).
    for (let attempt = 1; !bytes; attempt++) {
      try {
        const res = await this.fetchFn(origin, { signal: AbortSignal.timeout(this.timeoutMs) });
        if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { transient: res.status >= 500 });
        bytes = new Uint8Array(await res.arrayBuffer());
      } catch (err) {
        const e = err as Error & { transient?: boolean };
        const transient = e.transient ?? e.name !== 'TimeoutError';
        if (attempt < 2 && transient) continue;
        throw new Error(`${origin} could not be downloaded: ${e.message}${attempt > 1 ? ' (tried twice)' : ''}`, { cause: err });
      }
    }
    await fs.promises.writeFile(part, bytes);
    await fs.promises.rename(part, cached);
    return cached;
  }
}
