import type { Core } from '@strapi/strapi';
import { strapiSchemas } from '../polish-errors/schemas';
import { errors } from '@strapi/utils';
import { describePath, type SchemaLookup } from '../polish-errors/translate';

// Dates and times written through any path (admin, REST, code) are checked before they reach the
// database, where Strapi's parser refuses a wrong one with "Invalid time format, expected
// HH:mm:ss.SSS" and no field: here the refusal is in Polish, names the field and carries its path,
// so the admin highlights it. What is accepted is exactly what Strapi's parser accepts.

const TIME = /^(2[0-3]|[01][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]{1,3})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

interface Problem {
  path: string[];
  message: string;
}

type Attributes = Record<string, { type?: string; component?: string; repeatable?: boolean }>;

function check(uid: string, owner: string, data: unknown, at: string[], schemas: SchemaLookup, out: Problem[]) {
  if (!data || typeof data !== 'object') return;
  const attributes = (schemas.attributes(owner) ?? {}) as Attributes;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const attribute = attributes[key];
    if (!attribute || value === null || value === undefined) continue;
    const path = [...at, key];
    if (attribute.type === 'time' && !(value instanceof Date) && !(typeof value === 'string' && TIME.test(value))) {
      out.push({ path, message: `${describePath(uid, path, schemas)}: „${String(value)}” nie jest godziną. Wpisz ją jako godzina:minuty, np. 9:30.` });
    } else if (attribute.type === 'date' && !(value instanceof Date) && !(typeof value === 'string' && isDate(value))) {
      out.push({ path, message: `${describePath(uid, path, schemas)}: „${String(value)}” nie jest datą. Wpisz ją jako dzień.miesiąc.rok, np. 14.03.2026.` });
    } else if (attribute.type === 'component' && attribute.component) {
      if (Array.isArray(value)) value.forEach((item, i) => check(uid, attribute.component!, item, [...path, String(i)], schemas, out));
      else check(uid, attribute.component, value, path, schemas, out);
    }
  }
}

export function registerDateTimeValuesMiddleware(strapi: Core.Strapi) {
  const schemas = strapiSchemas(strapi);
  strapi.documents.use(async (context, next) => {
    if (context.action !== 'create' && context.action !== 'update') return next();
    const uid = context.uid as string;
    if (!uid.startsWith('api::')) return next();
    const problems: Problem[] = [];
    check(uid, uid, (context.params as { data?: unknown }).data, [], schemas, problems);
    if (problems.length > 0) {
      throw new errors.ValidationError(problems.map((p) => p.message).join(' '), {
        errors: problems.map((p) => ({ path: p.path, message: p.message, name: 'ValidationError' })),
      });
    }
    return next();
  });
}
