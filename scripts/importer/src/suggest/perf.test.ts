import { describe, expect, it } from 'vitest';
import { buildNameIndex, type DirectoryEntry } from './name-index.ts';
import { suggest } from './index.ts';
import { only } from './test-helpers.ts';

// A directory of 10,000 generated names (Polish first names × surnames of every declension
// class, institutions of every head noun): building it once and reading a report must stay fast.

const FIRST_F = ['Anna', 'Maria', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Barbara', 'Ewa', 'Krystyna', 'Magdalena', 'Joanna', 'Sylwia', 'Monika', 'Beata', 'Urszula', 'Alicja'];
const FIRST_M = ['Piotr', 'Krzysztof', 'Andrzej', 'Tomasz', 'Paweł', 'Jan', 'Michał', 'Marcin', 'Marek', 'Jerzy', 'Kazimierz', 'Łukasz', 'Jacek', 'Maciej', 'Stanisław'];
const STEMS = ['Nowa', 'Kowal', 'Wiśniew', 'Wójci', 'Kamiń', 'Lewandow', 'Zieliń', 'Szymań', 'Woźniak', 'Dąbrow', 'Kozłow', 'Jankow', 'Mazur', 'Krawczy', 'Pioter', 'Grabow', 'Pawlak', 'Michalsk', 'Król', 'Wieczor'];
const ENDINGS_M = ['ski', 'k', 'czyk', 'ek', 'ka', 'ny'];
const ENDINGS_F = ['ska', 'k', 'czyk', 'ek', 'ka', 'owa'];
const HEADS = ['Centrum Usług Społecznych', 'Miejski Ośrodek Pomocy Społecznej', 'Gminny Ośrodek Pomocy Społecznej', 'Urząd Gminy', 'Stowarzyszenie Przyjaciół', 'Fundacja Pomocy'];
const TOWNS = ['Rzeszowie', 'Lublinie', 'Kielcach', 'Starachowicach', 'Bukowsku', 'Dębicy', 'Krakowie', 'Tarnowie', 'Opolu', 'Sanoku'];

function generatedDirectory(size: number): { people: DirectoryEntry[]; institutions: DirectoryEntry[] } {
  const people: DirectoryEntry[] = [];
  for (let i = 0; people.length < size; i++) {
    const female = i % 2 === 0;
    const first = (female ? FIRST_F : FIRST_M)[i % 15]!;
    const surname = STEMS[Math.floor(i / 15) % STEMS.length]! + (female ? ENDINGS_F : ENDINGS_M)[Math.floor(i / 300) % 6]!;
    people.push({ documentId: `person-${i}`, name: `${first} ${surname}${i >= 1800 ? `-${STEMS[i % 7]}${ENDINGS_M[0]}` : ''}` });
  }
  const institutions: DirectoryEntry[] = [];
  for (let i = 0; i < 2_000; i++) {
    institutions.push({ documentId: `inst-${i}`, name: `${HEADS[i % HEADS.length]} nr ${i} w ${TOWNS[i % TOWNS.length]}`, shortName: i % 3 === 0 ? `CUS${i}` : undefined });
  }
  // Two the report below names, besides the generated "Maria Kowalska".
  people.splice(0, 2, { documentId: 'named-1', name: 'Piotr Nowak' }, { documentId: 'named-2', name: 'Anna Kowalska' });
  return { people, institutions };
}

const REPORT = [
  'Konferencja podsumowująca dwa lata CUS',
  'W dniu 23 listopada 2023 roku odbyła się uroczysta konferencja podsumowująca dwuletnią działalność Centrum Usług Społecznych Gminy Dębica.',
  'Konferencja rozpoczęła się od oficjalnego przywitania licznie zgromadzonych gości przez Dyrektora CUS Piotra Nowaka. Szczegółowego przeglądu osiągnięć dokonała Anna Kowalska Zastępca Dyrektora.',
  'W wydarzeniu uczestniczyli: Dyrektor Miejskiego Ośrodka Pomocy Społecznej nr 1 w Lublinie, przedstawiciele Urzędu Gminy nr 3 w Starachowicach oraz Pani Marii Kowalskiej.',
  'W konferencji uczestniczyło około 140 osób.',
].join('\n\n');

describe('a directory of 10,000 names', () => {
  it('builds once and reads a report in well under a second', () => {
    const directory = generatedDirectory(10_000);
    const t0 = performance.now();
    const names = buildNameIndex(directory);
    const built = performance.now() - t0;
    expect(names.size).toBe(12_000);
    // A report of realistic length: the sentences above, repeated to about 12,000 characters.
    const text = Array.from({ length: 12 }, () => REPORT).join('\n\n');
    const runs = 20;
    const t1 = performance.now();
    let found = suggest({ text, publishedAt: '2023-11-28T10:00:00Z', names });
    for (let i = 1; i < runs; i++) found = suggest({ text, publishedAt: '2023-11-28T10:00:00Z', names });
    const perReport = (performance.now() - t1) / runs;
    console.log(`suggest: index of ${names.size} entries built in ${built.toFixed(0)} ms; ${perReport.toFixed(1)} ms per report of ${text.length} characters`);
    expect(only(found, 'speaker').map((s) => s.name)).toEqual(expect.arrayContaining(['Piotr Nowak', 'Anna Kowalska', 'Maria Kowalska']));
    expect(only(found, 'institution').map((s) => s.name)).toEqual(
      expect.arrayContaining(['Miejski Ośrodek Pomocy Społecznej nr 1 w Lublinie', 'Urząd Gminy nr 3 w Starachowicach']),
    );
  });
});
