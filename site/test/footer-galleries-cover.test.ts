import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { coverAlt } from '../src/lib/cover-alt.ts';
import { linksOf, readPage, textOf } from './helpers/html.ts';

// On the seed build (global-setup.ts): the footer reads as a sentence, settings the administrator
// left unfilled show nothing (no "do uzupełnienia" anywhere), every gallery page links back to
// its event; and an event's cover photo borrows its alt text from the gallery photo of the same file.

const dist = inject('distDir');

function htmlPages(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('the footer and the site settings', () => {
  it('puts a space after "Kontakt:" and shows no placeholder of an unfilled setting on any page', () => {
    const pages = htmlPages(dist);
    expect(pages.length).toBeGreaterThan(20);
    const home = textOf(readPage(dist, '/'));
    expect(home).toMatch(/Kontakt: kontakt@example\.org/);
    for (const file of pages) {
      const text = textOf(fs.readFileSync(file, 'utf8'));
      expect(text, path.relative(dist, file)).not.toMatch(/do uzupełnienia|uzupełnia administrator|Kontakt:\S/);
    }
  });
});

describe('galleries', () => {
  it('link back to their event on every gallery page', () => {
    const dir = path.join(dist, 'galerie');
    const slugs = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'strona').map((e) => e.name);
    expect(slugs.length).toBeGreaterThan(0);
    for (const slug of slugs) {
      const links = linksOf(readPage(dist, `/galerie/${slug}/`));
      const events = links.filter((href) => /^\/wydarzenia\/[^/]+\/$/.test(href) && !href.startsWith('/wydarzenia/strona') && !href.startsWith('/wydarzenia/rok'));
      expect(events.length, slug).toBeGreaterThan(0);
      // …and that event's page exists.
      expect(() => readPage(dist, events[0]!), events[0]).not.toThrow();
    }
  });
});

describe('the cover photo of an event', () => {
  const file = { url: '/uploads/sala_1.jpg', alternativeText: null };
  const photos = [
    { alt: 'Widownia przed otwarciem', image: { url: '/uploads/inna_2.jpg' } },
    { alt: 'Uczestnicy konferencji w sali obrad', image: { url: '/uploads/sala_1.jpg' } },
  ];

  it('takes the alt text of the gallery photo of the same file', () => {
    expect(coverAlt(file, photos)).toBe('Uczestnicy konferencji w sali obrad');
  });
  it('keeps the file’s own alt text when it has one, and is empty only when nothing describes it', () => {
    expect(coverAlt({ ...file, alternativeText: 'Sala obrad' }, photos)).toBe('Sala obrad');
    expect(coverAlt({ url: '/uploads/osobne.jpg', alternativeText: '' }, photos)).toBe('');
    expect(coverAlt(file, null)).toBe('');
    expect(coverAlt(null, photos)).toBe('');
  });
});
