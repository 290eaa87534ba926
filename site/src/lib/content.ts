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
import { installedContent, perContentVersion, type CollectionName } from './site-content';

// The pages' view of the content: typed entries (the loader validated them against the
// contract) and the indexes the pages need, built once per content version (once per static
// build; once per publish in the long-lived publisher) and shared by every page.

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
// The publisher's installed content when there is one (its build stores nothing), else Astro's store.
const stored = async (name: CollectionName): Promise<Stored[]> => installedContent()?.collections[name] ?? ((await getCollection(name)) as unknown as Stored[]);

export const collator = new Intl.Collator('pl');
const byStartDesc = (a: Event, b: Event) => b.start.localeCompare(a.start) || collator.compare(a.title, b.title);

/**
 * The pages' object of a stored entry, the same object for as long as the entry is unchanged:
 * the publisher installs a new version of the content for every change, and what is derived
 * from an entry (keys, dates; memos keyed by the object) is then made again only for the
 * entries that changed.
 */
function sameWhileUnchanged<T extends object>(make: (e: Stored) => T): (e: Stored) => T {
  const made = new WeakMap<object, { digest: unknown; html: unknown; value: T }>();
  return (e) => {
    const key = e.data as object;
    const hit = made.get(key);
    if (hit && hit.digest === e.digest && hit.html === e.rendered?.html) return hit.value;
    const value = make(e);
    made.set(key, { digest: e.digest, html: e.rendered?.html, value });
    return value;
  };
}

const eventOf = sameWhileUnchanged((e): Event => {
  const data = e.data as unknown as EventEntry;
  return { ...data, bodyHtml: e.rendered?.html ?? '', digest: String(e.digest ?? ''), start: eventStart(data.dates)!, end: eventEnd(data.dates)! };
});

/** Every published event, newest first. */
export const getEvents: () => Promise<Event[]> = perContentVersion(() => stored('events').then((entries) => entries.map(eventOf).sort(byStartDesc)));

export interface Speaker extends SpeakerEntry {
  digest: string;
}
export interface Institution extends InstitutionEntry {
  digest: string;
}
export interface Gallery extends GalleryEntry {
  digest: string;
}

const entryOf = sameWhileUnchanged((e) => ({ ...(e.data as object), digest: String(e.digest ?? '') }));

async function load<T>(name: 'speakers' | 'institutions' | 'galleries'): Promise<T[]> {
  return (await stored(name)).map((e) => entryOf(e) as T);
}

export const getSpeakers = perContentVersion(() => load<Speaker>('speakers').then((s) => s.sort((a, b) => collator.compare(sortName(a.name), sortName(b.name)))));
export const getInstitutions = perContentVersion(() => load<Institution>('institutions').then((s) => s.sort((a, b) => collator.compare(a.name, b.name))));
export const getGalleries = perContentVersion(() => load<Gallery>('galleries'));

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

/** documentId of a person → every event they appeared in, newest first. */
export const appearancesByPerson: () => Promise<Map<string, PersonAppearance[]>> = perContentVersion(() => indexAppearances());

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

/** documentId of an institution → the events it organized, partnered, attended or was represented at. */
export const eventsByInstitution: () => Promise<Map<string, InstitutionEvents>> = perContentVersion(() => indexInstitutions());

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
