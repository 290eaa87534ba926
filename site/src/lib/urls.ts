import { voivodeshipSlug, type EventType, type Voivodeship } from '@cus/shared';

// Every public address of the site, in one place (Polish URLs, always with a trailing slash).

export const url = {
  home: () => '/',
  events: (page = 1) => pageUrl('/wydarzenia/', page),
  event: (slug: string) => `/wydarzenia/${slug}/`,
  year: (year: number | string, page = 1) => pageUrl(`/wydarzenia/rok/${year}/`, page),
  type: (type: EventType, page = 1) => pageUrl(`/wydarzenia/rodzaj/${typeSlug(type)}/`, page),
  voivodeship: (v: Voivodeship, page = 1) => pageUrl(`/wydarzenia/wojewodztwo/${voivodeshipSlug(v)}/`, page),
  people: () => '/osoby/',
  person: (slug: string) => `/osoby/${slug}/`,
  institutions: () => '/instytucje/',
  institution: (slug: string) => `/instytucje/${slug}/`,
  galleries: () => '/galerie/',
  gallery: (slug: string) => `/galerie/${slug}/`,
  accessibility: () => '/deklaracja-dostepnosci/',
  rss: () => '/rss.xml',
};

/** "wizyta_studyjna" → "wizyta-studyjna" */
export const typeSlug = (type: EventType) => type.replace(/_/g, '-');

/** Page 1 is the listing itself; later pages are …/strona/2/. */
export function pageUrl(base: string, page: number): string {
  return page <= 1 ? base : `${base}strona/${page}/`;
}

/** The `[...page]` route parameter for page n: undefined for page 1, "strona/2" after. */
export const pageParam = (page: number) => (page <= 1 ? undefined : `strona/${page}`);
