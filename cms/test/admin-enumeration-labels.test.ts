import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENUMERATION_LABELS_BY_FIELD, ENUMERATION_MESSAGES } from '../src/admin/enumeration-labels';

// Every value an editor can pick in the admin has a Polish label (the admin shows enumeration
// options through message ids equal to the stored code): a code added to a schema without a
// label in @cus/shared would show raw in the form, the filters and the list.

const SRC = path.resolve(import.meta.dirname, '..', 'src');

function enumerations(): { file: string; field: string; values: string[] }[] {
  const files = fs.readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json') && (f.includes('content-types') || f.startsWith('components')));
  return files.flatMap((file) => {
    const schema = JSON.parse(fs.readFileSync(path.join(SRC, file), 'utf8')) as { attributes?: Record<string, { type: string; enum?: string[] }> };
    return Object.entries(schema.attributes ?? {})
      .filter(([, a]) => a.type === 'enumeration')
      .map(([field, a]) => ({ file, field, values: a.enum ?? [] }));
  });
}

describe('labels of enumerations in the admin', () => {
  const found = enumerations();

  it('finds the enumerations of the content model', () => {
    expect(new Set(found.map((e) => e.field))).toEqual(new Set(['type', 'format', 'voivodeship', 'role', 'kind', 'status', 'assessmentMethod']));
  });

  it('gives every stored code a Polish label, in the form and filters and in the list, never the code itself', () => {
    for (const { file, field, values } of found) {
      const list = ENUMERATION_LABELS_BY_FIELD[field];
      expect(list, `${file}: ${field}`).toBeDefined();
      for (const code of values) {
        expect(list![code], `${file}: ${field} = ${code} (list)`).toBeTruthy();
        expect(ENUMERATION_MESSAGES[code], `${file}: ${field} = ${code} (form)`).toBeTruthy();
        if (code.includes('_')) expect(ENUMERATION_MESSAGES[code]).not.toBe(code);
      }
    }
  });

  it('names roles with their feminine form', () => {
    expect(ENUMERATION_MESSAGES.prowadzacy).toBe('Prowadzący / prowadząca');
    expect(ENUMERATION_LABELS_BY_FIELD.voivodeship!.kujawsko_pomorskie).toBe('kujawsko-pomorskie');
  });
});
