// Polish labels and hints the admin shows for each field. Field names stay English in code;
// editors read these. Applied to the content-manager's view settings at bootstrap and used in
// validation messages, so the message names the field exactly as the form does.

export interface FieldLabel {
  label: string;
  description?: string;
  placeholder?: string;
}

export type LabelMap = Record<string, Record<string, FieldLabel>>;

export const FIELD_LABELS: LabelMap = {
  'api::event.event': {
    title: { label: 'Tytuł', description: 'Pełna nazwa wydarzenia, np. „Konferencja podsumowująca dwa lata CUS”.' },
    slug: { label: 'Adres strony (slug)', description: 'Tworzony z tytułu automatycznie; zmieniaj tylko przed pierwszą publikacją.' },
    type: { label: 'Rodzaj wydarzenia', description: 'Wybierz z listy: konferencja, kongres, wizyta studyjna, szkolenie, warsztaty, spotkanie lub inne.' },
    lead: { label: 'Wstęp', description: 'Dwa, trzy zdania streszczenia: pokazywane na liście wydarzeń i w wynikach wyszukiwania.' },
    body: {
      label: 'Treść relacji',
      description:
        'Nagłówek lub cytat wybierzesz z listy „Rodzaj bloku” na pasku edytora, listę — przyciskami list. Odnośnik: zaznacz tekst, kliknij przycisk ' +
        'odnośnika i wklej adres. Zdjęcie wstawisz z Biblioteki mediów; tekst alternatywny zdjęcia uzupełnia się w Bibliotece mediów.',
    },
    dates: { label: 'Terminy', description: 'Dzień lub przedział dni; dodaj kolejny termin, jeśli wydarzenie miało kilka części (np. 19–21 i 26 czerwca).' },
    startsOn: { label: 'Pierwszy dzień', description: 'Uzupełniane samo z terminów; służy do sortowania listy.' },
    venue: { label: 'Miejsce' },
    format: { label: 'Forma udziału', description: 'Stacjonarne, online lub hybrydowe.' },
    streamUrl: { label: 'Link do transmisji', description: 'Adres transmisji lub nagrania (dla wydarzeń online i hybrydowych).' },
    organizers: { label: 'Organizatorzy', description: 'Instytucje, które przygotowały wydarzenie. Wpisz początek nazwy i wybierz z listy.' },
    partners: { label: 'Partnerzy', description: 'Instytucje współpracujące lub patronujące (nie organizatorzy).' },
    participants: { label: 'Instytucje uczestniczące', description: 'Instytucje, których przedstawiciele wzięli udział w wydarzeniu.' },
    appearances: { label: 'Osoby i wystąpienia', description: 'Każda osoba z rolą na wydarzeniu i funkcją, którą wtedy pełniła.' },
    cover: { label: 'Zdjęcie główne' },
    gallery: { label: 'Galeria zdjęć' },
    attachments: { label: 'Załączniki', description: 'Prezentacje i dokumenty do pobrania (PDF).' },
    attendance: { label: 'Liczba uczestników' },
    attendanceApproximate: { label: 'Liczba przybliżona', description: 'Zaznacz, jeśli źródło podaje „około”.' },
    audience: { label: 'Uczestnicy (opis)', description: 'Kto brał udział, np. „przedstawiciele samorządów i ośrodków pomocy społecznej”.' },
    funding: { label: 'Finansowanie' },
    credits: { label: 'Autorzy', description: 'Np. „Tekst i foto: Jan Kowalski”.' },
    sourceName: { label: 'Źródło (nazwa)' },
    sourceUrl: { label: 'Źródło (adres)' },
    seo: { label: 'Wyszukiwarki i udostępnianie' },
  },
  'api::speaker.speaker': {
    name: { label: 'Imię i nazwisko' },
    slug: { label: 'Adres strony (slug)' },
    honorific: { label: 'Tytuł naukowy', description: 'Np. „dr hab.”, „prof. dr hab.”.' },
    position: { label: 'Obecne stanowisko' },
    institution: { label: 'Instytucja' },
    bio: { label: 'Krótki biogram' },
    photo: { label: 'Zdjęcie' },
  },
  'api::institution.institution': {
    name: { label: 'Nazwa' },
    slug: { label: 'Adres strony (slug)' },
    shortName: { label: 'Nazwa skrócona', description: 'Np. „ROPS w Rzeszowie”, „CUS Bukowsko”.' },
    kind: { label: 'Rodzaj instytucji' },
    city: { label: 'Miejscowość' },
    gmina: { label: 'Gmina' },
    powiat: { label: 'Powiat' },
    voivodeship: { label: 'Województwo' },
    website: { label: 'Strona internetowa' },
    description: { label: 'Opis' },
    logo: { label: 'Logo' },
    people: { label: 'Osoby' },
    organizedEvents: { label: 'Zorganizowane wydarzenia' },
    partneredEvents: { label: 'Wydarzenia jako partner' },
    attendedEvents: { label: 'Udział w wydarzeniach' },
  },
  'api::gallery.gallery': {
    title: { label: 'Tytuł galerii' },
    slug: { label: 'Adres strony (slug)' },
    event: { label: 'Wydarzenie' },
    photographer: { label: 'Autor zdjęć' },
    photos: { label: 'Zdjęcia', description: 'Każde zdjęcie musi mieć tekst alternatywny: strona jest serwisem podmiotu publicznego.' },
  },
  'api::site-setting.site-setting': {
    siteName: { label: 'Nazwa serwisu' },
    siteDescription: { label: 'Opis serwisu' },
    siteUrl: { label: 'Adres serwisu' },
    publisherName: { label: 'Wydawca' },
    publisherAddress: { label: 'Adres wydawcy' },
    contactEmail: { label: 'E-mail kontaktowy' },
    contactPhone: { label: 'Telefon kontaktowy' },
    accessibility: { label: 'Deklaracja dostępności' },
  },
  'event.date-range': {
    start: { label: 'Data rozpoczęcia' },
    end: { label: 'Data zakończenia', description: 'Pomiń, jeśli wydarzenie trwało jeden dzień.' },
    startTime: { label: 'Godzina rozpoczęcia' },
    endTime: { label: 'Godzina zakończenia' },
    label: { label: 'Opis terminu', description: 'Np. „wizyta dla przyszłych dyrektorów CUS”.' },
    summary: { label: 'Termin w skrócie', description: 'Uzupełniane samo przy zapisie; widoczne na zwiniętym wierszu.' },
  },
  'event.venue': {
    name: { label: 'Nazwa miejsca', description: 'Np. „Centrum Spotkania Kultur”.' },
    address: { label: 'Ulica i numer' },
    postalCode: { label: 'Kod pocztowy' },
    city: { label: 'Miejscowość' },
    voivodeship: { label: 'Województwo', description: 'Województwo, w którym odbyło się wydarzenie (do archiwum i kalendarzy regionalnych).' },
  },
  'event.appearance': {
    speaker: { label: 'Osoba', description: 'Wpisz początek imienia lub nazwiska i wybierz z listy; nową osobę dodasz w „Osoby”.' },
    role: { label: 'Rola na wydarzeniu', description: 'Np. prelegent, moderator, prowadzący.' },
    function: { label: 'Funkcja pełniona wtedy', description: 'Np. „Dyrektor CUS w Bełżycach”.' },
    affiliation: { label: 'Reprezentowana instytucja', description: 'Instytucja, w imieniu której osoba wystąpiła.' },
    talkTitle: { label: 'Tytuł wystąpienia' },
    note: { label: 'Uwagi' },
    summary: { label: 'Wystąpienie w skrócie', description: 'Uzupełniane samo przy zapisie; widoczne na zwiniętym wierszu.' },
  },
  'event.funding': {
    programme: { label: 'Program' },
    priorityAxis: { label: 'Oś priorytetowa' },
    measure: { label: 'Działanie' },
    project: { label: 'Projekt' },
    funder: { label: 'Finansujący' },
  },
  'event.credit': {
    role: { label: 'Rola', description: 'Np. „Tekst i foto”.' },
    name: { label: 'Imię i nazwisko' },
  },
  'gallery.photo': {
    image: { label: 'Zdjęcie' },
    alt: { label: 'Tekst alternatywny', description: 'Co widać na zdjęciu, jednym zdaniem, dla osób niewidomych.' },
    caption: { label: 'Podpis' },
  },
  'shared.seo': {
    metaTitle: { label: 'Tytuł dla wyszukiwarek' },
    metaDescription: { label: 'Opis dla wyszukiwarek' },
    shareImage: { label: 'Obraz do udostępnień' },
    noIndex: { label: 'Ukryj przed wyszukiwarkami' },
  },
  'settings.accessibility-statement': {
    entityName: { label: 'Nazwa podmiotu' },
    publicationDate: { label: 'Data publikacji strony' },
    lastUpdateDate: { label: 'Data ostatniej istotnej aktualizacji' },
    status: { label: 'Stan dostępności cyfrowej' },
    nonCompliance: { label: 'Treści niedostępne', description: 'Lista treści, które nie są dostępne, z powodem (przyciskiem listy w edytorze).' },
    exemptions: { label: 'Wyłączenia', description: 'Treści wyłączone z obowiązku dostępności, z podstawą prawną.' },
    preparedDate: { label: 'Data sporządzenia deklaracji' },
    reviewedDate: { label: 'Data ostatniego przeglądu deklaracji' },
    assessmentMethod: { label: 'Metoda oceny' },
    assessorName: { label: 'Podmiot zewnętrzny oceniający' },
    contactPerson: { label: 'Osoba kontaktowa' },
    contactEmail: { label: 'E-mail osoby kontaktowej' },
    contactPhone: { label: 'Telefon osoby kontaktowej' },
    keyboardShortcuts: { label: 'Skróty klawiaturowe' },
    architecturalAccessibility: { label: 'Dostępność architektoniczna', description: 'Wejścia, windy, toalety, miejsca parkingowe, pętla indukcyjna, pies asystujący.' },
    signLanguage: { label: 'Tłumacz języka migowego' },
    mobileApps: { label: 'Aplikacje mobilne' },
  },
};

/** The label of a field, for messages: falls back to the field name. */
export function fieldLabel(uid: string, field: string): string {
  return FIELD_LABELS[uid]?.[field]?.label ?? field;
}
