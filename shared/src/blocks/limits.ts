import { MARKDOWN_MAX_NESTING } from '../markdown-limits.js';
import { isSafeUrl } from '../urls.js';
import { blocksContent, type BlocksContent } from './schema.js';

// What the site refuses in a Blocks body, found before anything recursive looks at it: the
// value arrives over REST from anyone with a token, and 100,000 lists inside one another would
// overflow the stack of a recursive validator (zod's too) or of JSON.stringify. So the first
// pass walks the value with an explicit stack and stops at a depth cap or past the size limit;
// only a value that passed it is checked node by node and then parsed by the zod schema.

/** Most lists inside one another (indent levels the editor's Tab makes, plus the outer list). */
export const BLOCKS_MAX_LIST_NESTING = MARKDOWN_MAX_NESTING;
/** Most arrays and objects inside one another anywhere in the value (8 lists need about 20). */
export const BLOCKS_MAX_DEPTH = 64;
/** Largest body, in characters of its JSON: above anything Strapi's 1 MB request limit lets through. */
export const BLOCKS_MAX_JSON_LENGTH = 1_048_576;
/** Problems reported at most: enough to fix a body, cheap on a hostile one. */
const MAX_PROBLEMS = 20;

export type BlocksProblemCode =
  | 'not-blocks'
  | 'too-large'
  | 'too-deep'
  | 'unknown-type'
  | 'invalid-node'
  | 'unsafe-link'
  | 'image-without-alt'
  | 'image-incomplete';

export interface BlocksProblem {
  code: BlocksProblemCode;
  /** Polish, for the editor: what is wrong, where, and how to fix it. */
  message: string;
  /** Where in the value (as zod paths are): [3, 'children', 0] is the first child of the 4th block. */
  path: (string | number)[];
}

const BLOCK_NAMES: Record<string, string> = {
  paragraph: 'akapit',
  heading: 'nagłówek',
  list: 'lista',
  quote: 'cytat',
  code: 'kod',
  image: 'zdjęcie',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shorten = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);
const quoted = (v: unknown) => `„${shorten(typeof v === 'string' ? v : JSON.stringify(v) ?? String(v))}”`;

// Characters JSON.stringify escapes (quote, backslash, controls, surrogates it may write as \uXXXX).
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const ESCAPED_IN_JSON = /["\\\u0000-\u001f\ud800-\udfff]/;
/** The length of a string's JSON: its length and the quotes, unless something in it is escaped. */
const stringJsonLength = (s: string) => (ESCAPED_IN_JSON.test(s) ? JSON.stringify(s).length : s.length + 2);

const scalarLength = (v: unknown): number => {
  if (typeof v === 'string') return stringJsonLength(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v).length : 4;
  if (typeof v === 'boolean') return v ? 4 : 5;
  return 4; // null
};

/**
 * The length of the value's JSON and its deepest nesting, measured without recursion; stops as
 * soon as either limit is passed (the numbers are then lower bounds).
 */
export function measureBlocks(value: unknown): { jsonLength: number; depth: number } {
  let jsonLength = 0;
  let depth = 0;
  const stack: { v: unknown; d: number }[] = [{ v: value, d: 1 }];
  while (stack.length > 0) {
    const { v, d } = stack.pop()!;
    if (typeof v !== 'object' || v === null) {
      jsonLength += scalarLength(v);
    } else {
      depth = Math.max(depth, d);
      if (d > BLOCKS_MAX_DEPTH) break;
      if (Array.isArray(v)) {
        jsonLength += 2 + Math.max(0, v.length - 1);
        for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], d: d + 1 });
      } else {
        const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
        jsonLength += 2 + Math.max(0, keys.length - 1);
        for (const k of keys) {
          jsonLength += stringJsonLength(k) + 1;
          stack.push({ v: (v as Record<string, unknown>)[k], d: d + 1 });
        }
      }
    }
    if (jsonLength > BLOCKS_MAX_JSON_LENGTH) break;
  }
  return { jsonLength, depth };
}

/** A link target the site renders: http(s), mailto:, tel: or an anchor on the page (#program). */
export function isAllowedBlocksLink(url: string): boolean {
  const t = url.trim();
  if (t.startsWith('#')) return t.length > 1 && !/\s/.test(t);
  if (/^tel:\+?[0-9][0-9 ()-]{2,}$/i.test(t)) return true;
  return isSafeUrl(t, 'email-link');
}

