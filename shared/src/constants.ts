// Enumerations of the content model with their Polish labels. The CMS schemas hold the same
// values (a test keeps the two in sync); the site shows the labels.

export const EVENT_TYPES = ['konferencja', 'kongres', 'wizyta_studyjna', 'szkolenie', 'warsztaty', 'spotkanie', 'inne'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const EVENT_TYPE_LABELS: Record<EventType, string> = {
  konferencja: 'Konferencja',
  kongres: 'Kongres',
  wizyta_studyjna: 'Wizyta studyjna',
  szkolenie: 'Szkolenie',
  warsztaty: 'Warsztaty',
  spotkanie: 'Spotkanie',
  inne: 'Inne',
};

export const EVENT_FORMATS = ['stacjonarne', 'online', 'hybrydowe'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];
export const EVENT_FORMAT_LABELS: Record<EventFormat, string> = {
  stacjonarne: 'Stacjonarne',
  online: 'Online',
  hybrydowe: 'Hybrydowe (stacjonarnie i online)',
};

export const VOIVODESHIPS = [
  'dolnoslaskie', 'kujawsko_pomorskie', 'lubelskie', 'lubuskie', 'lodzkie', 'malopolskie', 'mazowieckie', 'opolskie',
  'podkarpackie', 'podlaskie', 'pomorskie', 'slaskie', 'swietokrzyskie', 'warminsko_mazurskie', 'wielkopolskie', 'zachodniopomorskie',
] as const;
export type Voivodeship = (typeof VOIVODESHIPS)[number];
export const VOIVODESHIP_LABELS: Record<Voivodeship, string> = {
  dolnoslaskie: 'dolnośląskie',
  kujawsko_pomorskie: 'kujawsko-pomorskie',
  lubelskie: 'lubelskie',
  lubuskie: 'lubuskie',
  lodzkie: 'łódzkie',
  malopolskie: 'małopolskie',
  mazowieckie: 'mazowieckie',
  opolskie: 'opolskie',
  podkarpackie: 'podkarpackie',
  podlaskie: 'podlaskie',
  pomorskie: 'pomorskie',
  slaskie: 'śląskie',
  swietokrzyskie: 'świętokrzyskie',
  warminsko_mazurskie: 'warmińsko-mazurskie',
  wielkopolskie: 'wielkopolskie',
  zachodniopomorskie: 'zachodniopomorskie',
};
/** URL segment of each województwo: "kujawsko-pomorskie", "lodzkie". */
export const voivodeshipSlug = (v: Voivodeship): string => v.replace(/_/g, '-');

export const APPEARANCE_ROLES = [
  'prelegent', 'moderator', 'panelista', 'gosc_honorowy', 'gospodarz', 'prowadzacy',
  'otwarcie', 'podsumowanie', 'uczestnik', 'organizator', 'autor_listu',
] as const;
export type AppearanceRole = (typeof APPEARANCE_ROLES)[number];
export const APPEARANCE_ROLE_LABELS: Record<AppearanceRole, string> = {
  prelegent: 'wystąpienie',
  moderator: 'moderacja',
  panelista: 'udział w panelu',
  gosc_honorowy: 'gość honorowy',
  gospodarz: 'gospodarz',
  prowadzacy: 'prowadzenie',
  otwarcie: 'otwarcie',
  podsumowanie: 'podsumowanie',
  uczestnik: 'udział',
  organizator: 'organizator',
  autor_listu: 'list do uczestników',
};

/**
 * How the admin names each role when an editor picks it: the person's role with its feminine
 * form (the site shows APPEARANCE_ROLE_LABELS, the activity, which needs none).
 */
export const APPEARANCE_ROLE_EDITOR_LABELS: Record<AppearanceRole, string> = {
  prelegent: 'Prelegent / prelegentka (wystąpienie)',
  moderator: 'Moderator / moderatorka',
  panelista: 'Panelista / panelistka',
  gosc_honorowy: 'Gość honorowy / honorowa',
  gospodarz: 'Gospodarz / gospodyni',
  prowadzacy: 'Prowadzący / prowadząca',
  otwarcie: 'Otwierający / otwierająca wydarzenie',
  podsumowanie: 'Podsumowujący / podsumowująca',
  uczestnik: 'Uczestnik / uczestniczka',
  organizator: 'Organizator / organizatorka',
  autor_listu: 'Autor / autorka listu do uczestników',
};

export const INSTITUTION_KINDS = [
  'cus', 'ops', 'pcpr', 'rops', 'samorzad_gminy', 'samorzad_powiatu', 'samorzad_wojewodztwa', 'urzad_wojewodzki',
  'ministerstwo', 'kancelaria_prezydenta', 'administracja_rzadowa', 'uczelnia', 'organizacja_pozarzadowa', 'placowka', 'inne',
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];
export const INSTITUTION_KIND_LABELS: Record<InstitutionKind, string> = {
  cus: 'Centrum usług społecznych',
  ops: 'Ośrodek pomocy społecznej',
  pcpr: 'Powiatowe centrum pomocy rodzinie',
  rops: 'Regionalny ośrodek polityki społecznej',
  samorzad_gminy: 'Samorząd gminy',
  samorzad_powiatu: 'Samorząd powiatu',
  samorzad_wojewodztwa: 'Samorząd województwa',
  urzad_wojewodzki: 'Urząd wojewódzki',
  ministerstwo: 'Ministerstwo',
  kancelaria_prezydenta: 'Kancelaria Prezydenta RP',
  administracja_rzadowa: 'Administracja rządowa',
  uczelnia: 'Uczelnia',
  organizacja_pozarzadowa: 'Organizacja pozarządowa',
  placowka: 'Placówka',
  inne: 'Inna instytucja',
};

export const ACCESSIBILITY_STATUSES = ['zgodna', 'czesciowo_zgodna', 'niezgodna'] as const;
export type AccessibilityStatus = (typeof ACCESSIBILITY_STATUSES)[number];
export const ACCESSIBILITY_STATUS_LABELS: Record<AccessibilityStatus, string> = {
  zgodna: 'zgodna',
  czesciowo_zgodna: 'częściowo zgodna',
  niezgodna: 'niezgodna',
};

export const ASSESSMENT_METHODS = ['samoocena', 'podmiot_zewnetrzny'] as const;
export type AssessmentMethod = (typeof ASSESSMENT_METHODS)[number];
export const ASSESSMENT_METHOD_LABELS: Record<AssessmentMethod, string> = {
  samoocena: 'samoocena',
  podmiot_zewnetrzny: 'badanie przez podmiot zewnętrzny',
};
