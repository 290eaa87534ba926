import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bootStrapi, CMS_DIR } from '@cus/ops/boot-strapi';
import { loadCorpus } from './load.ts';
import { planCorpus } from './plan.ts';

// `node scripts/benchmark/src/corpus/generate.ts --events 10000 --seed 1`: fills the CMS database named by
// the environment (DATABASE_CLIENT, DATABASE_FILENAME or DATABASE_URL, PUBLIC_DIR, Strapi's
// secrets; see cms/.env.example) with a synthetic corpus. Run it while no Strapi server uses
// that database. Photos get their variants from the CMS's image queue, here or at its next start.
//
// An in-process Strapi keeps about 1.4 MB per document written until it stops, so large
// corpora are loaded in parts (--chunk events each), each part a process of its own.

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    photos: { type: 'string', default: '120' },
    'gallery-share': { type: 'string', default: '0.1' },
    'photos-per-gallery': { type: 'string' },
    'distinct-photos': { type: 'boolean', default: false },
    'batch-size': { type: 'string', default: '100' },
    chunk: { type: 'string', default: '1500' },
    from: { type: 'string' },
    to: { type: 'string' },
  },
});

const options = {
  seed: Number(values.seed),
  events: Number(values.events),
  photos: Number(values.photos),
  galleryShare: Number(values['gallery-share']),
  ...(values['photos-per-gallery'] ? { photosPerGallery: Number(values['photos-per-gallery']) } : {}),
  distinctPhotos: values['distinct-photos'],
};
const started = Date.now();
const chunk = Math.max(1, Number(values.chunk));

if (values.from === undefined && options.events > chunk) {
  // The parts, one process each, in order (the first also makes people, institutions and photos).
  const args = process.argv.slice(2);
  for (let from = 0; from < options.events; from += chunk) {
    const to = Math.min(options.events, from + chunk);
    const code = await new Promise<number | null>((resolve) => {
      spawn(process.execPath, [import.meta.filename, ...args, '--from', String(from), '--to', String(to)], { stdio: 'inherit' }).on('exit', resolve);
    });
    if (code !== 0) {
      console.error(`[corpus] the part with events ${from}–${to} failed (exit ${code})`);
      process.exit(1);
    }
  }
  console.log(`[corpus] loaded ${options.events} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(0);
}

const corpus = planCorpus(options);
const range: [number, number] = [Number(values.from ?? 0), Number(values.to ?? options.events)];
if (range[0] === 0) {
  console.log(`[corpus] planned ${corpus.events.length} events, ${corpus.speakers.length} people, ${corpus.institutions.length} institutions, ${corpus.photos.length} photos (seed ${options.seed})`);
}
const { strapi, stop } = await bootStrapi({ PUBLIC_DIR: process.env.PUBLIC_DIR ?? path.join(CMS_DIR, 'public') });
let last = 0;
try {
  const summary = await loadCorpus(strapi, corpus, {
    batchSize: Number(values['batch-size']),
    range,
    onProgress: ({ stage, done, total }) => {
      // A line per batch would flood a 10,000-event run: one every two seconds, and at the end of each stage.
      if (done === total || Date.now() - last > 2000) {
        last = Date.now();
        const offset = stage === 'events' ? range[0] : 0;
        console.log(`[corpus] ${stage}: ${offset + done}/${stage === 'events' ? options.events : total} (${((Date.now() - started) / 1000).toFixed(0)} s, ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB)`);
      }
    },
  });
  if (values.from === undefined) console.log(`[corpus] loaded ${JSON.stringify(summary)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  // Photos still waiting for their variants are picked up when the CMS next starts.
  await stop().catch(() => {});
}
process.exit(0);
