import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listen } from '@cus/serve/static-server';
import { readTemplate, startCms, type CmsProcess } from '@cus/testing/cms-process';
import { createPreviewServer } from './server.ts';

// Photos of a draft in the preview: a photo just uploaded (in no build yet) is shown from the
// CMS, at the /media/<file> address every page writes (without a trailing slash).

const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
let cms: CmsProcess;
let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  cms = await startCms(readTemplate(inject('templateDir')));
  // No preview build is needed for media: an empty folder.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-preview-'));
  server = createPreviewServer({ dir, cmsOrigin: cms.url });
  base = await listen(server);
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await cms?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('draft photos in the preview', () => {
  it('shows a photo uploaded for a draft at /media/<file>, with or without a trailing slash', async () => {
    const form = new FormData();
    form.append('files', new Blob([PNG_1x1], { type: 'image/png' }), 'szkic-zdjecie.png');
    const upload = await fetch(`${cms.url}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${cms.writeToken}` }, body: form });
    expect(upload.status).toBe(201);
    const [file] = (await upload.json()) as { url: string }[];
    const name = path.posix.basename(file!.url);

    for (const address of [`/media/${name}`, `/media/${name}/`]) {
      const res = await fetch(`${base}${address}`);
      expect(res.status, address).toBe(200);
      expect(res.headers.get('content-type'), address).toBe('image/png');
      // The CMS's own copy (it may have re-encoded the upload).
      const stored = Buffer.from(await (await fetch(`${cms.url}${file!.url}`)).arrayBuffer());
      expect(Buffer.from(await res.arrayBuffer()).equals(stored), address).toBe(true);
    }
    // Sent to the CMS's own copy, which the preview's Content-Security-Policy allows.
    const redirect = await fetch(`${base}/media/${name}`, { redirect: 'manual' });
    expect(redirect.headers.get('location')).toBe(`${cms.url}/uploads/${name}`);
    expect(redirect.headers.get('content-security-policy')).toContain(`img-src 'self' data: ${cms.url}`);
  });

  it('sends nothing but a plain file name on', async () => {
    for (const address of ['/media/..%2F..%2Fadmin', '/media/a/b.png', '/media/.env', '/media/']) {
      const res = await fetch(`${base}${address}`, { redirect: 'manual' });
      expect(res.status, address).not.toBe(302);
    }
  });
});
