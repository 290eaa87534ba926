import { stripAnsi } from '../strip-ansi.ts';

// Where a site build's time goes, read from the log `astro build` prints: the content sync, the
// vite bundling, page generation by kind of page (rendered or restored from the build cache),
// and the steps after the pages (CMS files, search index). Astro stamps most lines with the wall
// clock to the second, which is precise enough at the sizes where a profile matters.

export interface BuildStep {
  step: string;
  seconds: number;
  /** Pages generated in this step and how many of them came from the build cache. */
  pages?: number;
  restored?: number;
}

const STAMP = /^(\d\d):(\d\d):(\d\d) /;
// Pages rendered at once are logged on one line: a path ends at a space or the next stamp.
const ROUTE = /(\d\d):(\d\d):(\d\d)\s+[├└]─ (\/\S*?)(?=\s|\d\d:\d\d:\d\d |$)(\s*\((?:restored|cached)\))?/g;

/** The kind of page an output path is, in the words of the profile. */
export function pageKind(file: string): string {
  if (file.startsWith('/og/')) return 'share cards (/og/*.png)';
  if (file.endsWith('.ics')) return 'calendars (.ics)';
  if (file.endsWith('.xml')) return 'feeds';
  if (/^\/wydarzenia\/(rok|rodzaj|wojewodztwo|strona)\//.test(file) || /^\/(wydarzenia|osoby|instytucje|galerie)\/index\.html$/.test(file)) return 'listings and archives';
  if (file.startsWith('/wydarzenia/')) return 'event pages';
  if (file.startsWith('/osoby/')) return 'person pages';
  if (file.startsWith('/instytucje/')) return 'institution pages';
  if (file.startsWith('/galerie/')) return 'gallery pages';
  return 'other pages';
}

function clock(h: string, m: string, s: string) {
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

/** The build's steps in order, each with its wall-clock seconds. */
export function profileBuild(output: string): BuildStep[] {
  const text = stripAnsi(output);
  const steps: BuildStep[] = [];
  // Seconds since the first stamp; a build that runs past midnight keeps counting up.
  let first: number | null = null;
  let last = 0;
  const at = (h: string, m: string, s: string) => {
    let t = clock(h, m, s);
    if (first === null) first = t;
    t -= first;
    while (t < last - 43_200) t += 86_400;
    last = Math.max(last, t);
    return t;
  };
  const marks: { name: string; t: number }[] = [];
  for (const line of text.split('\n')) {
    const m = STAMP.exec(line);
    if (!m) continue;
    const t = at(m[1]!, m[2]!, m[3]!);
    if (line.includes('[content] Syncing content')) marks.push({ name: 'sync:start', t });
    else if (line.includes('[content] Synced content')) marks.push({ name: 'sync:end', t });
    else if (line.includes('Building static entrypoints') || line.includes('Building server entrypoints')) marks.push({ name: 'vite:start', t });
    else if (line.includes('Rearranging server assets')) marks.push({ name: 'vite:end', t });
    else if (/\[build\] ✓ Completed in/.test(line)) marks.push({ name: 'pages:end', t });
    else if (/page\(s\) built in/.test(line)) marks.push({ name: 'end', t });
  }
  // The last of a name: "[build] ✓ Completed" is printed after set-up too, then after the pages.
  const mark = (name: string) => marks.findLast((m) => m.name === name)?.t;
  const span = (step: string, from?: number, to?: number) => {
    if (from !== undefined && to !== undefined) steps.push({ step, seconds: to - from });
  };
  span('content sync (loader)', mark('sync:start'), mark('sync:end'));
  span('types and build set-up', mark('sync:end'), mark('vite:start'));
  span('bundling (vite)', mark('vite:start'), mark('vite:end'));

  // Page generation: the time between one page's line and the one before goes to its kind.
  const kinds = new Map<string, BuildStep>();
  let previous = mark('vite:end');
  for (const r of text.matchAll(ROUTE)) {
    const t = at(r[1]!, r[2]!, r[3]!);
    const kind = pageKind(r[4]!);
    const step = kinds.get(kind) ?? { step: `pages: ${kind}`, seconds: 0, pages: 0, restored: 0 };
    kinds.set(kind, step);
    // Until the first page, the time is the prerenderer's set-up, not that page's.
    if (kinds.size === 1 && step.pages === 0) span('page generation set-up', previous, t);
    else step.seconds += previous === undefined ? 0 : Math.max(0, t - previous);
    step.pages = (step.pages ?? 0) + 1;
    if (r[5]) step.restored = (step.restored ?? 0) + 1;
    previous = t;
  }
  steps.push(...kinds.values());
  span('after the pages (sitemap, CMS files, search index)', mark('pages:end'), mark('end'));
  // Steps that time themselves, to the millisecond, inside "after the pages".
  const media = /\[cus-cms-media\] .* in (\d+) ms/.exec(text);
  if (media) steps.push({ step: '  of which CMS files into the output', seconds: Number(media[1]) / 1000 });
  const search = /\[cus-search-index\] .* in (\d+) ms/.exec(text);
  if (search) steps.push({ step: '  of which search index (Pagefind)', seconds: Number(search[1]) / 1000 });
  return steps.map((s) => ({ ...s, seconds: Math.round(s.seconds * 10) / 10 }));
}

/** The profile as aligned lines for the terminal. */
export function formatProfile(title: string, steps: BuildStep[]): string {
  const width = Math.max(...steps.map((s) => s.step.length));
  const lines = steps.map((s) => `  ${s.step.padEnd(width)}  ${s.seconds.toFixed(1).padStart(7)} s${s.pages ? `  ${s.pages} pages${s.restored ? `, ${s.restored} from cache` : ''}` : ''}`);
  return `${title}\n${lines.join('\n')}`;
}
