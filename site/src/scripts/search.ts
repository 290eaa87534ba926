// The search page's script (the only client script of the site): Pagefind's index, queried in
// the browser. Filters by type, year and województwo; results are announced to screen
// readers; the query and filters live in the address, so results can be shared and the Back
// button returns to them.

import { FILTER_ORDER, SEARCH_PROMPT, orderFilterGroups } from '../lib/search-filters.ts';

interface PagefindResult {
  url: string;
  excerpt: string;
  meta: { title?: string; date?: string; kind?: string };
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(term: string | null, o?: { filters?: Record<string, string[]> }): Promise<{ results: { id: string; data(): Promise<PagefindResult> }[] } | null>;
}

const SHOWN = 30;

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

async function run(pagefind: Pagefind) {
  const term = input.value.trim();
  const filters = chosenFilters();
  const params = new URLSearchParams();
  if (term) params.set('q', term);
  for (const [name, values] of Object.entries(filters)) for (const v of values) params.append(name, v);
  history.replaceState(null, '', params.size ? `?${params}` : location.pathname);

  if (!term && Object.keys(filters).length === 0) {
    list.replaceChildren();
    status.textContent = SEARCH_PROMPT;
    return;
  }
  status.textContent = 'Szukam…';
  const search = await pagefind.search(term || null, { filters });
  if (!search) return; // a newer search replaced this one
  const results = await Promise.all(search.results.slice(0, SHOWN).map((r) => r.data()));
  list.replaceChildren(
    ...results.map((r) => {
      const li = document.createElement('li');
      const meta = [r.meta.kind, r.meta.date].filter(Boolean).map((m) => escapeHtml(m!)).join(' · ');
      // Pagefind's excerpt is the page's own (escaped) text with <mark> around the matches.
      li.innerHTML = `<h2><a href="${escapeHtml(r.url)}">${escapeHtml(r.meta.title ?? r.url)}</a></h2>${meta ? `<p class="meta">${meta}</p>` : ''}<p>${r.excerpt}</p>`;
      return li;
    }),
  );
  const n = search.results.length;
  status.textContent = n === 0
    ? `Nie znaleziono nic dla „${term}”. Spróbuj innego słowa albo usuń filtry.`
    : `${n} ${plural(n)}${term ? ` dla „${term}”` : ''}${n > SHOWN ? `, pokazano pierwsze ${SHOWN}` : ''}.`;
}

async function main() {
  const pagefindUrl = '/pagefind/pagefind.js';
  const pagefind = (await import(/* @vite-ignore */ pagefindUrl)) as Pagefind;
  await pagefind.options({ excerptLength: 24 });
  await pagefind.init();
  const params = new URLSearchParams(location.search);
  // What the address asks for; a word typed while the index loaded is kept.
  if (params.has('q') && !input.value) input.value = params.get('q')!;
  const chosen: Record<string, string[]> = {};
  for (const name of FILTER_ORDER) if (params.getAll(name).length) chosen[name] = params.getAll(name);
  renderFilters(await pagefind.filters(), chosen);

  let timer: number | undefined;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void run(pagefind);
  });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => void run(pagefind), 300);
  });
  filtersBox.addEventListener('change', () => void run(pagefind));
  await run(pagefind);
  form.dataset.ready = ''; // for tests: the script has taken over
}

main().catch((err: unknown) => {
  status.textContent = 'Wyszukiwarka nie działa w tej chwili. Skorzystaj z archiwum wydarzeń.';
  console.error(err);
});
