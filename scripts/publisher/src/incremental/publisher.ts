import fs from 'node:fs';
import path from 'node:path';
import { headersFile } from '@cus/serve/headers';
import { siteCodeDigest } from '@cus/site-build';
import * as sitePublisher from '@cus/site/publisher';
import { LocalTarget } from '../deploy/local.ts';
import { ContentStore, type SiteLoader } from './content-store.ts';
import type { ChangedEntries } from './contract.ts';
import { PublisherEngine, type EngineOptions, type PublishReport, type Renderer } from './engine.ts';
import { MediaCache } from './media-files.ts';
import { IncrementalReleases } from './release-writer.ts';
import { DEFAULT_SITE_DIR, ensurePublisherBuild, SiteRenderer, type RendererOptions } from './renderer.ts';
import { sharedWhilePending } from '../shared-while-pending.ts';
import { SearchIndex, type SearchIndexOptions } from './search-index.ts';

// The long-lived publisher put together from its real parts: the local release target, the
// site's own loader (content in memory), the site's publisher build (rendering), the media
// cache. One publisher per process: the site's loader finds its cache through SITE_CACHE_DIR.

/** What the engine uses of `@cus/site/publisher` (helper A's exports). */
export interface SitePublisherModule extends SiteLoader {
  mediaReferences(html: string, siteOrigin: string | null): Set<string>;
}

export interface IncrementalPublisherConfig {
  /** Releases: <deployDir>/releases/<id>/ and <deployDir>/current (deploy/local.ts). */
  deployDir: string;
  /** Releases kept, the live one included (default 5). */
  keep?: number;
  strapiUrl: string;
  strapiToken: string;
  /** The public address (canonical URLs, feeds, sitemap). */
  siteUrl: string;
  /** The site cache (media files, publisher builds); default SITE_CACHE_DIR or site/.cache. */
  cacheDir?: string;
  /**
   * The CMS's upload folder when the CMS runs on this machine (CMS_UPLOADS_DIR, cms/public/uploads):
   * its files are copied from there instead of downloaded (media-files.ts).
   */
  cmsUploadsDir?: string;
  siteDir?: string;
  /** Files others keep in the release (the search index): the reconcile never removes them. */
  preserve?: (file: string) => boolean;
  twoPhases?: boolean;
  /** Extra environment of the publisher build (astro build). */
  buildEnv?: Record<string, string>;
  /** Adds files to each release before its switch (see EngineOptions.beforeSwitch). */
  beforeSwitch?: EngineOptions['beforeSwitch'];
  /** Mirrors each switch elsewhere (the S3 target; see EngineOptions.afterSwitch). */
  afterSwitch?: EngineOptions['afterSwitch'];
  /** Told of each file written into a release draft (see EngineOptions). */
  onFileWritten?: (file: string) => void | Promise<void>;
  /**
   * The search index (search-index.ts): a base made in the background, a delta in every release.
   * Default on, its bases under <deployDir>/search-base; false: the publisher leaves search alone.
   */
  search?: false | Partial<Pick<SearchIndexOptions, 'dir' | 'maxChanges' | 'maxAgeMs'>>;
  /** Search in a quick release of its own right after the pages' (default true; see EngineOptions). */
  searchAfterPages?: boolean;
  /** The site's module (tests may pass one); default `@cus/site/publisher`. */
  site?: SitePublisherModule;
  log?: (line: string) => void;
}

export interface IncrementalPublisher {
  engine: PublisherEngine;
  target: LocalTarget;
  /** The search index, unless `search: false`. */
  search: SearchIndex | null;
  /** Renders what changed since the last run and makes it live (see engine.ts). */
  publish(changed?: ChangedEntries): Promise<PublishReport>;
  /** Full sync, the live release checked against the content and its record; fixes differences (engine.ts). `deep`: every output rendered. */
  reconcile(options?: { deep?: boolean }): Promise<PublishReport>;
  /** Resolves once a full run's memory is returned (engine.ts). */
  memoryReleased(): Promise<void>;
  /** Resolves once the copies of the live release made ahead after the last run are ready (engine.ts). */
  reservesReady(): Promise<void>;
  close(): Promise<void>;
}

/** The search index's files (helper F's base index and deltas): made by the search step, not rendered. */
export const isSearchFile = (file: string) => /^pagefind(-delta)?\//.test(file);

