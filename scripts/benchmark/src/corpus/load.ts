import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Corpus } from './plan.ts';
import { syntheticPhoto } from './photo.ts';

// Puts a planned corpus into the CMS through Strapi's own services, the way an editor's work
// gets there: photos through the upload service (so the CMS makes their variants), entries
// through the document service (so validation and slug rules apply), published. Entries are
// written in batches, each batch one transaction (SQLite commits are the slow part).

/** What of Strapi this needs (the real one, booted by generate.ts). */
export interface StrapiLike {
  documents(uid: string): {
    create(params: { data: Record<string, unknown>; status?: 'published' | 'draft' }): Promise<{ documentId: string }>;
    findFirst(params?: Record<string, unknown>): Promise<{ documentId: string } | null>;
  };
  db: {
    transaction<T>(fn: () => Promise<T>): Promise<T>;
    query(uid: string): { findMany(params: Record<string, unknown>): Promise<Record<string, unknown>[]> };
  };
  plugin(name: string): { service(name: string): { upload(params: unknown): Promise<{ id: number }[]> } };
}

export interface LoadProgress {
  stage: 'photos' | 'institutions' | 'speakers' | 'galleries' | 'events';
  done: number;
  total: number;
}

async function inBatches<T>(items: T[], size: number, strapi: StrapiLike, work: (item: T) => Promise<void>, progress: (done: number) => void) {
  for (let i = 0; i < items.length; i += size) {
    await strapi.db.transaction(async () => {
      for (const item of items.slice(i, i + size)) await work(item);
    });
    progress(Math.min(items.length, i + size));
  }
}

/** The people, institutions and photos an earlier part of the load made, found by name. */
async function findShared(strapi: StrapiLike, corpus: Corpus) {
  const byName = async (uid: string, field: string) =>
    new Map((await strapi.db.query(uid).findMany({ select: ['documentId', field] })).map((r) => [String(r[field]), String(r.documentId)]));
  const institutions = await byName('api::institution.institution', 'name');
  const speakers = await byName('api::speaker.speaker', 'name');
  const files = new Map((await strapi.db.query('plugin::upload.file').findMany({ select: ['id', 'name'] })).map((r) => [String(r.name), Number(r.id)]));
  const pick = <T>(map: Map<string, T>, name: string, what: string) => {
    const v = map.get(name);
    if (v === undefined) throw new Error(`The corpus was loaded in parts, but ${what} "${name}" is missing: load the first part first.`);
    return v;
  };
  return {
    photo: new Map(corpus.photos.map((p) => [p.key, pick(files, p.name, 'photo')])),
    institution: new Map(corpus.institutions.map((i) => [i.key, pick(institutions, i.name, 'institution')])),
    speaker: new Map(corpus.speakers.map((s) => [s.key, pick(speakers, s.name, 'person')])),
  };
}

export interface LoadOptions {
  batchSize?: number;
  onProgress?: (p: LoadProgress) => void;
  /** Load only events [from, to); people, institutions and photos are made by the part from 0. */
  range?: [number, number];
}

export async function loadCorpus(strapi: StrapiLike, corpus: Corpus, opts: LoadOptions = {}) {
  const batch = opts.batchSize ?? 100;
  const [from, to] = opts.range ?? [0, corpus.events.length];
  const report = (stage: LoadProgress['stage'], total: number) => (done: number) => opts.onProgress?.({ stage, done, total });
  const ids = { photo: new Map<string, number>(), institution: new Map<string, string>(), speaker: new Map<string, string>(), gallery: new Map<string, string>() };
  const events = corpus.events.slice(from, to);
  if (from > 0) {
    Object.assign(ids, await findShared(strapi, corpus));
    return loadEvents(strapi, events, ids, batch, report);
  }

  // The site needs its settings; a fresh database has none.
  const settings = strapi.documents('api::site-setting.site-setting');
  if (!(await settings.findFirst())) {
    await settings.create({
      data: {
        siteName: 'Relacje z wydarzeń Centrów Usług Społecznych',
        siteDescription: 'Relacje z konferencji, kongresów, wizyt studyjnych i szkoleń centrów usług społecznych.',
        accessibility: { entityName: 'Centrum Usług Społecznych', status: 'czesciowo_zgodna', contactEmail: 'dostepnosc@example.org' },
      },
    });
  }

  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'cus-corpus-'));
  try {
    const upload = strapi.plugin('upload').service('upload');
    for (const [i, photo] of corpus.photos.entries()) {
      const file = path.join(tmp, photo.name);
      const bytes = await syntheticPhoto(photo.seed);
      await fs.writeFile(file, bytes);
      const [stored] = await upload.upload({
        data: { fileInfo: { name: photo.name, alternativeText: photo.alt, caption: photo.caption } },
        files: { filepath: file, originalFilename: photo.name, mimetype: 'image/jpeg', size: bytes.length },
      });
      ids.photo.set(photo.key, stored!.id);
      await fs.rm(file);
      report('photos', corpus.photos.length)(i + 1);
    }
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }

  const create = async (uid: string, data: Record<string, unknown>, publish: boolean) =>
    (await strapi.documents(uid).create({ data, ...(publish ? { status: 'published' as const } : {}) })).documentId;

  await inBatches(corpus.institutions, batch, strapi, async ({ key, ...data }) => {
    ids.institution.set(key, await create('api::institution.institution', data, false));
  }, report('institutions', corpus.institutions.length));

  await inBatches(corpus.speakers, batch, strapi, async ({ key, institution, ...data }) => {
    ids.speaker.set(key, await create('api::speaker.speaker', { ...data, institution: ids.institution.get(institution) }, false));
  }, report('speakers', corpus.speakers.length));

  const loaded = await loadEvents(strapi, events, ids, batch, report);
  return { photos: ids.photo.size, institutions: ids.institution.size, speakers: ids.speaker.size, ...loaded };
}

type Ids = { photo: Map<string, number>; institution: Map<string, string>; speaker: Map<string, string>; gallery: Map<string, string> };

async function loadEvents(strapi: StrapiLike, events: Corpus['events'], ids: Ids, batch: number, report: (stage: LoadProgress['stage'], total: number) => (done: number) => void) {
  const create = async (uid: string, data: Record<string, unknown>, publish: boolean) =>
    (await strapi.documents(uid).create({ data, ...(publish ? { status: 'published' as const } : {}) })).documentId;
  const withGallery = events.filter((e) => e.gallery);
  await inBatches(withGallery, batch, strapi, async (event) => {
    const g = event.gallery!;
    ids.gallery.set(event.key, await create('api::gallery.gallery', {
      title: g.title,
      photographer: g.photographer,
      photos: g.photos.map((p) => ({ image: ids.photo.get(p.photo), alt: p.alt, caption: p.caption })),
    }, true));
  }, report('galleries', withGallery.length));

  const inst = (keys: string[]) => keys.map((k) => ids.institution.get(k)!);
  await inBatches(events, batch, strapi, async ({ key, gallery: _gallery, organizers, partners, participants, appearances, ...data }) => {
    await create('api::event.event', {
      ...data,
      organizers: inst(organizers),
      partners: inst(partners),
      participants: inst(participants),
      appearances: appearances.map((a) => ({ ...a, speaker: ids.speaker.get(a.speaker), affiliation: ids.institution.get(a.affiliation) })),
      gallery: ids.gallery.get(key) ?? null,
    }, true);
  }, report('events', events.length));

  return { galleries: ids.gallery.size, events: events.length };
}
