// URL slugs from Polish titles and names: "Żółta Łódź" → "zolta-lodz"; Ukrainian and Russian
// titles are transliterated too ("Конференція у Львові" → "konferentsiia-u-lvovi").

// Letters NFKD does not decompose into a base letter and a combining mark.
const SPECIAL: Record<string, string> = { ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', ø: 'o', Ø: 'o', ß: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe' };

// Ukrainian: the national transliteration of 2010 (Cabinet of Ministers resolution no. 55).
// Є, Ї, Й, Ю, Я are written ye, yi, y, yu, ya at the start of a word and ie, i, i, iu, ia
// elsewhere; "зг" is "zgh" so that it is not read as "ж"; the soft sign and apostrophe vanish.
const UKRAINIAN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia',
};
const UKRAINIAN_INITIAL: Record<string, string> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

// Russian: the transliteration of Russian passports (ICAO Doc 9303, in use since 2013):
// ё → e, ы → y, э → e, ъ → ie, ь vanishes.
const RUSSIAN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
};

const CYRILLIC = /[\u0400-\u04ff]/;
// Letters only one of the two languages has; a text with neither is read as Ukrainian.
const ONLY_RUSSIAN = /[ёыэъЁЫЭЪ]/;
const APOSTROPHES = /[''ʼ`]/g;

function transliterateCyrillic(text: string): string {
  const russian = ONLY_RUSSIAN.test(text) && !/[іїєґІЇЄҐ]/.test(text);
  const chars = [...text.replace(APOSTROPHES, (ch, i: number) => (CYRILLIC.test(text[i - 1] ?? '') ? '' : ch))];
  let out = '';
  chars.forEach((ch, i) => {
    const lower = ch.toLowerCase();
    if (!CYRILLIC.test(lower)) {
      out += ch;
      return;
    }
    if (russian) {
      out += RUSSIAN[lower] ?? '';
      return;
    }
    const previous = (chars[i - 1] ?? '').toLowerCase();
    const wordStart = !/[\p{L}\p{M}]/u.test(previous);
    if (wordStart && UKRAINIAN_INITIAL[lower]) out += UKRAINIAN_INITIAL[lower];
    else if (lower === 'г' && previous === 'з') out += 'gh';
    else out += UKRAINIAN[lower] ?? '';
  });
  return out;
}

export const SLUG_MAX_LENGTH = 80;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug the site can use (what the contract's `slug` accepts): non-empty, a-z, 0-9 and single dashes. */
export function isValidSlug(value: unknown): value is string {
  return typeof value === 'string' && SLUG_PATTERN.test(value);
}

export function slugify(text: string): string {
  const latin = CYRILLIC.test(text) ? transliterateCyrillic(text) : text;
  const ascii = latin
    .replace(/[łŁđĐøØßæÆœŒ]/g, (ch) => SPECIAL[ch] ?? ch)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length <= SLUG_MAX_LENGTH) return slug;
  // Too long: cut at the last word boundary that fits.
  const cut = slug.slice(0, SLUG_MAX_LENGTH + 1);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > 0 ? cut.slice(0, lastDash) : slug.slice(0, SLUG_MAX_LENGTH)).replace(/-+$/, '');
}

/** The first of base, base-2, base-3 … that `taken` says is free. */
export async function uniqueSlug(base: string, taken: (candidate: string) => boolean | Promise<boolean>): Promise<string> {
  if (!(await taken(base))) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!(await taken(candidate))) return candidate;
  }
}