/** The text an inline node shows (for messages). */
const inlineText = (children: unknown): string =>
  Array.isArray(children)
    ? children.map((c) => (isRecord(c) && typeof c.text === 'string' ? c.text : isRecord(c) ? inlineText(c.children) : '')).join('')
    : '';

/** What the site would refuse in a Blocks value (in Polish, naming the block), in the order found. */
export function blocksProblems(value: unknown): BlocksProblem[] {
  return inspectBlocks(value).problems;
}

/** The problems of a Blocks value and, when it has none, the value as the schema parsed it. */
function inspectBlocks(value: unknown): { problems: BlocksProblem[]; content?: BlocksContent } {
  if (value === null || value === undefined) return { problems: [] };
  const problems = blocksProblemsBeforeSchema(value);
  if (problems.length > 0) return { problems };
  // Whatever else does not have the shape the site reads (a heading of level 7, a text that is a number …).
  const parsed = blocksContent.safeParse(value);
  if (parsed.success) return { problems, content: parsed.data };
  const seen = new Set<number | string>();
  for (const issue of parsed.error.issues) {
    if (problems.length >= MAX_PROBLEMS) break;
    const top = issue.path[0];
    if (seen.has(String(top))) continue;
    seen.add(String(top));
    const n = typeof top === 'number' ? top + 1 : undefined;
    const block = typeof top === 'number' ? ((value as unknown[])[top] as Record<string, unknown>) : undefined;
    const name = block && typeof block.type === 'string' ? BLOCK_NAMES[block.type] : undefined;
    problems.push({
      code: 'invalid-node',
      path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
      message: n
        ? `Blok nr ${n} w treści${name ? ` (${name})` : ''} ma nieprawidłowy format — usuń go i wpisz jego treść ponownie`
        : 'treść ma nieprawidłowy format — wpisz ją ponownie',
    });
  }
  return { problems };
}

