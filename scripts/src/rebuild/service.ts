import http from 'node:http';
import { listen } from '../static-server.ts';
import { dispatchToGithub, type GithubConfig } from './github.ts';
import { PublishError, publish, type PublishConfig } from './pipeline.ts';
import { BuildScheduler, type Trigger } from './scheduler.ts';
import { secretMatches } from './secret.ts';
import { relevance, type WebhookPayload } from './webhook-events.ts';

// The rebuild service: Strapi's webhook in, a checked build and an atomic deploy out.
//   POST /webhook  Strapi's webhook; needs the shared secret in X-Rebuild-Secret
//   GET  /status   the current and the last builds, as JSON
//   GET  /health   200 while the service runs
// One log line per webhook and per build.

export interface RebuildConfig {
  secret: string;
  host?: string;
  port?: number;
  quietMs: number;
  maxWaitMs: number;
  maxBodyBytes?: number;
  /** Build and deploy here, or forward each change to CI. */
  mode: { kind: 'build'; publish: PublishConfig } | { kind: 'github'; github: GithubConfig };
  /** Build once at start-up, so the live site matches the CMS. */
  buildOnStart?: boolean;
  log?: (line: string) => void;
  /** Told of every build that went live, with what astro build printed. */
  onDeployed?: (record: BuildRecord, buildLog: string) => void;
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
}

export interface RebuildService {
  url: string;
  scheduler: BuildScheduler;
  status(): { mode: string; target: string | null; building: boolean; pending: number; current: BuildRecord | null; last: BuildRecord[] };
  close(): Promise<void>;
}

const HISTORY = 20;
/** The trigger of the build that makes the search index a publish left for later. */
export const SEARCH_INDEX_TRIGGER = 'search index';

export async function startRebuildService(cfg: RebuildConfig): Promise<RebuildService> {
  const log = cfg.log ?? ((line: string) => console.log(`[rebuild] ${new Date().toISOString()} ${line}`));
  const maxBody = cfg.maxBodyBytes ?? 256 * 1024;
  const history: BuildRecord[] = [];
  let current: BuildRecord | null = null;
  let counter = 0;
  const abort = new AbortController();

  async function run(triggers: Trigger[]): Promise<void> {
    const record: BuildRecord = {
      id: ++counter,
      changes: triggers.length,
      triggers: triggers.slice(0, 20).map((t) => t.reason),
      startedAt: new Date().toISOString(),
    };
    current = record;
    const started = Date.now();
    try {
      if (cfg.mode.kind === 'github') {
        await dispatchToGithub(cfg.mode.github, triggers);
        record.outcome = 'forwarded';
      } else {
        // A change goes live first; a large site's search index follows in a build of its own.
        const searchOnly = triggers.every((t) => t.reason === SEARCH_INDEX_TRIGGER);
        const result = await publish(cfg.mode.publish, { onSpawn: (pid) => (record.pid = pid), signal: abort.signal, searchIndex: searchOnly ? 'now' : 'later' });
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
      if (err instanceof PublishError) record.stage = err.stage;
    } finally {
      record.durationMs = Date.now() - started;
      delete record.pid;
      current = null;
      history.unshift(record);
      history.length = Math.min(history.length, HISTORY);
      const what =
        record.outcome === 'failed'
          ? `FAILED${record.stage ? ` at ${record.stage}` : ''}: ${record.error}`
          : record.outcome === 'forwarded'
            ? 'forwarded to CI'
            : `deployed ${record.release} (${record.pages} pages)${record.searchDeferred ? '; the search index follows' : ''}${record.warning ? `; ${record.warning}` : ''}`;
      log(`build #${record.id} for ${record.changes} change(s) ${what} in ${(record.durationMs / 1000).toFixed(1)} s`);
      if (record.searchDeferred) scheduler.notify(SEARCH_INDEX_TRIGGER);
    }
  }

  const scheduler = new BuildScheduler(run, { quietMs: cfg.quietMs, maxWaitMs: cfg.maxWaitMs });

  const status = () => ({
    mode: cfg.mode.kind,
    target: cfg.mode.kind === 'build' ? cfg.mode.publish.target.name : null,
    building: scheduler.isBuilding,
    pending: scheduler.pendingCount,
    current,
    last: history,
  });

  const json = (res: http.ServerResponse, code: number, body: unknown) => {
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
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBody) {
        refused = true;
        log(`webhook from ${from} refused: body over the ${maxBody}-byte limit`);
        res.setHeader('connection', 'close');
        json(res, 413, { error: 'payload too large' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      let payload: WebhookPayload;
      try {
        payload = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as WebhookPayload) : {};
      } catch {
        log(`webhook from ${from} refused: body is not JSON`);
        json(res, 400, { error: 'body is not JSON' });
        return;
      }
      const header = req.headers['x-strapi-event'];
      const r = relevance(Array.isArray(header) ? header[0] : header, payload);
      if (!r.relevant) {
        log(`webhook ${payload.event ?? header ?? '?'} ignored: ${r.why}`);
        json(res, 202, { accepted: true, queued: false, why: r.why });
        return;
      }
      scheduler.notify(r.reason);
      log(`webhook ${r.reason}: queued (${scheduler.pendingCount} pending${scheduler.isBuilding ? ', a build is running' : ''})`);
      json(res, 202, { accepted: true, queued: true });
    });
  }

  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'POST' && (pathname === '/webhook' || pathname === '/')) return webhook(req, res);
    if (req.method === 'GET' && pathname === '/status') return json(res, 200, status());
    if (req.method === 'GET' && pathname === '/health') return json(res, 200, { ok: true });
    json(res, 404, { error: 'not found' });
  });
  const url = await listen(server, cfg.port ?? 4300, cfg.host ?? '127.0.0.1');
  log(`listening on ${url} (${cfg.mode.kind === 'build' ? `builds deploy to ${cfg.mode.publish.target.name}` : `changes go to GitHub ${cfg.mode.github.repository}`})`);
  if (cfg.buildOnStart) scheduler.notify('startup');

  return {
    url,
    scheduler,
    status,
    async close() {
      abort.abort();
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
      await scheduler.stop();
    },
  };
}
