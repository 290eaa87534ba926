import { describe, expect, it } from 'vitest';
import { findAttendance } from './attendance.ts';
import { expectValidEvidence } from './test-helpers.ts';

function attendance(text: string) {
  const found = findAttendance(text);
  expectValidEvidence(text, found);
  return found.map((a) => ({ count: a.count, approximate: a.approximate, excerpt: a.evidence.excerpt, offset: a.evidence.offset }));
}

describe('attendance', () => {
  it('reads "około 140 osób" as approximate (seed 003)', () => {
    const text = 'W konferencji uczestniczyło około 140 osób, głównie byli to przedstawiciele samorządów.';
    expect(attendance(text)).toEqual([{ count: 140, approximate: true, excerpt: 'około 140 osób', offset: text.indexOf('około') }]);
    expect(findAttendance(text)[0]).toMatchObject({ id: 'attendance:140', label: 'Liczba uczestników: 140 (w przybliżeniu; w tekście „około 140 osób”)' });
  });

  it('reads "ok. 60 uczestników", "blisko 200 osób", "ponad 100 uczestników" as approximate', () => {
    expect(attendance('W szkoleniu wzięło udział ok. 60 uczestników.')).toMatchObject([{ count: 60, approximate: true, excerpt: 'ok. 60 uczestników' }]);
    expect(attendance('Na sali zgromadziło się blisko 200 osób.')).toMatchObject([{ count: 200, approximate: true, excerpt: 'blisko 200 osób' }]);
    expect(attendance('Kongres zgromadził ponad 100 uczestników z całego kraju.')).toMatchObject([{ count: 100, approximate: true }]);
    expect(attendance('Na kongres przybyło ponad 1 200 osób.')).toMatchObject([{ count: 1200, approximate: true, excerpt: 'ponad 1 200 osób' }]);
  });

  it('reads "udział wzięło 45 osób" as exact', () => {
    const text = 'W spotkaniu udział wzięło 45 osób.';
    expect(attendance(text)).toEqual([{ count: 45, approximate: false, excerpt: '45 osób', offset: text.indexOf('45') }]);
    expect(findAttendance('W spotkaniu udział wzięło 45 osób.')[0]!.label).toBe('Liczba uczestników: 45');
  });

  it('gives nothing without a number or without a sentence about taking part', () => {
    expect(attendance('W spotkaniu wzięło udział kilkudziesięciu przedstawicieli samorządów.')).toEqual([]);
    expect(attendance('Centrum udzieliło wsparcia 300 osobom, a 120 osób skorzystało z porad.')).toEqual([]);
    expect(attendance('Projekt obejmie wsparciem około 500 osób z terenu gminy.')).toEqual([]);
  });
});
