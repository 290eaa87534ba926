import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ContractError, eventSchema, gallerySchema, institutionSchema, listResponse, parseEntry, safeParseEntry, siteSettingSchema,
  singleResponse, speakerSchema, validateEntries,
} from '../src/index.js';

// Fixtures are real responses of the Strapi app in cms/, seeded with the five reports
// (captured with the populate parameters the site uses).
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8'));
const list = (name: string) => listResponse.parse(fixture(name)).data;
const clone = <T>(v: T): T => structuredClone(v);

describe('the contract accepts real Strapi 5 output', () => {
  it('events with dates, venue, institutions, appearances and the gallery', () => {
    const [event] = validateEntries('event', eventSchema, list('events.json'));
    expect(event!.format).toBe('hybrydowe');
    expect(event!.dates[0]!.start).toBe('2022-11-21');
    expect(event!.appearances!.find((a) => a.talkTitle?.startsWith('Model'))?.speaker?.name).toBe('Anna Ostasz');
    expect(event!.gallery!.photos!.every((p) => p.image?.formats && p.alt)).toBe(true);
  });

  it('speakers, institutions, galleries and the site settings', () => {
    expect(validateEntries('speaker', speakerSchema, list('speakers.json'))[0]!.honorific).toBe('dr hab.');
    const [rops] = validateEntries('institution', institutionSchema, list('institutions.json'));
    expect(rops!.organizedEvents!.length).toBe(1);
    expect(rops!.partneredEvents!.length).toBe(1);
    expect(validateEntries('gallery', gallerySchema, list('galleries.json'))).toHaveLength(1);
    const settings = parseEntry(siteSettingSchema, 'site-setting', singleResponse.parse(fixture('site-setting.json')).data);
    expect(settings.accessibility?.status).toBe('czesciowo_zgodna');
  });
});

describe('the contract rejects broken entries, naming entry and field', () => {
  const good = () => clone(list('events.json')[0]) as Record<string, any>;

  it('a missing title', () => {
    const e = good();
    e.title = '';
    expect(() => parseEntry(eventSchema, 'event', e)).toThrow(
      `event "${e.slug}" (documentId ${e.documentId}): field title: is empty`,
    );
  });

  it('a bad slug, named by documentId', () => {
    const e = good();
    e.slug = 'Zła Ścieżka';
    const r = safeParseEntry(eventSchema, 'event', e);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(ContractError);
      expect(r.error.message).toContain(`(documentId ${e.documentId})`);
      expect(r.error.issues).toEqual([{ path: 'slug', message: 'is not a slug (a-z, 0-9 and single dashes)' }]);
    }
  });

  it('a date range that ends before it starts, and an unknown type', () => {
    const e = good();
    e.dates[0].end = '2022-11-20';
    e.type = 'festyn';
    const err = (() => {
      try {
        parseEntry(eventSchema, 'event', e);
      } catch (x) {
        return x as ContractError;
      }
      throw new Error('expected a ContractError');
    })();
    expect(err.issues.map((i) => i.path).sort()).toEqual(['dates[0].end', 'type']);
    expect(err.message).toContain('field dates[0].end: ends before it starts');
  });

  it('a list with two bad entries reports both, by position when they have no slug', () => {
    const a = good();
    const b = good();
    delete a.slug;
    delete a.documentId;
    b.dates = [];
    expect(() => validateEntries('event', eventSchema, [a, b])).toThrow(/^event #1: field documentId: is missing\n {2}field slug: is missing\nevent "[a-z-]+" \(documentId \w+\): field dates: has no date$/);
  });
});
