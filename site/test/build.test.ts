import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { APPEARANCE_ROLE_LABELS, formatDateRanges, slugify, type AppearanceRole } from '@cus/shared';
import { checkInternalLinks } from '@cus/site-build/internal-links';
import { polish } from '@cus/shared/typography';
import { linksOf, readPage, textOf } from './helpers/html.ts';
import { EXTRA_EVENTS, SITE_URL } from './global-setup.ts';

// The real `astro build` of the seeded CMS (made once in global-setup.ts): every seed report is
// there with its Polish dates, every person with their role, and every link leads somewhere.

interface SeedAppearance { speaker: string; role: AppearanceRole; function: string | null; affiliation: string | null; talkTitle: string | null }
interface SeedEvent {
  title: string;
  dates: { start: string; end: string | null }[];
  organizers: string[];
  partners: string[];
  participants: string[];
  appearances: SeedAppearance[];
  funding: { programme: string }[];
  gallery?: { title: string; photos: { alt: string }[] };
}
const seed = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../cms/seed/reports.json'), 'utf8')) as {
  events: SeedEvent[];
  speakers: { key: string; name: string }[];
  institutions: { key: string; name: string }[];
};
const speaker = (key: string) => seed.speakers.find((s) => s.key === key)!;
const institution = (key: string) => seed.institutions.find((s) => s.key === key)!;
const dist = inject('distDir');
const text = (s: string) => polish(s).replace(/\u00a0/g, ' ');
const unquoted = (s: string) => s.replace(/[„”»«"]/g, '');

describe('the event reports', () => {
  it.each(seed.events.map((e) => [e.title, e] as const))('%s', (_title, event) => {
    const html = readPage(dist, `/wydarzenia/${slugify(event.title)}/`);
    const page = textOf(html);
    const links = linksOf(html);
    expect(html).toContain('<html lang="pl"');
    expect(page).toContain(text(event.title));
    expect(page).toContain(formatDateRanges(event.dates));

    for (const a of event.appearances) {
      const person = speaker(a.speaker);
      expect(links, person.name).toContain(`/osoby/${slugify(person.name)}/`);
      // Name, then the role at the event, then the function held then.
      const entry = `${person.name} (${APPEARANCE_ROLE_LABELS[a.role]})${a.function ? ` ${text(a.function)}` : ''}`;
      expect(page, entry).toContain(entry);
      // Quote marks depend on nesting (the page puts the title itself in quotes): compare without them.
      if (a.talkTitle) expect(unquoted(page)).toContain(unquoted(text(a.talkTitle)));
    }
    for (const key of [...event.organizers, ...event.partners, ...event.participants]) {
      expect(links, key).toContain(`/instytucje/${slugify(institution(key).name)}/`);
    }
    for (const f of event.funding) expect(page).toContain(text(f.programme));
    for (const photo of event.gallery?.photos ?? []) expect(html).toContain(`alt="${photo.alt.replace(/"/g, '&quot;')}"`);

    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!);
    expect(ld).toMatchObject({ '@type': 'Event', startDate: event.dates[0]!.start, url: `${SITE_URL}/wydarzenia/${slugify(event.title)}/` });
    // The share card the CMS drew at publish, copied into the build as a CMS file.
    const card = /<meta property="og:image" content="http:\/\/127\.0\.0\.1:4321\/media\/(og-[0-9a-f]{16}\.png)">/.exec(html)?.[1];
    expect(card, 'og:image of the CMS-drawn card').toBeDefined();
    expect(html).toContain('<meta property="og:image:width" content="1200">');
    expect(fs.statSync(path.join(dist, 'media', card!)).size).toBeGreaterThan(5000);
  });

  it('writes multi-part and multi-day dates the Polish way', () => {
    const dates = (slugPart: string) => {
      const dir = fs.readdirSync(path.join(dist, 'wydarzenia')).find((d) => d.includes(slugPart))!;
      return textOf(readPage(dist, `/wydarzenia/${dir}/`));
    };
    expect(dates('bukowsk')).toContain('19–21 i 26 czerwca 2023 r.');
    expect(dates('starachowic')).toContain('21–22 czerwca 2022 r.');
    expect(dates('debica')).toContain('23 listopada 2023 r.');
  });
});

describe('people and institutions', () => {
  it('gives every person a page listing each event with their role', () => {
    for (const event of seed.events) {
      for (const a of event.appearances) {
        const person = speaker(a.speaker);
        const html = readPage(dist, `/osoby/${slugify(person.name)}/`);
        expect(linksOf(html), person.name).toContain(`/wydarzenia/${slugify(event.title)}/`);
        expect(textOf(html)).toContain(`Rola: ${APPEARANCE_ROLE_LABELS[a.role]}`);
      }
    }
  });

  it('gives every institution a page listing the events it organized or attended', () => {
    for (const event of seed.events) {
      for (const key of [...event.organizers, ...event.participants]) {
        const html = readPage(dist, `/instytucje/${slugify(institution(key).name)}/`);
        expect(linksOf(html), key).toContain(`/wydarzenia/${slugify(event.title)}/`);
      }
    }
    expect(fs.readdirSync(path.join(dist, 'instytucje')).filter((d) => d !== 'index.html')).toHaveLength(seed.institutions.length);
  });
});

describe('the whole build', () => {
  it('has no internal link, image or stylesheet that leads nowhere', () => {
    const report = checkInternalLinks(dist, { siteUrl: SITE_URL });
    expect(report.pages).toBeGreaterThan(90);
    expect(report.links).toBeGreaterThan(1000);
    expect(report.broken).toEqual([]);
  });

  it('stands on its own: every CMS file is in the build, no page points at the CMS', () => {
    const media = fs.readdirSync(path.join(dist, 'media'));
    expect(media.length).toBeGreaterThanOrEqual(16);
    const pages = fs.readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    for (const p of pages) expect(fs.readFileSync(path.join(dist, p), 'utf8'), p).not.toMatch(/\/uploads\/|:1337/);
  });

  it('lists every page in the sitemap and the reports in RSS', () => {
    const sitemap = fs.readFileSync(path.join(dist, 'sitemap-0.xml'), 'utf8');
    for (const e of seed.events) expect(sitemap).toContain(`${SITE_URL}/wydarzenia/${slugify(e.title)}/`);
    expect(sitemap).not.toContain('404');
    const rss = fs.readFileSync(path.join(dist, 'rss.xml'), 'utf8');
    expect(rss.match(/<item>/g)).toHaveLength(seed.events.length + 1 + EXTRA_EVENTS.length); // and the announced and extra ones
  });

  it('publishes the accessibility statement in the required structure, linked from every page', () => {
    const html = readPage(dist, '/deklaracja-dostepnosci/');
    for (const id of ['a11y-wstep', 'a11y-podmiot', 'a11y-url', 'a11y-data-publikacja', 'a11y-data-aktualizacja', 'a11y-status',
      'a11y-data-sporzadzenie', 'a11y-data-przeglad', 'a11y-audytor', 'a11y-kontakt', 'a11y-osoba', 'a11y-email', 'a11y-telefon',
      'a11y-procedura', 'a11y-architektura', 'a11y-aplikacje']) {
      expect(html, id).toContain(`id="${id}"`);
    }
    expect(html).toMatch(/<time id="a11y-data-publikacja" datetime="\d{4}-\d{2}-\d{2}">\d{4}-\d{2}-\d{2}<\/time>/);
    expect(textOf(html)).toContain('częściowo zgodna');
    for (const p of ['/', '/wydarzenia/', '/osoby/', '/404.html']) expect(linksOf(readPage(dist, p)), p).toContain('/deklaracja-dostepnosci/');
    // …and to the search page, a plain link (the one page with a script).
    for (const p of ['/', '/wydarzenia/', '/osoby/', '/404.html']) expect(linksOf(readPage(dist, p)), p).toContain('/szukaj/');
  });

  it('ships client JavaScript only to the search page', () => {
    const files = fs.readdirSync(dist, { recursive: true, encoding: 'utf8' });
    expect(files.filter((f) => f.endsWith('.js') && !f.startsWith('_astro/') && !f.startsWith('pagefind/'))).toEqual([]);
    for (const p of files.filter((f) => f.endsWith('.html') && f !== 'szukaj/index.html')) {
      expect(fs.readFileSync(path.join(dist, p), 'utf8'), p).not.toMatch(/<script(?![^>]*type="application\/ld\+json")/);
    }
    expect(readPage(dist, '/szukaj/')).toMatch(/<script type="module" src="\/_astro\/[^"]+\.js"><\/script>/);
  });
});
