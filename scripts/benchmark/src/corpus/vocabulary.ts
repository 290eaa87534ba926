import type { Voivodeship } from '@cus/shared';

// Polish words the synthetic corpus is made of: real places (with the locative case a title
// needs: "w Lublinie"), common names, the vocabulary of social services.

export interface Place {
  city: string;
  /** "w …": the locative. */
  in: string;
  powiat: string;
}

export const PLACES: Record<Voivodeship, Place[]> = {
  dolnoslaskie: [
    { city: 'Wrocław', in: 'Wrocławiu', powiat: 'Wrocław' },
    { city: 'Wałbrzych', in: 'Wałbrzychu', powiat: 'Wałbrzych' },
    { city: 'Legnica', in: 'Legnicy', powiat: 'Legnica' },
    { city: 'Oleśnica', in: 'Oleśnicy', powiat: 'oleśnicki' },
  ],
  kujawsko_pomorskie: [
    { city: 'Bydgoszcz', in: 'Bydgoszczy', powiat: 'Bydgoszcz' },
    { city: 'Toruń', in: 'Toruniu', powiat: 'Toruń' },
    { city: 'Włocławek', in: 'Włocławku', powiat: 'Włocławek' },
    { city: 'Inowrocław', in: 'Inowrocławiu', powiat: 'inowrocławski' },
  ],
  lubelskie: [
    { city: 'Lublin', in: 'Lublinie', powiat: 'Lublin' },
    { city: 'Zamość', in: 'Zamościu', powiat: 'Zamość' },
    { city: 'Chełm', in: 'Chełmie', powiat: 'Chełm' },
    { city: 'Bełżyce', in: 'Bełżycach', powiat: 'lubelski' },
  ],
  lubuskie: [
    { city: 'Zielona Góra', in: 'Zielonej Górze', powiat: 'Zielona Góra' },
    { city: 'Gorzów Wielkopolski', in: 'Gorzowie Wielkopolskim', powiat: 'Gorzów Wielkopolski' },
    { city: 'Nowa Sól', in: 'Nowej Soli', powiat: 'nowosolski' },
    { city: 'Żary', in: 'Żarach', powiat: 'żarski' },
  ],
  lodzkie: [
    { city: 'Łódź', in: 'Łodzi', powiat: 'Łódź' },
    { city: 'Piotrków Trybunalski', in: 'Piotrkowie Trybunalskim', powiat: 'Piotrków Trybunalski' },
    { city: 'Sieradz', in: 'Sieradzu', powiat: 'sieradzki' },
    { city: 'Kutno', in: 'Kutnie', powiat: 'kutnowski' },
  ],
  malopolskie: [
    { city: 'Kraków', in: 'Krakowie', powiat: 'Kraków' },
    { city: 'Tarnów', in: 'Tarnowie', powiat: 'Tarnów' },
    { city: 'Nowy Sącz', in: 'Nowym Sączu', powiat: 'Nowy Sącz' },
    { city: 'Wadowice', in: 'Wadowicach', powiat: 'wadowicki' },
  ],
  mazowieckie: [
    { city: 'Warszawa', in: 'Warszawie', powiat: 'Warszawa' },
    { city: 'Radom', in: 'Radomiu', powiat: 'Radom' },
    { city: 'Płock', in: 'Płocku', powiat: 'Płock' },
    { city: 'Siedlce', in: 'Siedlcach', powiat: 'Siedlce' },
  ],
  opolskie: [
    { city: 'Opole', in: 'Opolu', powiat: 'Opole' },
    { city: 'Kędzierzyn-Koźle', in: 'Kędzierzynie-Koźlu', powiat: 'kędzierzyńsko-kozielski' },
    { city: 'Nysa', in: 'Nysie', powiat: 'nyski' },
    { city: 'Brzeg', in: 'Brzegu', powiat: 'brzeski' },
  ],
  podkarpackie: [
    { city: 'Rzeszów', in: 'Rzeszowie', powiat: 'Rzeszów' },
    { city: 'Dębica', in: 'Dębicy', powiat: 'dębicki' },
    { city: 'Krosno', in: 'Krośnie', powiat: 'Krosno' },
    { city: 'Sanok', in: 'Sanoku', powiat: 'sanocki' },
    { city: 'Bukowsko', in: 'Bukowsku', powiat: 'sanocki' },
  ],
  podlaskie: [
    { city: 'Białystok', in: 'Białymstoku', powiat: 'Białystok' },
    { city: 'Suwałki', in: 'Suwałkach', powiat: 'Suwałki' },
    { city: 'Łomża', in: 'Łomży', powiat: 'Łomża' },
    { city: 'Augustów', in: 'Augustowie', powiat: 'augustowski' },
  ],
  pomorskie: [
    { city: 'Gdańsk', in: 'Gdańsku', powiat: 'Gdańsk' },
    { city: 'Gdynia', in: 'Gdyni', powiat: 'Gdynia' },
    { city: 'Słupsk', in: 'Słupsku', powiat: 'Słupsk' },
    { city: 'Starogard Gdański', in: 'Starogardzie Gdańskim', powiat: 'starogardzki' },
  ],
  slaskie: [
    { city: 'Katowice', in: 'Katowicach', powiat: 'Katowice' },
    { city: 'Gliwice', in: 'Gliwicach', powiat: 'Gliwice' },
    { city: 'Bielsko-Biała', in: 'Bielsku-Białej', powiat: 'Bielsko-Biała' },
    { city: 'Częstochowa', in: 'Częstochowie', powiat: 'Częstochowa' },
  ],
  swietokrzyskie: [
    { city: 'Kielce', in: 'Kielcach', powiat: 'Kielce' },
    { city: 'Starachowice', in: 'Starachowicach', powiat: 'starachowicki' },
    { city: 'Ostrowiec Świętokrzyski', in: 'Ostrowcu Świętokrzyskim', powiat: 'ostrowiecki' },
    { city: 'Sandomierz', in: 'Sandomierzu', powiat: 'sandomierski' },
  ],
  warminsko_mazurskie: [
    { city: 'Olsztyn', in: 'Olsztynie', powiat: 'Olsztyn' },
    { city: 'Elbląg', in: 'Elblągu', powiat: 'Elbląg' },
    { city: 'Ełk', in: 'Ełku', powiat: 'ełcki' },
    { city: 'Giżycko', in: 'Giżycku', powiat: 'giżycki' },
  ],
  wielkopolskie: [
    { city: 'Poznań', in: 'Poznaniu', powiat: 'Poznań' },
    { city: 'Kalisz', in: 'Kaliszu', powiat: 'Kalisz' },
    { city: 'Konin', in: 'Koninie', powiat: 'Konin' },
    { city: 'Piła', in: 'Pile', powiat: 'pilski' },
  ],
  zachodniopomorskie: [
    { city: 'Szczecin', in: 'Szczecinie', powiat: 'Szczecin' },
    { city: 'Koszalin', in: 'Koszalinie', powiat: 'Koszalin' },
    { city: 'Stargard', in: 'Stargardzie', powiat: 'stargardzki' },
    { city: 'Kołobrzeg', in: 'Kołobrzegu', powiat: 'kołobrzeski' },
  ],
};

