import {
  APPEARANCE_ROLE_LABELS,
  EVENT_FORMAT_LABELS,
  EVENT_TYPE_LABELS,
  INSTITUTION_KIND_LABELS,
  VOIVODESHIP_LABELS,
  formatDateRange,
  formatDateRanges,
  type Appearance,
  type EventEntry,
  type InstitutionEntry,
  type SpeakerEntry,
} from '@cus/shared';
import { attendanceLabel, personName, placeLabel, venueLines } from './format.ts';
import { coverAlt } from './cover-alt.ts';
import { htmlBlocks } from './search-text.ts';
import { polish } from '@cus/shared/typography';
import { url } from './urls.ts';

// The search index's records, made from the content (not by reading built HTML): one per page
// marked data-pagefind-body (every report, person and institution), with the text, the meta
// and the filters those pages give Pagefind. The static build and the long-lived publisher both
// index these, so both make the same index from the same content. A pure function: no Astro, no
// I/O; the publisher imports it directly (Node runs this .ts file, hence the .ts imports).

/** Filter names as the search page shows them. */
export type SearchFilterName = 'Rodzaj' | 'Rok' | 'Województwo';

/** A stretch of the page's text and how much a match in it counts (Pagefind's weights: 1 is body text). */
export interface SearchTextPart {
  text: string;
  /** h1 7, h2 6, h3 5 (as Pagefind weighs headings); data-pagefind-weight where the page sets one; else 1. */
  weight: number;
}

export interface SearchRecord {
  /** The page's address, e.g. '/wydarzenia/x/'. */
  url: string;
  language: 'pl';
  /** What a result shows: title, kind (Relacja / Osoba / Instytucja) and, for reports, the dates. */
  meta: { title: string; kind: 'Relacja' | 'Osoba' | 'Instytucja'; date?: string; image_alt?: string };
  filters: Partial<Record<SearchFilterName, string[]>>;
  /** The page's text in reading order. */
  parts: SearchTextPart[];
}

// The entries as site/src/lib/content.ts gives them to the pages (its Event, Speaker and
// Institution fit these), named here without importing it: it needs Astro's virtual modules.
type Event = EventEntry & { bodyHtml: string; start: string };
type Speaker = SpeakerEntry;
type Institution = InstitutionEntry;

/** The alt text of the page's first picture: Pagefind keeps it as meta `image_alt` of an HTML page and ranks by it. */
const imageAlt = (alt: string | null | undefined): { image_alt?: string } => (alt ? { image_alt: alt } : {});

/** The first `<img>`'s alt text in rendered HTML. */
function firstImgAlt(html: string): string | null {
  const img = /<img\b[^>]*>/i.exec(html)?.[0];
  const alt = img && /\balt="([^"]*)"/.exec(img)?.[1];
  return alt ? htmlBlocks(`<p>${alt}</p>`)[0]?.text ?? null : null;
}

/** What the indexed pages are made from: the entries as site/src/lib/content.ts types them. */
export interface SearchContent {
  events: readonly Event[];
  speakers: readonly Speaker[];
  institutions: readonly Institution[];
}

/** The record's text as one string, one part a line (what a visitor reads, and what results quote). */
export const recordText = (record: SearchRecord): string => record.parts.map((p) => p.text).join('\n');

/** A record of every indexed page: reports first (newest first, as given), then people, then institutions. */
export function searchRecords(content: SearchContent): SearchRecord[] {
  const byPerson = new Map<string, { event: Event; appearance: Appearance }[]>();
  const byInstitution = new Map<string, InstitutionShown>();
  const of = (id: string) => {
    let v = byInstitution.get(id);
    if (!v) byInstitution.set(id, (v = { organized: [], partnered: [], participated: [], represented: [] }));
    return v;
  };
  // The same indexes the pages use (content.ts appearancesByPerson, eventsByInstitution).
  for (const event of content.events) {
    for (const appearance of event.appearances ?? []) {
      const id = appearance.speaker?.documentId;
      if (id) byPerson.set(id, [...(byPerson.get(id) ?? []), { event, appearance }]);
      if (appearance.affiliation) of(appearance.affiliation.documentId).represented.push({ event, appearance });
    }
    for (const i of event.organizers ?? []) of(i.documentId).organized.push(event);
    for (const i of event.partners ?? []) of(i.documentId).partnered.push(event);
    for (const i of event.participants ?? []) of(i.documentId).participated.push(event);
  }
  return [
    ...content.events.map(eventRecord),
    ...content.speakers.map((p) => personRecord(p, byPerson.get(p.documentId) ?? [])),
    ...content.institutions.map((i) =>
      institutionRecord(i, byInstitution.get(i.documentId) ?? { organized: [], partnered: [], participated: [], represented: [] }, content.speakers.filter((s) => s.institution?.documentId === i.documentId)),
    ),
  ];
}

