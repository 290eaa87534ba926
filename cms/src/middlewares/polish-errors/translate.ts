import { fieldLabel } from '../../bootstrap/field-labels';

// Strapi's own error messages that reach editors, in Polish, naming the field as the form does.
// Strapi builds them in English in places an app cannot configure (yup's default messages in the
// entity validator, @strapi/utils' value parsers, koa2-ratelimit's handler in @strapi/admin), so
// they are translated once, on the way out (../polish-errors.ts). Messages already in Polish (the
// project's own rules) and messages not in this list pass unchanged.

/** Schemas as far as labels need them: a content type's or component's attributes. */
export interface SchemaLookup {
  attributes(uid: string): Record<string, { type?: string; component?: string }> | undefined;
}

const q = (s: string) => `„${s}”`;

/** „Terminy”, wpis nr 1, pole „Opis terminu” for ['dates', '0', 'label'] of an event; Pole „Tytuł” for ['title']. */
export function describePath(uid: string | undefined, path: readonly string[], schemas: SchemaLookup): string {
  if (!uid || path.length === 0) return 'Jedno z pól';
  const parts: string[] = [];
  let owner = uid;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (/^\d+$/.test(key)) {
      parts[parts.length - 1] += `, wpis nr ${Number(key) + 1}`;
      continue;
    }
    const last = i === path.length - 1 || path.slice(i + 1).every((k) => /^\d+$/.test(k));
    parts.push(last && parts.length > 0 ? `pole ${q(fieldLabel(owner, key))}` : q(fieldLabel(owner, key)));
    const attribute = schemas.attributes(owner)?.[key];
    if (attribute?.type === 'component' && attribute.component) owner = attribute.component;
  }
  return parts.length === 1 ? `Pole ${parts[0]}` : parts.join(', ');
}

type Rule = [RegExp, (where: string, m: RegExpExecArray, value: unknown) => string];

// yup's default messages (as @strapi/utils sets them) and Strapi's own, by their English text.
const RULES: Rule[] = [
  [/ must be at most (\d+) characters$/, (w, m, v) => `${w} może mieć najwyżej ${m[1]} znaków${typeof v === 'string' ? ` (jest ${[...v].length})` : ''}.`],
  [/ must be at least (\d+) characters$/, (w, m) => `${w} musi mieć co najmniej ${m[1]} znaków.`],
  [/ must be exactly (\d+) characters$/, (w, m) => `${w} musi mieć dokładnie ${m[1]} znaków.`],
  [/ must be less than or equal to (-?[\d.]+)$/, (w, m) => `${w} może mieć wartość najwyżej ${m[1]}.`],
  [/ must be greater than or equal to (-?[\d.]+)$/, (w, m) => `${w} musi mieć wartość co najmniej ${m[1]}.`],
  [/ must be an integer$/, (w) => `${w} musi być liczbą całkowitą.`],
  [/ must be a `number` type/, (w) => `${w} musi być liczbą.`],
  [/ must be a `(\w+)` type/, (w) => `${w} ma wartość niewłaściwego rodzaju.`],
  [/ is a required field$|^This field is required/, (w) => `${w} jest wymagane.`],
  [/ must be a valid email$/, (w) => `${w} musi być poprawnym adresem e-mail, np. kontakt@example.org.`],
  [/ must be a valid URL$/, (w) => `${w} musi być pełnym adresem strony, zaczynającym się od https://.`],
  [/ must match the following/, (w) => `${w} ma nieprawidłowy format.`],
  [/ must be one of the following values/, (w) => `${w} ma wartość spoza listy.`],
  [/ field must have at least (\d+) items?$/, (w, m) => `${w}: dodaj co najmniej ${m[1]} wpis(y).`],
  [/ field must have less than or equal to (\d+) items?$/, (w, m) => `${w}: najwyżej ${m[1]} wpis(y).`],
  [/^This attribute must be unique$/, (w) => `${w}: taka wartość już istnieje, wpisz inną.`],
  [/^Invalid time format/, (w) => `${w}: nieprawidłowa godzina. Wpisz ją jako godzina:minuty, np. 9:30.`],
  [/^Invalid format, expected an ISO compatible date/, (w) => `${w}: nieprawidłowa data. Wpisz ją jako dzień.miesiąc.rok, np. 14.03.2026.`],
  [/^Invalid format, expected a timestamp or an ISO date/, (w) => `${w}: nieprawidłowa data i godzina.`],
];

/** The rate limit of the admin's login and password pages (429). */
export const TOO_MANY_REQUESTS = 'Zbyt wiele prób w krótkim czasie. Odczekaj 5 minut i spróbuj ponownie.';

/** strapi::body refuses a request body over its JSON limit (1 MB by default) before any validation (413). */
export const TOO_LARGE = 'Wpis jest zbyt duży, by go zapisać (najwyżej 1 MB tekstu). Skróć treść albo podziel relację na dwie.';

/** A Polish message for one of Strapi's English ones, or undefined when it is not one we know. */
export function translateMessage(message: string, where: string, value?: unknown): string | undefined {
  if (/^Too many requests/i.test(message)) return TOO_MANY_REQUESTS;
  if (/^request entity too large/i.test(message)) return TOO_LARGE;
  for (const [re, polish] of RULES) {
    const m = re.exec(message);
    if (m) return polish(where, m, value);
  }
  return undefined;
}

interface DetailError {
  path?: unknown;
  message?: unknown;
  value?: unknown;
  [key: string]: unknown;
}
export interface ErrorBody {
  status?: number;
  name?: string;
  message?: unknown;
  details?: { errors?: DetailError[] } & Record<string, unknown>;
}

/**
 * The error of a response body, translated in place where it is one of Strapi's English messages.
 * Paths stay as they are: the admin highlights the field from them.
 */
export function translateError(error: ErrorBody, uid: string | undefined, schemas: SchemaLookup): void {
  const details = Array.isArray(error.details?.errors) ? error.details!.errors! : [];
  let changed = false;
  for (const detail of details) {
    if (typeof detail.message !== 'string') continue;
    const path = Array.isArray(detail.path) ? detail.path.map(String) : [];
    const polish = translateMessage(detail.message, describePath(uid, path, schemas), detail.value);
    if (polish) {
      detail.message = polish;
      changed = true;
    }
  }
  if (changed) {
    error.message = details.map((d) => d.message).join(' ');
  } else if (typeof error.message === 'string') {
    error.message = translateMessage(error.message, 'Jedno z pól') ?? error.message;
  }
}