/** The województwo's name after "województwa …" (genitive). */
export const VOIVODESHIP_GENITIVE: Record<Voivodeship, string> = {
  dolnoslaskie: 'dolnośląskiego', kujawsko_pomorskie: 'kujawsko-pomorskiego', lubelskie: 'lubelskiego', lubuskie: 'lubuskiego',
  lodzkie: 'łódzkiego', malopolskie: 'małopolskiego', mazowieckie: 'mazowieckiego', opolskie: 'opolskiego',
  podkarpackie: 'podkarpackiego', podlaskie: 'podlaskiego', pomorskie: 'pomorskiego', slaskie: 'śląskiego',
  swietokrzyskie: 'świętokrzyskiego', warminsko_mazurskie: 'warmińsko-mazurskiego', wielkopolskie: 'wielkopolskiego',
  zachodniopomorskie: 'zachodniopomorskiego',
};

export const FIRST_NAMES_F = ['Anna', 'Maria', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Barbara', 'Ewa', 'Magdalena', 'Joanna', 'Aleksandra', 'Monika', 'Beata', 'Dorota', 'Elżbieta', 'Justyna', 'Renata', 'Iwona', 'Marta', 'Sylwia', 'Agata'];
export const FIRST_NAMES_M = ['Piotr', 'Krzysztof', 'Andrzej', 'Tomasz', 'Paweł', 'Marcin', 'Michał', 'Marek', 'Grzegorz', 'Jan', 'Łukasz', 'Adam', 'Wojciech', 'Robert', 'Mariusz', 'Dariusz', 'Rafał', 'Jacek', 'Zbigniew', 'Artur'];
/** [masculine, feminine] */
export const SURNAMES: [string, string][] = [
  ['Nowak', 'Nowak'], ['Kowalski', 'Kowalska'], ['Wiśniewski', 'Wiśniewska'], ['Wójcik', 'Wójcik'], ['Kowalczyk', 'Kowalczyk'],
  ['Kamiński', 'Kamińska'], ['Lewandowski', 'Lewandowska'], ['Zieliński', 'Zielińska'], ['Szymański', 'Szymańska'], ['Woźniak', 'Woźniak'],
  ['Dąbrowski', 'Dąbrowska'], ['Kozłowski', 'Kozłowska'], ['Jankowski', 'Jankowska'], ['Mazur', 'Mazur'], ['Kwiatkowski', 'Kwiatkowska'],
  ['Krawczyk', 'Krawczyk'], ['Piotrowski', 'Piotrowska'], ['Grabowski', 'Grabowska'], ['Nowakowski', 'Nowakowska'], ['Pawłowski', 'Pawłowska'],
  ['Michalski', 'Michalska'], ['Adamczyk', 'Adamczyk'], ['Dudek', 'Dudek'], ['Zając', 'Zając'], ['Wieczorek', 'Wieczorek'],
  ['Jabłoński', 'Jabłońska'], ['Król', 'Król'], ['Majewski', 'Majewska'], ['Olszewski', 'Olszewska'], ['Jaworski', 'Jaworska'],
  ['Wróbel', 'Wróbel'], ['Malinowski', 'Malinowska'], ['Pawlak', 'Pawlak'], ['Witkowski', 'Witkowska'], ['Walczak', 'Walczak'],
  ['Stępień', 'Stępień'], ['Górski', 'Górska'], ['Rutkowski', 'Rutkowska'], ['Michalak', 'Michalak'], ['Sikora', 'Sikora'],
];

export const TOPICS = [
  'usługi opiekuńcze w miejscu zamieszkania', 'wsparcie wytchnieniowe dla opiekunów', 'plan usług społecznych gminy',
  'deinstytucjonalizacja usług społecznych', 'asystencja osobista osób z niepełnosprawnościami', 'mieszkania wspomagane i treningowe',
  'praca socjalna ze społecznością lokalną', 'partnerstwo z organizacjami pozarządowymi', 'koordynacja usług w gminie',
  'wsparcie rodzin z dziećmi', 'aktywizacja seniorów', 'przeciwdziałanie samotności osób starszych', 'zdrowie psychiczne dzieci i młodzieży',
  'integracja cudzoziemców', 'organizowanie społeczności lokalnej', 'diagnoza potrzeb mieszkańców', 'zlecanie usług społecznych',
  'usługi sąsiedzkie', 'teleopieka i opieka na odległość', 'przeciwdziałanie przemocy domowej', 'wolontariat senioralny',
  'pomoc żywnościowa', 'asystentura rodziny', 'usługi dla osób w kryzysie bezdomności', 'dzienne domy pobytu',
];

export const INSTITUTION_PATTERNS = [
  { kind: 'cus', name: (p: Place) => `Centrum Usług Społecznych w ${p.in}`, short: 'CUS' },
  { kind: 'ops', name: (p: Place) => `Ośrodek Pomocy Społecznej w ${p.in}`, short: 'OPS' },
  { kind: 'pcpr', name: (p: Place) => `Powiatowe Centrum Pomocy Rodzinie w ${p.in}`, short: 'PCPR' },
  { kind: 'samorzad_gminy', name: (p: Place) => `Urząd Miasta i Gminy ${p.city}`, short: null },
  { kind: 'placowka', name: (p: Place) => `Dzienny Dom Senior+ w ${p.in}`, short: null },
  { kind: 'placowka', name: (p: Place) => `Środowiskowy Dom Samopomocy w ${p.in}`, short: 'ŚDS' },
  { kind: 'organizacja_pozarzadowa', name: (p: Place) => `Stowarzyszenie „Razem dla ${p.city}”`, short: null },
  { kind: 'organizacja_pozarzadowa', name: (p: Place) => `Fundacja Wsparcia Rodzin w ${p.in}`, short: null },
] as const;

export const UNIVERSITIES = [
  'Uniwersytet Warszawski', 'Uniwersytet Jagielloński', 'Uniwersytet Marii Curie-Skłodowskiej w Lublinie', 'Uniwersytet Rzeszowski',
  'Uniwersytet Łódzki', 'Uniwersytet Gdański', 'Uniwersytet Śląski w Katowicach', 'Uniwersytet im. Adama Mickiewicza w Poznaniu',
  'Uniwersytet Kardynała Stefana Wyszyńskiego w Warszawie', 'Uniwersytet Jana Kochanowskiego w Kielcach',
];

export const PHOTO_SCENES = [
  'Uczestnicy konferencji na sali obrad', 'Prelegentka przy mównicy', 'Panel dyskusyjny z udziałem samorządowców',
  'Rozmowy w przerwie kawowej', 'Warsztaty w małych grupach', 'Goście wizyty studyjnej w pracowni terapii zajęciowej',
  'Podpisanie porozumienia o współpracy', 'Prezentacja wyników badań', 'Seniorzy podczas zajęć w dziennym domu',
  'Pamiątkowe zdjęcie uczestników',
];

export const FUNDING = [
  { programme: 'Program Operacyjny Wiedza Edukacja Rozwój 2014–2020', priorityAxis: 'II Efektywne polityki publiczne dla rynku pracy, gospodarki i edukacji', measure: '2.8 Rozwój usług społecznych świadczonych w środowisku lokalnym', funder: 'Unia Europejska, Europejski Fundusz Społeczny' },
  { programme: 'Fundusze Europejskie dla Rozwoju Społecznego 2021–2027', priorityAxis: null, measure: '4.12 Wsparcie procesu deinstytucjonalizacji', funder: 'Unia Europejska, Europejski Fundusz Społeczny Plus' },
  { programme: 'Program „Korpus Wsparcia Seniorów”', priorityAxis: null, measure: null, funder: 'Ministerstwo Rodziny, Pracy i Polityki Społecznej' },
];
