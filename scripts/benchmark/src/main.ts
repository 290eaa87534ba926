import crypto from 'node:crypto';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LocalTarget } from '@cus/publisher/deploy/local';
import { baseIdOf } from '@cus/publisher/incremental';
import { publishEvent } from '@cus/publisher/publishing-stack';
import type { BuildRecord, ServiceStatus } from '@cus/publisher/service';
import { siteHeaders } from '@cus/serve/headers';
import { createStaticServer, listen } from '@cus/serve/static-server';
import { buildSite, SITE_DIR } from '@cus/site-build';
import { cmsRequest, startCmsIn, waitForImageVariants as waitForVariants, type CmsProcess } from '@cus/testing/cms-process';
import { freePort } from '@cus/testing/free-port';
import { strapiSecrets, generatePassword } from '@cus/cms-admin/secrets';
import { gzipBytes, htmlFiles, median, seconds, treeRssMb, watchTreePeakRss } from './measure.ts';
import type { ImportReply } from './import-process.ts';
import type { BenchReply, BenchRequest } from './publisher-process.ts';
import { formatProfile, publisherSteps, slowestStep, type ProfileStep } from './publish-profile.ts';
import { imagesEncoded } from './release-images.ts';

// ./scripts/bench: loads a synthetic corpus into a fresh CMS and measures the publisher as
// ./scripts/start runs it (the rebuild service in incremental mode, its own process, the CMS's
// webhooks, releases served over HTTP by the static server): its cold start and memory, a full
// reconcile with nothing changed, edits and new events from the REST write until the static
// server serves them, and (unless --no-baseline) the comparison with the approach of Astro's
// Strapi guide. Prints a table and where the time goes, and writes bench-results.json.
// Everything lives in .bench/ (or --work; emptied first but for the corpora).

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const USAGE = `./scripts/bench [--events N] [--reuse] [--no-baseline] [--publishes N] [--new-events N] [--photos N]
  [--gallery-share F] [--baseline-events N] [--baseline-photos N] [--seed N] [--out FILE] [--work DIR]
  --events N      events in the generated corpus (default 10000)
  --reuse         keep the corpus database of an earlier run with the same --events and --seed
  --no-baseline   skip the comparison with the approach of Astro's Strapi guide
  --publishes N   edits of one event's title, each timed until it is served (default 5)
  --new-events N  new events published, each timed until its page and the listing show it (default 3)
  --corpus-only   make the corpus (and its variants and share cards) and stop: measure later with --reuse
  --import-mb N   the importer's dry run on a generated WordPress export of N MB (default 50; 0: skipped)
  --media-over-http  the publisher and the baseline's static build download every CMS file over HTTP (as with an S3 upload provider)
                  instead of copying it from the CMS's upload folder as ./scripts/start configures it
Prints a table and writes bench-results.json (or --out).`;
const OPTIONS = {
  events: { type: 'string', default: '10000' },
  seed: { type: 'string', default: '1' },
  photos: { type: 'string', default: '120' },
  'gallery-share': { type: 'string', default: '0.1' },
  'no-baseline': { type: 'boolean', default: false },
  'baseline-events': { type: 'string', default: '20' },
  'baseline-photos': { type: 'string', default: '6' },
  publishes: { type: 'string', default: '5' },
  'new-events': { type: 'string', default: '3' },
  out: { type: 'string', default: path.join(ROOT, 'bench-results.json') },
  work: { type: 'string', default: path.join(ROOT, '.bench') },
  reuse: { type: 'boolean', default: false },
  'corpus-only': { type: 'boolean', default: false },
  'import-mb': { type: 'string', default: '50' },
  'media-over-http': { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;
const { values } = (() => {
  try {
    return parseArgs({ options: OPTIONS });
  } catch (err) {
    // A mistyped option: say which and how to call it, not a stack trace.
    console.error(`[bench] ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
})();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const EVENTS = Number(values.events);
const WORK = path.resolve(values.work);
const log = (line: string) => console.log(`[bench] ${line}`);
const HOUR = 3_600_000;

function run(cmd: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (line.startsWith('[corpus]')) console.log(line);
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

/**
 * A CMS database with a generated corpus, and the CMS started on it. With --reuse, a corpus made
 * by an earlier run with the same arguments is kept (loading 10,000 events takes half an hour).
 */
async function corpusCms(name: string, args: string[], env: Record<string, string> = {}) {
  const dir = path.join(WORK, name);
  const stamp = path.join(dir, 'corpus.json');
  const made = fs.existsSync(stamp) ? (JSON.parse(fs.readFileSync(stamp, 'utf8')) as { args: string[]; admin: { email: string; password: string } }) : null;
  let admin = { email: 'bench@cus.test', password: generatePassword() };
  let loadMs = 0;
  if (values.reuse && made && JSON.stringify(made.args) === JSON.stringify(args)) {
    admin = made.admin;
    log(`reusing the corpus in ${path.relative(ROOT, dir)}`);
  } else {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
    const dbEnv = { ENV_PATH: path.join(dir, 'no-env-file'), DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db'), PUBLIC_DIR: path.join(dir, 'public'), ...strapiSecrets() };
    const started = Date.now();
    await run(process.execPath, [path.join(ROOT, 'scripts/benchmark/src/corpus/generate.ts'), ...args], dbEnv);
    loadMs = Date.now() - started;
  }
  const cms = await startCmsIn(dir, admin, env);
  fs.writeFileSync(stamp, JSON.stringify({ args, admin }));
  if (loadMs === 0) await undoEarlierMeasurements(cms);
  await waitForImageVariants(cms);
  return { cms, dir, loadMs };
}

const NEW_EVENT_TITLE = 'Nowe wydarzenie pomiaru';
/** The marker a measured edit appends to a title: " (pomiar<n>x<8 hex>)". */
const EDIT_MARKERS = / \(pomiar\d+x[0-9a-f]{8}\)/g;

/**
 * A reused corpus as it was generated: the events earlier runs added are deleted (they are dated
 * after the corpus, and enough of them would push the next run's new event off the listing's
 * front page the run waits for), before the publisher starts.
 */
async function undoEarlierMeasurements(cms: CmsProcess) {
  const query = `/api/events?filters[title][$startsWith]=${encodeURIComponent(NEW_EVENT_TITLE)}&fields[0]=title&pagination[pageSize]=100`;
  for (let left = await cmsRequest(cms, 'GET', query); left.data.length > 0; left = await cmsRequest(cms, 'GET', query)) {
    for (const e of left.data as { documentId: string }[]) await cmsRequest(cms, 'DELETE', `/api/events/${e.documentId}`);
    log(`deleted ${left.data.length} event(s) earlier runs added`);
  }
}

/** Photo variants and share cards are made in the CMS's background queue: measure with them made. */
async function waitForImageVariants(cms: CmsProcess) {
  const started = Date.now();
  let last = -1;
  await waitForVariants(cms.url, cms.readToken, {
    timeoutMs: 2 * HOUR,
    onProgress: (pending) => {
      if (pending !== last && (last < 0 || pending % 50 === 0)) log(`image variants and share cards: ${pending} still queued`);
      last = pending;
    },
  });
  log(`image variants and share cards ready after ${seconds(Date.now() - started)} s`);
}

/** The publisher (publisher-process.ts) as a child process: its replies, its exit. */
class PublisherProcess {
  readonly child: ChildProcess;
  readonly logFile: string;
  exited: string | null = null;
  private readonly waiting = new Set<(reply: BenchReply) => void>();

  constructor(env: Record<string, string>, logFile: string) {
    this.logFile = logFile;
    const out = fs.openSync(logFile, 'a');
    // With the flags ./scripts/start gives the service (--expose-gc: it returns memory after a reconcile).
    this.child = fork(path.join(import.meta.dirname, 'publisher-process.ts'), [], { env: { ...process.env, ...env }, execArgv: [...process.execArgv, '--expose-gc'], stdio: ['ignore', out, out, 'ipc'] });
    fs.closeSync(out);
    this.child.on('message', (reply: BenchReply) => {
      for (const w of this.waiting) w(reply);
    });
    this.child.on('exit', (code, signal) => (this.exited = signal ?? `code ${code}`));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The next reply of one of `types`. */
  reply<T extends BenchReply['type']>(...types: T[]): Promise<Extract<BenchReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error(`the publisher exited (${this.exited}); its log: ${this.logFile}`));
      const w = (reply: BenchReply) => {
        if (!(types as string[]).includes(reply.type)) return;
        this.waiting.delete(w);
        this.child.off('exit', onExit);
        resolve(reply as Extract<BenchReply, { type: T }>);
      };
      this.waiting.add(w);
      this.child.once('exit', onExit);
    });
  }

  send(request: BenchRequest): void {
    this.child.send(request);
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await gone;
  }
}

/** Polls `check` every 100 ms until it gives a value; fails at once when the publisher has exited. */
async function until<T>(what: string, publisher: PublisherProcess, check: () => Promise<T> | T, timeoutMs: number): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    if (publisher.exited) throw new Error(`the publisher exited (${publisher.exited}) while waiting for ${what}; its log: ${publisher.logFile}`);
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function fetchText(url: string): Promise<{ ok: boolean; text: string }> {
  const res = await fetch(url);
  return { ok: res.ok, text: await res.text() };
}

/** What one timed change cost: its wall time, the service's builds for it, and its profile. */
interface Sample {
  ms: number;
  records: BuildRecord[];
  profile: ProfileStep[];
  /** Of a new event: the phase (1, 2) whose release first served its page and the listing. */
  phase?: number;
  /** Of a new event: from the write until its last phase was live. */
  allPhasesMs?: number;
}

/**
 * Where a timed change's time went: from the write until served (webhook and coalescing, the
 * publisher until its first phase was live, serving), then the publisher's steps summed over
 * every phase of the publish (PublishReport.timings), and when a second phase followed, when.
 */
function changeProfile(writeAt: number, liveAt: number, records: BuildRecord[]): ProfileStep[] {
  const first = records[0];
  if (!first?.publish) return [];
  const startedAt = Date.parse(first.startedAt);
  const phases = first.publish.phases;
  const firstLive = startedAt + (phases[0]?.liveAfterMs ?? 0);
  return [
    { step: 'webhook and coalescing (REBUILD_QUIET_MS)', seconds: seconds(startedAt - writeAt) },
    { step: 'publisher, until its first phase was live', seconds: seconds(firstLive - startedAt), pages: phases[0]?.pagesRendered ?? 0, span: true },
    { step: 'until served (first phase live → seen over HTTP)', seconds: seconds(Math.max(0, liveAt - firstLive)) },
    ...publisherSteps(first.publish.timings, first.publish.pagesRendered, `all ${phases.length} phase(s): `),
    ...(phases.length > 1 ? [{ step: 'second phase live, after the first', seconds: seconds((phases.at(-1)?.liveAfterMs ?? 0) - (phases[0]?.liveAfterMs ?? 0)), pages: phases.at(-1)?.pagesRendered ?? 0, span: true as const }] : []),
  ];
}

/** The sample of longest duration. */
const slowestSample = (samples: Sample[]) => [...samples].sort((a, b) => b.ms - a.ms)[0];

/** The sample of median duration. */
const medianSample = (samples: Sample[]) => [...samples].sort((a, b) => a.ms - b.ms)[Math.floor((samples.length - 1) / 2)];

async function measurePublisher(cms: CmsProcess, cmsDir: string, secret: string, servicePort: number) {
  const target = new LocalTarget({ dir: path.join(WORK, 'deploy') });
  const site = createStaticServer({ root: () => target.current() ?? path.join(WORK, 'no-release-yet'), headers: siteHeaders });
  const siteUrl = await listen(site);
  const serviceUrl = `http://127.0.0.1:${servicePort}`;
  const status = async () => (await (await fetch(`${serviceUrl}/status`)).json()) as ServiceStatus;
  // As ./scripts/start runs the service (run_rebuild), on an empty deploy folder and cache.
  const started = Date.now();
  const publisher = new PublisherProcess(
    {
      STRAPI_URL: cms.url,
      STRAPI_TOKEN: cms.readToken,
      REBUILD_SECRET: secret,
      REBUILD_PORT: String(servicePort),
      SITE_URL: siteUrl,
      DEPLOY_DIR: target.dir,
      SITE_CACHE_DIR: path.join(WORK, 'site-cache'),
      ...(values['media-over-http'] ? {} : { CMS_UPLOADS_DIR: path.join(cmsDir, 'public', 'uploads') }),
      DEPLOY_TARGET: 'local',
      REBUILD_MODE: 'incremental',
    },
    path.join(WORK, 'publisher.log'),
  );
  const watch = watchTreePeakRss(publisher.pid);
  const out: Record<string, unknown> = {};
  const profiles: string[] = [];
  try {
    // Cold start: the publisher build and a full reconcile, until the first release is live.
    await until('the first release', publisher, () => target.current(), 2 * HOUR);
    const coldMs = Date.now() - started;
    const coldPeakMb = watch.stop();
    log(`cold start: first release live after ${seconds(coldMs)} s, peak ${coldPeakMb} MB (publisher and its astro build)`);
    /** The service idle, with at least `after` + 1 records; the records newer than `after`, oldest first. */
    const idleAfter = async (what: string, after: number) => {
      const s = await until(what, publisher, async () => {
        const now = await status();
        return !now.building && now.pending === 0 && (now.last[0]?.id ?? 0) > after ? now : null;
      }, 2 * HOUR);
      const records = s.last.filter((r) => r.id > after).reverse();
      const failed = records.find((r) => r.outcome !== 'deployed');
      if (failed) throw new Error(`build #${failed.id} (${failed.triggers.join(', ')}) ${failed.outcome} at ${failed.stage ?? '?'}: ${failed.error}`);
      return records;
    };
    // The cold run's record comes once the service is idle (after it, the draft preview's build).
    const [cold] = await idleAfter('the cold start to finish', 0);
    let lastId = cold!.id;
    const coldSteps = publisherSteps(cold!.publish!.timings, cold!.publish!.pagesRendered);
    profiles.push(formatProfile(`Cold start (${seconds(coldMs)} s until the first release was live; the publisher's own steps):`, coldSteps));

    const live = target.current()!;
    const pages = htmlFiles(live);
    const eventPages = pages.filter((p) => /^wydarzenia\/[^/]+\/index\.html$/.test(p) && !/^wydarzenia\/(rok|rodzaj|wojewodztwo|strona)\//.test(p));
    const encoded = imagesEncoded(live, [path.join(cmsDir, 'public', 'uploads'), path.join(SITE_DIR, 'src', 'assets')]);
    if (encoded.length > 0) log(`images in the release that no upload and no site file has: ${encoded.slice(0, 5).join(', ')}${encoded.length > 5 ? ' …' : ''}`);
    Object.assign(out, {
      pages: pages.length,
      outputs: cold!.publish!.paths,
      cold_build_s: seconds(coldMs),
      cold_build_peak_rss_mb: coldPeakMb,
      // The cold run starts from an empty cache: its sync reads every collection whole.
      sync_full_s: seconds(cold!.publish!.timings.syncMs),
      images_encoded_during_build: encoded.length,
      // Where the cold start took the CMS's 11,000 files (at 10,000 events) from.
      cold_build_media_source: values['media-over-http'] ? 'http' : 'cms-uploads-folder',
      event_page_gzip_bytes: median(eventPages.map((p) => gzipBytes(path.join(live, p)))),
    });

    // The search index: the first base is made in the background after the cold start and ships
    // in a release of its own. Measured until it is live; what follows runs in the steady state
    // (later bases are made after many changes, sharing the files that did not change).
    const firstLiveAt = started + coldMs;
    publisher.send({ type: 'search-base' });
    const { base } = await publisher.reply('search-base');
    if (base) {
      const carriesBase = () => {
        const live = target.current();
        return live !== null && baseIdOf(path.join(live, 'pagefind')) === base.id;
      };
      await until('the search base index live', publisher, carriesBase, HOUR);
      log(`search base index: ${base.records} records made in ${seconds(base.durationMs)} s (Pagefind peak ${base.pagefindPeakRssMb ?? '?'} MB), live ${seconds(Date.now() - firstLiveAt)} s after the first release`);
    }
    Object.assign(out, {
      search_base_records: base?.records ?? null,
      search_base_s: base ? seconds(base.durationMs) : null,
      search_base_pagefind_rss_mb: base?.pagefindPeakRssMb ?? null,
      search_live_after_cold_s: base ? seconds(Date.now() - firstLiveAt) : null,
    });

    // A full reconcile with nothing changed (the periodic one), on the running publisher.
    publisher.send({ type: 'reconcile' });
    const reconciled = await publisher.reply('reconciled', 'reconcile-failed');
    if (reconciled.type === 'reconcile-failed') throw new Error(`the no-change reconcile failed: ${reconciled.error}`);
    log(`reconcile with nothing changed: ${seconds(reconciled.ms)} s, ${reconciled.report.filesWritten} files written`);
    out.reconcile_nochange_s = seconds(reconciled.ms);
    out.reconcile_nochange_files_written = reconciled.report.filesWritten;
    profiles.push(formatProfile('Reconcile with nothing changed:', publisherSteps(reconciled.report.timings, reconciled.report.pagesRendered)));
    // The deep one (every output rendered and compared), as after a change of the site's code.
    publisher.send({ type: 'reconcile', deep: true });
    const deepReconciled = await publisher.reply('reconciled', 'reconcile-failed');
    if (deepReconciled.type === 'reconcile-failed') throw new Error(`the deep reconcile failed: ${deepReconciled.error}`);
    log(`deep reconcile with nothing changed: ${seconds(deepReconciled.ms)} s, ${deepReconciled.report.pagesRendered} outputs rendered`);
    out.reconcile_deep_s = seconds(deepReconciled.ms);
    // A fresh deploy folder has no old release to recycle until DEPLOY_KEEP exist: the publisher
    // makes the copies the next releases need ahead, once 2 s pass without a run. The timed
    // edits measure a publisher past that (a deployment that has published a few times).
    publisher.send({ type: 'reserves' });
    const reserves = await publisher.reply('reserves');
    out.reserves_ready_s = seconds(reserves.waitedMs);
    log(`copies of the live release made ahead (a fresh deploy folder) ready after ${seconds(reserves.waitedMs)} s`);

    // Edits: one event's title, each from the REST write until the static server serves it.
    const count = (await cmsRequest(cms, 'GET', '/api/events?fields[0]=slug&pagination[pageSize]=1')).meta.pagination.total as number;
    // The middle one by slug, the same event every run: by id it moved, since each publish gives
    // the published version a new row (and id), so runs edited events of different fan-out.
    const middle = (await cmsRequest(cms, 'GET', `/api/events?fields[0]=slug&fields[1]=title&sort=slug:asc&pagination[pageSize]=1&pagination[page]=${Math.max(1, Math.ceil(count / 2))}`)).data[0] as { documentId: string; slug: string; title: string };
    log(`editing the title of /wydarzenia/${middle.slug}/`);
    const edits: Sample[] = [];
    for (let i = 1; i <= Number(values.publishes); i++) {
      const marker = `pomiar${i}x${crypto.randomBytes(4).toString('hex')}`;
      const writeAt = Date.now();
      // The title as generated: a reused corpus keeps the last marker of the run before.
      await cmsRequest(cms, 'PUT', `/api/events/${middle.documentId}`, { data: { title: `${middle.title.replace(EDIT_MARKERS, '')} (${marker})` } });
      await until('the new title on the served page', publisher, async () => (await fetchText(`${siteUrl}/wydarzenia/${middle.slug}/`)).text.includes(marker), HOUR);
      const liveAt = Date.now();
      const records = await idleAfter('the publish to finish', lastId);
      lastId = records.at(-1)!.id;
      edits.push({ ms: liveAt - writeAt, records, profile: changeProfile(writeAt, liveAt, records) });
      log(`edit ${i}: served after ${seconds(liveAt - writeAt)} s; ${records.map((r) => `${r.publish?.pagesRendered} outputs rendered`).join(' + ')}`);
    }

    // New events: from the REST write until its page and the listing's front page (/wydarzenia/) show it.
    const created: Sample[] = [];
    for (let i = 1; i <= Number(values['new-events']); i++) {
      const writeAt = Date.now();
      // Dated after every corpus event, so it is the newest and the listing's front page shows it.
      const { slug } = await publishEvent(cms, `${NEW_EVENT_TITLE} ${i} ${crypto.randomBytes(3).toString('hex')}`, { dates: [{ start: `2031-0${Math.min(9, i)}-15` }] });
      let servedBy: string | undefined;
      await until('the new event and the listing served', publisher, async () => {
        const before = target.current();
        const [page, listing] = await Promise.all([fetchText(`${siteUrl}/wydarzenia/${slug}/`), fetchText(`${siteUrl}/wydarzenia/`)]);
        // Both answers came from one release when it did not change meanwhile.
        if (page.ok && listing.text.includes(`/wydarzenia/${slug}/"`) && target.current() === before && before) servedBy = path.basename(before);
        return servedBy;
      }, HOUR);
      const liveAt = Date.now();
      const records = await idleAfter('the new event to be published', lastId);
      lastId = records.at(-1)!.id;
      const phases = records.flatMap((r) => (r.publish?.phases ?? []).map((p) => ({ ...p, at: Date.parse(r.startedAt) + p.liveAfterMs })));
      const phase = phases.findIndex((p) => p.release === servedBy) + 1;
      const lastPhaseAt = Math.max(...phases.map((p) => p.at));
      const profile = changeProfile(writeAt, liveAt, records);
      created.push({ ms: liveAt - writeAt, records, profile, phase, allPhasesMs: lastPhaseAt - writeAt });
      log(`new event ${i}: page and listing served after ${seconds(liveAt - writeAt)} s (phase ${phase || '?'} of ${phases.length}); every phase live after ${seconds(lastPhaseAt - writeAt)} s`);
    }
    // Right after the last publish, and idle: once the collection the publisher makes after a
    // full run (here the deep reconcile) has run, 10 s after the last publish.
    out.publisher_rss_after_publish_mb = treeRssMb(publisher.pid);
    publisher.send({ type: 'idle' });
    const idle = await publisher.reply('idle');
    out.publisher_rss_mb = treeRssMb(publisher.pid);
    log(`publisher memory: ${out.publisher_rss_after_publish_mb} MB after the last publish, ${out.publisher_rss_mb} MB idle (waited ${seconds(idle.waitedMs)} s for its collection)`);

    const editMedian = medianSample(edits);
    const createdMedian = medianSample(created);
    Object.assign(out, {
      publish_to_live_p50_s: seconds(median(edits.map((s) => s.ms))),
      publish_to_live_max_s: seconds(Math.max(...edits.map((s) => s.ms))),
      new_event_to_live_p50_s: seconds(median(created.map((s) => s.ms))),
      new_event_live_phase: createdMedian?.phase ?? null,
      new_event_all_phases_p50_s: seconds(median(created.map((s) => s.allPhasesMs ?? 0))),
      pages_rendered_per_publish: median(edits.map((s) => s.records.reduce((n, r) => n + (r.publish?.pagesRendered ?? 0), 0))),
      pages_rendered_per_new_event: median(created.map((s) => s.records.reduce((n, r) => n + (r.publish?.pagesRendered ?? 0), 0))),
      cold_build_profile: coldSteps,
      reconcile_nochange_profile: publisherSteps(reconciled.report.timings, reconciled.report.pagesRendered),
      publish_profile: editMedian?.profile ?? [],
      publish_max_profile: slowestSample(edits)?.profile ?? [],
      new_event_profile: createdMedian?.profile ?? [],
    });
    if (editMedian) profiles.push(formatProfile('A title edit (the median one), from the REST write until served:', editMedian.profile));
    const editMax = slowestSample(edits);
    if (editMax && editMax !== editMedian) profiles.push(formatProfile(`The slowest title edit (${seconds(editMax.ms)} s), from the REST write until served:`, editMax.profile));
    if (createdMedian) profiles.push(formatProfile(`A new event (the median one), until its page and the listing are served (phase ${createdMedian.phase}):`, createdMedian.profile));
    // The slowest step of the publish path: what to work on first.
    const slowest = slowestStep(editMedian?.profile ?? []);
    if (slowest) out.publish_slowest_step = `${slowest.step}: ${slowest.seconds} s`;
    return { results: out, profiles };
  } finally {
    watch.stop();
    await publisher.stop();
    await new Promise((r) => site.close(r));
  }
}

/** The importer's dry run on a generated export (import-process.ts), in a child with --expose-gc. */
async function importFigures(megabytes: number): Promise<Record<string, number | null>> {
  log(`importer: a generated WordPress export of ${megabytes} MB, imported with --dry-run`);
  const child = fork(path.join(import.meta.dirname, 'import-process.ts'), [String(megabytes)], { execArgv: [...process.execArgv, '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const reply = await new Promise<ImportReply>((resolve) => {
    child.once('message', (m: ImportReply) => resolve(m));
    child.once('exit', (code, signal) => resolve({ type: 'failed', error: `the import measurement exited (${signal ?? `code ${code}`}) without a result` }));
  });
  if (reply.type === 'failed') throw new Error(`the import measurement failed: ${reply.error}`);
  const m = reply.measurement;
  log(`importer: ${m.items} reports from ${(m.fileBytes / 2 ** 20).toFixed(0)} MB in ${m.seconds.toFixed(1)} s (${m.itemsPerSecond.toFixed(1)}/s), peak RSS ${m.peakRssMb} MB, heap kept ${m.retainedHeapMb ?? '?'} MB`);
  return {
    import_export_mb: Math.round(m.fileBytes / 2 ** 20),
    import_items: m.items,
    import_items_per_s: Math.round(m.itemsPerSecond * 10) / 10,
    import_peak_rss_mb: m.peakRssMb,
    import_peak_heap_mb: m.peakHeapMb,
    import_retained_heap_mb: m.retainedHeapMb,
  };
}

async function baseline(): Promise<{ ours: number; theirs: number; photos: number }> {
  const events = Number(values['baseline-events']);
  const perGallery = Number(values['baseline-photos']);
  log(`baseline corpus: ${events} events × ${perGallery} photos`);
  const { cms, dir: baselineCmsDir } = await corpusCms('baseline-cms', ['--events', String(events), '--seed', values.seed, '--photos', String(events * perGallery), '--gallery-share', '1', '--photos-per-gallery', String(perGallery), '--distinct-photos']);
  try {
    const outDir = path.join(WORK, 'baseline-ours');
    // Its CMS files come as ./scripts/start gives them: copied from the CMS's folder (--media-over-http: downloaded).
    const uploads: Record<string, string> = values['media-over-http'] ? {} : { CMS_UPLOADS_DIR: path.join(baselineCmsDir, 'public', 'uploads') };
    const ours = await buildSite({ outDir, cacheDir: path.join(WORK, 'baseline-ours-cache'), strapiUrl: cms.url, strapiToken: cms.readToken, preview: false, env: uploads });
    fs.writeFileSync(`${outDir}-build.log`, ours.output);
    if (!ours.ok) throw new Error(`build failed:\n${ours.output.slice(-3000)}`);
    log(`ours on the baseline corpus: ${seconds(ours.durationMs)} s`);
    const started = Date.now();
    const theirs = await new Promise<{ code: number | null; output: string }>((resolve) => {
      // Built inside site/ (its own dist/), where the build's server chunks find site's packages.
      // The guide reads Strapi's own REST routes (/api/events), which the site's token may not.
      const child = spawn(path.join(SITE_DIR, 'node_modules/.bin/astro'), ['build', '--root', path.join(SITE_DIR, 'bench/baseline')], {
        env: { ...process.env, STRAPI_URL: cms.url, STRAPI_TOKEN: cms.writeToken, BASELINE_CACHE_DIR: path.join(WORK, 'baseline-theirs-cache'), ASTRO_TELEMETRY_DISABLED: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('exit', (code) => resolve({ code, output }));
    });
    if (theirs.code !== 0) throw new Error(`baseline build failed:\n${theirs.output.slice(-3000)}`);
    const theirsMs = Date.now() - started;
    fs.rmSync(path.join(SITE_DIR, 'bench/baseline/dist'), { recursive: true, force: true });
    log(`the guide's approach on the same corpus: ${seconds(theirsMs)} s`);
    return { ours: ours.durationMs, theirs: theirsMs, photos: events * perGallery };
  } finally {
    await cms.stop();
  }
}

// Everything but the corpora (which corpusCms keeps or remakes) starts afresh.
fs.mkdirSync(WORK, { recursive: true });
for (const entry of fs.readdirSync(WORK)) if (!entry.endsWith('cms')) fs.rmSync(path.join(WORK, entry), { recursive: true, force: true });
const secret = crypto.randomBytes(18).toString('base64url');
const servicePort = await freePort();
log(`corpus: ${EVENTS} events (seed ${values.seed}), ${values.photos} photos, galleries on ${Number(values['gallery-share']) * 100}% of events`);
const { cms, dir: cmsDir, loadMs } = await corpusCms(
  'cms',
  ['--events', String(EVENTS), '--seed', values.seed, '--photos', values.photos, '--gallery-share', values['gallery-share']],
  { REBUILD_URL: `http://127.0.0.1:${servicePort}/webhook`, REBUILD_SECRET: secret },
);
if (values['corpus-only']) {
  await cms.stop();
  log(`corpus ready in ${path.relative(ROOT, cmsDir)}: measure with --reuse${values.work === OPTIONS.work.default ? '' : ` --work ${values.work}`}`);
  process.exit(0);
}
const results: Record<string, unknown> = { events: EVENTS };
let profiles: string[] | undefined;
try {
  log(`corpus loaded in ${seconds(loadMs)} s`);
  const measured = await measurePublisher(cms, cmsDir, secret, servicePort);
  Object.assign(results, measured.results);
  profiles = measured.profiles;
} finally {
  await cms.stop();
}
if (Number(values['import-mb']) > 0) Object.assign(results, await importFigures(Number(values['import-mb'])));
results.baseline_ratio = null;
if (!values['no-baseline']) {
  const b = await baseline();
  results.baseline_ratio = Math.round((b.theirs / b.ours) * 10) / 10;
  results.baseline_s = seconds(b.theirs);
  results.baseline_ours_s = seconds(b.ours);
  results.baseline_photos = b.photos;
}
results.corpus_load_s = loadMs > 0 ? seconds(loadMs) : null;
results.machine = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
results.measured_at = new Date().toISOString();

fs.writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
const figures = Object.entries(results).filter(([, v]) => typeof v !== 'object' || v === null);
const width = Math.max(...figures.map(([k]) => k.length));
console.log(`\n${(profiles ?? []).join('\n\n')}\n\n${figures.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n\n[bench] written to ${path.relative(process.cwd(), values.out)}`);
process.exit(0);
