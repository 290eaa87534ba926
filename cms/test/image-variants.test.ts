import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadOnlyToken, DIST_DIR, startStrapi, type TestStrapi } from './helpers/strapi';
import { adminLogin, request } from './helpers/http';
import { photoJpeg, uploadFile, waitFor } from './helpers/images';

// Responsive image variants made at upload, against a real Strapi: real multipart uploads over
// HTTP, the local provider writing into the test's PUBLIC_DIR, the queue running in the
// background. Small widths keep the encoding fast.

const { JobQueue } = createRequire(import.meta.url)(path.join(DIST_DIR, 'src/images/queue.js')) as typeof import('../src/images/queue');

const WIDTHS = [320, 640];
const ADMIN = { email: 'media@cus.test', password: 'Media2026haslo' };
const FORMATS = [
  { prefix: 'avif', mime: 'image/avif', ext: '.avif', sharpFormat: 'heif' },
  { prefix: 'webp', mime: 'image/webp', ext: '.webp', sharpFormat: 'webp' },
  { prefix: 'jpeg', mime: 'image/jpeg', ext: '.jpg', sharpFormat: 'jpeg' },
];
const keysFor = (widths: number[]) => widths.flatMap((w) => FORMATS.map((f) => `${f.prefix}_${w}`)).sort();
const variantKeys = (formats: Record<string, unknown> | null | undefined) =>
  Object.keys(formats ?? {}).filter((k) => /^(avif|webp|jpeg)_\d+$/.test(k)).sort();

let app: TestStrapi;
let fullToken: string;
let readToken: string;
let uploadsDir: string;
let firstWorkDir: string | undefined;
const mediaUpdates: { id: number; keys: string[]; storedKeys: string[] }[] = [];

const fileRow = (id: number) => app.strapi.db.query('plugin::upload.file').findOne({ where: { id } }) as Promise<any>;
const onDisk = (url: string) => path.join(uploadsDir, path.basename(url));
const status = async () => (await request(`${app.url}/api/image-variants/status`, { token: readToken })).body;
/** Waits until the queue is empty, as the benchmark and the rebuild do, through the status route. */
const settled = () => waitFor(async () => ((await status()).pending === 0 ? true : undefined), 'the variant queue to empty');
const uploadedFiles = () => fs.readdirSync(uploadsDir).sort();

async function uploadOk(bytes: Buffer, name: string, type = 'image/jpeg') {
  const res = await uploadFile(app.url, fullToken, bytes, name, type);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { file: res.body[0], ms: res.ms };
}

beforeAll(async () => {
  app = await startStrapi({
    env: {
      IMAGE_VARIANT_WIDTHS: WIDTHS.join(','),
      IMAGE_QUEUE_CONCURRENCY: '1',
      IMAGE_QUEUE_MAX: '20',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    },
  });
  uploadsDir = path.join(process.env.PUBLIC_DIR!, 'uploads');
  const token = await app.strapi.service('admin::api-token').create({ name: 'Warianty (test)', type: 'full-access', lifespan: null });
  fullToken = token.accessKey;
  readToken = await createReadOnlyToken(app.strapi);
  // What the webhook runner sees: the event, and what the database holds at that moment.
  app.strapi.eventHub.on('media.update', async ({ media }: { media: any }) => {
    const stored = await fileRow(media.id);
    mediaUpdates.push({ id: media.id, keys: variantKeys(media.formats), storedKeys: variantKeys(stored?.formats) });
  });
});
afterAll(async () => {
  await app?.stop();
  if (firstWorkDir) fs.rmSync(firstWorkDir, { recursive: true, force: true });
});

describe('upload settings', () => {
  it('turns off small/medium/large and turns on EXIF rotation, keeping the thumbnail', async () => {
    const settings = await app.strapi.plugin('upload').service('upload').getSettings();
    expect(settings).toMatchObject({ responsiveDimensions: false, autoOrientation: true });
    expect(app.strapi.config.get('plugin::upload.breakpoints')).toEqual({});
  });
});

