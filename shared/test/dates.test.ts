import { describe, expect, it } from 'vitest';
import {
  dateRangeError, eventEnd, formatFieldDate, eventStart, formatDate, formatDateRange, formatDateRanges, formatMonthHeading, isIsoDate, isUpcoming, parseIsoDate,
} from '../src/dates.js';

describe('Polish dates', () => {
  it('formats a single day', () => {
    expect(formatDate('2022-11-21')).toBe('21 listopada 2022 r.');
    expect(formatDate('2020-02-10')).toBe('10 lutego 2020 r.');
    expect(formatDateRange({ start: '2023-11-23', end: null })).toBe('23 listopada 2023 r.');
    expect(formatDateRange({ start: '2023-11-23', end: '2023-11-23' })).toBe('23 listopada 2023 r.');
  });

  it('formats a range within a month', () => {
    expect(formatDateRange({ start: '2023-06-19', end: '2023-06-21' })).toBe('19–21 czerwca 2023 r.');
  });

  it('formats a range across months and across years', () => {
    expect(formatDateRange({ start: '2023-06-30', end: '2023-07-02' })).toBe('30 czerwca – 2 lipca 2023 r.');
    expect(formatDateRange({ start: '2023-12-30', end: '2024-01-02' })).toBe('30 grudnia 2023 r. – 2 stycznia 2024 r.');
  });

  it('formats a multi-part event (the Bukowsko visits)', () => {
    expect(formatDateRanges([{ start: '2023-06-19', end: '2023-06-21' }, { start: '2023-06-26' }])).toBe('19–21 i 26 czerwca 2023 r.');
  });

  it('formats dates again when they change, even in the same object (results are kept by value)', () => {
    const ranges: { start: string; end?: string | null }[] = [{ start: '2023-06-19', end: '2023-06-21' }];
    expect(formatDateRanges(ranges)).toBe('19–21 czerwca 2023 r.');
    ranges[0]!.end = '2023-06-22';
    expect(formatDateRanges(ranges)).toBe('19–22 czerwca 2023 r.');
    ranges.push({ start: '2023-06-26' });
    expect(formatDateRanges(ranges)).toBe('19–22 i 26 czerwca 2023 r.');
    expect(formatDateRanges(ranges)).toBe('19–22 i 26 czerwca 2023 r.');
    ranges[1]!.start = '2023-07-03';
    expect(formatDateRanges(ranges)).toBe('19–22 czerwca i 3 lipca 2023 r.');
    ranges.pop();
    expect(formatDateRanges(ranges)).toBe('19–22 czerwca 2023 r.');
  });

  it('sorts parts and joins three with a comma and "i"', () => {
    expect(formatDateRanges([{ start: '2023-06-26' }, { start: '2023-06-05' }, { start: '2023-06-19', end: '2023-06-21' }])).toBe(
      '5, 19–21 i 26 czerwca 2023 r.',
    );
  });

  it('writes the year once when parts span months of one year, in full when years differ', () => {
    expect(formatDateRanges([{ start: '2023-06-30', end: '2023-07-02' }, { start: '2023-09-05' }])).toBe('30 czerwca – 2 lipca i 5 września 2023 r.');
    expect(formatDateRanges([{ start: '2023-12-12' }, { start: '2024-01-09' }])).toBe('12 grudnia 2023 r. i 9 stycznia 2024 r.');
    expect(formatDateRanges([])).toBe('');
  });

  it('reads dates as calendar days, whatever the time zone', () => {
    expect(parseIsoDate('2023-06-19').getDate()).toBe(19);
    expect(isIsoDate('2023-02-30')).toBe(false);
    expect(isIsoDate('19.06.2023')).toBe(false);
    expect(() => formatDate('nonsense')).toThrow(/Not an ISO date/);
  });

  it('finds start, end and whether an event is upcoming', () => {
    const bukowsko = [{ start: '2023-06-26' }, { start: '2023-06-19', end: '2023-06-21' }];
    expect(eventStart(bukowsko)).toBe('2023-06-19');
    expect(eventEnd(bukowsko)).toBe('2023-06-26');
    expect(isUpcoming(bukowsko, '2023-06-26')).toBe(true);
    expect(isUpcoming(bukowsko, '2023-06-27')).toBe(false);
  });

  it('explains a range that ends before it starts, in Polish, with dates as the field shows them', () => {
    expect(dateRangeError({ start: '2023-06-19', end: '2023-06-18' })).toBe(
      'wpisana data 18.06.2023 jest wcześniejsza niż data rozpoczęcia (19.06.2023).',
    );
    expect(formatFieldDate('2026-03-14')).toBe('14.03.2026');
    expect(formatFieldDate('14.03.2026')).toBe('14.03.2026');
    expect(dateRangeError({ start: '2023-06-19', end: null })).toBeNull();
    expect(dateRangeError({ start: '2023-06-19', end: '2023-06-19' })).toBeNull();
    expect(dateRangeError({ start: null })).toBe('podaj datę rozpoczęcia.');
  });
});

describe('formatMonthHeading', () => {
  it('names the month in the nominative, capitalised', () => {
    expect(formatMonthHeading(2023, 5)).toBe('Czerwiec 2023');
    expect(formatMonthHeading(2022, 10)).toBe('Listopad 2022');
  });
});
