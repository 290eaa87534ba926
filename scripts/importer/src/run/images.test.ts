import { describe, expect, it } from 'vitest';
import type { SourceImage } from '../source-item.ts';
import { CmsError, type ImportCms, type MediaFile, type MediaUpload, type UploadedMedia } from './cms-client.ts';
import { bringImages } from './images.ts';

// One report's images against a Media Library held in memory: each fetched once, the roles it
// plays (cover, body, gallery), and what becomes of an image without alt text or one the CMS refuses.

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const fetched: string[] = [];
const fakeFetch: typeof fetch = async (input) => {
  fetched.push(String(input));
  return new Response(JPEG, { status: 200, headers: { 'content-type': 'image/jpeg' } });
};

class Library implements Pick<ImportCms, 'uploadMedia' | 'file'> {
  uploads: MediaUpload[] = [];
  async uploadMedia(upload: MediaUpload): Promise<UploadedMedia> {
    if (upload.sourceUrl.includes('odrzucone')) throw new CmsError(400, `Plik z adresu ${upload.sourceUrl} nie jest zdjęciem JPEG, PNG, WebP ani GIF`);
    this.uploads.push(upload);
    const id = this.uploads.length;
    return { fileId: id, reused: false, file: { id, url: `/uploads/${id}.jpg`, width: 640, height: 480, alternativeText: upload.alt ?? '' } };
  }
  async file(id: number): Promise<MediaFile> {
    return { id, url: `/uploads/${id}.jpg`, width: 640, height: 480 };
  }
}

const img = (name: string, extra: Partial<SourceImage> = {}): SourceImage => ({ url: `https://cus.example.pl/wp-content/uploads/${name}.jpg`, ...extra });

describe('bringImages', () => {
  it('fetches and uploads each image once, whatever roles it plays', async () => {
    const lib = new Library();
    fetched.length = 0;
    const cover = img('okladka', { alt: 'Sala' });
    const got = await bringImages({ cover, inline: [img('okladka')], gallery: [img('okladka'), img('druga', { alt: 'Goście', caption: 'Powitanie' })] }, lib, { fetchImpl: fakeFetch });
    expect(fetched).toHaveLength(2);
    expect(got.coverFileId).toBe(1);
    expect(got.inline.get(cover.url)).toEqual({ type: 'image', image: { id: 1, url: '/uploads/1.jpg', width: 640, height: 480, alternativeText: 'Sala' }, children: [{ type: 'text', text: '' }] });
    expect(got.photos).toEqual([{ fileId: 1 }, { fileId: 2, caption: 'Powitanie' }]);
    expect(got.newFileIds).toEqual([1, 2]);
    expect(got.warnings).toEqual([]);
  });

  it('an image of the body without alt text waits in the gallery (the CMS refuses it in a body), with a warning', async () => {
    const lib = new Library();
    const bare = img('bez-opisu');
    const got = await bringImages({ inline: [bare], gallery: [] }, lib, { fetchImpl: fakeFetch });
    expect(got.inline.size).toBe(0);
    expect(got.photos).toEqual([{ fileId: 1 }]);
    expect(got.warnings).toEqual([
      { code: 'alt_missing', message: `Zdjęcie ${bare.url} nie ma tekstu alternatywnego: przeniesiono je z treści do galerii; uzupełnij go w Bibliotece mediów.` },
    ]);
  });

  it('an image the CMS refuses is a warning; the others go on', async () => {
    const lib = new Library();
    const got = await bringImages({ inline: [], gallery: [img('odrzucone', { alt: 'x' }), img('dobre', { alt: 'y' })] }, lib, { fetchImpl: fakeFetch });
    expect(got.photos).toEqual([{ fileId: 1 }]);
    expect(got.counts).toEqual({ found: 2, uploaded: 1, reused: 0, failed: 1 });
    expect(got.warnings).toEqual([{ code: 'image_rejected', message: `CMS nie przyjął zdjęcia ${img('odrzucone').url}: Plik z adresu ${img('odrzucone').url} nie jest zdjęciem JPEG, PNG, WebP ani GIF` }]);
  });

  it('a CMS that went away stops the report (the caller discards what it uploaded)', async () => {
    const lib = new Library();
    lib.uploadMedia = async () => {
      throw new CmsError(0, 'Brak połączenia z CMS');
    };
    const uploaded: number[] = [];
    await expect(bringImages({ inline: [], gallery: [img('a', { alt: 'a' })] }, lib, { fetchImpl: fakeFetch }, uploaded)).rejects.toThrow('Brak połączenia z CMS');
  });
});
