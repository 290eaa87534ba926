import { describe, expect, it } from 'vitest';
import { eventShareImage } from '../src/lib/share-image.ts';

// An event page's og:image: the CMS's card as a /media/ file, or null for the layout's default
// card (BaseLayout) while the CMS has not drawn it. The built pages are checked in build.test.ts.

describe('eventShareImage', () => {
  it('points at the card the CMS drew, as a /media/ file with its size', () => {
    const shareCard = { url: 'http://127.0.0.1:1337/uploads/og-0123456789abcdef.png', width: 1200, height: 630, mime: 'image/png' };
    expect(eventShareImage({ shareCard }, 'Kongres, 14 maja 2024 r.')).toEqual({
      src: '/media/og-0123456789abcdef.png',
      alt: 'Kongres, 14 maja 2024 r.',
      width: 1200,
      height: 630,
    });
    expect(eventShareImage({ shareCard: { ...shareCard, url: '/uploads/og-0123456789abcdef.png' } }, 'x')?.src).toBe('/media/og-0123456789abcdef.png');
  });

  it('is null (the default card) while the card is not drawn', () => {
    expect(eventShareImage({ shareCard: null }, 'x')).toBeNull();
    expect(eventShareImage({}, 'x')).toBeNull();
  });
});