/** Counts of each filter value over every indexed page ({ Rodzaj: { Konferencja: 3 } }), as Pagefind counts them. */
export function searchFilterCounts(content: Pick<SearchContent, 'events' | 'institutions'>): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  // People's pages have no filters.
  for (const filters of [...content.events.map(eventFilters), ...content.institutions.map(institutionFilters)]) {
    for (const [name, values] of Object.entries(filters)) {
      for (const value of values ?? []) {
        const group = (counts[name] ??= {});
        group[value] = (group[value] ?? 0) + 1;
      }
    }
  }
  return counts;
}

/** A report's filters (the data-pagefind-filter spans of components/pages/EventReport.astro). */
function eventFilters(event: Event): SearchRecord['filters'] {
  const filters: SearchRecord['filters'] = { Rodzaj: [EVENT_TYPE_LABELS[event.type]], Rok: [event.start.slice(0, 4)] };
  if (event.venue?.voivodeship) filters.Województwo = [VOIVODESHIP_LABELS[event.venue.voivodeship]];
  return filters;
}

/** An institution's filters (components/pages/InstitutionPage.astro). */
const institutionFilters = (inst: Institution): SearchRecord['filters'] => (inst.voivodeship ? { Województwo: [VOIVODESHIP_LABELS[inst.voivodeship]] } : {});

/** Collects the parts of a page, dropping empty text. */
class Parts {
  readonly list: SearchTextPart[] = [];
  add(text: string | null | undefined, weight = 1): this {
    const t = text?.trim();
    if (t) this.list.push({ text: t, weight });
    return this;
  }
}

const hhmm = (t?: string | null) => (t ? t.slice(0, 5) : '');