/** The problems found before the schema looks: not blocks, too large or deep, node by node. */
function blocksProblemsBeforeSchema(value: unknown): BlocksProblem[] {
  if (!Array.isArray(value)) {
    return [{ code: 'not-blocks', path: [], message: 'treść ma nieprawidłowy format (oczekiwano bloków edytora treści) — wpisz ją ponownie' }];
  }
  const size = measureBlocks(value);
  if (size.depth > BLOCKS_MAX_DEPTH) {
    return [{ code: 'too-deep', path: [], message: `treść jest zagnieżdżona zbyt głęboko (ponad ${BLOCKS_MAX_DEPTH} poziomów) — wpisz ją ponownie` }];
  }
  if (size.jsonLength > BLOCKS_MAX_JSON_LENGTH) {
    return [
      {
        code: 'too-large',
        path: [],
        message: `treść jest za długa (ponad ${BLOCKS_MAX_JSON_LENGTH.toLocaleString('pl-PL')} znaków po zapisaniu) — skróć ją albo podziel na kilka relacji`,
      },
    ];
  }

  const problems: BlocksProblem[] = [];
  const add = (p: BlocksProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  let imageNo = 0;

  // The depth is bounded by BLOCKS_MAX_DEPTH here: recursion is safe.
  const checkInline = (children: unknown, path: (string | number)[], where: string, textOnly: boolean) => {
    if (!Array.isArray(children)) return; // the schema reports it
    children.forEach((child, i) => {
      const at = [...path, i];
      if (!isRecord(child)) return;
      if (child.type === 'text') return;
      if (child.type === 'link' && !textOnly) {
        const url = typeof child.url === 'string' ? child.url : '';
        if (!isAllowedBlocksLink(url)) {
          add({
            code: 'unsafe-link',
            path: [...at, 'url'],
            message:
              `Odnośnik ${quoted(inlineText(child.children) || url)} w ${where} prowadzi pod adres ${quoted(url)}, ` +
              'którego strona nie pokaże — wpisz pełny adres zaczynający się od https:// (albo mailto: dla adresu e-mail)',
          });
        }
        checkInline(child.children, [...at, 'children'], where, true);
        return;
      }
      add({
        code: 'unknown-type',
        path: at,
        message: `W ${where} jest element nieznanego rodzaju ${quoted(child.type)} — usuń go i wpisz ten tekst ponownie`,
      });
    });
  };

  const checkList = (list: Record<string, unknown>, path: (string | number)[], where: string, level: number) => {
    if (level > BLOCKS_MAX_LIST_NESTING) {
      add({
        code: 'too-deep',
        path,
        message: `Lista w ${where} jest zagnieżdżona zbyt głęboko (najwyżej ${BLOCKS_MAX_LIST_NESTING} poziomów wcięć) — zmniejsz wcięcia klawiszami Shift+Tab`,
      });
      return;
    }
    if (!Array.isArray(list.children)) return;
    list.children.forEach((item, i) => {
      const at = [...path, 'children', i];
      if (!isRecord(item)) return;
      if (item.type === 'list') checkList(item, at, where, level + 1);
      else if (item.type === 'list-item') checkInline(item.children, [...at, 'children'], where, false);
      else {
        add({
          code: 'unknown-type',
          path: at,
          message: `W ${where} jest element nieznanego rodzaju ${quoted(item.type)} — usuń go i wpisz ten punkt ponownie`,
        });
      }
    });
  };

  value.forEach((block, i) => {
    const path = [i];
    const type = isRecord(block) ? block.type : undefined;
    const name = typeof type === 'string' && Object.hasOwn(BLOCK_NAMES, type) ? BLOCK_NAMES[type]! : undefined;
    const where = name ? `bloku nr ${i + 1} (${name})` : `bloku nr ${i + 1}`;
    if (!isRecord(block) || !name) {
      add({
        code: 'unknown-type',
        path,
        message: `Blok nr ${i + 1} w treści jest nieznanego rodzaju ${quoted(type ?? block)} — usuń go i wpisz jego treść ponownie`,
      });
      return;
    }
    if (type === 'list') checkList(block, path, where, 1);
    else if (type === 'code') checkInline(block.children, [i, 'children'], where, true);
    else if (type === 'image') {
      imageNo++;
      const image = isRecord(block.image) ? block.image : {};
      const alt = image.alternativeText;
      if (typeof alt !== 'string' || alt.trim() === '') {
        add({
          code: 'image-without-alt',
          path: [i, 'image', 'alternativeText'],
          message:
            `Zdjęcie nr ${imageNo} w treści (blok nr ${i + 1}) nie ma tekstu alternatywnego — ` +
            'uzupełnij go w Bibliotece mediów i zapisz ponownie',
        });
      }
      const positive = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n > 0;
      // A file of the Media Library: /uploads/… or an http(s) address (an upload provider's).
      const fileUrl = typeof image.url === 'string' && (/^\/(?![/\\])\S+$/.test(image.url) || isSafeUrl(image.url));
      if (!fileUrl || !positive(image.width) || !positive(image.height)) {
        add({
          code: 'image-incomplete',
          path: [i, 'image'],
          message:
            `Zdjęcie nr ${imageNo} w treści (blok nr ${i + 1}) nie ma adresu pliku albo wymiarów — ` +
            'usuń je i wstaw ponownie z Biblioteki mediów',
        });
      }
      checkInline(block.children, [i, 'children'], where, false);
    } else checkInline(block.children, [i, 'children'], where, false);
  });
  return problems;
}

/** The value as BlocksContent when the site can render it, else the problems. */
export function parseBlocks(
  value: unknown,
): { ok: true; value: BlocksContent | null } | { ok: false; problems: BlocksProblem[] } {
  if (value === null || value === undefined) return { ok: true, value: null };
  // A value this function gave out is checked already: the contract parses a body, and the
  // site's renderer is handed the result (a full sync at 10,000 events checked each body twice).
  if (typeof value === 'object' && parsedBlocks.has(value)) return { ok: true, value: value as BlocksContent };
  const { problems, content } = inspectBlocks(value);
  if (!content) return { ok: false, problems };
  parsedBlocks.add(content);
  return { ok: true, value: content };
}

/** The values parseBlocks returned (the schema's own copies, which nothing changes afterwards). */
const parsedBlocks = new WeakSet<object>();
