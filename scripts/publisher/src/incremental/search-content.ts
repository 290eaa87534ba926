import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { eventStart, type EventEntry, type InstitutionEntry, type SpeakerEntry } from '@cus/shared';
import { searchRecords, type SearchContent, type SearchRecord } from '@cus/site/search-records';
import { recordDigest } from '../search/index.ts';
import type { SiteContent, StoredEntry } from './contract.ts';

// The search records of the publisher's content (one per report, person and institution page),
// made with the site's own searchRecords from the entries the pages read, in the order the
// search page gives them in a static build (site/src/lib/content.ts: events newest first, people
// by surname, institutions by name), so both make the same index from the same content.
//
// Made once per content version, and only the records whose inputs changed: a report's record
// depends on that event alone (kept while the store keeps its data object and digest); a person's
// on the person and the events they appear in; an institution's on it, the events that name it
// and the people who belong to it. Those are made again together, from only the events they show
// (without bodies: the one costly part of a report's record, and one they never show), in the
// content's order, so each record is what searchRecords makes from all the content.
//
// What is kept of each record is its address and digest; the record itself only until it is
// dropped (`dropRecords`: the search index drops those its base index already holds). At
// national-portal size the records hold the text of every page, ~200 MB that a publish never
// reads: a delta needs the records changed since the base, and a new base (rare, in the
// background) has them all made again (`allRecords`), a slice at a time.

type Event = SearchContent['events'][number];

/** One indexed page of the content: its address and digest, and its record while it is kept. */
export interface RecordSlot {
  readonly url: string;
  readonly digest: string;
  record: SearchRecord | null;
}

const collator = new Intl.Collator('pl');
/** "Jan Kowalski" sorts under K (site/src/lib/content.ts sortName). */
const sortName = (name: string) => {
  const parts = name.trim().split(/\s+/);
  return parts.length > 1 ? `${parts.at(-1)} ${parts.slice(0, -1).join(' ')}` : name;
};

function eventOf(entry: StoredEntry): Event {
  const data = entry.data as unknown as EventEntry;
  return { ...data, bodyHtml: entry.rendered?.html ?? '', start: eventStart(data.dates) ?? '' };
}

const slotOf = (record: SearchRecord): RecordSlot => ({ url: record.url, digest: recordDigest(record), record });

/** Records made in one go when all are made again: small enough that a publish waits little behind one. */
const SLICE = 250;

/** The current version's content in the search page's order, and what each person's and institution's page shows. */
interface Ordered {
  version: string;
  events: { entry: StoredEntry; event: Event }[];
  speakers: { entry: StoredEntry; data: SpeakerEntry }[];
  institutions: { entry: StoredEntry; data: InstitutionEntry }[];
  /** Positions in `events` of each person's and institution's events; of `speakers` of each institution's people. */
  eventsOfPerson: Map<string, number[]>;
  eventsOfInstitution: Map<string, number[]>;
  peopleOfInstitution: Map<string, number[]>;
  slots: RecordSlot[];
}

interface KeptSlot {
  /** What the record was made from (digests of the entries its page shows). */
  key: string;
  slot: RecordSlot;
}

export class SearchRecordsOfContent {
  private current: Ordered | null = null;
  /** An event's data object (the same while it is unchanged) → its slot and what it was made from. */
  private readonly eventSlots = new WeakMap<object, { digest: string; html: string | undefined; slot: RecordSlot }>();
  /** documentId of a person or institution → its slot and the digests of what it shows. */
  private readonly people = new Map<string, KeptSlot>();
  private readonly institutions = new Map<string, KeptSlot>();

  /** Every indexed page's slot for this content (the same array while its version is the same). */
  of(content: SiteContent): readonly RecordSlot[] {
    return this.order(content).slots;
  }

  /** Forgets the record (not the digest) of each slot of the current content that `drop` names. */
  dropRecords(drop: (slot: RecordSlot) => boolean): void {
    for (const slot of this.current?.slots ?? []) if (slot.record && drop(slot)) slot.record = null;
  }

