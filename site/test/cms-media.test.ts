import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { cmsMedia, copyMediaFiles, entryOfPage, mediaFileOf, mediaReferences } from '../src/integrations/cms-media.ts';
import { cmsUploadsFromEnv } from '../src/lib/cms-uploads.ts';

// Which CMS files a built page really uses: only URLs in its tags and JSON-LD, on this site.
// Text that mentions /media/ (an editor's sentence, another site's address) is no reference:
// it used to stop the build with an unhandled error in the media step.

const SITE = 'http://127.0.0.1:4321';

describe('media references of a page', () => {
  it('takes src, srcset, href and content attributes, and JSON-LD images, of this site', () => {
    const html = `<html><head><meta property="og:image" content="${SITE}/media/og_a1.jpg">
<script type="application/ld+json">{"@type":"Event","image":["${SITE}/media/cover_b2.jpg"],"description":"${SITE}/media/in_text.jpg"}</script></head>
<body><picture><source type="image/avif" srcset="/media/avif_480_c3.avif 480w, /media/avif_960_c3.avif 960w"><img src="/media/jpeg_960_c3.jpg" alt="a > b"></picture>
<a href="/media/program_d4.pdf">Program</a></body></html>`;
    expect([...mediaReferences(html, SITE)].sort()).toEqual(['avif_480_c3.avif', 'avif_960_c3.avif', 'cover_b2.jpg', 'jpeg_960_c3.jpg', 'og_a1.jpg', 'program_d4.pdf']);
  });

  it('ignores /media/ in text, in escaped markup, in code and on other sites', () => {
    const html = `<body><p>Zdjęcia są w /media/zdjecie.jpg i src="/media/nie-ma.jpg" oraz srcset="/media/a.jpg 480w".</p>
<p>&lt;img src="/media/escaped.jpg"&gt;</p><pre><code>&#x3C;img src="/media/kod.jpg"></code></pre>
<a href="https://cms.example/media/x.jpg">https://cms.example/media/x.jpg</a><img src="https://cdn.example/media/y.jpg" alt=""></body>`;
    expect([...mediaReferences(html, SITE)]).toEqual([]);
  });

  it('names only plain file names directly under /media/', () => {
    expect(mediaFileOf('/media/a_b-c.1.jpg', SITE)).toBe('a_b-c.1.jpg');
    expect(mediaFileOf(`${SITE}/media/x.png?v=1`, SITE)).toBe('x.png');
    expect(mediaFileOf('/media/../etc/passwd', SITE)).toBeNull();
    expect(mediaFileOf('/media/sub/x.jpg', SITE)).toBeNull();
    expect(mediaFileOf('/media/', SITE)).toBeNull();
    expect(mediaFileOf('https://evil.example/media/x.jpg', SITE)).toBeNull();
  });

  it('names the entry a page shows, for the build failure report', () => {
    expect(entryOfPage(path.join('wydarzenia', 'zjazd', 'index.html'))).toEqual({ type: 'event', slug: 'zjazd' });
    expect(entryOfPage(path.join('galerie', 'g1', 'index.html'))).toEqual({ type: 'gallery', slug: 'g1' });
    expect(entryOfPage(path.join('wydarzenia', 'rok', '2023', 'index.html'))).toEqual({ type: 'page' });
    expect(entryOfPage('index.html')).toEqual({ type: 'page' });
  });
});

