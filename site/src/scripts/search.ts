// The search page's script (the only client script of the site): Pagefind's index, queried in
// the browser. Filters by type, year and województwo; results are announced to screen
// readers; the query and filters live in the address, so results can be shared and the Back
// button returns to them.
//
// A publish is searchable before the full index is made again: the live site may carry a delta
// (/pagefind-delta/manifest.json, written by the publisher) naming a small bundle of the pages
// changed or added since the full index, merged into it here, and the full index's results of
// every page changed or removed since, which are never shown (the delta's are).

import { FILTER_ORDER, SEARCH_PROMPT, orderFilterGroups } from '../lib/search-filters.ts';

interface PagefindResult {
  url: string;
  excerpt: string;
  meta: { title?: string; date?: string; kind?: string; delta?: string };
}
type FilterCounts = Record<string, Record<string, number>>;
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(path: string, o?: Record<string, unknown>): Promise<void>;
  filters(): Promise<FilterCounts>;
  search(term: string | null, o?: { filters?: Record<string, string[]> }): Promise<{ results: { id: string; data(): Promise<PagefindResult> }[] } | null>;
}

const SHOWN = 30;
const OPTIONS = { excerptLength: 24 };

/** What the publisher's delta manifest says (scripts/publisher/src/search/delta.ts). */
interface Delta {
  bundle: string | null;
  superseded: string[];
  supersededPages: string[];
  supersededFilters: FilterCounts;
  /** Results of the delta that are no page (its record of the full index's words). */
  hiddenPages: string[];
}
const NO_DELTA: Delta = { bundle: null, superseded: [], supersededPages: [], supersededFilters: {}, hiddenPages: [] };

/** The live delta, or none (no manifest: the full index is current). Always asked afresh. */
async function loadDelta(): Promise<Delta> {
  try {
    const response = await fetch('/pagefind-delta/manifest.json', { cache: 'no-cache' });
    if (!response.ok) return NO_DELTA;
    const m = (await response.json()) as Partial<Delta>;
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    return {
      bundle: typeof m.bundle === 'string' && m.bundle.startsWith('/pagefind-delta/') ? m.bundle : null,
      superseded: strings(m.superseded),
      supersededPages: strings(m.supersededPages),
      supersededFilters: m.supersededFilters && typeof m.supersededFilters === 'object' ? m.supersededFilters : {},
      hiddenPages: strings(m.hiddenPages),
    };
  } catch (err) {
    // A broken delta never breaks search: the full index alone is searched.
    console.warn('search delta not loaded', err);
    return NO_DELTA;
  }
}

/** The merged index's counts less the full index's counts of superseded pages. */
function currentCounts(all: FilterCounts, superseded: FilterCounts): FilterCounts {
  const out: FilterCounts = {};
  for (const [name, values] of Object.entries(all)) {
    for (const [value, count] of Object.entries(values)) {
      const n = count - (superseded[name]?.[value] ?? 0);
      if (n > 0) (out[name] ??= {})[value] = n;
    }
  }
  return out;
}

const form = document.querySelector<HTMLFormElement>('#szukaj-form')!;
const input = form.querySelector<HTMLInputElement>('input[type="search"]')!;
const filtersBox = document.querySelector<HTMLElement>('#szukaj-filtry')!;
const status = document.querySelector<HTMLElement>('#szukaj-status')!;
const list = document.querySelector<HTMLOListElement>('#szukaj-wyniki')!;

const plural = (n: number) => (n === 1 ? 'wynik' : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 'wyniki' : 'wyników');

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function chosenFilters(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const box of filtersBox.querySelectorAll<HTMLInputElement>('input[type="checkbox"]:checked')) {
    (out[box.name] ??= []).push(box.value);
  }
  return out;
}

/** The filters as the page shows them, to compare with the index's. */
function shownGroups(): string {
  return JSON.stringify([...filtersBox.querySelectorAll('fieldset')].map((f) => [f.querySelector('legend')?.textContent, [...f.querySelectorAll('label')].map((l) => l.textContent)]));
}

/**
 * The page comes with the filters the build counted; they are redrawn only when the index
 * counts differently (an index made before the latest change), so nothing moves on load.
 */
