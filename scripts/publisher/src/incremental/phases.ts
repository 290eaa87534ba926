import type { RenderPlan } from './dependencies.ts';

// Fan-out. Numbered listing pages show nothing that depends on the listing's size (no total,
// no "z M", no last-page link, no counts: site/src/lib/listing.ts paginate, archives.ts
// archiveNavKey), and they count from the oldest event, so a new event changes only the pages
// its card lands on and the newest page of each listing. What still reaches many numbered pages
// (an edit of an archive's links, a change of the site's settings) goes live in a second phase,
// right after the entry's own pages and every other dirty output. New numbered pages, and the
// newest numbered page of each listing (where a new event lands), stay in the first phase.

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
