import { ImportError } from './http';

// A request body checked against the contract's zod schema (@cus/shared/import), refused with
// a Polish message naming each field ("pole event.title: …"). zod's own messages are English
// and written for developers; the importer's administrator reads these.

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: unknown;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  values?: unknown[];
  keys?: string[];
}

interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: Issue[] } };
}

/** Most issues reported in one answer: a hostile body of a million errors stays short. */
const MAX_REPORTED = 10;

const fieldName = (path: PropertyKey[]) => (path.length === 0 ? 'treść żądania' : `pole ${path.map(String).join('.')}`);

function sizeWord(origin: string | undefined, n: number | bigint) {
  if (origin === 'string') return `${n} znaków`;
  if (origin === 'array') return `${n} elementów`;
  return String(n);
}

export function polishIssue(issue: Issue): string {
  const where = fieldName(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.includes('received undefined') ? `${where}: brak wymaganej wartości` : `${where}: nieprawidłowy typ wartości (oczekiwano: ${String(issue.expected)})`;
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) === 1
        ? `${where}: nie może być puste`
        : `${where}: za mała wartość (najmniej ${sizeWord(issue.origin, issue.minimum ?? 0)})`;
    case 'too_big':
      return `${where}: za duża wartość (najwyżej ${sizeWord(issue.origin, issue.maximum ?? 0)})`;
    case 'invalid_format':
      return `${where}: nieprawidłowy format${issue.format ? ` (${issue.format})` : ''}`;
    case 'invalid_value':
      return `${where}: niedozwolona wartość${issue.values ? ` (dozwolone: ${issue.values.map(String).join(', ')})` : ''}`;
    case 'invalid_union':
      return `${where}: nieprawidłowa wartość (żaden z dozwolonych wariantów)`;
    case 'unrecognized_keys':
      return `${where}: nieznane pola ${(issue.keys ?? []).join(', ')}`;
    default:
      return `${where}: nieprawidłowa wartość`;
  }
}

/** The parsed body, or a 400 naming the fields that are wrong. */
export function parseBody<T>(schema: Schema<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const messages = issues.slice(0, MAX_REPORTED).map(polishIssue);
  const more = issues.length > MAX_REPORTED ? ` (i ${issues.length - MAX_REPORTED} innych błędów)` : '';
  throw new ImportError(400, `Nieprawidłowe dane ${what}: ${messages.join('; ')}${more}.`, {
    errors: issues.slice(0, MAX_REPORTED).map((issue, i) => ({ path: issue.path.map(String), message: messages[i], name: 'ValidationError' })),
  });
}
