import type { z } from 'zod';

// Turning zod's issues into one message an editor or a build log can act on: which type,
// which entry (slug, else documentId, else position) and which field.

export class ContractError extends Error {
  readonly typeName: string;
  readonly entry: string;
  readonly issues: { path: string; message: string }[];
  constructor(typeName: string, entry: string, issues: { path: string; message: string }[]) {
    super(`${typeName} ${entry}: ${issues.map((i) => `field ${i.path}: ${i.message}`).join('\n  ')}`);
    this.name = 'ContractError';
    this.typeName = typeName;
    this.entry = entry;
    this.issues = issues;
  }
}

/** "dates[0].start" from ['dates', 0, 'start']. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(entry)';
}

/** How to name an entry in a message: its slug, its documentId, or its position. */
export function describeEntry(raw: unknown, index?: number): string {
  const r = (raw ?? {}) as { slug?: unknown; documentId?: unknown };
  const parts: string[] = [];
  if (typeof r.slug === 'string' && r.slug) parts.push(`"${r.slug}"`);
  if (typeof r.documentId === 'string' && r.documentId) parts.push(`(documentId ${r.documentId})`);
  if (parts.length === 0) parts.push(index === undefined ? '(unnamed entry)' : `#${index + 1}`);
  return parts.join(' ');
}

export type SafeResult<T> = { ok: true; data: T } | { ok: false; error: ContractError };

export function safeParseEntry<S extends z.ZodType>(schema: S, typeName: string, raw: unknown, index?: number): SafeResult<z.infer<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const issues = result.error.issues.map((i) => ({
    path: formatPath(i.path),
    message: i.code === 'invalid_type' && /received undefined$/.test(i.message) ? 'is missing' : i.message,
  }));
  return { ok: false, error: new ContractError(typeName, describeEntry(raw, index), issues) };
}

/** Validates one entry; throws a ContractError naming the entry and every bad field. */
export function parseEntry<S extends z.ZodType>(schema: S, typeName: string, raw: unknown, index?: number): z.infer<S> {
  const result = safeParseEntry(schema, typeName, raw, index);
  if (!result.ok) throw result.error;
  return result.data;
}

/** Validates a list; throws one error listing every entry that failed. */
export function validateEntries<S extends z.ZodType>(typeName: string, schema: S, raws: readonly unknown[]): z.infer<S>[] {
  const out: z.infer<S>[] = [];
  const errors: ContractError[] = [];
  raws.forEach((raw, i) => {
    const r = safeParseEntry(schema, typeName, raw, i);
    if (r.ok) out.push(r.data);
    else errors.push(r.error);
  });
  if (errors.length > 0) throw joinContractErrors(typeName, errors);
  return out;
}

/** One error for the entries of a list that failed (the error itself when only one did). */
export function joinContractErrors(typeName: string, errors: readonly ContractError[]): ContractError {
  if (errors.length === 1) return errors[0]!;
  const err = new ContractError(typeName, `${errors.length} entries`, errors.flatMap((e) => e.issues.map((i) => ({ path: `${e.entry} ${i.path}`, message: i.message }))));
  err.message = errors.map((e) => e.message).join('\n');
  return err;
}
