// The nouns institutions and venues are named after ("Ośrodek", "Urząd", "Centrum", "Hotel"), with
// their singular cases: the importer finds "z Regionalnym Ośrodkiem Polityki Społecznej" for
// "Regionalny Ośrodek Polityki Społecznej", and turns "w Hotelu Europa" into "Hotel Europa".
// Irregular stems (Urząd/Urzędzie, Miasto/Mieście) make a table safer than rules.

export type Gender = 'm' | 'f' | 'n';
/** Singular cases in order: nominative, genitive, dative, accusative, instrumental, locative. */
export type CaseForms = readonly [string, string, string, string, string, string];

export interface HeadNoun {
  gender: Gender;
  forms: CaseForms;
}

const m = (...forms: CaseForms): HeadNoun => ({ gender: 'm', forms });
const f = (...forms: CaseForms): HeadNoun => ({ gender: 'f', forms });
const n = (...forms: CaseForms): HeadNoun => ({ gender: 'n', forms });

const HEADS: HeadNoun[] = [
  n('centrum', 'centrum', 'centrum', 'centrum', 'centrum', 'centrum'),
  n('forum', 'forum', 'forum', 'forum', 'forum', 'forum'),
  n('muzeum', 'muzeum', 'muzeum', 'muzeum', 'muzeum', 'muzeum'),
  m('ośrodek', 'ośrodka', 'ośrodkowi', 'ośrodek', 'ośrodkiem', 'ośrodku'),
  m('urząd', 'urzędu', 'urzędowi', 'urząd', 'urzędem', 'urzędzie'),
  f('gmina', 'gminy', 'gminie', 'gminę', 'gminą', 'gminie'),
  n('ministerstwo', 'ministerstwa', 'ministerstwu', 'ministerstwo', 'ministerstwem', 'ministerstwie'),
  m('uniwersytet', 'uniwersytetu', 'uniwersytetowi', 'uniwersytet', 'uniwersytetem', 'uniwersytecie'),
  m('instytut', 'instytutu', 'instytutowi', 'instytut', 'instytutem', 'instytucie'),
  n('stowarzyszenie', 'stowarzyszenia', 'stowarzyszeniu', 'stowarzyszenie', 'stowarzyszeniem', 'stowarzyszeniu'),
  f('fundacja', 'fundacji', 'fundacji', 'fundację', 'fundacją', 'fundacji'),
  f('kancelaria', 'kancelarii', 'kancelarii', 'kancelarię', 'kancelarią', 'kancelarii'),
  m('bank', 'banku', 'bankowi', 'bank', 'bankiem', 'banku'),
  n('starostwo', 'starostwa', 'starostwu', 'starostwo', 'starostwem', 'starostwie'),
  m('powiat', 'powiatu', 'powiatowi', 'powiat', 'powiatem', 'powiecie'),
  n('miasto', 'miasta', 'miastu', 'miasto', 'miastem', 'mieście'),
  n('województwo', 'województwa', 'województwu', 'województwo', 'województwem', 'województwie'),
  m('zespół', 'zespołu', 'zespołowi', 'zespół', 'zespołem', 'zespole'),
  m('dom', 'domu', 'domowi', 'dom', 'domem', 'domu'),
  f('szkoła', 'szkoły', 'szkole', 'szkołę', 'szkołą', 'szkole'),
  f('uczelnia', 'uczelni', 'uczelni', 'uczelnię', 'uczelnią', 'uczelni'),
  f('akademia', 'akademii', 'akademii', 'akademię', 'akademią', 'akademii'),
  f('politechnika', 'politechniki', 'politechnice', 'politechnikę', 'politechniką', 'politechnice'),
  m('departament', 'departamentu', 'departamentowi', 'departament', 'departamentem', 'departamencie'),
  m('wydział', 'wydziału', 'wydziałowi', 'wydział', 'wydziałem', 'wydziale'),
  m('związek', 'związku', 'związkowi', 'związek', 'związkiem', 'związku'),
  m('klub', 'klubu', 'klubowi', 'klub', 'klubem', 'klubie'),
  f('biblioteka', 'biblioteki', 'bibliotece', 'bibliotekę', 'biblioteką', 'bibliotece'),
  f('spółdzielnia', 'spółdzielni', 'spółdzielni', 'spółdzielnię', 'spółdzielnią', 'spółdzielni'),
  f('rada', 'rady', 'radzie', 'radę', 'radą', 'radzie'),
  m('zarząd', 'zarządu', 'zarządowi', 'zarząd', 'zarządem', 'zarządzie'),
  m('sejmik', 'sejmiku', 'sejmikowi', 'sejmik', 'sejmikiem', 'sejmiku'),
  f('agencja', 'agencji', 'agencji', 'agencję', 'agencją', 'agencji'),
  f('izba', 'izby', 'izbie', 'izbę', 'izbą', 'izbie'),
  m('hotel', 'hotelu', 'hotelowi', 'hotel', 'hotelem', 'hotelu'),
  f('sala', 'sali', 'sali', 'salę', 'salą', 'sali'),
  f('aula', 'auli', 'auli', 'aulę', 'aulą', 'auli'),
  m('teatr', 'teatru', 'teatrowi', 'teatr', 'teatrem', 'teatrze'),
  f('filharmonia', 'filharmonii', 'filharmonii', 'filharmonię', 'filharmonią', 'filharmonii'),
  m('pałac', 'pałacu', 'pałacowi', 'pałac', 'pałacem', 'pałacu'),
  m('zamek', 'zamku', 'zamkowi', 'zamek', 'zamkiem', 'zamku'),
  f('świetlica', 'świetlicy', 'świetlicy', 'świetlicę', 'świetlicą', 'świetlicy'),
  f('hala', 'hali', 'hali', 'halę', 'halą', 'hali'),
  n('kino', 'kina', 'kinu', 'kino', 'kinem', 'kinie'),
  f('galeria', 'galerii', 'galerii', 'galerię', 'galerią', 'galerii'),
  m('budynek', 'budynku', 'budynkowi', 'budynek', 'budynkiem', 'budynku'),
  m('ratusz', 'ratusza', 'ratuszowi', 'ratusz', 'ratuszem', 'ratuszu'),
  f('placówka', 'placówki', 'placówce', 'placówkę', 'placówką', 'placówce'),
  n('towarzystwo', 'towarzystwa', 'towarzystwu', 'towarzystwo', 'towarzystwem', 'towarzystwie'),
  f('caritas', 'caritas', 'caritas', 'caritas', 'caritas', 'caritas'),
  f('siedziba', 'siedziby', 'siedzibie', 'siedzibę', 'siedzibą', 'siedzibie'),
];

/** Head nouns by their nominative (lower case). */
export const HEAD_BY_NOMINATIVE: ReadonlyMap<string, HeadNoun> = new Map(HEADS.map((h) => [h.forms[0], h]));

/** Head nouns by any of their forms (lower case): "ośrodkiem" → Ośrodek. */
export const HEADS_BY_FORM: ReadonlyMap<string, HeadNoun> = new Map(HEADS.flatMap((h) => h.forms.map((form) => [form, h] as const)));
