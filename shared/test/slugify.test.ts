import { describe, expect, it } from 'vitest';
import { isValidSlug, slugify, uniqueSlug, SLUG_MAX_LENGTH, SLUG_PATTERN } from '../src/slugify.js';

describe('slugify', () => {
  it.each([
    ['ą', 'a'], ['ć', 'c'], ['ę', 'e'], ['ł', 'l'], ['ń', 'n'], ['ó', 'o'], ['ś', 's'], ['ź', 'z'], ['ż', 'z'],
    ['Ą', 'a'], ['Ć', 'c'], ['Ę', 'e'], ['Ł', 'l'], ['Ń', 'n'], ['Ó', 'o'], ['Ś', 's'], ['Ź', 'z'], ['Ż', 'z'],
  ])('transliterates %s to %s', (letter, ascii) => {
    expect(slugify(`x${letter}x`)).toBe(`x${ascii}x`);
  });

  it('turns Polish titles and names into slugs', () => {
    expect(slugify('Konferencja podsumowująca dwa lata CUS')).toBe('konferencja-podsumowujaca-dwa-lata-cus');
    expect(slugify('Żółć Łódź')).toBe('zolc-lodz');
    expect(slugify('ZAŻÓŁĆ GĘŚLĄ JAŹŃ')).toBe('zazolc-gesla-jazn');
    expect(slugify('Jerzy Jęczmienionka')).toBe('jerzy-jeczmienionka');
    expect(slugify('Sylwia Korycka-Żymuła')).toBe('sylwia-korycka-zymula');
  });

  it('drops punctuation, Polish quotes and dashes, and collapses separators', () => {
    expect(slugify('„Liderzy kooperacji” – Działanie 2.5!')).toBe('liderzy-kooperacji-dzialanie-2-5');
    expect(slugify('  --II  Kongres CUS--  ')).toBe('ii-kongres-cus');
    expect(slugify('Senior+ / Klub')).toBe('senior-klub');
    expect(slugify('?!')).toBe('');
  });

  it('cuts long titles at a word boundary', () => {
    const slug = slugify('Regionalna konferencja promująca nowy model realizacji gminnych usług społecznych w ramach CUS');
    expect(slug).toBe('regionalna-konferencja-promujaca-nowy-model-realizacji-gminnych-uslug');
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(SLUG_PATTERN.test(slug)).toBe(true);
  });
});

describe('uniqueSlug', () => {
  it('returns the base when free and numbers collisions from 2', async () => {
    const taken = new Set<string>();
    const claim = async (title: string) => {
      const s = await uniqueSlug(slugify(title), (c) => taken.has(c));
      taken.add(s);
      return s;
    };
    expect(await claim('Wizyta studyjna')).toBe('wizyta-studyjna');
    expect(await claim('Wizyta studyjna')).toBe('wizyta-studyjna-2');
    expect(await claim('Wizyta  Studyjna!')).toBe('wizyta-studyjna-3');
    taken.delete('wizyta-studyjna-2');
    expect(await claim('Wizyta studyjna')).toBe('wizyta-studyjna-2');
  });
});

describe('slugify: Cyrillic titles', () => {
  it('transliterates Ukrainian with the national system of 2010', () => {
    expect(slugify('Конференція у Львові')).toBe('konferentsiia-u-lvovi');
    expect(slugify('Юрій Їжак, Єва')).toBe('yurii-yizhak-yeva');
    expect(slugify('Згорани')).toBe('zghorany');
    expect(slugify('Щастя')).toBe('shchastia');
    expect(slugify("Мар'яна")).toBe('mariana');
    expect(slugify('Ґанок')).toBe('ganok');
  });
  it('transliterates Russian (ы, э, ъ, ь, ё) as Russian passports do', () => {
    expect(slugify('Подъезд объём Щёлково')).toBe('podieezd-obieem-shchelkovo');
    expect(slugify('Электросталь')).toBe('elektrostal');
    expect(slugify('Мы')).toBe('my');
  });
  it('gives nothing for titles without letters or digits: the CMS then refuses them', () => {
    for (const t of ['\u200b', '🎉🎉', '..', '-', '~', '']) expect(slugify(t)).toBe('');
  });
});

describe('isValidSlug', () => {
  it('accepts only a-z, 0-9 and single dashes', () => {
    expect(isValidSlug('konferentsiia-u-lvovi')).toBe(true);
    for (const bad of ['', '..', '-', '~', 'a--b', '-a', 'A', 'ą', 'a/b', 7]) expect(isValidSlug(bad), String(bad)).toBe(false);
  });
});
