// The search page's filters, in one order for the page as built and for its script (which
// redraws them only if the index it loads counts differently). No imports: the browser loads it.

export const FILTER_ORDER = ['Rodzaj', 'Rok', 'Województwo'];

export const SEARCH_PROMPT = 'Wpisz szukane słowo: nazwisko, miejscowość, instytucję albo temat.';

export interface FilterGroup {
  name: string;
  /** [value, number of indexed pages], in the order shown. */
  values: [string, number][];
}

/** Pagefind's filter counts ({ name: { value: count } }) as groups in display order. */
export function orderFilterGroups(all: Record<string, Record<string, number>>): FilterGroup[] {
  const rank = (name: string) => (FILTER_ORDER.includes(name) ? FILTER_ORDER.indexOf(name) : FILTER_ORDER.length);
  return Object.keys(all)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'pl'))
    .map((name) => ({
      name,
      values: Object.entries(all[name]!).sort((a, b) => (name === 'Rok' ? b[0].localeCompare(a[0]) : a[0].localeCompare(b[0], 'pl'))),
    }));
}

