import { describe, expect, it } from 'vitest';
import { findVenues } from './venue.ts';
import { readTown } from './places.ts';
import { expectValidEvidence } from './test-helpers.ts';

/** The venues of a report whose body is `body` (under a title that names no place). */
function venues(body: string) {
  const text = `Relacja z wydarzenia\n\n${body}`;
  const found = findVenues(text);
  expectValidEvidence(text, found);
  return found.map((v) => ({ name: v.name, city: v.city, excerpt: v.evidence.excerpt, label: v.label }));
}

describe('venue', () => {
  it('reads a place and its town, both in the nominative (seed 002)', () => {
    const text =
      'Wizyty studyjne w Centrum Usług Społecznych w Bukowsku\n\nW dniach 19-21 oraz 26 czerwca 2023 r. w Centrum Usług Społecznych w Bukowsku odbyły się wizyty studyjne.';
    const [first, ...rest] = findVenues(text);
    expectValidEvidence(text, [first!]);
    expect(first).toMatchObject({ id: 'venue:centrum-uslug-spolecznych-bukowsko', name: 'Centrum Usług Społecznych', city: 'Bukowsko', label: 'Miejsce: Centrum Usług Społecznych, Bukowsko' });
    // The title's mention comes first; the body's is the same place.
    expect(first!.evidence).toMatchObject({ excerpt: 'w Centrum Usług Społecznych w Bukowsku', offset: 16 });
    expect(rest).toEqual([]);
  });

  it('reads "w Centrum Spotkania Kultur w Lublinie" (seed 004)', () => {
    expect(venues('21 listopada 2022 r. w Centrum Spotkania Kultur w Lublinie odbyła się Konferencja "Centrum Usług Społecznych".')).toEqual([
      { name: 'Centrum Spotkania Kultur', city: 'Lublin', excerpt: 'w Centrum Spotkania Kultur w Lublinie', label: 'Miejsce: Centrum Spotkania Kultur, Lublin' },
    ]);
  });

  it('reads a hotel after a lower-case adjective: "w starachowickim Hotelu Europa" (seed 001)', () => {
    expect(venues('Wydarzenie odbywające się w starachowickim Hotelu Europa oficjalnie zainaugurował Zastępca Prezydenta Miasta.')).toEqual([
      { name: 'Hotel Europa', city: undefined, excerpt: 'w starachowickim Hotelu Europa', label: 'Miejsce: Hotel Europa' },
    ]);
  });

  it('reads "w siedzibie X" as the body X in the nominative (seed 003)', () => {
    const text =
      'W dniu 10 lutego 2020 r. Województwo Podkarpackie - Regionalny Ośrodek Polityki Społecznej w Rzeszowie w siedzibie Urzędu Marszałkowskiego Województwa Podkarpackiego zorganizował „Regionalną konferencję”.';
    // "w Rzeszowie" locates the Ośrodek, not the event: no town from it.
    expect(venues(text)).toEqual([
      {
        name: 'Urząd Marszałkowski Województwa Podkarpackiego',
        city: undefined,
        excerpt: 'w siedzibie Urzędu Marszałkowskiego Województwa Podkarpackiego',
        label: 'Miejsce: Urząd Marszałkowski Województwa Podkarpackiego',
      },
    ]);
  });

  it('reads "w sali konferencyjnej Urzędu Miasta w Rzeszowie"', () => {
    expect(venues('Szkolenie odbyło się w sali konferencyjnej Urzędu Miasta w Rzeszowie.')).toEqual([
      {
        name: 'Sala konferencyjna Urzędu Miasta',
        city: 'Rzeszów',
        excerpt: 'w sali konferencyjnej Urzędu Miasta w Rzeszowie',
        label: 'Miejsce: Sala konferencyjna Urzędu Miasta, Rzeszów',
      },
    ]);
  });

  it('reads a town alone after "odbyła się w" and turns its locative into the nominative', () => {
    expect(venues('Konferencja odbyła się w Rzeszowie.')).toMatchObject([{ city: 'Rzeszów', excerpt: 'w Rzeszowie', label: 'Miejscowość: Rzeszów', name: undefined }]);
    expect(venues('Spotkanie odbyło się w Starachowicach, w dniu 3 maja.')).toMatchObject([{ city: 'Starachowice', excerpt: 'w Starachowicach' }]);
    expect(venues('W Krośnie odbyły się warsztaty dla kadry.')).toMatchObject([{ city: 'Krosno', excerpt: 'W Krośnie' }]);
    expect(venues('Kongres odbył się w Opolu Lubelskim.')).toMatchObject([{ city: 'Opole Lubelskie', excerpt: 'w Opolu Lubelskim' }]);
    // An unknown town whose ending is certain.
    expect(venues('Szkolenie odbyło się w Jarczowie.')).toMatchObject([{ city: 'Jarczów' }]);
  });

  it('gives the text form, marked, when the ending allows several nominatives', () => {
    expect(venues('Spotkanie odbyło się w Piaskach.')).toEqual([
      { name: undefined, city: 'Piaskach', excerpt: 'w Piaskach', label: 'Miejscowość: Piaskach (forma z tekstu – popraw na mianownik)' },
    ]);
  });

  it('proposes no town for an institution\'s seat, a country, or a sentence fragment', () => {
    // "w Rzeszowie", "w Warszawie" locate the institutions named before them.
    expect(venues('Wizyty studyjne odbyły się w ramach współpracy z Regionalnym Ośrodkiem Polityki Społecznej w Rzeszowie oraz Uczelnią Korczaka w Warszawie.')).toEqual([]);
    expect(venues('Konferencja odbyła się w szczególnym dla kadry pomocy społecznej okresie.')).toEqual([]);
    expect(venues('Spotkanie odbyło się w Polsce po raz pierwszy.')).toEqual([]);
    expect(venues('Zebranie odbyło się w Gminie Bukowsko.')).toEqual([]);
    // No sentence says the event took place there.
    expect(venues('O roli Centrum mówiła dyrektor CUS w Starachowicach Wioletta Grosicka.')).toEqual([]);
    expect(venues('Goście mieli możliwość zobaczyć Centrum Opiekuńczo Mieszkalne w Kochanówce.')).toEqual([]);
  });

  it('reads towns from its table and endings, and refuses the rest', () => {
    expect(readTown(['Rzeszowie'])).toEqual({ city: 'Rzeszów', certain: true, words: 1 });
    expect(readTown(['Zielonej', 'Górze'])).toEqual({ city: 'Zielona Góra', certain: true, words: 2 });
    expect(readTown(['Bielsku-Białej'])).toEqual({ city: 'Bielsko-Biała', certain: true, words: 1 });
    expect(readTown(['Gliwicach'])).toEqual({ city: 'Gliwice', certain: true, words: 1 });
    expect(readTown(['Suwałkach'])).toEqual({ city: 'Suwałki', certain: true, words: 1 });
    expect(readTown(['szczególnym'])).toBeNull();
    expect(readTown(['Ukrainie'])).toBeNull();
  });
});
