import path from 'node:path';
import { parseArgs } from 'node:util';
import { bootStrapi, CMS_DIR } from './boot-strapi.ts';
import { loadCorpus } from './load.ts';
import { planCorpus } from './plan.ts';

// `node scripts/src/corpus/generate.ts --events 10000 --seed 1`: fills the CMS database named by
// the environment (DATABASE_CLIENT, DATABASE_FILENAME or DATABASE_URL, PUBLIC_DIR, Strapi's
// secrets; see cms/.env.example) with a synthetic corpus. Run it while no Strapi server uses
// that database. Photos get their variants from the CMS's image queue, here or at its next start.

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    photos: { type: 'string', default: '120' },
    'gallery-share': { type: 'string', default: '0.1' },
    'photos-per-gallery': { type: 'string' },
    'distinct-photos': { type: 'boolean', default: false },
    'batch-size': { type: 'string', default: '100' },
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
const corpus = planCorpus(options);
console.log(`[corpus] planned ${corpus.events.length} events, ${corpus.speakers.length} people, ${corpus.institutions.length} institutions, ${corpus.photos.length} photos (seed ${options.seed})`);

const { strapi, stop } = await bootStrapi({ PUBLIC_DIR: process.env.PUBLIC_DIR ?? path.join(CMS_DIR, 'public') });
let last = 0;
try {
  const summary = await loadCorpus(strapi, corpus, {
    batchSize: Number(values['batch-size']),
    onProgress: ({ stage, done, total }) => {
      // A line per batch would flood a 10,000-event run: one every two seconds, and at the end of each stage.
      if (done === total || Date.now() - last > 2000) {
        last = Date.now();
        console.log(`[corpus] ${stage}: ${done}/${total} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      }
    },
  });
  console.log(`[corpus] loaded ${JSON.stringify(summary)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await stop();
}
