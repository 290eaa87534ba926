import type { ImportWarning } from '@cus/shared/import';

// Warnings of one body: each said once (the same dropped iframe on every paragraph would bury
// the rest), at most MAX of them, each within the contract's 500 characters.

const MAX_WARNINGS = 50;
const MAX_MESSAGE = 500;

export class Warnings {
  readonly #list: ImportWarning[] = [];
  readonly #seen = new Set<string>();

  add(code: ImportWarning['code'], message: string): void {
    const text = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
    const key = `${code}\n${text}`;
    if (this.#seen.has(key) || this.#list.length >= MAX_WARNINGS) return;
    this.#seen.add(key);
    this.#list.push({ code, message: text });
  }

  get list(): ImportWarning[] {
    return [...this.#list];
  }
}

/** A piece of source text quoted in a message: short, on one line. */
export function quote(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return `„${oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine}”`;
}
