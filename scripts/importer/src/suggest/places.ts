// Polish towns as a report names them after "w"/"we" (the locative), back to the nominative the
// venue's city field holds: the voivodeship capitals, other large towns and the towns of the seed
// reports, then a few endings whose nominative is certain. An ending with several possible
// nominatives ("-ach": Kielce or Puławy) gives the form from the text, marked as such.

/** [nominative, locative] */
const TOWNS: [string, string][] = [
  // Voivodeship capitals.
  ['Białystok', 'Białymstoku'], ['Bydgoszcz', 'Bydgoszczy'], ['Gdańsk', 'Gdańsku'], ['Gorzów Wielkopolski', 'Gorzowie Wielkopolskim'],
  ['Katowice', 'Katowicach'], ['Kielce', 'Kielcach'], ['Kraków', 'Krakowie'], ['Lublin', 'Lublinie'], ['Łódź', 'Łodzi'],
  ['Olsztyn', 'Olsztynie'], ['Opole', 'Opolu'], ['Poznań', 'Poznaniu'], ['Rzeszów', 'Rzeszowie'], ['Szczecin', 'Szczecinie'],
  ['Toruń', 'Toruniu'], ['Warszawa', 'Warszawie'], ['Wrocław', 'Wrocławiu'], ['Zielona Góra', 'Zielonej Górze'],
  // Other large towns.
  ['Gdynia', 'Gdyni'], ['Sopot', 'Sopocie'], ['Częstochowa', 'Częstochowie'], ['Radom', 'Radomiu'], ['Sosnowiec', 'Sosnowcu'],
  ['Gliwice', 'Gliwicach'], ['Zabrze', 'Zabrzu'], ['Bielsko-Biała', 'Bielsku-Białej'], ['Bytom', 'Bytomiu'], ['Płock', 'Płocku'],
  ['Elbląg', 'Elblągu'], ['Tarnów', 'Tarnowie'], ['Chorzów', 'Chorzowie'], ['Koszalin', 'Koszalinie'], ['Kalisz', 'Kaliszu'],
  ['Legnica', 'Legnicy'], ['Słupsk', 'Słupsku'], ['Przemyśl', 'Przemyślu'], ['Krosno', 'Krośnie'], ['Sanok', 'Sanoku'],
  ['Mielec', 'Mielcu'], ['Jasło', 'Jaśle'], ['Stalowa Wola', 'Stalowej Woli'], ['Tarnobrzeg', 'Tarnobrzegu'], ['Zamość', 'Zamościu'],
  ['Chełm', 'Chełmie'], ['Biała Podlaska', 'Białej Podlaskiej'], ['Puławy', 'Puławach'], ['Siedlce', 'Siedlcach'],
  ['Ostrołęka', 'Ostrołęce'], ['Łomża', 'Łomży'], ['Suwałki', 'Suwałkach'], ['Nowy Sącz', 'Nowym Sączu'],
  ['Ostrowiec Świętokrzyski', 'Ostrowcu Świętokrzyskim'], ['Sandomierz', 'Sandomierzu'], ['Konin', 'Koninie'], ['Piła', 'Pile'],
  ['Leszno', 'Lesznie'], ['Gniezno', 'Gnieźnie'], ['Włocławek', 'Włocławku'], ['Grudziądz', 'Grudziądzu'],
  ['Inowrocław', 'Inowrocławiu'], ['Piotrków Trybunalski', 'Piotrkowie Trybunalskim'], ['Jelenia Góra', 'Jeleniej Górze'],
  ['Wałbrzych', 'Wałbrzychu'], ['Rybnik', 'Rybniku'], ['Tychy', 'Tychach'], ['Dąbrowa Górnicza', 'Dąbrowie Górniczej'],
  ['Nowy Targ', 'Nowym Targu'], ['Zakopane', 'Zakopanem'], ['Skarżysko-Kamienna', 'Skarżysku-Kamiennej'],
  // Towns of the seed reports.
  ['Dębica', 'Dębicy'], ['Starachowice', 'Starachowicach'], ['Bukowsko', 'Bukowsku'], ['Bełżyce', 'Bełżycach'],
  ['Opole Lubelskie', 'Opolu Lubelskim'], ['Wojcieszków', 'Wojcieszkowie'], ['Świdnik', 'Świdniku'], ['Kochanówka', 'Kochanówce'],
  ['Pustków', 'Pustkowie'], ['Latoszyn', 'Latoszynie'], ['Tokarnia', 'Tokarni'], ['Kuryłówka', 'Kuryłówce'],
  ['Tomaszów Lubelski', 'Tomaszowie Lubelskim'], ['Adamówka', 'Adamówce'], ['Tryńcza', 'Tryńczy'], ['Wojciechów', 'Wojciechowie'],
];

