import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOOMLA_FIXTURE_TOKEN, serveFixtures, writeExportFor, type FixtureServer } from './fixture-server.ts';
import { readWordPressExport } from './wordpress/index.ts';

let server: FixtureServer;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-fixture-server-'));
beforeAll(async () => {
  server = await serveFixtures();
});
afterAll(async () => {
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('serveFixtures', () => {
  it('serves the export with the placeholder host replaced, and every attachment it names but the missing one', async () => {
    const res = await fetch(`${server.url}/wordpress/cus-export.xml`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).not.toContain('wp.fixture.test');
    expect(xml).toContain(`${server.url}/wp-content/uploads/2023/11/konferencja-debica-powitanie.jpg`);

    const { entries } = await readWordPressExport(writeExportFor(server.url, tmp));
    const urls = new Set<string>();
    for await (const entry of entries) {
      if (entry.kind !== 'item') continue;
      if (entry.item.featuredImage) urls.add(entry.item.featuredImage.url);
      for (const id of [101, 102, 103, 104, 105, 106]) {
        const image = entry.item.attachment?.(id);
        if (image) urls.add(image.url);
      }
    }
    expect(urls.size).toBe(6);
    const statuses: Record<string, number> = {};
    for (const url of urls) {
      const image = await fetch(url);
      statuses[path.basename(url)] = image.status;
      if (image.ok) {
        expect(image.headers.get('content-type')).toBe('image/jpeg');
        const bytes = Buffer.from(await image.arrayBuffer());
        expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff])); // a JPEG
        expect(bytes.length).toBeLessThan(30_000);
      } else await image.body?.cancel();
    }
    expect(statuses).toEqual({
      'konferencja-debica-powitanie.jpg': 200,
      'konferencja-debica-sala.jpg': 200,
      'konferencja-debica-prezentacja.jpg': 200,
      'zdjecie-grupowe-usuniete.jpg': 404,
      'bukowsko-wizyta.jpg': 200,
      'bukowsko-seniorzy.jpg': 200,
    });
  });

  it('keeps requests inside the fixture folders', async () => {
    for (const p of ['/wp-content/uploads/..%2F..%2Fcus-export.xml', '/wp-content/uploads/%2E%2E/%2E%2E/%2E%2E/package.json', '/wordpress/..%2Fjoomla%2Farticles.json']) {
      const res = await fetch(`${server.url}${p}`);
      expect(res.status, p).toBe(404);
      await res.body?.cancel();
    }
  });

  it('answers the Joomla API only with the token, and records every request', async () => {
    const api = `${server.joomlaUrl}/api/index.php/v1/content/articles`;
    const denied = await fetch(api);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ errors: [{ title: 'Forbidden', code: 401 }] });
    const bearer = await fetch(`${api}?page[limit]=2`, { headers: { Authorization: `Bearer ${JOOMLA_FIXTURE_TOKEN}` } });
    const page = (await bearer.json()) as { data: unknown[]; links: Record<string, string> };
    expect(page.data).toHaveLength(2);
    expect(new URL(page.links.next!).searchParams.get('page[offset]')).toBe('2');
    expect(server.requests).toContain('GET /joomla/api/index.php/v1/content/articles?page[limit]=2');
  });
});
