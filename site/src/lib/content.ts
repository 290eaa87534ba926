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
import { eventIndex, type Contribution } from './event-index';
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
// Starts are ISO dates of one format: compared as strings (localeCompare cost 40 ms a publish at 10,000 events).
const byStartDesc = (a: Event, b: Event) => (a.start < b.start ? 1 : a.start > b.start ? -1 : collator.compare(a.title, b.title));

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

/**
 * `compute(entries)` of one collection, kept while its entries are: the publisher's content
 * store gives an unchanged collection the same array in every version it installs, so a publish
 * of one event does not sort the people or the institutions again. A static build has one
 * content version (and Astro's store gives new arrays): once per version there.
 */
function perCollection<T>(name: CollectionName, compute: (entries: Stored[]) => T): () => Promise<T> {
  const byArray = new WeakMap<object, Promise<T>>();
  const once = perContentVersion(() => stored(name).then(compute));
  return () => {
    const entries = installedContent()?.collections[name];
    if (!entries) return once();
    let value = byArray.get(entries);
    if (!value) byArray.set(entries, (value = Promise.resolve(entries as Stored[]).then(compute)));
    return value;
  };
}

/** Every published event, newest first. */
export const getEvents: () => Promise<Event[]> = perCollection('events', (entries) => newestFirst(entries.map(eventOf)));

/**
 * The events sorted newest first, as a stable sort of the stored order gives them. After a few
 * events moved, the last sorted list with those taken out and put back in their places: the same
 * list, without sorting 10,000 events per publish.
 */
let lastSorted: Event[] | undefined;
function newestFirst(events: Event[]): Event[] {
  let out: Event[] | undefined;
  if (lastSorted) {
    const before = new Set(lastSorted);
    const added = events.filter((e) => !before.has(e));
    const removed = lastSorted.length - (events.length - added.length);
    if (added.length + removed <= 256) {
      // Ties are in the stored order (the stable sort's): unchanged entries keep theirs between versions.
      const place = new Map(events.map((e, i) => [e, i]));
      const order = (a: Event, b: Event) => byStartDesc(a, b) || place.get(a)! - place.get(b)!;
      out = removed > 0 ? lastSorted.filter((e) => place.has(e)) : [...lastSorted];
      for (const e of added) {
        let lo = 0;
        let hi = out.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (order(out[mid]!, e) < 0) lo = mid + 1;
          else hi = mid;
        }
        out.splice(lo, 0, e);
      }
    }
  }
  out ??= events.slice().sort(byStartDesc);
  lastSorted = out;
  return out;
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

const entryOf = sameWhileUnchanged((e) => ({ ...(e.data as object), digest: String(e.digest ?? '') }));

const entriesOf = <T>(entries: Stored[]) => entries.map((e) => entryOf(e) as T);

export const getSpeakers = perCollection('speakers', (entries) => entriesOf<Speaker>(entries).sort((a, b) => collator.compare(sortName(a.name), sortName(b.name))));
export const getInstitutions = perCollection('institutions', (entries) => entriesOf<Institution>(entries).sort((a, b) => collator.compare(a.name, b.name)));
export const getGalleries = perCollection('galleries', (entries) => entriesOf<Gallery>(entries));

/** Every gallery in the order of its event (newest first); galleries without an event last. */
export async function galleriesByEvent(): Promise<Gallery[]> {
  const [galleries, events] = await Promise.all([getGalleries(), getEvents()]);
  let sorted = galleryOrders.get(galleries)?.get(events);
  if (!sorted) {
    const eventOrder = new Map(events.map((e, i) => [e.documentId, i]));
    const place = (g: Gallery) => eventOrder.get(g.event?.documentId ?? '') ?? Infinity;
    sorted = [...galleries].sort((a, b) => place(a) - place(b));
    galleryOrders.set(galleries, new WeakMap([[events, sorted]]));
  }
  return sorted;
}
const galleryOrders = new WeakMap<Gallery[], WeakMap<Event[], Gallery[]>>();

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
export const appearancesByPerson = async (): Promise<Map<string, PersonAppearance[]>> => byPerson(personIndex(await getEvents()));

const personIndex = eventIndex(
  ['appearances'] as const,
  function* (event: Event): Generator<Contribution<'appearances', PersonAppearance>> {
    for (const appearance of event.appearances ?? []) {
      const id = appearance.speaker?.documentId;
      if (id) yield [id, 'appearances', { event, appearance }];
    }
  },
  (item) => item.event,
);
// The index's lists as the pages take them (the same arrays: a person's keeps its identity while unchanged).
const byPersonMaps = new WeakMap<object, Map<string, PersonAppearance[]>>();
function byPerson(index: Map<string, { appearances: PersonAppearance[] }>): Map<string, PersonAppearance[]> {
  let out = byPersonMaps.get(index);
  if (!out) byPersonMaps.set(index, (out = new Map([...index].map(([id, v]) => [id, v.appearances]))));
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
export const eventsByInstitution = async (): Promise<Map<string, InstitutionEvents>> =>
  institutionIndex(await getEvents()) as unknown as Map<string, InstitutionEvents>;

type InstitutionItem = Event | PersonAppearance;
const institutionIndex = eventIndex(
  ['organized', 'partnered', 'participated', 'represented'] as const,
  function* (event: Event): Generator<Contribution<keyof InstitutionEvents, InstitutionItem>> {
    for (const i of event.organizers ?? []) yield [i.documentId, 'organized', event];
    for (const i of event.partners ?? []) yield [i.documentId, 'partnered', event];
    for (const i of event.participants ?? []) yield [i.documentId, 'participated', event];
    for (const appearance of event.appearances ?? []) {
      if (appearance.affiliation) yield [appearance.affiliation.documentId, 'represented', { event, appearance }];
    }
  },
  (item) => ('appearance' in item && 'event' in item ? (item as PersonAppearance).event : (item as Event)),
);

export { todayInPoland } from './site-content';
