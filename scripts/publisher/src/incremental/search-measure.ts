import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cmsRequest, startCmsIn, waitForImageVariants } from '@cus/testing/cms-process';
import type { PublishReport } from './engine.ts';
import type { SiteContent } from './contract.ts';
import { createIncrementalPublisher } from './publisher.ts';
import { SearchRecordsOfContent } from './search-content.ts';

// `node scripts/publisher/src/incremental/search-measure.ts --corpus <dir>`: what search costs
// the publisher on a bench corpus (a copy: the CMS writes to it): the records of all the content
// (cold, and again after one edit, when only that event's record is made again), the base index
// made in the background after the cold start, and each publish's delta (a title edited three
// times, a new event). Prints one JSON object; the figures are reported, never asserted.

const { values } = parseArgs({ options: { corpus: { type: 'string' }, work: { type: 'string' } } });
if (!values.corpus) {
  console.error('usage: search-measure.ts --corpus <copy of a dir with data.db and public/> [--work <dir>]');
  process.exit(2);
}
const work = values.work ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cus-search-measure-'));
const cms = await startCmsIn(path.resolve(values.corpus), { email: 'bench@cus.test', password: 'Bench-publisher-1' });
const out: Record<string, unknown> = {};
const lines: string[] = [];
let content: SiteContent | undefined;
const summary = (r: PublishReport, ms: number) => ({ ms, firstPhaseLiveMs: r.phases[0]?.liveAfterMs, writeMs: r.timings.writeMs, pagesRendered: r.pagesRendered, search: r.search });
try {
  await waitForImageVariants(cms.url, cms.readToken);
  const publisher = await createIncrementalPublisher({
    deployDir: path.join(work, 'deploy'),
    strapiUrl: cms.url,
    strapiToken: cms.readToken,
    siteUrl: 'http://127.0.0.1:4321',
    cacheDir: path.join(work, 'cache'),
    beforeSwitch: async (_draft, change) => {
      content = change.content;
    },
    log: (line) => {
      lines.push(line);
      console.error(`[publisher] ${line}`);
    },
  });
  const timed = async (label: string) => {
    const started = Date.now();
    const r = await publisher.publish();
    out[label] = summary(r, Date.now() - started);
    return r;
  };
  await timed('cold');
  const baseStarted = Date.now();
  await publisher.search!.settled();
  out.baseIndex = lines.find((l) => l.startsWith('search: base index')) ?? null;
  out.baseWaitMs = Date.now() - baseStarted;
  // The base ships in a release of its own (started by the publisher): wait for it.
  // (A work folder used before keeps its base: none is made then.)
  if (out.baseIndex) {
    while (!lines.some((l) => l.startsWith('search: new base index') || l.includes('new base index failed'))) await new Promise((r) => setTimeout(r, 50));
    out.baseShip = lines.find((l) => l.startsWith('search: new base index'));
  }

  const events = (await cmsRequest({ url: cms.url, writeToken: cms.readToken }, 'GET', '/api/site-export/events?pageSize=50&page=3')).data as { documentId: string; title: string }[];
  const victim = events[0]!;
  for (const n of [1, 2, 3]) {
    await cmsRequest(cms, 'PUT', `/api/events/${victim.documentId}`, { data: { title: `${victim.title} (poprawka ${n})` } });
    await timed(`titleEdited${n}`);
  }
  await cmsRequest(cms, 'POST', '/api/events', {
    data: { title: 'Nowe wydarzenie pomiaru wyszukiwarki', type: 'szkolenie', lead: 'Pomiar.', dates: [{ start: '2026-12-20' }], venue: { city: 'Lublin', voivodeship: 'lubelskie' } },
  });
  await timed('newEvent');

  // The records alone: all of them from cold, then with one event changed.
  if (!content) throw new Error('No release was made.');
  if (process.env.SEARCH_MEASURE_DUMP) fs.writeFileSync(process.env.SEARCH_MEASURE_DUMP, JSON.stringify(content));
  const records = new SearchRecordsOfContent();
  let t = performance.now();
  const all = records.of(content);
  out.recordsColdMs = Math.round(performance.now() - t);
  out.records = all.length;
  const [first, ...rest] = content.collections.events;
  const edited = { ...content, version: `${content.version}-edited`, collections: { ...content.collections, events: [{ ...first!, data: { ...first!.data }, digest: `${first!.digest}x` }, ...rest] } };
  t = performance.now();
  records.of(edited);
  out.recordsOneChangedMs = Math.round(performance.now() - t);
  await publisher.close();
} finally {
  await cms.stop();
  if (!values.work) fs.rmSync(work, { recursive: true, force: true });
}
console.log(JSON.stringify(out, null, 1));