  /** The records of `slots` (of `content`'s slots), made again where dropped; kept as long as the slots keep theirs. */
  recordsOf(content: SiteContent, slots: readonly RecordSlot[]): SearchRecord[] {
    const ordered = this.order(content);
    const missing = new Set(slots.filter((s) => !s.record));
    if (missing.size > 0) this.remake(ordered, ordered.slots.flatMap((s, i) => (missing.has(s) ? [i] : [])));
    return slots.map((s) => s.record!);
  }

  /**
   * Every record of `content` (for a base index), those dropped made again a slice at a time
   * with the event loop free between slices. The remade ones are not kept: they are dropped again
   * once the base holds them.
   */
  async allRecords(content: SiteContent): Promise<SearchRecord[]> {
    const ordered = this.order(content);
    const missing = ordered.slots.flatMap((s, i) => (s.record ? [] : [i]));
    const records: (SearchRecord | null)[] = ordered.slots.map((s) => s.record);
    for (let i = 0; i < missing.length; i += SLICE) {
      await yieldToEvents();
      const slice = missing.slice(i, i + SLICE);
      const made = this.made(ordered, slice);
      slice.forEach((at, n) => (records[at] = made[n]!));
    }
    return records as SearchRecord[];
  }

  private order(content: SiteContent): Ordered {
    if (content.version === this.current?.version) return this.current;
    const events = content.collections.events.map((e) => ({ entry: e, event: eventOf(e) }));
    events.sort((a, b) => b.event.start.localeCompare(a.event.start) || collator.compare(a.event.title, b.event.title));
    const speakers = content.collections.speakers
      .map((e) => ({ entry: e, data: e.data as unknown as SpeakerEntry }))
      .sort((a, b) => collator.compare(sortName(a.data.name), sortName(b.data.name)));
    const institutions = content.collections.institutions
      .map((e) => ({ entry: e, data: e.data as unknown as InstitutionEntry }))
      .sort((a, b) => collator.compare(a.data.name, b.data.name));

    const eventSlots = events.map(({ entry, event }) => {
      const hit = this.eventSlots.get(entry.data);
      if (hit && hit.digest === entry.digest && hit.html === entry.rendered?.html) return hit.slot;
      const slot = slotOf(searchRecords({ events: [event], speakers: [], institutions: [] })[0]!);
      this.eventSlots.set(entry.data, { digest: entry.digest, html: entry.rendered?.html, slot });
      return slot;
    });

    const eventsOfPerson = new Map<string, number[]>();
    const eventsOfInstitution = new Map<string, number[]>();
    const add = (map: Map<string, number[]>, id: string | undefined, i: number) => {
      if (!id) return;
      const list = map.get(id);
      if (!list) map.set(id, [i]);
      else if (list.at(-1) !== i) list.push(i);
    };
    events.forEach(({ event }, i) => {
      for (const a of event.appearances ?? []) {
        add(eventsOfPerson, a.speaker?.documentId, i);
        add(eventsOfInstitution, a.affiliation?.documentId, i);
      }
      for (const inst of [...(event.organizers ?? []), ...(event.partners ?? []), ...(event.participants ?? [])]) add(eventsOfInstitution, inst.documentId, i);
    });
    const peopleOfInstitution = new Map<string, number[]>();
    speakers.forEach(({ data }, i) => add(peopleOfInstitution, data.institution?.documentId, i));
    const ordered: Ordered = { version: content.version, events, speakers, institutions, eventsOfPerson, eventsOfInstitution, peopleOfInstitution, slots: [] };

    const eventDigests = (list: readonly number[] = []) => list.map((i) => events[i]!.entry.digest).join(',');
    const personKeys = speakers.map(({ entry, data }) => `${entry.digest}|${eventDigests(eventsOfPerson.get(data.documentId))}`);
    const institutionKeys = institutions.map(
      ({ entry, data }) =>
        `${entry.digest}|${eventDigests(eventsOfInstitution.get(data.documentId))}|${(peopleOfInstitution.get(data.documentId) ?? []).map((i) => speakers[i]!.entry.digest).join(',')}`,
    );
    const dirtyPeople = speakers.flatMap(({ data }, i) => (this.people.get(data.documentId)?.key === personKeys[i] ? [] : [i]));
    const dirtyInstitutions = institutions.flatMap(({ data }, i) => (this.institutions.get(data.documentId)?.key === institutionKeys[i] ? [] : [i]));
    if (dirtyPeople.length > 0 || dirtyInstitutions.length > 0) {
      const made = this.made(ordered, [...dirtyPeople.map((i) => events.length + i), ...dirtyInstitutions.map((i) => events.length + speakers.length + i)]);
      dirtyPeople.forEach((i, n) => this.people.set(speakers[i]!.data.documentId, { key: personKeys[i]!, slot: slotOf(made[n]!) }));
      dirtyInstitutions.forEach((i, n) => this.institutions.set(institutions[i]!.data.documentId, { key: institutionKeys[i]!, slot: slotOf(made[dirtyPeople.length + n]!) }));
    }
    // Entries no longer published drop out of the kept slots.
    const livePeople = new Set(speakers.map((s) => s.data.documentId));
    for (const id of this.people.keys()) if (!livePeople.has(id)) this.people.delete(id);
    const liveInstitutions = new Set(institutions.map((i) => i.data.documentId));
    for (const id of this.institutions.keys()) if (!liveInstitutions.has(id)) this.institutions.delete(id);

    ordered.slots = [
      ...eventSlots,
      ...speakers.map((s) => this.people.get(s.data.documentId)!.slot),
      ...institutions.map((i) => this.institutions.get(i.data.documentId)!.slot),
    ];
    this.current = ordered;
    return ordered;
  }

