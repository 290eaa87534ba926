import { eventStart, type EventEntry, type InstitutionEntry, type SpeakerEntry } from '@cus/shared';
import { searchRecords, type SearchContent, type SearchRecord } from '@cus/site/search-records';
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

type Event = SearchContent['events'][number];

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

interface Kept {
  key: string;
  record: SearchRecord;
}

export class SearchRecordsOfContent {
  private version: string | null = null;
  private records: SearchRecord[] = [];
  /** An event's data object (the same while it is unchanged) → its record and what it was made from. */
  private readonly eventRecords = new WeakMap<object, { digest: string; html: string | undefined; record: SearchRecord }>();
  /** documentId of a person or institution → its record and the digest of what it shows. */
  private readonly people = new Map<string, Kept>();
  private readonly institutions = new Map<string, Kept>();

  /** Every indexed page's record for this content (the same array while its version is the same). */
  of(content: SiteContent): SearchRecord[] {
    if (content.version === this.version) return this.records;
    const events = content.collections.events.map((e) => ({ entry: e, event: eventOf(e) }));
    events.sort((a, b) => b.event.start.localeCompare(a.event.start) || collator.compare(a.event.title, b.event.title));
    const speakers = content.collections.speakers
      .map((e) => ({ entry: e, data: e.data as unknown as SpeakerEntry }))
      .sort((a, b) => collator.compare(sortName(a.data.name), sortName(b.data.name)));
    const institutions = content.collections.institutions
      .map((e) => ({ entry: e, data: e.data as unknown as InstitutionEntry }))
      .sort((a, b) => collator.compare(a.data.name, b.data.name));

    const eventRecords = events.map(({ entry, event }) => {
      const hit = this.eventRecords.get(entry.data);
      if (hit && hit.digest === entry.digest && hit.html === entry.rendered?.html) return hit.record;
      const [record] = searchRecords({ events: [event], speakers: [], institutions: [] });
      this.eventRecords.set(entry.data, { digest: entry.digest, html: entry.rendered?.html, record: record! });
      return record!;
    });

    // What each person's and institution's page shows: indexes of event positions (content order).
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
    const eventDigests = (list: readonly number[] = []) => list.map((i) => events[i]!.entry.digest).join(',');

    const personKey = ({ entry, data }: (typeof speakers)[number]) => `${entry.digest}|${eventDigests(eventsOfPerson.get(data.documentId))}`;
    const institutionKey = ({ entry, data }: (typeof institutions)[number]) =>
      `${entry.digest}|${eventDigests(eventsOfInstitution.get(data.documentId))}|${(peopleOfInstitution.get(data.documentId) ?? []).map((i) => speakers[i]!.entry.digest).join(',')}`;
    const dirtyPeople = speakers.filter((s) => this.people.get(s.data.documentId)?.key !== personKey(s));
    const dirtyInstitutions = institutions.filter((i) => this.institutions.get(i.data.documentId)?.key !== institutionKey(i));

    if (dirtyPeople.length > 0 || dirtyInstitutions.length > 0) {
      const shown = new Set<number>();
      for (const s of dirtyPeople) for (const i of eventsOfPerson.get(s.data.documentId) ?? []) shown.add(i);
      const members = new Set<number>();
      for (const inst of dirtyInstitutions) {
        for (const i of eventsOfInstitution.get(inst.data.documentId) ?? []) shown.add(i);
        for (const i of peopleOfInstitution.get(inst.data.documentId) ?? []) members.add(i);
      }
      const dirtyIds = new Set(dirtyPeople.map((s) => s.data.documentId));
      const speakerSet = speakers.filter(({ data }, i) => dirtyIds.has(data.documentId) || members.has(i));
      const shownEvents = [...shown].sort((a, b) => a - b).map((i) => ({ ...events[i]!.event, bodyHtml: '' }));
      const made = searchRecords({ events: shownEvents, speakers: speakerSet.map((s) => s.data), institutions: dirtyInstitutions.map((i) => i.data) });
      // searchRecords gives reports, then people, then institutions, each in the order given.
      const madePeople = made.slice(shownEvents.length, shownEvents.length + speakerSet.length);
      speakerSet.forEach((s, n) => {
        if (dirtyIds.has(s.data.documentId)) this.people.set(s.data.documentId, { key: personKey(s), record: madePeople[n]! });
      });
      made.slice(shownEvents.length + speakerSet.length).forEach((record, n) => {
        const inst = dirtyInstitutions[n]!;
        this.institutions.set(inst.data.documentId, { key: institutionKey(inst), record });
      });
    }
    // Entries no longer published drop out of the kept records.
    const livePeople = new Set(speakers.map((s) => s.data.documentId));
    for (const id of this.people.keys()) if (!livePeople.has(id)) this.people.delete(id);
    const liveInstitutions = new Set(institutions.map((i) => i.data.documentId));
    for (const id of this.institutions.keys()) if (!liveInstitutions.has(id)) this.institutions.delete(id);

    this.records = [
      ...eventRecords,
      ...speakers.map((s) => this.people.get(s.data.documentId)!.record),
      ...institutions.map((i) => this.institutions.get(i.data.documentId)!.record),
    ];
    this.version = content.version;
    return this.records;
  }
}
