import { describe, expect, it } from 'vitest';
import { eventIndex, type Contribution } from '../src/lib/event-index';

// The long-lived publisher patches the indexes of events (a person's appearances, an
// institution's events) from the previous list's; a patched index must equal a full one, list by
// list and item by item, and keep the arrays of every id the change did not touch.

interface Ev {
  slug: string;
  people: string[];
  hosts: string[];
}
type Item = { event: Ev; role: string } | Ev;

const contributions = function* (e: Ev): Generator<Contribution<'hosted' | 'spoke', Item>> {
  for (const h of e.hosts) yield [h, 'hosted', e];
  for (const p of e.people) yield [p, 'spoke', { event: e, role: `${p}@${e.slug}` }];
};
const eventOf = (item: Item) => ('role' in item ? item.event : item);
const make = () => eventIndex(['hosted', 'spoke'] as const, contributions, eventOf);

// A small deterministic random source, so a failure can be replayed.
function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}
const pick = <T>(r: () => number, list: readonly T[]) => list[Math.floor(r() * list.length)]!;
const IDS = Array.from({ length: 12 }, (_, i) => `id${i}`);
const someIds = (r: () => number) => [...new Set(Array.from({ length: Math.floor(r() * 4) }, () => pick(r, IDS)))];
const newEvent = (r: () => number, slug: string): Ev => ({ slug, people: [...someIds(r), ...someIds(r)], hosts: someIds(r) });

/** Every list of the index as slugs and roles, for comparing a patched index with a full one. */
const shape = (index: Map<string, Record<'hosted' | 'spoke', Item[]>>) =>
  Object.fromEntries([...index].map(([id, v]) => [id, { hosted: v.hosted.map((i) => eventOf(i).slug), spoke: v.spoke.map((i) => ('role' in i ? i.role : '?')) }]));

describe('eventIndex', () => {
  it('patched after edits, additions and removals, equals an index made in full', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = random(seed);
      let events = Array.from({ length: 60 }, (_, i) => newEvent(r, `e${i}`));
      const patched = make();
      patched(events);
      for (let step = 0; step < 8; step++) {
        const next = [...events];
        // Edit some (a new object for the same event), remove some, add some. Unchanged events keep
        // their order, as in the events list (sorted, ties in stored order).
        for (let k = 0; k < 3; k++) {
          const i = Math.floor(r() * next.length);
          next[i] = { ...newEvent(r, next[i]!.slug) };
        }
        if (r() < 0.5) next.splice(Math.floor(r() * next.length), 1);
        if (r() < 0.5) next.splice(Math.floor(r() * next.length), 0, newEvent(r, `n${seed}-${step}`));
        const before = patched(events);
        const after = patched(next);
        expect(shape(after)).toEqual(shape(make()(next)));
        // An id the change did not touch keeps its arrays.
        const moved = new Set([...events.filter((e) => !next.includes(e)), ...next.filter((e) => !events.includes(e))]);
        const touched = new Set([...moved].flatMap((e) => [...e.hosts, ...e.people]));
        for (const [id, lists] of after) if (!touched.has(id)) expect(lists).toBe(before.get(id));
        events = next;
      }
    }
  });

  it('the same list gives the same index; many moved events make it in full', () => {
    const r = random(7);
    const events = Array.from({ length: 400 }, (_, i) => newEvent(r, `e${i}`));
    const index = make();
    const first = index(events);
    expect(index(events)).toBe(first);
    const all = events.map((e) => ({ ...e }));
    expect(shape(index(all))).toEqual(shape(make()(all)));
  });

  it('drops an id whose last event went away', () => {
    const a: Ev = { slug: 'a', people: ['p'], hosts: [] };
    const b: Ev = { slug: 'b', people: ['q'], hosts: [] };
    const index = make();
    index([a, b]);
    const after = index([b]);
    expect(after.has('p')).toBe(false);
    expect(after.get('q')?.spoke).toHaveLength(1);
  });
});