function renderFilters(all: Record<string, Record<string, number>>, chosen: Record<string, string[]>) {
  const groups = orderFilterGroups(all);
  const wanted = JSON.stringify(groups.map((g) => [g.name, g.values.map(([value, count]) => `${value} (${count})`)]));
  if (wanted !== shownGroups()) {
    filtersBox.replaceChildren();
    groups.forEach((group, i) => {
      const fieldset = document.createElement('fieldset');
      const legend = document.createElement('legend');
      legend.textContent = group.name;
      fieldset.append(legend);
      group.values.forEach(([value, count], j) => {
        const id = `f-${i}-${j}`;
        const box = document.createElement('input');
        Object.assign(box, { type: 'checkbox', id, name: group.name, value });
        const label = document.createElement('label');
        label.htmlFor = id;
        label.textContent = `${value} (${count})`;
        const row = document.createElement('div');
        row.className = 'filter-option';
        row.append(box, label);
        fieldset.append(row);
      });
      filtersBox.append(fieldset);
    });
  }
  for (const box of filtersBox.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) {
    if (chosen[box.name]?.includes(box.value)) box.checked = true;
  }
}

/** Each search started; only the latest one writes to the page. */
let started = 0;
/** The query (word and filters) whose results the page shows or is fetching. */
let asked: string | undefined;

async function run(pagefind: Pagefind, delta: Delta) {
  const term = input.value.trim();
  const filters = chosenFilters();
  const params = new URLSearchParams();
  if (term) params.set('q', term);
  for (const [name, values] of Object.entries(filters)) for (const v of values) params.append(name, v);
  // The same query again (Enter after the typing pause ran it) changes nothing and is not
  // announced twice.
  if (params.toString() === asked) return;
  asked = params.toString();
  const mine = ++started;
  history.replaceState(null, '', params.size ? `?${params}` : location.pathname);

  if (!term && Object.keys(filters).length === 0) {
    list.replaceChildren();
    status.textContent = SEARCH_PROMPT;
    return;
  }
  status.textContent = 'Szukam…';
  const search = await pagefind.search(term || null, { filters });
  if (!search || mine !== started) return; // a newer search replaced this one
  // A page changed or removed since the full index is shown from the delta only.
  const droppedPages = new Set([...delta.supersededPages, ...delta.hiddenPages]);
  const droppedUrls = new Set(delta.superseded);
  const found = search.results.filter((r) => !droppedPages.has(r.id));
  const loaded = await Promise.all(found.slice(0, SHOWN).map((r) => r.data()));
  if (mine !== started) return;
  // (And should the full index not be the one the delta was made against, by address.)
  const results = loaded.filter((r) => r.meta.delta || !droppedUrls.has(r.url));
  list.replaceChildren(
    ...results.map((r) => {
      const li = document.createElement('li');
      const meta = [r.meta.kind, r.meta.date].filter(Boolean).map((m) => escapeHtml(m!)).join(' · ');
      // Pagefind's excerpt is the page's own (escaped) text with <mark> around the matches.
      li.innerHTML = `<h2><a href="${escapeHtml(r.url)}">${escapeHtml(r.meta.title ?? r.url)}</a></h2>${meta ? `<p class="meta">${meta}</p>` : ''}<p>${r.excerpt}</p>`;
      return li;
    }),
  );
  const n = found.length - (loaded.length - results.length);
  status.textContent = n === 0
    ? `Nie znaleziono nic dla „${term}”. Spróbuj innego słowa albo usuń filtry.`
    : `${n} ${plural(n)}${term ? ` dla „${term}”` : ''}${n > SHOWN ? `, pokazano pierwsze ${SHOWN}` : ''}.`;
}

async function main() {
  const pagefindUrl = '/pagefind/pagefind.js';
  const [pagefind, delta] = await Promise.all([import(/* @vite-ignore */ pagefindUrl) as Promise<Pagefind>, loadDelta()]);
  await pagefind.options(OPTIONS);
  await pagefind.init();
  if (delta.bundle) await pagefind.mergeIndex(delta.bundle, OPTIONS);
  const params = new URLSearchParams(location.search);
  // What the address asks for; a word typed while the index loaded is kept.
  if (params.has('q') && !input.value) input.value = params.get('q')!;
  const chosen: Record<string, string[]> = {};
  for (const name of FILTER_ORDER) if (params.getAll(name).length) chosen[name] = params.getAll(name);
  renderFilters(currentCounts(await pagefind.filters(), delta.supersededFilters), chosen);

  let timer: number | undefined;
  // A search that failed may be asked again (the same query is otherwise not run twice).
  const search = () =>
    run(pagefind, delta).catch((err: unknown) => {
      asked = undefined;
      status.textContent = 'Wyszukiwanie się nie powiodło. Spróbuj jeszcze raz.';
      console.error(err);
    });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer); // the word is searched now, not again after the typing pause
    void search();
  });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => void search(), 300);
  });
  filtersBox.addEventListener('change', () => void search());
  await run(pagefind, delta);
  form.dataset.ready = ''; // for tests: the script has taken over
}

main().catch((err: unknown) => {
  status.textContent = 'Wyszukiwarka nie działa w tej chwili. Skorzystaj z archiwum wydarzeń.';
  console.error(err);
});