/** The longest town name first, so "Opolu Lubelskim" wins over "Opolu". */
export const KNOWN_TOWNS: readonly { nominative: string; locativeWords: string[] }[] = TOWNS.map(([nominative, locative]) => ({
  nominative,
  locativeWords: locative.split(' '),
})).sort((a, b) => b.locativeWords.length - a.locativeWords.length);

// Capitalised words after "w" that are no town: countries, regions, bodies, parts of a text.
const NOT_TOWNS = new Set(
  [
    'polsce', 'europie', 'unii', 'ukrainie', 'niemczech', 'sejmie', 'senacie', 'gminie', 'powiecie', 'województwie', 'mieście',
    'urzędzie', 'centrum', 'ośrodku', 'domu', 'szkole', 'sali', 'hotelu', 'klubie', 'departamencie', 'ministerstwie',
    'kancelarii', 'zarządzie', 'radzie', 'instytucie', 'uniwersytecie', 'fundacji', 'stowarzyszeniu', 'banku', 'działaniu',
    'programie', 'konferencji', 'kongresie', 'internecie', 'dniu', 'panelu', 'projekcie', 'ramach', 'imieniu', 'trakcie',
    'polsce', 'sieci', 'czasie', 'roku', 'okresie', 'maju', 'marcu', 'lutym', 'styczniu', 'kwietniu', 'czerwcu', 'lipcu',
    'sierpniu', 'wrześniu', 'październiku', 'listopadzie', 'grudniu', 'lubelszczyźnie', 'małopolsce', 'wielkopolsce',
    'starostwie', 'zespole', 'bibliotece', 'muzeum', 'teatrze', 'filharmonii', 'pałacu', 'zamku', 'świetlicy', 'hali', 'kinie',
    'galerii', 'budynku', 'ratuszu', 'siedzibie', 'auli', 'placówce', 'ustawie', 'senacie', 'kościele', 'parafii',
  ].map((w) => w.normalize('NFC')),
);

export interface TownReading {
  /** The nominative, or the text's own form when the ending allows several. */
  city: string;
  certain: boolean;
  /** How many words of the text it took. */
  words: number;
}

/** The town that `words` (what follows "w") begin with, or null. */
export function readTown(words: readonly string[]): TownReading | null {
  const first = words[0];
  if (!first || !/^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$/u.test(first)) return null;
  for (const town of KNOWN_TOWNS) {
    if (town.locativeWords.every((w, i) => words[i] === w)) return { city: town.nominative, certain: true, words: town.locativeWords.length };
  }
  const lower = first.toLowerCase();
  if (NOT_TOWNS.has(lower)) return null;
  // Endings whose nominative is certain in town names.
  const rules: [RegExp, string][] = [
    [/owie$/, 'ów'], // Rzeszowie → Rzeszów
    [/icach$/, 'ice'], // Starachowicach → Starachowice
    [/ycach$/, 'yce'], // Bełżycach → Bełżyce
    [/inie$/, 'in'], // Lublinie → Lublin
    [/ynie$/, 'yn'], // Latoszynie → Latoszyn
  ];
  for (const [re, nominative] of rules) {
    if (re.test(first)) return { city: first.replace(re, nominative), certain: true, words: 1 };
  }
  // Other locatives are ambiguous (-ach: Kielce/Puławy, -u: Gdańsk/Opole, -e: Pile/Krośnie).
  if (/(?:ach|u|ie|y|i)$/.test(first)) return { city: first, certain: false, words: 1 };
  return null;
}
