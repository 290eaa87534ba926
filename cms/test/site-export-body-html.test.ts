import { describe, expect, it } from 'vitest';
import { renderBody } from '@cus/shared/body-html';
import { withBodyHtml } from '../src/site-export-body-html';

// What the site export sends of an event's rich text: rendered once by the CMS, with the files
// its photos show; what the renderer's limits refuse goes out as stored, for the site to name.

const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });
const photo = {
  type: 'image',
  image: {
    url: '/uploads/scena_ab12.jpg', mime: 'image/jpeg', width: 1200, height: 800, alternativeText: 'Scena', name: 'scena.jpg',
    formats: {
      medium: { url: '/uploads/medium_scena_ab12.jpg', mime: 'image/jpeg', width: 750, height: 500 },
      medium_webp: { url: '/uploads/medium_scena_ab12.webp', mime: 'image/webp', width: 750, height: 500 },
    },
  },
  children: [{ type: 'text', text: '' }],
};

describe('withBodyHtml', () => {
  it('sends a valid body as the HTML the site renderer makes, and the files its photos show', () => {
    const body = [{ type: 'heading', level: 2, children: [{ type: 'text', text: 'Program' }] }, paragraph('Goście mówili "o zmianach" w gminie'), photo];
    const sent = withBodyHtml({ title: 'Konferencja', body, slug: 'k' }, 'body');
    expect(sent).not.toHaveProperty('body');
    expect(sent).toMatchObject({ title: 'Konferencja', slug: 'k', bodyHtml: renderBody(body) });
    expect(sent.bodyHtml).toContain('<h2 id="program">Program</h2>');
    expect(sent.bodyHtml).toContain('„o\u00a0zmianach”');
    expect(sent.bodyHtml).toContain('src="/media/medium_scena_ab12.jpg"');
    expect(sent.bodyFiles).toEqual([
      { url: '/uploads/scena_ab12.jpg', mime: 'image/jpeg' },
      { url: '/uploads/medium_scena_ab12.jpg', mime: 'image/jpeg' },
      { url: '/uploads/medium_scena_ab12.webp', mime: 'image/webp' },
    ]);
  });

  it('sends an empty body as empty HTML', () => {
    expect(withBodyHtml({ body: null }, 'body')).toEqual({ bodyHtml: '', bodyFiles: [] });
    expect(withBodyHtml({ body: [] }, 'body')).toEqual({ bodyHtml: '', bodyFiles: [] });
  });

  it('sends a body the limits refuse as it is stored, and an entry without the field unchanged', () => {
    const refused = { title: 'Zły', body: [{ type: 'paragraph', children: [{ type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'tu' }] }] }] };
    expect(withBodyHtml(refused, 'body')).toBe(refused);
    const legacy = { title: 'Markdown', body: '## z dawnej wersji' };
    expect(withBodyHtml(legacy, 'body')).toBe(legacy);
    const none = { title: 'Bez treści' };
    expect(withBodyHtml(none, 'body')).toBe(none);
  });
});
