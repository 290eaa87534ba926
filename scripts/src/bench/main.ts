import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_COLLECTIONS } from '@cus/shared';
import { LocalTarget } from '../deploy/local.ts';
import { siteHeaders } from '../deploy/headers.ts';
import { SEARCH_LATER_FROM_PAGES } from '../rebuild/pipeline.ts';
import { startRebuildService, type BuildRecord } from '../rebuild/service.ts';
import { buildSite, SITE_DIR, type SiteBuildResult } from '../site-build.ts';
import { strapiSecrets, generatePassword } from '../local-env.ts';
import { createStaticServer, listen } from '../static-server.ts';
import { cmsRequest, freePort, startCmsIn, waitForImageVariants as waitForVariants, type CmsProcess } from '../testing/cms-process.ts';
import { waitFor } from '../testing/wait.ts';
import { gzipBytes, htmlFiles, median, seconds, watchPeakRss } from './measure.ts';
import { stripAnsi } from '../strip-ansi.ts';
import { formatProfile, profileBuild, type BuildStep } from './profile.ts';
import { memoryContext } from '../../../site/src/loader/memory-context.ts';
import { syncCollection } from '../../../site/src/loader/strapi-loader.ts';

// ./scripts/bench: loads a synthetic corpus into a fresh CMS and measures what the issue asks:
// cold and no-change builds, peak memory, publish-to-live latency, a full sync, the weight of
// an event page, photos encoded during the build, and (unless --no-baseline) the same cold
// build against the approach of Astro's Strapi guide on a small corpus with photos.
// Prints a table and writes bench-results.json. Everything lives in .bench/ (or --work; emptied first).

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const USAGE = `./scripts/bench [--events N] [--reuse] [--no-baseline] [--publishes N] [--photos N]
  [--gallery-share F] [--baseline-events N] [--baseline-photos N] [--seed N] [--out FILE] [--work DIR]
  --events N     events in the generated corpus (default 10000)
  --reuse        keep the corpus database of an earlier run with the same --events and --seed
  --no-baseline  skip the comparison with the approach of Astro's Strapi guide
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
  out: { type: 'string', default: path.join(ROOT, 'bench-results.json') },
  work: { type: 'string', default: path.join(ROOT, '.bench') },
  reuse: { type: 'boolean', default: false },
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
    await run(process.execPath, [path.join(ROOT, 'scripts/src/corpus/generate.ts'), ...args], dbEnv);
    loadMs = Date.now() - started;
  }
  const cms = await startCmsIn(dir, admin, env);
  fs.writeFileSync(stamp, JSON.stringify({ args, admin }));
  await waitForImageVariants(cms);
  return { cms, dir, loadMs };
}

/** Photos get their variants in the CMS's background queue: measure with them made. */
async function waitForImageVariants(cms: CmsProcess) {
  const started = Date.now();
  let last = -1;
  await waitForVariants(cms.url, cms.readToken, {
    timeoutMs: 2 * 60 * 60_000,
    onProgress: (pending) => {
      if (pending !== last && (last < 0 || pending % 10 === 0)) log(`image variants: ${pending} photos still queued`);
      last = pending;
    },
  });
  log(`image variants ready after ${seconds(Date.now() - started)} s`);
}

/** A build of the public site, timed, its peak memory watched; its log and profile kept in WORK. */
async function timedBuild(cms: CmsProcess, outDir: string, cacheDir: string) {
  let watch: ReturnType<typeof watchPeakRss> | undefined;
  // The public site only: the draft preview's part is made when the code changes, not per publish.
  const result = await buildSite({ outDir, cacheDir, strapiUrl: cms.url, strapiToken: cms.readToken, preview: false, onSpawn: (pid) => (watch = watchPeakRss(pid)) });
  const peakMb = watch?.stop() ?? 0;
  fs.writeFileSync(`${outDir}-build.log`, result.output);
  if (!result.ok) throw new Error(`build failed:\n${result.output.slice(-3000)}`);
  return { result, peakMb, profile: profileBuild(result.output) };
}

/** CMS photos encoded by the build: astro:assets transforms, minus the site's own images (src/assets). */
function imagesEncoded(result: SiteBuildResult): number {
  const lines = stripAnsi(result.output).split('\n');
  const own = fs.readdirSync(path.join(SITE_DIR, 'src/assets')).map((f) => f.replace(/\.[^.]+$/, ''));
  return lines.filter((l) => /▶ \//.test(l) && !/reused cache entry|\(cached\)/.test(l) && !own.some((o) => l.includes(`/${o}.`))).length;
}

async function syncAll(cms: CmsProcess) {
  const cacheRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-bench-sync-'));
  process.env.SITE_CACHE_DIR = cacheRoot;
  const started = Date.now();
  await Promise.all(EXPORT_COLLECTIONS.map((c) => syncCollection(c, memoryContext(c, cacheRoot), { url: cms.url, token: cms.readToken })));
  const ms = Date.now() - started;
  fs.rmSync(cacheRoot, { recursive: true, force: true });
  delete process.env.SITE_CACHE_DIR;
  return ms;
}

/** Median time from a REST write to the new text being served, through webhook, rebuild and deploy. */
async function publishToLive(cms: CmsProcess, secret: string, servicePort: number, times: number) {
  const target = new LocalTarget({ dir: path.join(WORK, 'deploy') });
  // The builds of the timed publishes (not the start-up build, nor the search index's own).
  const builds: { record: BuildRecord; profile: BuildStep[] }[] = [];
  const service = await startRebuildService({
    secret, port: servicePort, quietMs: 1500, maxWaitMs: 15_000, buildOnStart: true, log: (l) => log(`rebuild: ${l}`),
    onDeployed: (record, buildLog) => {
      if (record.triggers.some((t) => t.startsWith('entry.'))) builds.push({ record: { ...record }, profile: profileBuild(buildLog) });
    },
    // As the service runs by default: a large site's search index follows in a build of its own.
    mode: { kind: 'build', publish: { target, strapiUrl: cms.url, strapiToken: cms.readToken, cacheDir: path.join(WORK, 'site-cache'), deferSearchFromPages: SEARCH_LATER_FROM_PAGES } },
  });
  const site = createStaticServer({ root: () => target.current() ?? WORK, headers: siteHeaders });
  const siteUrl = await listen(site);
  try {
    await waitFor('the first deploy', () => target.current(), 30 * 60_000, 500);
    await service.scheduler.idle();
    const list = await cmsRequest(cms, 'GET', '/api/events?fields[0]=slug&pagination[pageSize]=1&sort=id:desc');
    const { documentId, slug } = list.data[0] as { documentId: string; slug: string };
    const samples: number[] = [];
    for (let i = 1; i <= times; i++) {
      const marker = `Pomiar publikacji ${i}: ${crypto.randomUUID()}`;
      const started = Date.now();
      await cmsRequest(cms, 'PUT', `/api/events/${documentId}`, { data: { lead: marker } });
      await waitFor('the change on the served page', async () => (await (await fetch(`${siteUrl}/wydarzenia/${slug}/`)).text()).includes(marker), 10 * 60_000, 100);
      samples.push(Date.now() - started);
      log(`publish ${i}: live after ${seconds(samples.at(-1)!)} s`);
      await service.scheduler.idle();
    }
    // The publish of median duration: where its time went, build steps then check and deploy.
    const middle = builds.map((b) => b.record.buildMs ?? 0).sort((a, b) => a - b)[Math.floor(builds.length / 2)];
    const typical = builds.find((b) => b.record.buildMs === middle);
    const profile = typical
      ? [...typical.profile, { step: 'checks (event count, internal links)', seconds: seconds(typical.record.checkMs ?? 0) }, { step: 'deploy (release switch)', seconds: seconds(typical.record.deployMs ?? 0) }]
      : [];
    return { samples, profile };
  } finally {
    await service.close();
    await new Promise((r) => site.close(r));
  }
}

async function baseline(): Promise<{ ours: number; theirs: number; photos: number }> {
  const events = Number(values['baseline-events']);
  const perGallery = Number(values['baseline-photos']);
  log(`baseline corpus: ${events} events × ${perGallery} photos`);
  const { cms } = await corpusCms('baseline-cms', ['--events', String(events), '--seed', values.seed, '--photos', String(events * perGallery), '--gallery-share', '1', '--photos-per-gallery', String(perGallery), '--distinct-photos']);
  try {
    const ours = await timedBuild(cms, path.join(WORK, 'baseline-ours'), path.join(WORK, 'baseline-ours-cache'));
    log(`ours on the baseline corpus: ${seconds(ours.result.durationMs)} s`);
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
    return { ours: ours.result.durationMs, theirs: theirsMs, photos: events * perGallery };
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
const { cms, loadMs } = await corpusCms(
  'cms',
  ['--events', String(EVENTS), '--seed', values.seed, '--photos', values.photos, '--gallery-share', values['gallery-share']],
  { REBUILD_URL: `http://127.0.0.1:${servicePort}/webhook`, REBUILD_SECRET: secret },
);
const results: Record<string, unknown> = {};
const profiles: string[] = [];
try {
  log(`corpus loaded in ${seconds(loadMs)} s`);
  const syncMs = await syncAll(cms);
  log(`full sync: ${seconds(syncMs)} s`);

  const cold = await timedBuild(cms, path.join(WORK, 'cold'), path.join(WORK, 'site-cache'));
  log(`cold build: ${seconds(cold.result.durationMs)} s, peak ${cold.peakMb} MB`);
  profiles.push(formatProfile('Where the cold build\'s time goes:', cold.profile));
  const pages = htmlFiles(path.join(WORK, 'cold'));
  const eventPages = pages.filter((p) => /^wydarzenia\/[^/]+\/index\.html$/.test(p) && !/^wydarzenia\/(rok|rodzaj|wojewodztwo|strona)\//.test(p));
  const warm = await timedBuild(cms, path.join(WORK, 'warm'), path.join(WORK, 'site-cache'));
  log(`no-change rebuild: ${seconds(warm.result.durationMs)} s`);
  profiles.push(formatProfile('Where the no-change rebuild\'s time goes:', warm.profile));
  const { samples, profile: publishProfile } = await publishToLive(cms, secret, servicePort, Number(values.publishes));
  profiles.push(formatProfile('Where the time of a publish (the median one) goes, after the webhook:', publishProfile));

  Object.assign(results, {
    events: EVENTS,
    pages: pages.length,
    cold_build_s: seconds(cold.result.durationMs),
    cold_build_peak_rss_mb: cold.peakMb,
    rebuild_nochange_s: seconds(warm.result.durationMs),
    publish_to_live_p50_s: seconds(median(samples)),
    sync_full_s: seconds(syncMs),
    images_encoded_during_build: imagesEncoded(cold.result),
    event_page_gzip_bytes: median(eventPages.map((p) => gzipBytes(path.join(WORK, 'cold', p)))),
    baseline_ratio: null,
    cold_build_profile: cold.profile,
    rebuild_nochange_profile: warm.profile,
    publish_profile: publishProfile,
  });
} finally {
  await cms.stop();
}
if (!values['no-baseline']) {
  const b = await baseline();
  results.baseline_ratio = Math.round((b.theirs / b.ours) * 10) / 10;
  results.baseline_s = seconds(b.theirs);
  results.baseline_ours_s = seconds(b.ours);
  results.baseline_photos = b.photos;
}
if (loadMs > 0) results.corpus_load_s = seconds(loadMs);
results.machine = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
results.measured_at = new Date().toISOString();

fs.writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
const figures = Object.entries(results).filter(([, v]) => typeof v !== 'object' || v === null);
const width = Math.max(...figures.map(([k]) => k.length));
console.log(`\n${profiles.join('\n\n')}\n\n${figures.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n\n[bench] written to ${path.relative(process.cwd(), values.out)}`);
process.exit(0);
