import type { PublishTimings } from '@cus/publisher/incremental';
import { seconds } from './measure.ts';

// Where a publish's time goes, from the data the publisher reports (PublishReport.timings, ms
// per step), with the steps around it the bench times itself (the webhook and the service's
// coalescing before, the static server serving the new release after).

export interface ProfileStep {
  step: string;
  seconds: number;
  /** Outputs rendered in this step. */
  pages?: number;
  /** A span that holds other steps (e.g. until the first phase was live): never "the slowest step". */
  span?: true;
}

/** The publisher's own steps of one run (every phase of it: the report sums them), in order. */
export function publisherSteps(t: PublishTimings, pagesRendered: number, prefix = ''): ProfileStep[] {
  return [
    { step: `${prefix}sync (CMS → memory)`, seconds: seconds(t.syncMs) },
    { step: `${prefix}publisher build (the site's astro build, made or loaded; what the sync did not hide)`, seconds: seconds(t.buildMs) },
    { step: `${prefix}paths (list outputs, compare keys)`, seconds: seconds(t.pathsMs) },
    { step: `${prefix}render (changed outputs, each written as it comes)`, seconds: seconds(t.renderMs), pages: pagesRendered },
    { step: `${prefix}draft (then waiting for the release's folder and the last writes)`, seconds: seconds(t.draftMs) },
    { step: `${prefix}write (the rest of the release draft)`, seconds: seconds(t.writeMs) },
    { step: `${prefix}check (changed pages)`, seconds: seconds(t.checkMs) },
    { step: `${prefix}switch (release live)`, seconds: seconds(t.switchMs) },
  ];
}

export const slowestStep = (steps: ProfileStep[]): ProfileStep | undefined =>
  steps.filter((s) => !s.span).reduce<ProfileStep | undefined>((a, s) => (a && a.seconds >= s.seconds ? a : s), undefined);

/** The profile as aligned lines for the terminal, its slowest step marked. */
export function formatProfile(title: string, steps: ProfileStep[]): string {
  const width = Math.max(...steps.map((s) => s.step.length));
  const slowest = slowestStep(steps);
  const lines = steps.map(
    (s) => `  ${s.step.padEnd(width)}  ${s.seconds.toFixed(2).padStart(7)} s${s.pages !== undefined ? `  ${s.pages} outputs` : ''}${s === slowest ? '   ← slowest' : ''}`,
  );
  return `${title}\n${lines.join('\n')}`;
}
