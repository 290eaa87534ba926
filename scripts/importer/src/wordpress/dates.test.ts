import { expect, it } from 'vitest';
import { isZeroWordPressDate, warsawLocalToIso, wordPressGmtToIso } from './dates.ts';

it('reads post_date_gmt as UTC and refuses zero and impossible dates', () => {
  expect(wordPressGmtToIso('2023-11-28 09:15:00')).toBe('2023-11-28T09:15:00Z');
  expect(wordPressGmtToIso('0000-00-00 00:00:00')).toBeNull();
  expect(isZeroWordPressDate('0000-00-00 00:00:00')).toBe(true);
  expect(wordPressGmtToIso('2023-02-29 10:00:00')).toBeNull();
  expect(wordPressGmtToIso('2023-11-28 24:00:00')).toBeNull();
  expect(wordPressGmtToIso('28.11.2023 10:00')).toBeNull();
  expect(wordPressGmtToIso(undefined)).toBeNull();
});

it('reads post_date in Warsaw time, winter and summer, across both DST changes', () => {
  expect(warsawLocalToIso('2023-11-28 10:15:00')).toBe('2023-11-28T10:15:00+01:00');
  expect(warsawLocalToIso('2023-06-28 12:00:00')).toBe('2023-06-28T12:00:00+02:00');
  expect(warsawLocalToIso('2023-03-26 01:59:59')).toBe('2023-03-26T01:59:59+01:00');
  expect(warsawLocalToIso('2023-03-26 03:00:00')).toBe('2023-03-26T03:00:00+02:00');
  expect(warsawLocalToIso('2023-10-29 03:00:00')).toBe('2023-10-29T03:00:00+01:00');
  // The same instant either way: the ISO string names it exactly.
  expect(Date.parse(warsawLocalToIso('2020-02-10 10:00:00')!)).toBe(Date.parse('2020-02-10T09:00:00Z'));
  expect(warsawLocalToIso('2023-13-01 10:00:00')).toBeNull();
});