export async function createIncrementalPublisher(cfg: IncrementalPublisherConfig): Promise<IncrementalPublisher> {
  const siteDir = cfg.siteDir ?? DEFAULT_SITE_DIR;
  const cacheDir = path.resolve(cfg.cacheDir ?? process.env.SITE_CACHE_DIR ?? path.join(siteDir, '.cache'));
  // The site's loader writes its media manifests under SITE_CACHE_DIR (site/src/lib/cache-dir.ts).
  process.env.SITE_CACHE_DIR = cacheDir;
  const log = cfg.log ?? ((line: string) => console.log(`[publisher] ${new Date().toISOString()} ${line}`));
  const target = new LocalTarget({ dir: cfg.deployDir, ...(cfg.keep ? { keep: cfg.keep } : {}) });
  // A publish cut short (a crash, a kill) left a draft: never live, removed.
  const unfinished = target.removeUnfinished();
  if (unfinished > 0) log(`removed ${unfinished} unfinished release draft(s)`);
  const releases = new IncrementalReleases(target);
  const site: SitePublisherModule = cfg.site ?? sitePublisher;
  const content = new ContentStore(site, { url: cfg.strapiUrl, token: cfg.strapiToken }, siteDir);

  const rendererOptions: RendererOptions = { cacheDir, siteUrl: cfg.siteUrl, codeDigest: siteCodeDigest, siteDir, log, ...(cfg.buildEnv ? { env: cfg.buildEnv } : {}) };
  let loaded: SiteRenderer | undefined;
  /**
   * The renderer of the site's code as it is now: a new build (and renderer) only when the code
   * changed. The engine asks for it at the start of each run, beside the sync: a run whose sync
   * failed leaves the build going, and the next run waits for it instead of starting a second.
   */
  const renderer = sharedWhilePending(async (): Promise<Renderer> => {
    const build = await ensurePublisherBuild(rendererOptions);
    if (loaded?.build.digest !== build.digest) {
      loaded = await SiteRenderer.load(build);
      if (build.built) log(`publisher build ${build.digest} made in ${(build.durationMs / 1000).toFixed(1)} s`);
    }
    return loaded;
  });

  // A new base index ships at once in a release of its own (a publish: whatever else changed goes with it).
  let shipping: Promise<unknown> = Promise.resolve();
  const search =
    cfg.search === false
      ? null
      : new SearchIndex({
          dir: path.join(cfg.deployDir, 'search-base'),
          ...cfg.search,
          log,
          onBaseReady: () => {
            shipping = engine.publish().then(
              (r) => log(`search: new base index ${r.search?.baseId ?? '?'} live${r.release ? ` in ${r.release}` : ''}`),
              (err: Error) => log(`search: the release with the new base index failed (the next publish ships it): ${err.message}`),
            );
          },
        });

  let uploads: { dir: string; url: string } | undefined;
  if (cfg.cmsUploadsDir) {
    const dir = path.resolve(cfg.cmsUploadsDir);
    if (fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
      uploads = { dir, url: cfg.strapiUrl };
      log(`CMS files are copied from ${dir} (the CMS's /uploads/), the others downloaded`);
    } else log(`CMS_UPLOADS_DIR ${dir} is not a folder: every CMS file is downloaded from ${cfg.strapiUrl}`);
  }
  const engine: PublisherEngine = new PublisherEngine({
    content,
    renderer,
    releases,
    media: new MediaCache({ mediaDir: path.join(cacheDir, 'media'), ...(uploads ? { uploads } : {}) }),
    mediaReferences: site.mediaReferences,
    siteUrl: cfg.siteUrl,
    extraFiles: () => ({ _headers: Buffer.from(headersFile()) }),
    preserve: cfg.preserve ?? isSearchFile,
    ...(cfg.twoPhases !== undefined ? { twoPhases: cfg.twoPhases } : {}),
    ...(cfg.onFileWritten ? { onFileWritten: cfg.onFileWritten } : {}),
    ...(cfg.beforeSwitch ? { beforeSwitch: cfg.beforeSwitch } : {}),
    ...(cfg.afterSwitch ? { afterSwitch: cfg.afterSwitch } : {}),
    ...(search ? { search } : {}),
    liveIndexFile: path.join(target.releasesDir, '.live-index.json'),
    ...(cfg.searchAfterPages !== undefined ? { searchAfterPages: cfg.searchAfterPages } : {}),
    log,
  });
  return {
    engine,
    target,
    search,
    publish: (changed?: ChangedEntries) => engine.publish(changed),
    reconcile: (options) => engine.reconcile(options),
    memoryReleased: () => engine.memoryReleased(),
    reservesReady: () => engine.reservesReady(),
    close: async () => {
      await search?.settled();
      await shipping;
      await engine.close();
      await releases.close();
    },
  };
}
