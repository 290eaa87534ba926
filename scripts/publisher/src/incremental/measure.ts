import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cmsRequest, startCmsIn, waitForImageVariants } from '@cus/testing/cms-process';
import type { PublishReport } from './engine.ts';
import { createIncrementalPublisher } from './publisher.ts';

// `node scripts/publisher/src/incremental/measure.ts --corpus <dir>`: the publisher's timings on
// a CMS database made by the bench's corpus generator (scripts/benchmark/src/corpus/generate.ts):
// the cold start (publisher build + full reconcile), a publish with nothing changed, one event's
// title edited, a new event (with its second phase), a full reconcile with nothing changed, and
// the process's memory with the content loaded. Prints one JSON object.

const { values } = parseArgs({
  options: { corpus: { type: 'string' }, work: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' } },
});
if (!values.corpus) {
  console.error('usage: measure.ts --corpus <dir with data.db and public/> [--work <dir>] [--email <admin> --password <password>]');
  process.exit(2);
}
const work = values.work ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cus-publisher-measure-'));
const cms = await startCmsIn(path.resolve(values.corpus), corpusAdmin(path.resolve(values.corpus)));

/** The corpus's admin: --email/--password, else the corpus.json the bench writes (in the corpus dir or beside it). */
function corpusAdmin(corpus: string): { email: string; password: string } {
  if (values.email && values.password) return { email: values.email, password: values.password };
  for (const file of [path.join(corpus, 'corpus.json'), path.join(corpus, '..', 'corpus.json')]) {
    if (!fs.existsSync(file)) continue;
    const admin = (JSON.parse(fs.readFileSync(file, 'utf8')) as { admin?: { email?: unknown; password?: unknown } }).admin;
    if (typeof admin?.email === 'string' && typeof admin.password === 'string') return { email: admin.email, password: admin.password };
    throw new Error(`${file} has no admin.email/admin.password.`);
  }
  throw new Error(`No admin login for ${corpus}: pass --email and --password, or put the bench's corpus.json in or beside it.`);
}
const out: Record<string, unknown> = {};
const summary = (r: PublishReport) => ({
  kind: r.kind,
  paths: r.paths,
  pagesRendered: r.pagesRendered,
  filesWritten: r.filesWritten,
  filesRemoved: r.filesRemoved,
  phases: r.phases.map((p) => ({ pagesRendered: p.pagesRendered, liveAfterMs: p.liveAfterMs })),
  failures: r.failures.length,
  timings: r.timings,
  renderedByRoute: r.renderedByRoute,
});
try {
  await waitForImageVariants(cms.url, cms.readToken);
  const publisher = await createIncrementalPublisher({
    deployDir: path.join(work, 'deploy'),
    // Three kept releases: from the fourth switch on, spares are recycled releases caught up by replay (release-writer.ts).
    keep: 3,
    strapiUrl: cms.url,
    strapiToken: cms.readToken,
    siteUrl: 'http://127.0.0.1:4321',
    cacheDir: path.join(work, 'cache'),
    log: (line) => console.error(`[publisher] ${line}`),
  });
  const timed = async (label: string, run: () => Promise<PublishReport>) => {
    const started = Date.now();
    try {
      const r = await run();
      out[label] = { ms: Date.now() - started, ...summary(r) };
      // Each step's figures at once (a long run cut short still has them).
      console.error(`[measure] ${label}: ${Date.now() - started} ms ${JSON.stringify({ timings: r.timings, pagesRendered: r.pagesRendered, filesWritten: r.filesWritten, phases: r.phases.map((p) => p.liveAfterMs) })}`);
      return r;
    } catch (err) {
      // One step failing (a publish error) is a result too: the later steps still run.
      out[label] = { ms: Date.now() - started, error: (err as Error).message };
      console.error(`[measure] ${label} failed after ${Date.now() - started} ms: ${(err as Error).message}`);
      return null;
    }
  };
  await timed('cold', () => publisher.publish());
  out.rssMbAfterCold = Math.round(process.memoryUsage().rss / 1048576);
  await timed('noChange', () => publisher.publish());
  out.rssMbIdle = Math.round(process.memoryUsage().rss / 1048576);

  const events = (await cmsRequest({ url: cms.url, writeToken: cms.readToken }, 'GET', '/api/site-export/events?pageSize=50&page=3')).data as { documentId: string; title: string }[];
  const victim = events[0]!;
  let started = Date.now();
  await cmsRequest(cms, 'PUT', `/api/events/${victim.documentId}`, { data: { title: `${victim.title} (poprawka)` } });
  await timed('titleEdited', () => publisher.publish());
  out.titleEditedWriteToLiveMs = Date.now() - started;

  started = Date.now();
  await cmsRequest(cms, 'POST', '/api/events', {
    data: { title: 'Nowe wydarzenie pomiaru', type: 'szkolenie', lead: 'Pomiar.', dates: [{ start: '2026-12-20' }], venue: { city: 'Lublin', voivodeship: 'lubelskie' } },
  });
  const publishStarted = Date.now();
  const created = await timed('newEvent', () => publisher.publish());
  // A phase's liveAfterMs counts from the publish's start (the POST's end).
  if (created) out.newEventWriteToFirstPhaseMs = publishStarted - started + (created.phases[0]?.liveAfterMs ?? 0);
  out.newEventWriteToLastPhaseMs = Date.now() - started;

  // A second edit right after a switch: the release draft must not wait for a copy of the live release.
  await cmsRequest(cms, 'PUT', `/api/events/${victim.documentId}`, { data: { title: `${victim.title} (druga poprawka)` } });
  await timed('titleEditedAgain', () => publisher.publish());

  await timed('reconcileNoChange', () => publisher.reconcile());
  out.rssMbEnd = Math.round(process.memoryUsage().rss / 1048576);
  await publisher.close();
} finally {
  await cms.stop();
  if (!values.work) fs.rmSync(work, { recursive: true, force: true });
}
console.log(JSON.stringify(out, null, 1));