/** The report page (components/pages/EventReport.astro and EventFacts.astro). */
function eventRecord(event: Event): SearchRecord {
  const title = polish(event.title);
  const when = formatDateRanges(event.dates);
  const p = new Parts();
  p.add(EVENT_TYPE_LABELS[event.type]);
  p.add(title, 7);
  p.add(event.lead && polish(event.lead));
  p.add(`Termin ${when}`);
  const parts = [...event.dates].sort((a, b) => a.start.localeCompare(b.start));
  if (parts.length > 1 || parts.some((d) => d.label || d.startTime)) {
    for (const d of parts) {
      p.add(`${formatDateRange(d)}${d.startTime ? `, godz. ${hhmm(d.startTime)}${d.endTime ? `–${hhmm(d.endTime)}` : ''}` : ''}${d.label ? `: ${polish(d.label)}` : ''}`);
    }
  }
  const venue = venueLines(event);
  if (venue.length > 0) p.add(`Miejsce ${venue.join(', ')}`);
  if (event.format) p.add(`Forma ${EVENT_FORMAT_LABELS[event.format]}`);
  if (event.attendance != null || event.audience) {
    p.add(`Uczestnicy ${[event.attendance != null ? attendanceLabel(event.attendance, event.attendanceApproximate) : null, event.audience ? polish(event.audience) : null].filter(Boolean).join('. ')}`);
  }
  p.add(event.cover?.caption && polish(event.cover.caption));
  if (event.bodyHtml) for (const b of htmlBlocks(event.bodyHtml)) p.add(b.text, b.weight);

  const appearances = (event.appearances ?? []).filter((a) => a.speaker);
  if (appearances.length > 0) {
    p.add('Wystąpienia i udział', 6);
    // Names weigh more here (data-pagefind-weight="3"): a search for a person finds the reports they spoke at.
    for (const a of appearances) p.add(appearanceText(a), 3);
  }
  const institutions = [
    { title: 'Organizatorzy', list: event.organizers ?? [] },
    { title: 'Partnerzy', list: event.partners ?? [] },
    { title: 'Instytucje uczestniczące', list: event.participants ?? [] },
  ].filter((s) => s.list.length > 0);
  if (institutions.length > 0) {
    p.add('Instytucje', 6);
    for (const s of institutions) {
      p.add(s.title, 5);
      for (const i of s.list) p.add(`${polish(i.name)}${i.shortName && i.shortName !== i.name ? ` (${i.shortName})` : ''}`);
    }
  }
  const photos = event.gallery?.photos?.filter((ph) => ph.image) ?? [];
  if (photos.length > 0 && event.gallery) {
    p.add('Galeria zdjęć', 6);
    for (const ph of photos) p.add(ph.caption && polish(ph.caption));
    p.add(`Galeria „${polish(event.gallery.title)}” na osobnej stronie`);
  }
  if ((event.attachments?.length ?? 0) > 0) {
    p.add('Materiały do pobrania', 6);
    for (const f of event.attachments!) p.add(f.caption || f.alternativeText || f.name);
  }
  if ((event.funding?.length ?? 0) > 0) {
    p.add('Finansowanie', 6);
    for (const f of event.funding!) {
      p.add(`Program ${polish(f.programme)}`);
      p.add(f.priorityAxis && `Oś priorytetowa ${polish(f.priorityAxis)}`);
      p.add(f.measure && `Działanie ${polish(f.measure)}`);
      p.add(f.project && `Projekt ${polish(f.project)}`);
      p.add(f.funder && `Finansujący ${polish(f.funder)}`);
    }
  }
  for (const c of event.credits ?? []) p.add(`${c.role}: ${c.name}`);
  if (event.sourceName) p.add(`Źródło: ${event.sourceName}`);

  // The first picture of the report: its cover, else the body's first, else the gallery's.
  const firstPhoto = photos[0];
  const alt = event.cover
    ? coverAlt(event.cover, event.gallery?.photos)
    : (firstImgAlt(event.bodyHtml ?? '') ?? (firstPhoto ? firstPhoto.alt || firstPhoto.image!.alternativeText || firstPhoto.caption || 'Zdjęcie 1' : null));
  return { url: url.event(event.slug), language: 'pl', meta: { title, kind: 'Relacja', date: when, ...imageAlt(alt) }, filters: eventFilters(event), parts: p.list };
}

/** One appearance as components/Appearances.astro lists it. */
function appearanceText(a: Appearance): string {
  const lines = [`${personName(a.speaker!)} (${APPEARANCE_ROLE_LABELS[a.role]})`];
  if (a.function) lines.push(polish(a.function));
  if (a.affiliation) lines.push(a.function?.includes(a.affiliation.name) ? `Instytucja: ${a.affiliation.shortName || a.affiliation.name}` : a.affiliation.name);
  if (a.talkTitle) lines.push(`Wystąpienie: ${polish(`"${a.talkTitle.replace(/^["„”]|["„”]$/g, '')}"`)}`);
  if (a.note) lines.push(polish(a.note));
  return lines.join(' ');
}

/** The person page (components/pages/PersonPage.astro). */
function personRecord(person: Speaker, appearances: { event: Event; appearance: Appearance }[]): SearchRecord {
  const name = personName(person);
  const p = new Parts();
  p.add(name, 7);
  p.add(person.position && polish(person.position));
  if (person.institution) p.add(`Instytucja: ${polish(person.institution.name)}`);
  p.add(person.bio && polish(person.bio));
  p.add('Udział w wydarzeniach', 6);
  if (appearances.length === 0) p.add('Brak opublikowanych relacji z udziałem tej osoby.');
  for (const { event, appearance } of appearances) {
    const lines = [polish(event.title), formatDateRanges(event.dates), `Rola: ${APPEARANCE_ROLE_LABELS[appearance.role]}`];
    if (appearance.function) lines.push(`Funkcja: ${polish(appearance.function)}`);
    if (appearance.talkTitle) lines.push(`Wystąpienie: ${polish(`"${appearance.talkTitle}"`)}`);
    p.add(lines.join(' '));
  }
  const alt = person.photo ? person.photo.alternativeText || `Zdjęcie: ${person.name}` : null;
  return { url: url.person(person.slug), language: 'pl', meta: { title: name, kind: 'Osoba', ...imageAlt(alt) }, filters: {}, parts: p.list };
}

