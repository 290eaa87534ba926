import http from 'node:http';
import { EXPORT_SPEC, PUBLISH_STATUS_MAX_IDS, REBUILD_ENTRY_COLLECTIONS, type RebuildEntriesResponse, type RebuildEntryCollection } from '@cus/shared';
import { listen } from '@cus/serve/static-server';
import type { BuildFailure } from './build-report.ts';
import { fetchContentVersions, liveContentOf, type ContentVersions, type LiveContent, type LiveContentFile } from './content-versions.ts';
import { dispatchToGithub, type GithubConfig } from './github.ts';
import type { ChangedEntries, EntryFailure } from '../incremental/contract.ts';
import { todayInPoland } from '@cus/site/publisher';
import { changedEntries } from './changed-entries.ts';
import type { PublishReport } from '../incremental/engine.ts';
import type { SearchIndex } from '../incremental/search-index.ts';
import { withoutFailedEntries } from '../incremental/live-record.ts';
import { PublishError, publish, type PublishConfig } from './pipeline.ts';
import { BuildScheduler, type Trigger } from './scheduler.ts';
import { secretMatches } from './secret.ts';
import { relevance } from './webhook-events.ts';
import { WebhookScanner } from './webhook-scanner.ts';

// The rebuild service: Strapi's webhook in, a checked build and an atomic deploy out.
//   POST /webhook  Strapi's webhook; needs the shared secret in X-Rebuild-Secret
//   GET  /status   the current and the last builds, as JSON
//   GET  /entries  ?collection=events&documentIds=a,b: what the live release holds of these
//                  entries and whether a build may change them (the CMS's publish status; secret)
//   GET  /health   200 while the service runs
// One log line per webhook and per build. Nothing a sender sends makes it throw: any body gets
// a 4xx, or a 202 that queues a build or says why not. A body is read as a stream (see
// webhook-scanner.ts), so a publish of any size Strapi sends is built.
// Lost webhooks are caught by reconciling: on start and every `reconcileMs` the CMS's content
// versions are compared with those the live release was built from (content-versions.ts).

export interface RebuildConfig {
  secret: string;
  host?: string;
  port?: number;
  quietMs: number;
  maxWaitMs: number;
  /** Largest webhook body read (default 64 MiB, far above what Strapi sends); 413 past it. */
  maxBodyBytes?: number;
  /** A request (a slow body included) that takes longer is cut (default 60 s). */
  requestTimeoutMs?: number;
  /** Where the content versions of the live release are kept (build mode); without it, no reconciling. */
  liveContent?: LiveContentFile;
  /** Compare the CMS with the live release this often, and at start (ms; 0 or unset: never). */
  reconcileMs?: number;
  /** Per request to the CMS when reading versions (default 10 s). */
  cmsTimeoutMs?: number;
  /** Build and deploy here, publish incrementally with the long-lived publisher, or forward each change to CI. */
  mode: { kind: 'build'; publish: PublishConfig } | { kind: 'incremental'; incremental: IncrementalMode } | { kind: 'github'; github: GithubConfig };
  /** Build once at start-up, so the live site matches the CMS. */
  buildOnStart?: boolean;
  log?: (line: string) => void;
  /** Told of every build that went live, with what astro build printed. */
  onDeployed?: (record: BuildRecord, buildLog: string) => void;
}

/** The long-lived publisher (incremental/): renders only what changed; a full reconcile on start, on code change and every `fullReconcileMs`. */
export interface IncrementalMode {
  publisher: {
    publish(changed?: ChangedEntries): Promise<PublishReport>;
    reconcile(options?: { deep?: boolean }): Promise<PublishReport>;
    close(): Promise<void>;
    /** Its search index (null: search is off), for what it reports of its base index. */
    search?: Pick<SearchIndex, 'newestBase' | 'settled'> | null;
    /** Resolves once a full run's memory is returned (engine.ts memoryReleased), for what it reports of its idle memory. */
    memoryReleased?(): Promise<void>;
    /** Resolves once the copies made ahead after the last run are ready (engine.ts reservesReady), for the bench. */
    reservesReady?(): Promise<void>;
  };
  /** Where the CMS's content versions are read (the live record, the reconcile's comparison). */
  strapiUrl: string;
  strapiToken: string;
  /** A full reconcile (every output rendered and compared) at most this often, on a reconcile trigger (default 24 h). */
  fullReconcileMs?: number;
  /** Runs after each publish is live (the draft preview's build when the site code changed); returns a warning, or nothing. */
  afterPublish?: () => Promise<string | undefined>;
  /** Where releases go live: the local folder, or that folder synced to an S3 bucket (default 'local'). */
  target?: 'local' | 's3';
}