describe('the media step of a build', () => {
  it('copies what pages use and stops, naming the entry in the build report, on a file no CMS entry has', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-media-step-'));
    const saved = { cache: process.env.SITE_CACHE_DIR, report: process.env.SITE_BUILD_REPORT };
    try {
      const out = path.join(work, 'dist');
      const cache = path.join(work, 'cache');
      fs.mkdirSync(path.join(cache, 'media', 'files'), { recursive: true });
      fs.writeFileSync(path.join(cache, 'media', 'files', 'cached_a1.jpg'), 'jpeg');
      fs.mkdirSync(path.join(out, 'wydarzenia', 'zjazd'), { recursive: true });
      fs.writeFileSync(path.join(out, 'index.html'), '<p>Tekst o /media/tekst.jpg</p><img src="/media/cached_a1.jpg" alt="">');
      process.env.SITE_CACHE_DIR = cache;
      process.env.SITE_BUILD_REPORT = path.join(work, 'report.json');
      const hooks = cmsMedia().hooks as Required<AstroIntegration['hooks']>;
      const logger = { info: () => {}, warn: () => {}, error: () => {} };
      const run = async () => {
        await (hooks['astro:config:done'] as (o: unknown) => unknown)({ config: { root: pathToFileURL(`${work}/`), site: SITE } });
        await (hooks['astro:build:done'] as (o: unknown) => Promise<void>)({ dir: pathToFileURL(`${out}/`), logger });
      };
      await run();
      expect(fs.readdirSync(path.join(out, 'media'))).toEqual(['cached_a1.jpg']);
      expect(fs.existsSync(process.env.SITE_BUILD_REPORT)).toBe(false);

      fs.writeFileSync(path.join(out, 'wydarzenia', 'zjazd', 'index.html'), '<img src="/media/zniknal_b2.jpg" alt="">');
      await expect(run()).rejects.toThrow(/wydarzenia\/zjazd\/index\.html \(event "zjazd"\) refers to \/media\/zniknal_b2\.jpg/);
      const report = JSON.parse(fs.readFileSync(process.env.SITE_BUILD_REPORT, 'utf8')) as { failure: Record<string, string> };
      expect(report.failure).toMatchObject({ type: 'event', slug: 'zjazd', field: 'media' });
    } finally {
      for (const [k, v] of [['SITE_CACHE_DIR', saved.cache], ['SITE_BUILD_REPORT', saved.report]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('CMS files from the CMS\'s own folder', () => {
  it('copies what the CMS serves from its upload folder, downloads only what is not there, and never asks the CMS for the rest', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-media-uploads-'));
    const requested: string[] = [];
    const server = http.createServer((req, res) => {
      requested.push(req.url ?? '');
      if (req.url === '/uploads/tylko_w_cms_b2.jpg') res.end('bytes over http');
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const cmsUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const uploadsDir = path.join(work, 'cms', 'public', 'uploads');
      fs.mkdirSync(uploadsDir, { recursive: true });
      fs.writeFileSync(path.join(uploadsDir, 'scena_a1.jpg'), 'bytes in the folder');
      const mediaDir = path.join(work, 'cache', 'media');
      fs.mkdirSync(mediaDir, { recursive: true });
      fs.writeFileSync(
        path.join(mediaDir, 'manifest-events.json'),
        JSON.stringify({ 'scena_a1.jpg': `${cmsUrl}/uploads/scena_a1.jpg`, 'tylko_w_cms_b2.jpg': `${cmsUrl}/uploads/tylko_w_cms_b2.jpg` }),
      );
      const outDir = path.join(work, 'dist');
      const refs = new Map([['scena_a1.jpg', 'index.html'], ['tylko_w_cms_b2.jpg', 'index.html']]);
      // As a build started from another folder sees it: CMS_UPLOADS_DIR relative to where it was set.
      const uploads = cmsUploadsFromEnv({ CMS_UPLOADS_DIR: 'cms/public/uploads', STRAPI_URL: cmsUrl }, work);
      expect(uploads).toEqual({ dir: uploadsDir, url: cmsUrl });

      expect(await copyMediaFiles(refs, outDir, mediaDir, uploads)).toEqual({ files: 2, downloaded: 1, copied: 1 });
      expect(requested).toEqual(['/uploads/tylko_w_cms_b2.jpg']);
      expect(fs.readFileSync(path.join(outDir, 'media', 'scena_a1.jpg'), 'utf8')).toBe('bytes in the folder');
      expect(fs.readFileSync(path.join(outDir, 'media', 'tylko_w_cms_b2.jpg'), 'utf8')).toBe('bytes over http');
      expect(fs.readdirSync(path.join(mediaDir, 'files')).sort()).toEqual(['scena_a1.jpg', 'tylko_w_cms_b2.jpg']);
      // Without the folder configured, or with one that does not exist, every file is downloaded.
      expect(cmsUploadsFromEnv({ CMS_UPLOADS_DIR: 'nie/ma', STRAPI_URL: cmsUrl }, work)).toBeUndefined();
      expect(cmsUploadsFromEnv({ STRAPI_URL: cmsUrl }, work)).toBeUndefined();
    } finally {
      server.close();
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