interface InstitutionShown {
  organized: Event[];
  partnered: Event[];
  participated: Event[];
  represented: { event: Event; appearance: Appearance }[];
}

/** The institution page (components/pages/InstitutionPage.astro). */
function institutionRecord(inst: Institution, events: InstitutionShown, people: readonly Speaker[]): SearchRecord {
  const title = polish(inst.name);
  const place = [inst.city, inst.gmina && inst.gmina !== inst.city ? `gmina ${inst.gmina}` : null, inst.powiat ? `powiat ${inst.powiat}` : null, inst.voivodeship ? `województwo ${VOIVODESHIP_LABELS[inst.voivodeship]}` : null]
    .filter(Boolean)
    .join(', ');
  const p = new Parts();
  p.add(title, 7);
  p.add(inst.shortName && `Skrót ${inst.shortName}`);
  p.add(inst.kind && `Rodzaj ${INSTITUTION_KIND_LABELS[inst.kind]}`);
  p.add(place && `Siedziba ${place}`);
  p.add(inst.description && polish(inst.description));
  const sections = [
    { title: 'Zorganizowane wydarzenia', list: events.organized },
    { title: 'Wydarzenia, których była partnerem', list: events.partnered },
    { title: 'Udział w wydarzeniach', list: events.participated },
  ].filter((s) => s.list.length > 0);
  for (const s of sections) {
    p.add(s.title, 6);
    // components/EventList.astro with headingLevel 3: each title is an h3.
    for (const e of s.list) {
      p.add(polish(e.title), 5);
      p.add([formatDateRanges(e.dates), placeLabel(e), EVENT_TYPE_LABELS[e.type]].filter(Boolean).join(' · '));
    }
  }
  // These two sections weigh half (data-pagefind-weight="0.5"), their heading included.
  if (events.represented.length > 0) {
    p.add('Przedstawiciele na wydarzeniach', 0.5);
    for (const { event, appearance } of events.represented) {
      p.add(`${personName(appearance.speaker!)} (${APPEARANCE_ROLE_LABELS[appearance.role]}) ${polish(event.title)}, ${formatDateRanges(event.dates)}`, 0.5);
    }
  }
  if (people.length > 0) {
    p.add('Osoby związane z instytucją', 0.5);
    for (const person of people) p.add(`${personName(person)}${person.position ? `, ${polish(person.position)}` : ''}`, 0.5);
  }
  if (sections.length === 0 && events.represented.length === 0) p.add('Brak opublikowanych relacji z udziałem tej instytucji.');
  return { url: url.institution(inst.slug), language: 'pl', meta: { title, kind: 'Instytucja', ...imageAlt(inst.logo ? `Logo: ${inst.name}` : null) }, filters: institutionFilters(inst), parts: p.list };
}

/** How both indexers start Pagefind: the site is Polish throughout. */
export const PAGEFIND_CONFIG = { forceLanguage: 'pl' } as const;

/** Pagefind's record of a page: its text with each part's weight marked as Pagefind's own HTML reader marks headings. */
export interface PagefindCustomRecord {
  url: string;
  content: string;
  language: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

// Pagefind 1.6 reads these markers in a record's text (its HTML reader writes them for headings
// and data-pagefind-weight); text that happens to contain one is defused.
const MARKER = /___(?=(?:END_)?PAGEFIND_)/g;

/** The record as Pagefind's addCustomRecord takes it; `extraMeta` marks e.g. a delta bundle's records. */
export function pagefindRecord(record: SearchRecord, extraMeta: Record<string, string> = {}): PagefindCustomRecord {
  const content = record.parts
    .map(({ text, weight }) => {
      const safe = text.replace(MARKER, '__');
      return weight === 1 ? safe : `___PAGEFIND_WEIGHT___${weight} ${safe} ___END_PAGEFIND_WEIGHT___`;
    })
    .join('\n');
  const meta: Record<string, string> = { ...(record.meta as Record<string, string>), ...extraMeta };
  const filters = Object.fromEntries(Object.entries(record.filters).filter(([, v]) => v && v.length > 0)) as Record<string, string[]>;
  return { url: record.url, content, language: record.language, meta, filters };
}
