import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Core, UID } from '@strapi/strapi';
import { slugify } from '@cus/shared';
import { markdownToBlocks } from '@cus/shared/blocks';
import { placeholderJpeg } from './placeholder-image';
import type { SeedFile, SeedPhoto } from './types';

// Imports cms/seed/reports.json. Every entry is matched by its slug, so running the import
// again updates what is there instead of duplicating it. A store flag remembers a finished
// import: an emptied database is not re-seeded behind the editors' backs, and an import
// cut short (crash, Ctrl-C) is resumed on the next start. Bodies are written in the file as
// Markdown (readable, and the one source) and stored as Blocks, converted by the function that
// migrated old databases (database/migrations) and that imports from other systems will use.

const STORE_KEY = 'seed';
export const SEED_FILE = 'seed/reports.json';

type Id = string; // documentId

export interface SeedSummary {
  institutions: number;
  speakers: number;
  galleries: number;
  photos: number;
  events: number;
}

export async function loadSeedFile(appRoot: string): Promise<SeedFile> {
  const file = path.join(appRoot, SEED_FILE);
  return JSON.parse(await fs.readFile(file, 'utf8')) as SeedFile;
}

async function upsert(strapi: Core.Strapi, uid: UID.ContentType, slugSource: string, data: Record<string, unknown>) {
  const docs = strapi.documents(uid as 'api::event.event');
  const slug = slugify(slugSource);
  const existing = await docs.findFirst({ filters: { slug }, status: 'draft' } as never);
  const status = (strapi.contentType(uid).options?.draftAndPublish ? { status: 'published' } : {}) as object;
  const saved = existing
    ? await docs.update({ documentId: existing.documentId, data: data as never, ...status })
    : await docs.create({ data: { ...data, slug } as never, ...status });
  return saved!.documentId as Id;
}

async function uploadPhoto(strapi: Core.Strapi, photo: SeedPhoto, name: string, tmpDir: string) {
  const existing = await strapi.db.query('plugin::upload.file').findOne({ where: { name } });
  if (existing) return existing.id as number;
  const filepath = path.join(tmpDir, name);
  const jpeg = await placeholderJpeg(photo.label);
  await fs.writeFile(filepath, jpeg);
  const [file] = await strapi.plugin('upload').service('upload').upload({
    data: { fileInfo: { name, alternativeText: photo.alt, caption: photo.caption ?? null } },
    files: { filepath, originalFilename: name, mimetype: 'image/jpeg', size: jpeg.length },
  });
  return file.id as number;
}

const blocks = (markdown: string | null | undefined) => (markdown ? markdownToBlocks(markdown) : null);

/** The rich-text fields of the accessibility statement, in the file as Markdown. */
const ACCESSIBILITY_BLOCKS = ['nonCompliance', 'exemptions', 'architecturalAccessibility'];

function siteSettingsData(settings: SeedFile['siteSettings']): Record<string, unknown> {
  const accessibility = settings.accessibility as Record<string, unknown> | null | undefined;
  if (!accessibility) return settings;
  const converted = { ...accessibility };
  for (const field of ACCESSIBILITY_BLOCKS) {
    if (field in converted) converted[field] = blocks(converted[field] as string | null);
  }
  return { ...settings, accessibility: converted };
}

const pick = (map: Map<string, Id>, keys: string[] | undefined, where: string): Id[] =>
  (keys ?? []).map((k) => {
    const id = map.get(k);
    if (!id) throw new Error(`Seed: ${where} refers to unknown key "${k}".`);
    return id;
  });

export async function importSeed(strapi: Core.Strapi, seed: SeedFile): Promise<SeedSummary> {
  const summary: SeedSummary = { institutions: 0, speakers: 0, galleries: 0, photos: 0, events: 0 };
  const institutions = new Map<string, Id>();
  const speakers = new Map<string, Id>();

  for (const { key, ...data } of seed.institutions) {
    institutions.set(key, await upsert(strapi, 'api::institution.institution', data.name, data));
    summary.institutions++;
  }
  for (const { key, institution, ...data } of seed.speakers) {
    const rel = institution ? pick(institutions, [institution], `speaker ${key}`)[0] : null;
    speakers.set(key, await upsert(strapi, 'api::speaker.speaker', data.name, { ...data, institution: rel }));
    summary.speakers++;
  }

  const tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cus-seed-'));
  try {
    for (const event of seed.events) {
      const { key, source: _source, gallery, organizers, partners, participants, appearances, ...data } = event;
      let galleryId: Id | null = null;
      if (gallery) {
        const photos = [];
        for (const [i, photo] of gallery.photos.entries()) {
          const image = await uploadPhoto(strapi, photo, `${slugify(event.title)}-${i + 1}.jpg`, tmpDir);
          photos.push({ image, alt: photo.alt, caption: photo.caption ?? null });
          summary.photos++;
        }
        galleryId = await upsert(strapi, 'api::gallery.gallery', gallery.title, {
          title: gallery.title,
          photographer: gallery.photographer ?? null,
          photos,
        });
        summary.galleries++;
      }
      await upsert(strapi, 'api::event.event', event.title, {
        ...data,
        body: blocks(data.body),
        organizers: pick(institutions, organizers, `event ${key} organizers`),
        partners: pick(institutions, partners, `event ${key} partners`),
        participants: pick(institutions, participants, `event ${key} participants`),
        appearances: (appearances ?? []).map((a) => ({
          ...a,
          speaker: pick(speakers, [a.speaker], `event ${key} appearance`)[0],
          affiliation: a.affiliation ? pick(institutions, [a.affiliation], `event ${key} affiliation`)[0] : null,
        })),
        gallery: galleryId,
      });
      summary.events++;
    }
  } finally {
    await fs.rm(tmpDir, { recursive: true, force: true });
  }

  const settings = strapi.documents('api::site-setting.site-setting');
  const current = await settings.findFirst();
  const settingsData = siteSettingsData(seed.siteSettings);
  if (current) await settings.update({ documentId: current.documentId, data: settingsData as never });
  else await settings.create({ data: settingsData as never });

  return summary;
}

/** Seeds a database that has no events yet (or resumes an import that was cut short). */
export async function seedIfEmpty(strapi: Core.Strapi) {
  if (process.env.SEED_ON_EMPTY === 'false') return;
  const store = strapi.store({ type: 'core', name: 'cus' });
  const state = (await store.get({ key: STORE_KEY })) as { status?: string } | null;
  if (state?.status === 'done') return;
  if (!state && (await strapi.db.query('api::event.event').count()) > 0) return;

  await store.set({ key: STORE_KEY, value: { status: 'started' } });
  const started = Date.now();
  const summary = await importSeed(strapi, await loadSeedFile(strapi.dirs.app.root));
  await store.set({ key: STORE_KEY, value: { status: 'done', at: new Date().toISOString(), summary } });
  strapi.log.info(
    `Zaimportowano relacje startowe: ${summary.events} wydarzeń, ${summary.speakers} osób, ` +
      `${summary.institutions} instytucji, ${summary.photos} zdjęć (${Date.now() - started} ms).`,
  );
}
