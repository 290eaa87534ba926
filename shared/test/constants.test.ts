import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as c from '../src/constants.js';

// The CMS schemas and these enumerations must list the same values: the site's labels
// and the contract depend on it.
const cms = path.resolve(import.meta.dirname, '../../cms/src');
const attr = (file: string, name: string): string[] =>
  JSON.parse(fs.readFileSync(path.join(cms, file), 'utf8')).attributes[name].enum;

describe('enumerations match the CMS schemas', () => {
  it.each([
    ['api/event/content-types/event/schema.json', 'type', c.EVENT_TYPES],
    ['api/event/content-types/event/schema.json', 'format', c.EVENT_FORMATS],
    ['api/institution/content-types/institution/schema.json', 'kind', c.INSTITUTION_KINDS],
    ['api/institution/content-types/institution/schema.json', 'voivodeship', c.VOIVODESHIPS],
    ['components/event/venue.json', 'voivodeship', c.VOIVODESHIPS],
    ['components/event/appearance.json', 'role', c.APPEARANCE_ROLES],
    ['components/settings/accessibility-statement.json', 'status', c.ACCESSIBILITY_STATUSES],
    ['components/settings/accessibility-statement.json', 'assessmentMethod', c.ASSESSMENT_METHODS],
  ])('%s %s', (file, name, values) => {
    expect(attr(file, name)).toEqual([...values]);
  });

  it('has a Polish label for every value', () => {
    expect(Object.keys(c.EVENT_TYPE_LABELS)).toEqual([...c.EVENT_TYPES]);
    expect(Object.keys(c.VOIVODESHIP_LABELS)).toEqual([...c.VOIVODESHIPS]);
    expect(Object.keys(c.APPEARANCE_ROLE_LABELS)).toEqual([...c.APPEARANCE_ROLES]);
    expect(Object.keys(c.INSTITUTION_KIND_LABELS)).toEqual([...c.INSTITUTION_KINDS]);
    expect(c.VOIVODESHIP_LABELS.swietokrzyskie).toBe('świętokrzyskie');
    expect(c.voivodeshipSlug('kujawsko_pomorskie')).toBe('kujawsko-pomorskie');
  });
});