export interface BuildRecord {
  id: number;
  changes: number;
  triggers: string[];
  startedAt: string;
  durationMs?: number;
  outcome?: 'deployed' | 'forwarded' | 'failed';
  stage?: string;
  error?: string;
  /** Of a failed build: the entry and field (or the request) that stopped it, as data. */
  failure?: BuildFailure;
  release?: string;
  warning?: string;
  /** Of a deployed build: ms spent building, checking and making it live (the rest: the preview). */
  buildMs?: number;
  checkMs?: number;
  deployMs?: number;
  /** Published with the previous search index; a "search index" build follows. */
  searchDeferred?: boolean;
  pages?: number;
  eventPages?: number;
  pid?: number;
  /** Of an incremental publish: entries that kept their last good page, with entry and field. */
  failures?: EntryFailure[];
  /** Of an incremental publish: what it rendered, wrote and removed, and its timings. */
  publish?: Pick<PublishReport, 'kind' | 'version' | 'pagesRendered' | 'filesWritten' | 'filesRemoved' | 'timings' | 'phases' | 'paths' | 'synced'>;
}

export interface RebuildService {
  url: string;
  scheduler: BuildScheduler;
  status(): ServiceStatus;
  /** Compares the CMS's content with the live release now, and queues a build when they differ. */
  reconcile(): Promise<'same' | 'queued' | 'skipped' | 'failed'>;
  close(): Promise<void>;
}

export interface ServiceStatus {
  mode: string;
  target: string | null;
  building: boolean;
  pending: number;
  current: BuildRecord | null;
  last: BuildRecord[];
  /** The content the live release was built from (build mode with a live-content file), per-entry versions left out. */
  live: Omit<LiveContent, 'versions'> | null;
  reconcile: { everyMs: number; lastAt?: string; lastResult?: string } | null;
}

const HISTORY = 20;

/** The trigger of a build queued because the CMS's content differs from the live release. */
export const RECONCILE_TRIGGER = 'reconcile';
/** The trigger of the build that makes the search index a publish left for later. */
export const SEARCH_INDEX_TRIGGER = 'search index';
/**
 * The trigger of the full publish that follows a publish of named entries: it reads every
 * version list (finding nothing new, unless a change reached an entry the named ones did not
 * lead to) and records what the live release holds.
 */
export const CHECK_TRIGGER = 'check after a publish of named entries';

