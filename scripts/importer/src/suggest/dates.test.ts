import { describe, expect, it } from 'vitest';
import { findDates } from './dates.ts';
import { expectValidEvidence } from './test-helpers.ts';

const PUBLISHED = '2023-11-28T09:00:00+01:00';

/** The first (best) date suggestion of a text: its ranges, excerpt and label. */
function first(text: string, publishedAt = PUBLISHED) {
  const found = findDates(text, publishedAt);
  expectValidEvidence(text, found);
  const best = found[0];
  return best ? { ranges: best.ranges, excerpt: best.evidence.excerpt, label: best.label, offset: best.evidence.offset } : null;
}

describe('dates in Polish prose', () => {
  it('reads "W dniu 23 listopada 2023 roku" with its prefix', () => {
    const text = 'W dniu 23 listopada 2023 roku odbyła się uroczysta konferencja podsumowująca dwuletnią działalność Centrum.';
    expect(first(text)).toEqual({ ranges: [{ start: '2023-11-23' }], excerpt: 'W dniu 23 listopada 2023 roku', label: 'Termin: 23 listopada 2023 r.', offset: 0 });
  });

  it('reads numeric dates "23.11.2023 r." and Roman months "23 XI 2023"', () => {
    expect(first('Spotkanie odbyło się 23.11.2023 r. w Dębicy.')).toMatchObject({ ranges: [{ start: '2023-11-23' }], excerpt: '23.11.2023 r.' });
    expect(first('Szkolenie: 23 XI 2023, sala nr 4.')).toMatchObject({ ranges: [{ start: '2023-11-23' }], excerpt: '23 XI 2023' });
    expect(first('Termin: 5.VI.2022 r.')).toMatchObject({ ranges: [{ start: '2022-06-05' }], excerpt: '5.VI.2022 r.' });
  });

  it('reads "W dniach 19-21 oraz 26 czerwca 2023 r." as two ranges (seed 002)', () => {
    const text =
      'Wizyty studyjne w Centrum Usług Społecznych w Bukowsku\n\nW dniach 19-21 oraz 26 czerwca 2023 r. w Centrum Usług Społecznych w Bukowsku odbyły się wizyty studyjne dla studentów z województwa podkarpackiego.';
    const best = first(text, '2023-06-30T10:00:00Z')!;
    expect(best.ranges).toEqual([{ start: '2023-06-19', end: '2023-06-21' }, { start: '2023-06-26' }]);
    expect(best.excerpt).toBe('W dniach 19-21 oraz 26 czerwca 2023 r.');
    expect(best.label).toBe('Termin: 19–21 i 26 czerwca 2023 r.');
    expect(best.offset).toBe(text.indexOf('W dniach'));
  });

  it('reads "19–21 i 26 czerwca 2023 r." with an en dash and "i"', () => {
    expect(first('Warsztaty trwały 19–21 i 26 czerwca 2023 r.')).toMatchObject({
      ranges: [{ start: '2023-06-19', end: '2023-06-21' }, { start: '2023-06-26' }],
      excerpt: '19–21 i 26 czerwca 2023 r.',
    });
  });

  it('takes the year of "br." from the publication date (seed 001)', () => {
    const text = 'We wtorek 21 czerwca br. rozpoczął się drugi już Kongres Centrów Usług Społecznych.';
    expect(first(text, '2022-06-21T15:59:00+02:00')).toEqual({
      ranges: [{ start: '2022-06-21' }],
      excerpt: '21 czerwca br.',
      label: 'Termin: 21 czerwca 2022 r.',
      offset: text.indexOf('21 czerwca'),
    });
  });

  it('reads "10 lutego 2020", "2 grudnia 2025 roku" and "w dniach 5-6 marca 2024"', () => {
    expect(first('Spotkanie z dnia 10 lutego 2020 było krótkie.')).toMatchObject({ ranges: [{ start: '2020-02-10' }] });
    expect(first('Kongres zaplanowano na 2 grudnia 2025 roku.')).toMatchObject({ ranges: [{ start: '2025-12-02' }], excerpt: '2 grudnia 2025 roku' });
    expect(first('Szkolenie odbyło się w dniach 5-6 marca 2024 w Kielcach.')).toMatchObject({
      ranges: [{ start: '2024-03-05', end: '2024-03-06' }],
      excerpt: 'w dniach 5-6 marca 2024',
      label: 'Termin: 5–6 marca 2024 r.',
    });
  });

  it('reads "od 3 do 5 kwietnia 2022 r." as one range, with "od"', () => {
    expect(first('Warsztaty trwały od 3 do 5 kwietnia 2022 r. w Lublinie.')).toMatchObject({
      ranges: [{ start: '2022-04-03', end: '2022-04-05' }],
      excerpt: 'od 3 do 5 kwietnia 2022 r.',
    });
  });

  it('leaves "od" out when no "do" follows', () => {
    expect(first('Możliwość tworzenia od 1 stycznia 2020 r. CUS-ów wynika z ustawy.')).toMatchObject({ excerpt: '1 stycznia 2020 r.', ranges: [{ start: '2020-01-01' }] });
  });

  it('reads ranges across months: "31 maja – 2 czerwca 2023" and "01.09.2022 – 10.12.2022 r."', () => {
    expect(first('Kongres trwał 31 maja – 2 czerwca 2023 w Starachowicach.')).toMatchObject({
      ranges: [{ start: '2023-05-31', end: '2023-06-02' }],
      excerpt: '31 maja – 2 czerwca 2023',
      label: 'Termin: 31 maja – 2 czerwca 2023 r.',
    });
    expect(first('Projekt realizowany w okresie 01.09.2022 – 10.12.2022 r. przez Forum.')).toMatchObject({
      ranges: [{ start: '2022-09-01', end: '2022-12-10' }],
      excerpt: '01.09.2022 – 10.12.2022 r.',
    });
  });

  it('reads "1 i 2 grudnia" without a year as the year of publication, and says so', () => {
    const best = first('Spotkania odbyły się 1 i 2 grudnia w sali widowiskowej.', '2021-12-05T10:00:00Z')!;
    // Two days as the text lists them (the editor may join them into one range).
    expect(best.ranges).toEqual([{ start: '2021-12-01' }, { start: '2021-12-02' }]);
    expect(best.excerpt).toBe('1 i 2 grudnia');
    expect(best.label).toBe('Termin: 1 i 2 grudnia 2021 r. (rok 2021 przyjęty z daty publikacji, bo tekst go nie podaje)');
  });

  it('reads several months in one expression: "19–21 czerwca i 2 lipca 2023 r."', () => {
    expect(first('Zajęcia: 19–21 czerwca i 2 lipca 2023 r.')).toMatchObject({
      ranges: [{ start: '2023-06-19', end: '2023-06-21' }, { start: '2023-07-02' }],
      label: 'Termin: 19–21 czerwca i 2 lipca 2023 r.',
    });
  });

  it('gives nothing for days that do not exist, and accepts 29 February of a leap year', () => {
    expect(findDates('Spotkanie odbyło się 31 lutego 2023 r. w Rzeszowie.', PUBLISHED)).toEqual([]);
    expect(findDates('Termin: 30.02.2023 r.', PUBLISHED)).toEqual([]);
    expect(findDates('Termin: 32 maja 2023 r.', PUBLISHED)).toEqual([]);
    expect(findDates('Termin: 29 lutego 2023 r.', PUBLISHED)).toEqual([]);
    expect(first('Termin: 29 lutego 2024 r.')).toMatchObject({ ranges: [{ start: '2024-02-29' }] });
  });

  it('gives nothing for numbers that are no dates', () => {
    const text =
      'Odsłony: 30892. Działanie 2.8 POWER, Oś priorytetowa II. Efektywne polityki. Opublikowano: wtorek, 21, czerwiec 2022 15:59. Zrealizowano 4 wizyty i 12 spotkań.';
    expect(findDates(text, PUBLISHED)).toEqual([]);
  });

  it('does not read the conjunction "i" as the Roman month I', () => {
    expect(first('Dyżury: 21 i 26 czerwca 2023 r.')).toMatchObject({ ranges: [{ start: '2023-06-21' }, { start: '2023-06-26' }] });
  });

  it('puts the event date first, a date without a year next, the date line of the page (= publication date) last (seed 000)', () => {
    const text = [
      'Konferencja podsumowująca dwa lata CUS',
      '28.11.2023 Kategoria:',
      'W dniu 23 listopada 2023 roku odbyła się uroczysta konferencja podsumowująca dwuletnią działalność Centrum Usług Społecznych Gminy Dębica.',
      'Konferencja odbyła się w szczególnym dla kadry pomocy społecznej okresie – Dniu Pracownika Socjalnego, który ustawowo obchodzony jest 21 listopada.',
    ].join('\n\n');
    const found = findDates(text, '2023-11-28T12:00:00+01:00');
    expectValidEvidence(text, found);
    expect(found.map((s) => s.id)).toEqual(['dates:2023-11-23', 'dates:2023-11-21', 'dates:2023-11-28']);
    expect(found[0]!.evidence.context).toBe(
      'W dniu 23 listopada 2023 roku odbyła się uroczysta konferencja podsumowująca dwuletnią działalność Centrum Usług Społecznych Gminy Dębica.',
    );
  });

  it('merges repeated mentions of one date into one suggestion (seed 004)', () => {
    const text =
      'Ekran powitalny z napisem „Konferencja Centra Usług Społecznych. Lublin, 21 listopada 2022 r.”\n\nRelacja z konferencji CUS w Lublinie\n\n21 listopada 2022 r. w Centrum Spotkania Kultur w Lublinie odbyła się Konferencja.';
    const found = findDates(text, '2022-11-25T10:00:00Z');
    expect(found).toHaveLength(1);
    // The mention in the sentence that says the event took place is the evidence.
    expect(found[0]!.evidence.offset).toBe(text.indexOf('21 listopada 2022 r. w Centrum'));
  });

  it('is deterministic', () => {
    const text = 'W dniach 19-21 oraz 26 czerwca 2023 r. odbyły się wizyty; 1 i 2 grudnia – szkolenia.';
    expect(findDates(text, PUBLISHED)).toEqual(findDates(text, PUBLISHED));
  });
});
