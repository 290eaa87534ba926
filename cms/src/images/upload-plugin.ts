import type { Core } from '@strapi/strapi';
import { shareCardsOf } from '../share-cards/service';
import { ImageVariants } from './variants';
import { assertImagesDecode, type IncomingFile } from './validate';

// Hooks the image variants into Strapi's upload plugin (loaded by
// src/extensions/upload/strapi-server.ts). Wrapping the plugin's `upload` service covers every
// way a file arrives: the admin media library, REST POST /api/upload and code calling the
// service (seed, data generators) all go through upload()/replace()/remove().
// - upload/replace: images that do not decode are refused before anything is stored; stored
//   photos are queued for variants, and the call waits while the queue is full;
// - replace/remove: a job running for the file is stopped and awaited first; remove then reads
//   `formats` fresh (a job may have recorded variants after the caller loaded the file), and
//   Strapi deletes every entry of it through the provider, variants included;
// - bootstrap (after the plugin's own, before the app's seed): settings, resume after restart;
// - destroy: running jobs finish before the database closes;
// - GET /api/image-variants/status for the bench and the rebuild (see statusRoutes), share
//   cards included.

type Ctx = { strapi: Core.Strapi };
type Factory<T> = (ctx: Ctx) => T;

interface UploadedFile {
  id: number;
  mime: string;
  provider: string;
  formats?: unknown;
}

interface UploadService {
  upload(input: { data: unknown; files: IncomingFile | IncomingFile[] }, opts?: unknown): Promise<UploadedFile[]>;
  replace(id: number | string, input: { data: unknown; file: IncomingFile }, opts?: unknown): Promise<UploadedFile>;
  remove(file: UploadedFile): Promise<unknown>;
  [method: string]: unknown;
}

export interface UploadPluginServer {
  services: Record<string, unknown>;
  controllers: Record<string, unknown>;
  routes: Record<string, unknown> | unknown[];
  bootstrap?: (ctx: Ctx) => unknown;
  destroy?: (ctx: Ctx) => unknown;
  [key: string]: unknown;
}

export const SERVICE = 'image-variants';
export const STATUS_PATH = '/image-variants/status';

export const imageVariantsOf = (strapi: Core.Strapi) => strapi.plugin('upload').service(SERVICE) as ImageVariants;

function withVariants(strapi: Core.Strapi, service: UploadService): UploadService {
  const variants = () => imageVariantsOf(strapi);
  return {
    ...service,
    async upload(input, opts) {
      await assertImagesDecode(input?.files);
      const files = await service.upload(input, opts);
      for (const file of files) await variants().enqueue(file);
      return files;
    },
    async replace(id, input, opts) {
      await assertImagesDecode(input?.file);
      await variants().beginReplace(Number(id));
      let file: UploadedFile;
      try {
        file = await service.replace(id, input, opts);
      } finally {
        variants().endReplace(Number(id));
      }
      await variants().enqueue(file);
      return file;
    },
    async remove(file) {
      await variants().forget(file.id);
      const fresh = (await strapi.db.query('plugin::upload.file').findOne({ where: { id: file.id }, select: ['formats'] })) as {
        formats?: unknown;
      } | null;
      return service.remove(fresh ? { ...file, formats: fresh.formats } : file);
    },
  };
}

// The route's action is plugin::upload.image-variants.find: it ends in "find", so read-only API
// tokens may call it as well as full-access ones; a custom token needs "Upload → image-variants
// → find" ticked. The public role gets nothing (bootstrap/public-role.ts clears plugin::upload.*).
const statusRoutes = {
  type: 'content-api',
  prefix: '',
  routes: [{ method: 'GET', path: STATUS_PATH, handler: `${SERVICE}.find`, config: { policies: [] } }],
};

// `pending` counts the share cards too (src/share-cards): whoever waits for the CMS's background
// images before building (tests, the bench) waits for both; `shareCards` has their detail.
const statusController: Factory<{ find: (ctx: { body: unknown }) => void }> = ({ strapi }) => ({
  find(ctx) {
    const variants = imageVariantsOf(strapi).status();
    const shareCards = shareCardsOf(strapi).status();
    ctx.body = { ...variants, pending: variants.pending + shareCards.pending, shareCards };
  },
});

export function withImageVariants(plugin: UploadPluginServer): UploadPluginServer {
  // New objects, not edits: the plugin's own maps are module singletons shared by every
  // Strapi instance a process creates (tests create several).
  const uploadFactory = plugin.services.upload as Factory<UploadService>;
  const { bootstrap, destroy } = plugin;
  return {
    ...plugin,
    services: {
      ...plugin.services,
      [SERVICE]: ({ strapi }: Ctx) => new ImageVariants(strapi),
      upload: (ctx: Ctx) => withVariants(ctx.strapi, uploadFactory(ctx)),
    },
    controllers: { ...plugin.controllers, [SERVICE]: statusController },
    routes: Array.isArray(plugin.routes) ? plugin.routes : { ...plugin.routes, [SERVICE]: statusRoutes },
    async bootstrap(ctx: Ctx) {
      await bootstrap?.(ctx);
      await imageVariantsOf(ctx.strapi).start();
    },
    async destroy(ctx: Ctx) {
      await imageVariantsOf(ctx.strapi).stop();
      await destroy?.(ctx);
    },
  };
}
