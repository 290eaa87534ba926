// Polish counted nouns for the messages an administrator reads ("1 zdjęcie", "3 zdjęcia", "5 zdjęć").

/** The form for n: [one, few (2–4, not 12–14), many]. */
export function plural(n: number, forms: readonly [string, string, string]): string {
  const [one, few, many] = forms;
  if (n === 1) return one;
  const lastTwo = n % 100;
  const last = n % 10;
  if (last >= 2 && last <= 4 && !(lastTwo >= 12 && lastTwo <= 14)) return few;
  return many;
}

export const count = (n: number, forms: readonly [string, string, string]) => `${n} ${plural(n, forms)}`;

export const PHOTOS = ['zdjęcie', 'zdjęcia', 'zdjęć'] as const;
export const SUGGESTIONS = ['propozycja', 'propozycje', 'propozycji'] as const;
export const WARNINGS = ['ostrzeżenie', 'ostrzeżenia', 'ostrzeżeń'] as const;
export const ITEMS = ['wpis', 'wpisy', 'wpisów'] as const;