describe('variants of an uploaded photo', () => {
  let file: any;
  let ms: number;

  beforeAll(async () => {
    ({ file, ms } = await uploadOk(await photoJpeg(2000, 1333), 'Konferencja w Dębicy.jpg'));
  });

  it('returns as soon as the original and the thumbnail are stored', () => {
    console.log(`upload of a 2000×1333 JPEG answered in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5000);
    expect(file).toMatchObject({ mime: 'image/jpeg', width: 2000, height: 1333 });
    expect(fs.existsSync(onDisk(file.url))).toBe(true);
    expect(Object.keys(file.formats)).toEqual(['thumbnail']);
  });

  it('gets AVIF, WebP and JPEG at exactly the configured widths, stored by the provider', async () => {
    await settled();
    const res = await request(`${app.url}/api/upload/files/${file.id}`, { token: fullToken });
    expect(res.status).toBe(200);
    const formats = res.body.formats as Record<string, any>;
    expect(variantKeys(formats)).toEqual(keysFor(WIDTHS));
    expect(formats.thumbnail).toBeDefined();
    for (const gone of ['small', 'medium', 'large']) expect(formats[gone]).toBeUndefined();

    for (const width of WIDTHS) {
      for (const f of FORMATS) {
        const entry = formats[`${f.prefix}_${width}`];
        expect(Object.keys(entry).sort()).toEqual(Object.keys(formats.thumbnail).sort());
        expect(entry).toMatchObject({ mime: f.mime, ext: f.ext, width, path: null });
        expect(Math.abs(entry.height - (width * 1333) / 2000)).toBeLessThanOrEqual(1);
        expect(entry.url).toBe(`/uploads/${entry.hash}${f.ext}`);
        expect(entry.hash).toContain(file.hash);
        const bytes = fs.readFileSync(onDisk(entry.url));
        expect(bytes.length).toBe(entry.sizeInBytes);
        expect(entry.size).toBeCloseTo(bytes.length / 1000, 1);
        const meta = await sharp(bytes).metadata();
        expect(meta.format).toBe(f.sharpFormat);
        expect([meta.width, meta.height]).toEqual([entry.width, entry.height]);
        expect(meta.exif).toBeUndefined();
        // The file is served where the site will fetch it.
        const served = await fetch(`${app.url}${entry.url}`);
        expect(served.status).toBe(200);
      }
    }
  });

  it('emits media.update once the variants are recorded', () => {
    const updates = mediaUpdates.filter((u) => u.id === file.id);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.keys).toEqual(keysFor(WIDTHS));
    expect(updates[0]!.storedKeys).toEqual(keysFor(WIDTHS));
  });

  it('reports an empty queue on the status route, to read-only tokens too, and to nobody else', async () => {
    expect(await status()).toEqual({ pending: 0, failed: [], widths: WIDTHS, shareCards: { pending: 0, failed: [], drawn: 0, msPerCard: null } });
    const full = await request(`${app.url}/api/image-variants/status`, { token: fullToken });
    expect(full.status).toBe(200);
    const anonymous = await request(`${app.url}/api/image-variants/status`);
    expect([401, 403]).toContain(anonymous.status);
    // A custom token needs the action ticked (Upload → image-variants → find).
    const tokens = app.strapi.service('admin::api-token');
    const allowed = await tokens.create({ name: 'Status (test)', type: 'custom', lifespan: null, permissions: ['plugin::upload.image-variants.find'] });
    const other = await tokens.create({ name: 'Inne (test)', type: 'custom', lifespan: null, permissions: ['plugin::upload.content-api.find'] });
    expect((await request(`${app.url}/api/image-variants/status`, { token: allowed.accessKey })).status).toBe(200);
    expect((await request(`${app.url}/api/image-variants/status`, { token: other.accessKey })).status).toBe(403);
  });
});

describe('other ways in: the admin media library and code', () => {
  it('the admin upload refuses a broken image in Polish and queues a good one', async () => {
    const jwt = await adminLogin(app.url, ADMIN.email, ADMIN.password);
    const post = async (bytes: Buffer, name: string) => {
      const form = new FormData();
      form.append('files', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), name);
      form.append('fileInfo', JSON.stringify({ name, folder: null }));
      const res = await fetch(`${app.url}/upload`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
      return { status: res.status, body: (await res.json()) as any };
    };
    const broken = await post(crypto.randomBytes(20_000), 'z-aparatu.jpg');
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toContain('„z-aparatu.jpg”');

    const good = await post(await photoJpeg(900, 600, { seed: 21 }), 'z-biblioteki.jpg');
    expect(good.status, JSON.stringify(good.body)).toBe(201);
    await settled();
    expect(variantKeys((await fileRow(good.body[0].id)).formats)).toEqual(keysFor(WIDTHS));
  });

  it('code calling the upload service gets the same check and the same variants', async () => {
    const service = app.strapi.plugin('upload').service('upload');
    const tmp = fs.mkdtempSync(path.join(app.workDir, 'gen-'));
    const write = (name: string, bytes: Buffer) => {
      const filepath = path.join(tmp, name);
      fs.writeFileSync(filepath, bytes);
      return { filepath, originalFilename: name, mimetype: 'image/jpeg', size: bytes.length };
    };
    const jpeg = await photoJpeg(900, 600, { seed: 22 });
    await expect(
      service.upload({ data: { fileInfo: { name: 'ucięte.jpg' } }, files: write('ucięte.jpg', jpeg.subarray(0, 3000)) }),
    ).rejects.toThrow(/„ucięte\.jpg” nie jest poprawnym obrazem/);
    const [file] = await service.upload({ data: { fileInfo: { name: 'z-generatora.jpg' } }, files: write('z-generatora.jpg', jpeg) });
    await settled();
    expect(variantKeys((await fileRow(file.id)).formats)).toEqual(keysFor(WIDTHS));
  });
});

describe('which sizes are made', () => {
  it('applies the EXIF rotation and skips widths not below the shown width', async () => {
    // Stored 800×600 lying on its side (EXIF orientation 6): shown 600×800, so only 320 fits.
    const { file } = await uploadOk(await photoJpeg(800, 600, { orientation: 6, seed: 3 }), 'portret.jpg');
    await settled();
    const row = await fileRow(file.id);
    expect(variantKeys(row.formats)).toEqual(keysFor([320]));
    expect(row.formats.avif_320).toMatchObject({ width: 320, height: 427 });
    const meta = await sharp(fs.readFileSync(onDisk(row.formats.jpeg_320.url))).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([320, 427, undefined]);
  });

  it('gives an AVIF original the size Strapi leaves empty, and its variants', async () => {
    const avif = await sharp(await photoJpeg(1000, 700, { seed: 4 })).avif({ effort: 0 }).toBuffer();
    const { file } = await uploadOk(avif, 'panel.avif', 'image/avif');
    expect(file).toMatchObject({ mime: 'image/avif', width: null, height: null });
    await settled();
    const row = await fileRow(file.id);
    expect([row.width, row.height]).toEqual([1000, 700]);
    expect(variantKeys(row.formats)).toEqual(keysFor(WIDTHS));
  });

  it('makes one set at the original width when the photo is narrower than every width', async () => {
    const png = await sharp({ create: { width: 200, height: 150, channels: 4, background: { r: 200, g: 40, b: 40, alpha: 0.5 } } })
      .png()
      .toBuffer();
    const { file } = await uploadOk(png, 'logo.png', 'image/png');
    await settled();
    const row = await fileRow(file.id);
    expect(variantKeys(row.formats)).toEqual(keysFor([200]));
    // JPEG has no transparency: the half-transparent red sits on white.
    const { data } = await sharp(fs.readFileSync(onDisk(row.formats.jpeg_200.url))).raw().toBuffer({ resolveWithObject: true });
    expect(data[1]).toBeGreaterThan(100);
  });
});

describe('uploads that get no variants', () => {
  it('stores a PDF byte for byte, without formats', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
        'trailer <</Root 1 0 R>>\n%%EOF\n',
    );
    const { file } = await uploadOk(pdf, 'prezentacja.pdf', 'application/pdf');
    expect(file.mime).toBe('application/pdf');
    await settled();
    const row = await fileRow(file.id);
    expect(row.formats).toBeNull();
    expect(fs.readFileSync(onDisk(row.url)).equals(pdf)).toBe(true);
  });

  it('refuses random bytes named photo.jpg with a Polish 400 naming the file, storing nothing', async () => {
    const before = { rows: await app.strapi.db.query('plugin::upload.file').count({}), files: uploadedFiles() };
    const res = await uploadFile(app.url, fullToken, crypto.randomBytes(40_000), 'photo.jpg', 'image/jpeg');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('„photo.jpg”');
    expect(res.body.error.message).toMatch(/nie jest poprawnym obrazem/);
    expect(await app.strapi.db.query('plugin::upload.file').count({})).toBe(before.rows);
    expect(uploadedFiles()).toEqual(before.files);
  });

  it('refuses a JPEG cut in half the same way', async () => {
    const before = await app.strapi.db.query('plugin::upload.file').count({});
    const jpeg = await photoJpeg(1200, 800, { seed: 5 });
    const res = await uploadFile(app.url, fullToken, jpeg.subarray(0, jpeg.length >> 1), 'zdjęcie-z-sali.jpg', 'image/jpeg');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('„zdjęcie-z-sali.jpg”');
    expect(await app.strapi.db.query('plugin::upload.file').count({})).toBe(before);
  });
});

describe('a job that fails', () => {
  it('is listed with its reason, leaves nothing behind, and the queue goes on', async () => {
    const provider = app.strapi.plugin('upload').provider as any;
    const uploadStream = provider.uploadStream;
    let armed = true;
    // The storage refuses the first AVIF variant once (a full bucket, a dropped connection…).
    provider.uploadStream = async (f: any, opts: unknown) => {
      if (armed && f.hash.startsWith('avif_')) {
        armed = false;
        throw new Error('Symulowana awaria magazynu plików');
      }
      return uploadStream.call(provider, f, opts);
    };
    try {
      const { file: bad } = await uploadOk(await photoJpeg(900, 600, { seed: 7 }), 'pechowe.jpg');
      const { file: good } = await uploadOk(await photoJpeg(900, 600, { seed: 8 }), 'udane.jpg');
      await settled();

      expect((await status()).failed).toEqual([{ id: bad.id, name: 'pechowe.jpg', error: 'Symulowana awaria magazynu plików' }]);
      expect(variantKeys((await fileRow(bad.id)).formats)).toEqual([]);
      expect(uploadedFiles().filter((n) => n.includes(bad.hash) && /^(avif|webp|jpeg)_/.test(n))).toEqual([]);
      expect(variantKeys((await fileRow(good.id)).formats)).toEqual(keysFor(WIDTHS));
      // Not retried on its own: the failure stays listed.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await status()).pending).toBe(0);
    } finally {
      provider.uploadStream = uploadStream;
    }
  });
});

describe('replace and delete', () => {
  it('replacing a photo makes new variants under new names and removes the old ones', async () => {
    const { file } = await uploadOk(await photoJpeg(1000, 700, { seed: 11 }), 'przed.jpg');
    await settled();
    const before = (await fileRow(file.id)).formats;
    const res = await uploadFile(app.url, fullToken, await photoJpeg(1000, 700, { seed: 12 }), 'po.jpg', 'image/jpeg', {
      replaceId: file.id,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await settled();
    const after = (await fileRow(file.id)).formats;
    expect(variantKeys(after)).toEqual(keysFor(WIDTHS));
    for (const key of keysFor(WIDTHS)) {
      expect(after[key].url).not.toBe(before[key].url);
      expect(fs.existsSync(onDisk(after[key].url))).toBe(true);
      expect(fs.existsSync(onDisk(before[key].url))).toBe(false);
    }
  });

  it('replacing or deleting a photo while its variants are being made leaves no stray files', async () => {
    const ownFiles = (hash: string) => uploadedFiles().filter((n) => n.includes(hash));
    const { file: a } = await uploadOk(await photoJpeg(1600, 1000, { seed: 15 }), 'w-trakcie.jpg');
    const replaced = await uploadFile(app.url, fullToken, await photoJpeg(1600, 1000, { seed: 16 }), 'w-trakcie.jpg', 'image/jpeg', {
      replaceId: a.id,
    });
    expect(replaced.status).toBe(200);
    const { file: b } = await uploadOk(await photoJpeg(1600, 1000, { seed: 17 }), 'zaraz-usuniete.jpg');
    expect((await request(`${app.url}/api/upload/files/${b.id}`, { method: 'DELETE', token: fullToken })).status).toBe(200);
    await settled();

    const row = await fileRow(a.id);
    const recorded = [row.url, ...Object.values(row.formats as Record<string, { url: string }>).map((f) => f.url)].map((u) => path.basename(u));
    expect(variantKeys(row.formats)).toEqual(keysFor(WIDTHS));
    // The replaced photo is stored under a new hash: nothing is left under the old one.
    expect(row.hash).not.toBe(a.hash);
    expect(ownFiles(row.hash).sort()).toEqual(recorded.sort());
    expect(ownFiles(a.hash)).toEqual([]);
    expect(ownFiles(b.hash)).toEqual([]);
  });

  it('replacing a photo gives it a new address, and the export shows it in every body that has it, without a save', async () => {
    const { file } = await uploadOk(await photoJpeg(900, 600, { seed: 18 }), 'scena.jpg');
    await app.strapi.plugin('upload').service('upload').updateFileInfo(file.id, { alternativeText: 'Scena podczas konferencji' });
    const image = { type: 'image', image: { id: file.id, url: file.url, name: file.name, alternativeText: 'Scena podczas konferencji', width: 900, height: 600 }, children: [{ type: 'text', text: '' }] };
    const created = await request(`${app.url}/api/events`, {
      method: 'POST',
      token: fullToken,
      json: { data: { title: 'Konferencja ze zdjęciem sceny', type: 'konferencja', dates: [{ start: '2026-05-12' }], body: [image] } },
    });
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
    const documentId = created.body.data.documentId as string;
    const exported = async () => {
      const res = await request(`${app.url}/api/site-export/events?ids=${documentId}`, { token: fullToken });
      expect(res.status).toBe(200);
      return res.body.data[0] as { bodyHtml: string; bodyFiles: { url: string; mime: string }[] };
    };
    // The body goes out rendered, its <img> from the file's variants, and every file of it listed for the site to copy.
    const before = await exported();
    expect(before.bodyFiles).toContainEqual({ url: file.url, mime: 'image/jpeg' });
    expect(before.bodyHtml).toContain('alt="Scena podczas konferencji"');
    expect(before.bodyHtml).toContain(file.hash);

    const res = await uploadFile(app.url, fullToken, await photoJpeg(900, 600, { seed: 19 }), 'scena-nowa.jpg', 'image/jpeg', { replaceId: file.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const row = await fileRow(file.id);
    // Same file (every entry keeps it), new name: a site caching /media/ files forever never serves the old bytes.
    expect(row.url).not.toBe(file.url);
    expect(fs.existsSync(onDisk(row.url))).toBe(true);
    expect(fs.existsSync(onDisk(file.url))).toBe(false);
    // The event was not saved again: its stored body still has the old address, its export the new one.
    const stored = (await app.strapi.documents('api::event.event').findOne({ documentId, status: 'published' } as never)) as unknown as { body: { image: { url: string } }[] };
    expect(stored.body[0]!.image.url).toBe(file.url);
    const after = await exported();
    expect(after.bodyFiles).toContainEqual({ url: row.url, mime: 'image/jpeg' });
    expect(after.bodyFiles.map((f) => f.url).join(' ')).not.toContain(file.hash);
    expect(after.bodyHtml).toContain(row.hash);
    expect(after.bodyHtml).not.toContain(file.hash);
    await settled();
  });

  it('deleting a photo deletes its variant files', async () => {
    const { file } = await uploadOk(await photoJpeg(1000, 700, { seed: 13 }), 'do-usuniecia.jpg');
    await settled();
    const row = await fileRow(file.id);
    const urls = [row.url, ...Object.values(row.formats as Record<string, { url: string }>).map((f) => f.url)];
    expect(urls).toHaveLength(1 + 1 + 3 * WIDTHS.length);
    for (const url of urls) expect(fs.existsSync(onDisk(url))).toBe(true);

    const res = await request(`${app.url}/api/upload/files/${file.id}`, { method: 'DELETE', token: fullToken });
    expect(res.status).toBe(200);
    for (const url of urls) expect(fs.existsSync(onDisk(url)), url).toBe(false);
  });
});

describe('restart', () => {
  it('resumes: photos lacking the variants of the new widths get them, a failed one is tried again', async () => {
    // The same database and upload folder, started again with one width changed (640 → 480).
    const before = (await app.strapi.db.query('plugin::upload.file').findMany({ where: { mime: 'image/jpeg' } })) as any[];
    expect(before.length).toBeGreaterThanOrEqual(5);
    const failedId = (await status()).failed[0]?.id as number;
    expect(failedId).toBeDefined();
    const { DATABASE_FILENAME, PUBLIC_DIR } = process.env;
    await app.stop({ keepFiles: true });
    firstWorkDir = app.workDir;
    app = await startStrapi({
      fromTemplate: false,
      env: { DATABASE_FILENAME: DATABASE_FILENAME!, PUBLIC_DIR: PUBLIC_DIR!, IMAGE_VARIANT_WIDTHS: '320,480' },
    });
    readToken = await createReadOnlyToken(app.strapi, 'Strona publiczna (po restarcie)');
    expect((await status()).widths).toEqual([320, 480]);
    await settled();

    for (const old of before) {
      const row = await fileRow(old.id);
      // Every JPEG here is shown at least 600 px wide.
      expect(variantKeys(row.formats), row.name).toEqual(keysFor([320, 480]));
      for (const key of keysFor([320, 480])) expect(fs.existsSync(onDisk(row.formats[key].url))).toBe(true);
      if (old.id === failedId) continue;
      // Made before the restart and still right: kept as they were, not encoded again.
      for (const f of FORMATS) expect(row.formats[`${f.prefix}_320`].url).toBe(old.formats[`${f.prefix}_320`].url);
      // No longer wanted: recorded no more, and gone from the provider.
      if (old.formats[`${FORMATS[0]!.prefix}_640`]) {
        for (const f of FORMATS) expect(fs.existsSync(onDisk(old.formats[`${f.prefix}_640`].url))).toBe(false);
      }
    }
    expect((await status()).failed).toEqual([]);
  });
});

describe('the queue', () => {
  it('runs jobs one at a time, makes producers wait when full, and survives a failing job', async () => {
    const done: number[] = [];
    const errors: number[] = [];
    const gates = new Map<number, () => void>();
    const queue = new JobQueue<number>({
      concurrency: 1,
      max: 2,
      run: (n) =>
        new Promise<void>((resolve, reject) => {
          gates.set(n, () => (n === 2 ? reject(new Error('zepsute')) : (done.push(n), resolve())));
        }),
      onError: (n) => errors.push(n),
    });
    await queue.add(1); // runs
    await queue.add(2); // waits
    await queue.add(3); // waits: the line is full now
    let fourthQueued = false;
    const fourth = queue.add(4).then(() => (fourthQueued = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fourthQueued).toBe(false);
    expect(queue.pending).toBe(4);

    gates.get(1)!(); // 1 done, 2 starts, 4 gets its place
    await fourth;
    expect(fourthQueued).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    gates.get(2)!(); // fails
    await new Promise((resolve) => setTimeout(resolve, 0));
    gates.get(3)!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    gates.get(4)!();
    await queue.onIdle();
    expect(done).toEqual([1, 3, 4]);
    expect(errors).toEqual([2]);
    expect(queue.pending).toBe(0);
  });
});
