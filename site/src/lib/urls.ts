import { voivodeshipSlug, type EventType, type Voivodeship } from '@cus/shared';

// Every public address of the site, in one place (Polish URLs, always with a trailing slash).

export const url = {
  home: () => '/',
  events: (page: number | null = null) => pageUrl('/wydarzenia/', page),
  event: (slug: string) => `/wydarzenia/${slug}/`,
  year: (year: number | string, page: number | null = null) => pageUrl(`/wydarzenia/rok/${year}/`, page),
  yearMonths: (year: number | string) => `/wydarzenia/rok/${year}/miesiace/`,
  type: (type: EventType, page: number | null = null) => pageUrl(`/wydarzenia/rodzaj/${typeSlug(type)}/`, page),
  typeFeed: (type: EventType) => `/wydarzenia/rodzaj/${typeSlug(type)}/rss.xml`,
  voivodeship: (v: Voivodeship, page: number | null = null) => pageUrl(`/wydarzenia/wojewodztwo/${voivodeshipSlug(v)}/`, page),
  eventCalendar: (slug: string) => `/wydarzenia/${slug}.ics`,
  upcomingCalendar: () => '/kalendarz.ics',
  regionCalendar: (v: Voivodeship) => `/kalendarz/${voivodeshipSlug(v)}.ics`,
  search: () => '/szukaj/',
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

/** The listing itself (null: its newest events), or its numbered page …/strona/<n>/. */
export function pageUrl(base: string, page: number | null): string {
  return page === null ? base : `${base}strona/${page}/`;
}

/** The `[...page]` route parameter: undefined for the listing itself, "strona/<n>" for a numbered page. */
export const pageParam = (page: number | null) => (page === null ? undefined : `strona/${page}`);
