import type { RenderPlan } from './dependencies.ts';

// Fan-out. Every listing page's key holds what the whole listing shows around its own cards:
// the number of pages (in "strona N z M" and the pagination), the listing's total and the
// archive links' counts (site/src/lib/listing.ts paginate, archives.ts archiveNavKey). A new
// event changes all of them, so every numbered page of the main listing and of the event's
// year, type and województwo archives is re-rendered: ~500 pages at 10,000 events for the
// main listing alone. Those pages do not show the new event (numbered pages count from the
// oldest), so they go live in a second phase, right after the entry's own pages and every
// other dirty output. New numbered pages, and the newest numbered page of each listing (where
// a new event lands), stay in the first phase.

const NUMBERED = /^(.*\/)strona\/(\d+)\/$/;

export interface Phases {
  first: RenderPlan['dirty'];
  /** Numbered listing pages that only re-render for a count: the second phase. */
  second: RenderPlan['dirty'];
}

export function splitPhases(dirty: RenderPlan['dirty']): Phases {
  const newest = new Map<string, number>();
  for (const { path } of dirty) {
    const m = NUMBERED.exec(path.pathname);
    if (m) newest.set(m[1]!, Math.max(newest.get(m[1]!) ?? 0, Number(m[2])));
  }
  const phases: Phases = { first: [], second: [] };
  for (const d of dirty) {
    const m = NUMBERED.exec(d.path.pathname);
    const deferred = m !== null && d.reason === 'key-changed' && Number(m[2]) !== newest.get(m[1]!);
    (deferred ? phases.second : phases.first).push(d);
  }
  return phases;
}
