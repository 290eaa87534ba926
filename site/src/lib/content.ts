import { getCollection } from 'astro:content';
import {
  eventEnd,
  eventStart,
  type Appearance,
  type EventEntry,
  type GalleryEntry,
  type InstitutionEntry,
  type SiteSettingEntry,
  type SpeakerEntry,
} from '@cus/shared';

// The pages' view of the content: typed entries (the loader validated them against the
// contract) and the indexes the pages need, built once per build and shared by every page.

export interface Event extends EventEntry {
  /** Body rendered and sanitized by the loader. */
  bodyHtml: string;
  /** Digest of the entry: changes whenever the CMS data does (incremental builds). */
  digest: string;
  start: string;
  end: string;
}

/** An entry as the loader stored it (typed here, since Astro's generated types exist only after a build). */
interface Stored {
  data: unknown;
  digest?: string | number;
  rendered?: { html: string };
}
const stored = async (name: 'events' | 'speakers' | 'institutions' | 'galleries' | 'settings') =>
  (await getCollection(name)) as unknown as Stored[];

const byStartDesc = (a: Event, b: Event) => b.start.localeCompare(a.start) || a.title.localeCompare(b.title, 'pl');
export const collator = new Intl.Collator('pl');

let eventsCache: Promise<Event[]> | undefined;
/** Every published event, newest first. */
export function getEvents(): Promise<Event[]> {
  eventsCache ??= stored('events').then((entries) =>
    entries
      .map((e) => {
        const data = e.data as unknown as EventEntry;
        return { ...data, bodyHtml: e.rendered?.html ?? '', digest: String(e.digest ?? ''), start: eventStart(data.dates)!, end: eventEnd(data.dates)! };
      })
      .sort(byStartDesc),
  );
  return eventsCache;
}

export interface Speaker extends SpeakerEntry {
  digest: string;
}
export interface Institution extends InstitutionEntry {
  digest: string;
}
export interface Gallery extends GalleryEntry {
  digest: string;
}

async function load<T>(name: 'speakers' | 'institutions' | 'galleries'): Promise<T[]> {
  return (await stored(name)).map((e) => ({ ...(e.data as object), digest: String(e.digest ?? '') }) as T);
}

let speakersCache: Promise<Speaker[]> | undefined;
export const getSpeakers = () => (speakersCache ??= load<Speaker>('speakers').then((s) => s.sort((a, b) => collator.compare(sortName(a.name), sortName(b.name)))));
let institutionsCache: Promise<Institution[]> | undefined;
export const getInstitutions = () => (institutionsCache ??= load<Institution>('institutions').then((s) => s.sort((a, b) => collator.compare(a.name, b.name))));
let galleriesCache: Promise<Gallery[]> | undefined;
export const getGalleries = () => (galleriesCache ??= load<Gallery>('galleries'));

export async function getSettings(): Promise<SiteSettingEntry> {
  const [entry] = await stored('settings');
  if (!entry) throw new Error('The site settings (site-setting) were not loaded from the CMS.');
  return entry.data as unknown as SiteSettingEntry;
}

/** "Jan Kowalski" sorts under K; Polish letters in Polish order. */
export function sortName(name: string): string {
  const parts = name.trim().split(/\s+/);
  return parts.length > 1 ? `${parts.at(-1)} ${parts.slice(0, -1).join(' ')}` : name;
}

export interface PersonAppearance {
  event: Event;
  appearance: Appearance;
}

let appearancesCache: Promise<Map<string, PersonAppearance[]>> | undefined;
/** documentId of a person → every event they appeared in, newest first. */
export function appearancesByPerson(): Promise<Map<string, PersonAppearance[]>> {
  return (appearancesCache ??= indexAppearances());
}

async function indexAppearances(): Promise<Map<string, PersonAppearance[]>> {
  const out = new Map<string, PersonAppearance[]>();
  for (const event of await getEvents()) {
    for (const appearance of event.appearances ?? []) {
      const id = appearance.speaker?.documentId;
      if (!id) continue;
      const list = out.get(id) ?? [];
      list.push({ event, appearance });
      out.set(id, list);
    }
  }
  return out;
}

export interface InstitutionEvents {
  organized: Event[];
  partnered: Event[];
  participated: Event[];
  /** Events where someone appeared on behalf of the institution. */
  represented: PersonAppearance[];
}

let institutionsIndexCache: Promise<Map<string, InstitutionEvents>> | undefined;
/** documentId of an institution → the events it organized, partnered, attended or was represented at. */
export function eventsByInstitution(): Promise<Map<string, InstitutionEvents>> {
  return (institutionsIndexCache ??= indexInstitutions());
}

async function indexInstitutions(): Promise<Map<string, InstitutionEvents>> {
  const out = new Map<string, InstitutionEvents>();
  const of = (id: string) => {
    let v = out.get(id);
    if (!v) out.set(id, (v = { organized: [], partnered: [], participated: [], represented: [] }));
    return v;
  };
  for (const event of await getEvents()) {
    for (const i of event.organizers ?? []) of(i.documentId).organized.push(event);
    for (const i of event.partners ?? []) of(i.documentId).partnered.push(event);
    for (const i of event.participants ?? []) of(i.documentId).participated.push(event);
    for (const appearance of event.appearances ?? []) {
      if (appearance.affiliation) of(appearance.affiliation.documentId).represented.push({ event, appearance });
    }
  }
  return out;
}

/** Today in Poland, 'YYYY-MM-DD': what "upcoming" means for this build. */
export function todayInPoland(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(now);
}
