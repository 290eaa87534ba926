import { describe, expect, it } from 'vitest';
import { findEventType } from './event-type.ts';
import { expectValidEvidence } from './test-helpers.ts';

function typeOf(text: string) {
  const found = findEventType(text);
  expectValidEvidence(text, found);
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0] ? { type: found[0].type, excerpt: found[0].evidence.excerpt, offset: found[0].evidence.offset, id: found[0].id, label: found[0].label } : null;
}

describe('event type', () => {
  it('reads each kind in its inflected forms', () => {
    expect(typeOf('Tekst\n\nWnioski z konferencji posłużą do określenia nowych celów.')?.type).toBe('konferencja');
    expect(typeOf('Tekst\n\nW starachowickim kongresie udział wzięła również Zofia Romaszewska.')?.type).toBe('kongres');
    expect(typeOf('Tekst\n\nPodczas dwóch wizyt studyjnych przywitał studentów Wójt Gminy.')?.type).toBe('wizyta_studyjna');
    expect(typeOf('Tekst\n\nUczestnicy szkolenia otrzymali pendrive z procedurami.')?.type).toBe('szkolenie');
    expect(typeOf('Tekst\n\nGoście uczestniczyli w warsztatach dotyczących usług społecznych.')?.type).toBe('warsztaty');
    expect(typeOf('Tekst\n\nPo zakończeniu spotkania goście rozmawiali.')?.type).toBe('spotkanie');
  });

  it('weights the title over the body, and quotes the title (seed 002)', () => {
    const text =
      'Wizyty studyjne w Centrum Usług Społecznych w Bukowsku\n\n- dwie - dla uczestników szkolenia z zakresu zarządzania;\n\n- i po jednej - dla uczestników szkolenia z zakresu opracowywania planów oraz dla uczestników szkolenia z zakresu organizacji społeczności lokalnej.';
    expect(typeOf(text)).toEqual({ type: 'wizyta_studyjna', excerpt: 'Wizyty studyjne', offset: 0, id: 'type:wizyta-studyjna', label: 'Rodzaj wydarzenia: wizyta studyjna' });
  });

  it('counts occurrences: a congress with workshops is a congress (seed 001)', () => {
    const text =
      'Ochrona przed wirusem\n\nWe wtorek 21 czerwca br. rozpoczął się drugi już Kongres Centrów Usług Społecznych. - Już po raz drugi jako miasto organizujemy kongres CUS-ów. Jest to spotkanie środowiskowe. Podczas kongresu będziemy rozmawiali o doświadczeniach. Goście będą uczestniczyć w wykładach, panelach, debatach i warsztatach.';
    expect(typeOf(text)).toMatchObject({ type: 'kongres', excerpt: 'Kongres' });
  });

  it('ignores words that only contain a kind ("videokonferencja") and texts with none', () => {
    expect(typeOf('Relacja\n\nZostała przygotowana videokonferencja z Panią Anetą Zaraś.')).toBeNull();
    expect(typeOf('Relacja\n\nNowe godziny pracy ośrodka.')).toBeNull();
  });
});
