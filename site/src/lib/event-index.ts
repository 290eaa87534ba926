// An index of the events by the entries they name (a person's appearances, an institution's
// events), made once per list of events and, in the long-lived publisher, patched from the
// previous list's index when few events moved: after one edit only the ids the edited event
// names (before or after) get new lists; every other id keeps its arrays, so what pages derive
// from them (keys compared by reference, src/lib/listing.ts keyByRefs) holds. A patched index
// equals a full one: each list is in the order of the events list (items of one event in the
// order it names them), which a stable sort by the event's place gives back.

/** What one event puts into an index: under which id, in which of its lists, which item. */
export type Contribution<L extends string, I> = readonly [id: string, list: L, item: I];

/** Above this many moved events, the index is made again in full (a patch would cost more). */
const PATCH_LIMIT = 256;

export function eventIndex<E extends object, L extends string, I>(
  lists: readonly L[],
  contributions: (event: E) => Iterable<Contribution<L, I>>,
  eventOfItem: (item: I) => E,
): (events: readonly E[]) => Map<string, Record<L, I[]>> {
  const empty = () => Object.fromEntries(lists.map((l) => [l, []])) as unknown as Record<L, I[]>;
  let last: { events: readonly E[]; index: Map<string, Record<L, I[]>> } | undefined;

  const full = (events: readonly E[]) => {
    const index = new Map<string, Record<L, I[]>>();
    for (const event of events) {
      for (const [id, list, item] of contributions(event)) {
        let v = index.get(id);
        if (!v) index.set(id, (v = empty()));
        v[list].push(item);
      }
    }
    return index;
  };

  const patch = (before: Map<string, Record<L, I[]>>, events: readonly E[], removed: ReadonlySet<E>, added: readonly E[]) => {
    const touched = new Set<string>();
    for (const event of [...removed, ...added]) for (const [id] of contributions(event)) touched.add(id);
    const place = new Map<E, number>();
    events.forEach((e, i) => place.set(e, i));
    const index = new Map(before);
    for (const id of touched) {
      const was = before.get(id);
      const v = empty();
      for (const list of lists) v[list] = was ? was[list].filter((item) => !removed.has(eventOfItem(item))) : [];
      for (const event of added) for (const [cid, list, item] of contributions(event)) if (cid === id) v[list].push(item);
      let any = false;
      for (const list of lists) {
        v[list].sort((a, b) => place.get(eventOfItem(a))! - place.get(eventOfItem(b))!);
        any ||= v[list].length > 0;
      }
      if (any) index.set(id, v);
      else index.delete(id);
    }
    return index;
  };

  return (events) => {
    if (last?.events === events) return last.index;
    let index: Map<string, Record<L, I[]>> | undefined;
    if (last) {
      const now = new Set(events);
      const removed = new Set(last.events.filter((e) => !now.has(e)));
      if (removed.size <= PATCH_LIMIT) {
        const before = new Set(last.events);
        const added = events.filter((e) => !before.has(e));
        if (removed.size + added.length <= PATCH_LIMIT) index = patch(last.index, events, removed, added);
      }
    }
    index ??= full(events);
    last = { events, index };
    return index;
  };
}
