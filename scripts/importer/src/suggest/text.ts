import { createHash } from 'node:crypto';
import { slugify } from '@cus/shared';
import type { SuggestionEvidence } from '@cus/shared/import';

// Helpers every reader shares: the evidence of a match (excerpt as written, the sentence around
// it, its offset) and suggestion ids that stay the same from one run to the next.

const CONTEXT_MAX = 300;

/**
 * The sentence around text[start, end): back to the previous sentence end or line break, on to
 * the next. A period only ends a sentence when an upper-case letter, a digit or a quote follows,
 * so "2023 r. w Centrum" and "ok. 60" stay inside one sentence.
 */
export function sentenceBounds(text: string, start: number, end: number): { start: number; end: number } {
  let from = start;
  while (from > 0) {
    const ch = text[from - 1]!;
    if (ch === '\n') break;
    if (/\s/.test(ch) && from >= 2 && /[.!?…]/.test(text[from - 2]!) && /[\p{Lu}\d„"–-]/u.test(text[from] ?? '')) break;
    from--;
  }
  let to = end;
  while (to < text.length) {
    const ch = text[to]!;
    if (ch === '\n') break;
    if (/[.!?…]/.test(ch) && /\s/.test(text[to + 1] ?? ' ') && /[\p{Lu}\d„"–-]/u.test(text.slice(to + 1).trimStart()[0] ?? 'A')) {
      to++;
      break;
    }
    to++;
  }
  return { start: from, end: to };
}

/** The words as written, the sentence around them (trimmed to a window when long) and where they are. */
export function evidenceAt(text: string, start: number, end: number): SuggestionEvidence {
  const bounds = sentenceBounds(text, start, end);
  let from = bounds.start;
  let to = bounds.end;
  if (to - from > CONTEXT_MAX) {
    const room = Math.max(0, Math.floor((CONTEXT_MAX - (end - start)) / 2));
    from = Math.max(from, start - room);
    to = Math.min(to, end + room);
  }
  const context = `${from > bounds.start ? '…' : ''}${text.slice(from, to).trim()}${to < bounds.end ? '…' : ''}`;
  return { excerpt: text.slice(start, end).slice(0, 300), context, offset: start };
}

const ID_MAX = 80;

/** "<kind>:<value>" as ASCII; a value too long for the 80 characters keeps its start and a hash. */
export function suggestionId(kind: string, value: string, asSlug = true): string {
  const tail = asSlug ? slugify(value) || 'x' : value;
  const id = `${kind}:${tail}`;
  if (id.length <= ID_MAX) return id;
  const hash = createHash('sha1').update(value).digest('hex').slice(0, 10);
  return `${id.slice(0, ID_MAX - hash.length - 1)}~${hash}`;
}

/** Lower case and NFC: how both the text and the directory are compared. */
export const normalizeWord = (word: string): string => word.normalize('NFC').toLowerCase();

/** Where the title ends: the text is "title\n\nbody". */
export function titleEnd(text: string): number {
  const cut = text.indexOf('\n\n');
  return cut === -1 ? text.length : cut;
}