export async function startRebuildService(cfg: RebuildConfig): Promise<RebuildService> {
  const log = cfg.log ?? ((line: string) => console.log(`[rebuild] ${new Date().toISOString()} ${line}`));
  const maxBody = cfg.maxBodyBytes ?? 64 * 1024 * 1024;
  const reconcileInfo: ServiceStatus['reconcile'] = cfg.liveContent && cfg.mode.kind !== 'github' ? { everyMs: cfg.reconcileMs ?? 0 } : null;
  let lastFullReconcile = Date.now();
  /** The day in Poland of the last incremental publish: "upcoming" on the pages changes at midnight. */
  let publishedOnDay = todayInPoland();
  /** Why the incremental publisher should run although the CMS did not change, or null. */
  const incrementalDue = (): string | null => {
    if (cfg.mode.kind !== 'incremental') return null;
    if (Date.now() - lastFullReconcile >= (cfg.mode.incremental.fullReconcileMs ?? 24 * 3_600_000)) return 'the periodic full reconcile is due';
    if (todayInPoland() !== publishedOnDay) return 'a new day (upcoming events become past ones)';
    return null;
  };
  const history: BuildRecord[] = [];
  let current: BuildRecord | null = null;
  let counter = 0;
  /** The changes the running build covers. */
  let building: Trigger[] = [];
  const abort = new AbortController();
  /** The CMS content a build failed on: not built again by reconciling until it changes (a webhook still builds). */
  let failedDigest: string | undefined;

  async function run(triggers: Trigger[]): Promise<void> {
    const record: BuildRecord = {
      id: ++counter,
      changes: triggers.length,
      triggers: triggers.slice(0, 20).map((t) => t.reason),
      startedAt: new Date().toISOString(),
    };
    current = record;
    building = triggers;
    const started = Date.now();
    let content: Promise<ContentVersions | null> = Promise.resolve(null);
    let checkAfter = false;
    try {
      if (cfg.mode.kind === 'github') {
        await dispatchToGithub(cfg.mode.github, triggers);
        record.outcome = 'forwarded';
      } else if (cfg.mode.kind === 'incremental') {
        const { publisher, fullReconcileMs = 24 * 3_600_000 } = cfg.mode.incremental;
        const full = triggers.some((t) => t.reason === RECONCILE_TRIGGER) && Date.now() - lastFullReconcile >= fullReconcileMs;
        // Webhooks that named their entries: only those are read (no version list of every
        // collection); the check that follows reads the CMS's versions and records the release.
        const changed = full ? undefined : changedEntries(triggers);
        if (changed) checkAfter = true;
        else if (cfg.liveContent) content = contentNow().catch(() => null);
        const day = todayInPoland();
        const report = await (full ? publisher.reconcile() : publisher.publish(changed));
        if (report.kind === 'reconcile') lastFullReconcile = Date.now();
        publishedOnDay = day;
        const versions = await content;
        const previous = cfg.liveContent?.read() ?? null;
        // The release live now: this run's, or the one it left live (made by a run before it,
        // the named publish a check follows, or the publisher's own search release).
        const release = report.live ?? previous?.release ?? null;
        if (versions && cfg.liveContent && release) {
          try {
            cfg.liveContent.write(liveContentOf(withoutFailedEntries(versions, report.failures, previous), release, previous));
          } catch (err) {
            log(`could not record the live release's content in ${cfg.liveContent.file}: ${(err as Error).message}`);
          }
        }
        record.outcome = 'deployed';
        if (release) record.release = release;
        record.pages = report.paths;
        record.failures = report.failures;
        record.publish = { kind: report.kind, version: report.version, pagesRendered: report.pagesRendered, filesWritten: report.filesWritten, filesRemoved: report.filesRemoved, timings: report.timings, phases: report.phases, paths: report.paths, synced: report.synced };
        const warning = await cfg.mode.incremental.afterPublish?.();
        if (warning) record.warning = warning;
        cfg.onDeployed?.(record, '');
      } else {
        // What the CMS holds as the build starts: recorded as the live release's content once it
        // is live. A change during the build has its own webhook; one lost then is caught later.
        if (cfg.liveContent) content = contentNow().catch(() => null);
        // A change goes live first; a large site's search index follows in a build of its own.
        const searchOnly = triggers.every((t) => t.reason === SEARCH_INDEX_TRIGGER);
        const result = await publish(cfg.mode.publish, { onSpawn: (pid) => (record.pid = pid), signal: abort.signal, searchIndex: searchOnly ? 'now' : 'later' });
        const versions = await content;
        if (versions && cfg.liveContent) {
          try {
            cfg.liveContent.write(liveContentOf(versions, result.release, cfg.liveContent.read()));
          } catch (err) {
            log(`could not record the live release's content in ${cfg.liveContent.file}: ${(err as Error).message}`);
          }
        }
        record.outcome = 'deployed';
        record.release = result.release;
        record.pages = result.check.pages;
        record.eventPages = result.check.eventPages;
        if (result.warning) record.warning = result.warning;
        Object.assign(record, { buildMs: result.buildMs, checkMs: result.checkMs, deployMs: result.deployMs });
        if (result.searchDeferred) record.searchDeferred = true;
        cfg.onDeployed?.(record, result.buildLog);
      }
    } catch (err) {
      record.outcome = 'failed';
      record.error = (err as Error).message;
      if (err instanceof PublishError) {
        record.stage = err.stage;
        if (err.failure) record.failure = err.failure;
      } else if (err instanceof Error && 'stage' in err && typeof err.stage === 'string') {
        // The incremental publisher's error: its stage, and the entries that failed before it stopped.
        record.stage = err.stage;
        const failures = (err as { failures?: EntryFailure[] }).failures;
        if (failures?.length) record.failures = failures;
      }
      failedDigest = (await content)?.digest;
    } finally {
      record.durationMs = Date.now() - started;
      delete record.pid;
      current = null;
      building = [];
      history.unshift(record);
      history.length = Math.min(history.length, HISTORY);
      const what =
        record.outcome === 'failed'
          ? `FAILED${record.stage ? ` at ${record.stage}` : ''}: ${record.error}`
          : record.outcome === 'forwarded'
            ? 'forwarded to CI'
            : record.publish
              ? `${record.publish.kind === 'reconcile' ? 'reconciled' : 'published'} ${record.release}: ${record.publish.pagesRendered} of ${record.pages} outputs rendered, ${record.publish.filesWritten} files written, ${record.publish.filesRemoved} removed${record.failures?.length ? `; ${record.failures.length} entries kept their last good page (${record.failures.slice(0, 3).map((f) => `${f.type} ${f.slug ?? f.documentId ?? ''} ${f.field ?? ''}`.trim()).join('; ')})` : ''}`
              : `deployed ${record.release} (${record.pages} pages)${record.searchDeferred ? '; the search index follows' : ''}${record.warning ? `; ${record.warning}` : ''}`;
      log(`build #${record.id} for ${record.changes} change(s) ${what} in ${(record.durationMs / 1000).toFixed(1)} s`);
      if (record.searchDeferred) scheduler.notify(SEARCH_INDEX_TRIGGER);
      if (checkAfter) scheduler.notify(CHECK_TRIGGER);
    }
  }

  const scheduler = new BuildScheduler(run, { quietMs: cfg.quietMs, maxWaitMs: cfg.maxWaitMs });

  function contentNow(): Promise<ContentVersions> {
    if (cfg.mode.kind === 'github') return Promise.reject(new Error('not building here'));
    const { strapiUrl, strapiToken } = cfg.mode.kind === 'build' ? cfg.mode.publish : cfg.mode.incremental;
    return fetchContentVersions({ url: strapiUrl, token: strapiToken, timeoutMs: cfg.cmsTimeoutMs ?? 10_000, signal: abort.signal });
  }

  let reconciling = false;
  async function reconcile(): Promise<'same' | 'queued' | 'skipped' | 'failed'> {
    if (!cfg.liveContent || !reconcileInfo || reconciling) return 'skipped';
    // A build running or due covers whatever changed.
    if (scheduler.isBuilding || scheduler.pendingCount > 0) return 'skipped';
    reconciling = true;
    reconcileInfo.lastAt = new Date().toISOString();
    try {
      const now = await contentNow();
      if (scheduler.isBuilding || scheduler.pendingCount > 0) return (reconcileInfo.lastResult = 'skipped');
      const live = cfg.liveContent.read();
      if (cfg.mode.kind === 'incremental' && incrementalDue()) {
        log(`reconcile: ${incrementalDue()}: queued a publish`);
        scheduler.notify(RECONCILE_TRIGGER);
        return (reconcileInfo.lastResult = 'queued');
      }
      if (live?.digest === now.digest) {
        // A record written before per-entry versions were kept: the same content, so add them.
        if (!live.versions) cfg.liveContent.write(liveContentOf(now, live.release, null, live.recordedAt));
        return (reconcileInfo.lastResult = 'same');
      }
      if (failedDigest === now.digest) {
        reconcileInfo.lastResult = 'differs, but the last build of this content failed';
        return 'skipped';
      }
      log(`reconcile: the CMS's content (${now.entries} entries and files) differs from ${live ? `release ${live.release}` : 'what is live (nothing recorded)'}: queued a build`);
      scheduler.notify(RECONCILE_TRIGGER);
      return (reconcileInfo.lastResult = 'queued');
    } catch (err) {
      log(`reconcile: could not read the CMS's versions: ${(err as Error).message}`);
      reconcileInfo.lastResult = `failed: ${(err as Error).message}`;
      return 'failed';
    } finally {
      reconciling = false;
    }
  }

  const liveSummary = (): ServiceStatus['live'] => {
    const live = cfg.liveContent?.read();
    if (!live) return null;
    const { versions: _versions, ...summary } = live;
    return summary;
  };

  const status = (): ServiceStatus => ({
    mode: cfg.mode.kind,
    target: cfg.mode.kind === 'build' ? cfg.mode.publish.target.name : cfg.mode.kind === 'incremental' ? (cfg.mode.incremental.target ?? 'local') : null,
    building: scheduler.isBuilding,
    pending: scheduler.pendingCount,
    current,
    last: history,
    live: liveSummary(),
    reconcile: reconcileInfo,
  });

  /** GET /entries: the answer, or a 400 message. */
  function entries(query: URLSearchParams): RebuildEntriesResponse | string {
    const collection = query.get('collection') ?? '';
    if (!(REBUILD_ENTRY_COLLECTIONS as readonly string[]).includes(collection)) return `collection must be one of ${REBUILD_ENTRY_COLLECTIONS.join(', ')}`;
    const ids = [...new Set((query.get('documentIds') ?? '').split(',').filter(Boolean))];
    if (ids.length === 0 || ids.length > PUBLISH_STATUS_MAX_IDS || !ids.every((id) => /^[A-Za-z0-9_-]{1,64}$/.test(id))) {
      return `documentIds must be 1 to ${PUBLISH_STATUS_MAX_IDS} documentIds, comma-separated`;
    }
    const live = cfg.liveContent?.read() ?? null;
    const versions = live?.versions?.[collection] ?? {};
    // The export's type name is the model Strapi's webhook names.
    const model = EXPORT_SPEC[collection as RebuildEntryCollection].typeName;
    const waiting = [...building, ...scheduler.pendingTriggers];
    // Only changes whose webhook named the entry; one not tied to an entry (media, reconcile) is in `pending`.
    const pendingFor = (id: string) => waiting.some((t) => t.entry !== undefined && t.entry.model === model && t.entry.documentId === id);
    const out: RebuildEntriesResponse['entries'] = {};
    for (const id of ids) {
      const v = Object.hasOwn(versions, id) ? versions[id] : undefined;
      out[id] = { liveVersion: v?.[0] ?? null, liveSince: v?.[1] ?? null, pending: pendingFor(id) };
    }
    const last = history[0];
    const failedAfterLive = last?.outcome === 'failed' && (!live || last.startedAt > live.recordedAt);
    // An incremental publish that went live while some entries kept their last good page: the first one, named.
    const entryFailure = !failedAfterLive && last?.outcome === 'deployed' ? last.failures?.find((f) => f.documentId && ids.includes(f.documentId)) ?? last.failures?.[0] : undefined;
    return {
      live: live ? { release: live.release, since: live.recordedAt } : null,
      building: scheduler.isBuilding,
      pending: scheduler.pendingCount,
      entries: out,
      lastFailure: failedAfterLive
        ? { at: last.startedAt, error: last.error ?? '', ...(last.failure ? { failure: last.failure } : {}) }
        : entryFailure
          ? { at: last!.startedAt, error: entryFailure.message, failure: entryFailure }
          : null,
    };
  }

  function authorized(req: http.IncomingMessage): boolean {
    const presented = req.headers['x-rebuild-secret'];
    return secretMatches(Array.isArray(presented) ? presented[0] : presented, cfg.secret);
  }

  const json = (res: http.ServerResponse, code: number, body: unknown) => {
    if (res.headersSent || res.writableEnded) return;
    res.writeHead(code, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body, null, 2));
  };

  function webhook(req: http.IncomingMessage, res: http.ServerResponse) {
    const from = req.socket.remoteAddress ?? '?';
    const presented = req.headers['x-rebuild-secret'];
    if (!secretMatches(Array.isArray(presented) ? presented[0] : presented, cfg.secret)) {
      log(`webhook from ${from} refused: ${presented ? 'wrong' : 'no'} secret`);
      // Don't read what an unknown sender sends.
      res.setHeader('connection', 'close');
      json(res, 401, { error: 'unauthorized' });
      req.resume();
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) {
      log(`webhook from ${from} refused: body of ${declared} bytes over the ${maxBody}-byte limit`);
      res.setHeader('connection', 'close');
      json(res, 413, { error: 'payload too large' });
      req.resume();
      return;
    }
    const scanner = new WebhookScanner();
    let size = 0;
    let answered = false;
    const answer = (code: number, body: unknown, line: string) => {
      if (answered) return;
      answered = true;
      log(line);
      json(res, code, body);
    };
    req.on('data', (chunk: Buffer) => {
      if (answered) return; // drained and dropped
      size += chunk.length;
      if (size > maxBody) {
        res.setHeader('connection', 'close');
        answer(413, { error: 'payload too large' }, `webhook from ${from} refused: body over the ${maxBody}-byte limit`);
        return;
      }
      // A body that is already unreadable is not scanned further (the rest is drained).
      if (!scanner.failed) scanner.write(chunk);
    });
    req.on('error', (err) => log(`webhook from ${from}: the body could not be read (${err.message})`));
    req.on('aborted', () => log(`webhook from ${from}: the sender went away before the body ended`));
    req.on('end', () => {
      if (answered) return;
      const scan = scanner.end();
      const header = req.headers['x-strapi-event'];
      const eventHeader = Array.isArray(header) ? header[0] : header;
      if (scan.notAnObject && !scan.error) {
        answer(400, { error: 'the body is not a JSON object' }, `webhook from ${from} refused: the body is not a JSON object`);
        return;
      }
      const r = relevance(eventHeader, scan.payload, scan.error);
      if (scan.error && !r.relevant) {
        answer(400, { error: `the body is not a webhook: ${scan.error}` }, `webhook from ${from} refused: the body is not JSON (${scan.error})`);
        return;
      }
      if (!r.relevant) {
        answer(202, { accepted: true, queued: false, why: r.why }, `webhook ${(scan.payload.event ?? eventHeader ?? '?').slice(0, 80)} ignored: ${r.why}`);
        return;
      }
      scheduler.notify(r.reason, r.entry);
      answer(
        202,
        { accepted: true, queued: true, ...(scan.error ? { warning: `the body could not be read whole (${scan.error}); built anyway` } : {}) },
        `webhook ${r.reason.slice(0, 300)}: queued (${scheduler.pendingCount} pending${scheduler.isBuilding ? ', a build is running' : ''}; ${size} bytes)`,
      );
    });
  }

  const server = http.createServer((req, res) => {
    try {
      const { pathname, searchParams } = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'POST' && (pathname === '/webhook' || pathname === '/')) return webhook(req, res);
      if (req.method === 'GET' && pathname === '/status') return json(res, 200, status());
      if (req.method === 'GET' && pathname === '/entries') {
        if (!authorized(req)) return json(res, 401, { error: 'unauthorized' });
        const answer = entries(searchParams);
        return typeof answer === 'string' ? json(res, 400, { error: answer }) : json(res, 200, answer);
      }
      if (req.method === 'GET' && pathname === '/health') return json(res, 200, { ok: true, pid: process.pid });
      json(res, 404, { error: 'not found' });
    } catch (err) {
      // Never reached by design; if it is, the one request fails, not the service.
      log(`request ${req.method} ${String(req.url).slice(0, 200)} failed: ${(err as Error).stack ?? err}`);
      res.setHeader('connection', 'close');
      json(res, 500, { error: 'internal error' });
    }
  });
  server.requestTimeout = cfg.requestTimeoutMs ?? 60_000;
  server.headersTimeout = Math.min(server.requestTimeout, 60_000);
  const url = await listen(server, cfg.port ?? 4300, cfg.host ?? '127.0.0.1');
  const where = cfg.mode.kind === 'build' ? `builds deploy to ${cfg.mode.publish.target.name}` : cfg.mode.kind === 'incremental' ? `the publisher renders what changed into local releases${cfg.mode.incremental.target === 's3' ? ', synced to S3' : ''}` : `changes go to GitHub ${cfg.mode.github.repository}`;
  log(`listening on ${url} (${where})`);
  if (cfg.buildOnStart) scheduler.notify('startup');
  else void reconcile();
  const reconcileTimer = reconcileInfo && reconcileInfo.everyMs > 0 ? setInterval(() => void reconcile(), reconcileInfo.everyMs) : undefined;
  reconcileTimer?.unref();

  return {
    url,
    scheduler,
    status,
    reconcile,
    async close() {
      clearInterval(reconcileTimer);
      abort.abort();
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
      await scheduler.stop();
      if (cfg.mode.kind === 'incremental') await cfg.mode.incremental.publisher.close();
    },
  };
}