  /** Puts back the records of the slots at `positions` (of the content's order). */
  private remake(ordered: Ordered, positions: readonly number[]): void {
    const made = this.made(ordered, positions);
    positions.forEach((at, n) => (ordered.slots[at]!.record = made[n]!));
  }

  /**
   * The records at `positions` (reports, then people, then institutions, as in `slots`), each
   * as searchRecords makes it from all the content: people and institutions from only the events
   * they show (without bodies, which they never show) and the people who belong to them.
   */
  private made(ordered: Ordered, positions: readonly number[]): SearchRecord[] {
    const { events, speakers, institutions } = ordered;
    const eventAt: number[] = [];
    const peopleAt: number[] = [];
    const institutionsAt: number[] = [];
    for (const at of positions) {
      if (at < events.length) eventAt.push(at);
      else if (at < events.length + speakers.length) peopleAt.push(at - events.length);
      else institutionsAt.push(at - events.length - speakers.length);
    }
    const byPosition = new Map<number, SearchRecord>();
    for (const at of eventAt) byPosition.set(at, searchRecords({ events: [events[at]!.event], speakers: [], institutions: [] })[0]!);
    if (peopleAt.length > 0 || institutionsAt.length > 0) {
      const shown = new Set<number>();
      for (const i of peopleAt) for (const e of ordered.eventsOfPerson.get(speakers[i]!.data.documentId) ?? []) shown.add(e);
      const members = new Set<number>(peopleAt);
      for (const i of institutionsAt) {
        const id = institutions[i]!.data.documentId;
        for (const e of ordered.eventsOfInstitution.get(id) ?? []) shown.add(e);
        for (const p of ordered.peopleOfInstitution.get(id) ?? []) members.add(p);
      }
      const speakerSet = [...members].sort((a, b) => a - b);
      const shownEvents = [...shown].sort((a, b) => a - b).map((i) => ({ ...events[i]!.event, bodyHtml: '' }));
      const made = searchRecords({ events: shownEvents, speakers: speakerSet.map((i) => speakers[i]!.data), institutions: institutionsAt.map((i) => institutions[i]!.data) });
      // searchRecords gives reports, then people, then institutions, each in the order given.
      const madePeople = new Map(speakerSet.map((i, n) => [i, made[shownEvents.length + n]!]));
      for (const i of peopleAt) byPosition.set(events.length + i, madePeople.get(i)!);
      institutionsAt.forEach((i, n) => byPosition.set(events.length + speakers.length + i, made[shownEvents.length + speakerSet.length + n]!));
    }
    return positions.map((at) => byPosition.get(at)!);
  }
}
