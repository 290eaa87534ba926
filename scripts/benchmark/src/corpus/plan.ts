import { VOIVODESHIPS, toIsoDate, type AppearanceRole, type BlockNode, type BlocksContent, type EventType, type Voivodeship } from '@cus/shared';
import { Random } from './random.ts';
import { FIRST_NAMES_F, FIRST_NAMES_M, FUNDING, INSTITUTION_PATTERNS, PHOTO_SCENES, PLACES, SURNAMES, TOPICS, UNIVERSITIES, VOIVODESHIP_GENITIVE, type Place } from './vocabulary.ts';

// The synthetic corpus as plain data, decided entirely by the seed: N events of the kinds CUS
// report on, spread over the 16 województwa and 2019–2026; people and institutions reused
// across events as in real life; a share of events with a gallery drawn from a pool of photos.
// Loading it into the CMS is load.ts; this file only decides what there is.

export interface CorpusOptions {
  seed: number;
  events: number;
  /** Distinct photos uploaded (galleries draw from them). */
  photos: number;
  /** Share of events with a gallery. */
  galleryShare: number;
  /** Photos in each gallery (default: 4 to 8). */
  photosPerGallery?: number;
  /** Galleries take photos from the pool in turn, none twice (while the pool lasts). */
  distinctPhotos?: boolean;
}

export interface PlannedInstitution { key: string; name: string; shortName: string | null; kind: string; city: string; gmina: string; powiat: string; voivodeship: Voivodeship }
export interface PlannedSpeaker { key: string; name: string; honorific: string | null; position: string; institution: string }
export interface PlannedPhoto { key: string; seed: number; name: string; alt: string; caption: string }
export interface PlannedEvent {
  key: string;
  title: string;
  type: EventType;
  lead: string;
  /** Strapi Blocks, as the CMS stores a body. */
  body: BlocksContent;
  dates: { start: string; end: string | null; label: string | null }[];
  venue: { name: string | null; address: string | null; postalCode: string | null; city: string | null; voivodeship: Voivodeship | null } | null;
  format: 'stacjonarne' | 'online' | 'hybrydowe';
  streamUrl: string | null;
  organizers: string[];
  partners: string[];
  participants: string[];
  appearances: { speaker: string; role: AppearanceRole; function: string; affiliation: string; talkTitle: string | null }[];
  attendance: number | null;
  attendanceApproximate: boolean;
  audience: string | null;
  funding: (typeof FUNDING)[number][];
  credits: { role: string; name: string }[];
  gallery: { title: string; photographer: string | null; photos: { photo: string; alt: string; caption: string }[] } | null;
}

export interface Corpus {
  options: CorpusOptions;
  institutions: PlannedInstitution[];
  speakers: PlannedSpeaker[];
  photos: PlannedPhoto[];
  events: PlannedEvent[];
}

const TYPE_WEIGHTS: [EventType, number][] = [
  ['konferencja', 30], ['szkolenie', 25], ['wizyta_studyjna', 15], ['warsztaty', 12], ['spotkanie', 12], ['kongres', 3], ['inne', 3],
];
const ROLE_WEIGHTS: [AppearanceRole, number][] = [
  ['prelegent', 40], ['panelista', 20], ['uczestnik', 15], ['moderator', 8], ['otwarcie', 6], ['gosc_honorowy', 5], ['prowadzacy', 4], ['podsumowanie', 2],
];
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function title(r: Random, type: EventType, topic: string, place: Place, voivodeship: Voivodeship): string {
  const t = cap(topic);
  switch (type) {
    case 'konferencja': return r.pick([`Konferencja „${t}” w ${place.in}`, `${t}: konferencja regionalna w ${place.in}`]);
    case 'kongres': return `${r.int(2, 9)}. Kongres Centrów Usług Społecznych województwa ${VOIVODESHIP_GENITIVE[voivodeship]}`;
    case 'wizyta_studyjna': return `Wizyta studyjna w Centrum Usług Społecznych w ${place.in}: ${topic}`;
    case 'szkolenie': return `Szkolenie „${t}” w ${place.in}`;
    case 'warsztaty': return `Warsztaty „${t}” w ${place.in}`;
    case 'spotkanie': return `Spotkanie sieci centrów usług społecznych w ${place.in}: ${topic}`;
    default: return `${t}: dzień otwarty w ${place.in}`;
  }
}

function sentence(r: Random, topic: string, place: Place, who: string): string {
  return r.pick([
    `Uczestnicy rozmawiali o tym, jak ${topic} zmienia codzienną pracę ośrodków pomocy społecznej.`,
    `${who} przypomniała, że dobrze zaplanowana usługa zaczyna się od rzetelnej diagnozy potrzeb mieszkańców.`,
    `Przedstawiciele gmin opowiadali o pierwszych miesiącach działania centrum i o tym, co udało się zmienić.`,
    `W ${place.in} od dwóch lat działa zespół, który łączy pracowników socjalnych, asystentów rodziny i organizatorów społeczności lokalnej.`,
    `Dużo uwagi poświęcono współpracy z organizacjami pozarządowymi, które prowadzą część usług na zlecenie gminy.`,
    `Padło wiele pytań o finansowanie: skąd wziąć środki na nowe usługi, gdy kończy się projekt.`,
    `Goście zwracali uwagę, że mieszkańcy coraz częściej sami zgłaszają potrzeby, gdy wiedzą, gdzie szukać pomocy.`,
    `Na przykładach pokazano, jak plan usług społecznych przekłada się na konkretne działania w sołectwach i osiedlach.`,
    `Rozmowa dotyczyła także kadr: jak zatrzymać doświadczonych pracowników i jak wspierać ich w trudnych sytuacjach.`,
    `Prelegenci podkreślali, że ${topic} wymaga stałej współpracy z ochroną zdrowia, szkołami i policją.`,
    `Wiele gmin korzysta już z doświadczeń pilotażu i dzieli się nimi na spotkaniach regionalnych.`,
    `Uczestnicy otrzymali materiały z opisem dobrych praktyk oraz wzory dokumentów, które można wykorzystać u siebie.`,
  ]);
}

const paragraph = (text: string): BlockNode => ({ type: 'paragraph', children: [{ type: 'text', text }] });
const heading = (text: string): BlockNode => ({ type: 'heading', level: 2, children: [{ type: 'text', text }] });

/** A report's body as the CMS's editor stores it: paragraphs, three headings and a list. */
function body(r: Random, topic: string, place: Place, who: string, organizer: string): BlocksContent {
  const para = (n: number) => Array.from({ length: n }, () => sentence(r, topic, place, who)).join(' ');
  const bullets = r.sample(TOPICS, r.int(3, 5)).map((t, i, all) => `${cap(t)}${i === all.length - 1 ? '.' : ','}`);
  return [
    paragraph(`Wydarzenie zorganizowała instytucja ${organizer}. ${para(r.int(4, 6))}`),
    heading('Program'),
    paragraph(para(r.int(4, 6))),
    paragraph('Tematy, o których była mowa:'),
    { type: 'list', format: 'unordered', children: bullets.map((text) => ({ type: 'list-item', children: [{ type: 'text', text }] })) },
    heading('Dyskusja'),
    paragraph(para(r.int(5, 7))),
    paragraph(para(r.int(4, 6))),
    heading('Co dalej'),
    paragraph(para(r.int(3, 5))),
  ];
}

export function planCorpus(options: CorpusOptions): Corpus {
  const r = new Random(options.seed);

  // Institutions: about one per eight events, at least 30, each a real place.
  const institutions: PlannedInstitution[] = [];
  const names = new Set<string>();
  const wanted = Math.max(30, Math.ceil(options.events / 8));
  for (let tries = 0; institutions.length < wanted && tries < wanted * 20; tries++) {
    const voivodeship = r.pick(VOIVODESHIPS);
    const place = r.pick(PLACES[voivodeship]);
    const university = r.chance(0.06);
    const pattern = r.pick(INSTITUTION_PATTERNS);
    let name = university ? r.pick(UNIVERSITIES) : pattern.name(place);
    // Large corpora need more institutions than places × kinds: number the branches.
    if (names.has(name)) {
      if (university) continue;
      name = `${name}, filia nr ${r.int(2, 40)}`;
      if (names.has(name)) continue;
    }
    names.add(name);
    institutions.push({
      key: `i${institutions.length}`,
      name,
      shortName: university ? null : pattern.short ? `${pattern.short} ${place.city}` : null,
      kind: university ? 'uczelnia' : pattern.kind,
      city: place.city,
      gmina: place.city,
      powiat: place.powiat,
      voivodeship,
    });
  }

  // People: about one per three events, each with a position at one institution.
  const speakers: PlannedSpeaker[] = [];
  const people = new Set<string>();
  const wantedPeople = Math.max(40, Math.ceil(options.events / 3));
  for (let tries = 0; speakers.length < wantedPeople && tries < wantedPeople * 20; tries++) {
    const female = r.chance(0.62);
    const [m, f] = r.pick(SURNAMES);
    let name = `${r.pick(female ? FIRST_NAMES_F : FIRST_NAMES_M)} ${female ? f : m}`;
    if (people.has(name)) name = `${r.pick(female ? FIRST_NAMES_F : FIRST_NAMES_M)} ${name}`; // second given name
    if (people.has(name)) continue;
    people.add(name);
    const institution = r.pick(institutions);
    const position = institution.kind === 'uczelnia'
      ? `${female ? 'Pracowniczka' : 'Pracownik'} naukowy, ${institution.name}`
      : `${r.pick(female ? ['Dyrektorka', 'Kierowniczka', 'Koordynatorka usług', 'Specjalistka pracy socjalnej', 'Asystentka rodziny'] : ['Dyrektor', 'Kierownik', 'Koordynator usług', 'Specjalista pracy socjalnej', 'Asystent rodziny'])}, ${institution.name}`;
    speakers.push({
      key: `s${speakers.length}`,
      name,
      honorific: institution.kind === 'uczelnia' ? r.pick(['dr', 'dr hab.', 'prof. dr hab.']) : r.chance(0.05) ? 'dr' : null,
      position,
      institution: institution.key,
    });
  }

  const photos: PlannedPhoto[] = Array.from({ length: options.photos }, (_, i) => {
    const scene = r.pick(PHOTO_SCENES);
    return { key: `p${i}`, seed: r.int(1, 2 ** 31), name: `zdjecie-${String(i + 1).padStart(4, '0')}.jpg`, alt: `${scene} (zdjęcie przykładowe nr ${i + 1})`, caption: scene };
  });

  const events: PlannedEvent[] = [];
  let nextPhoto = 0;
  const galleryPhotos = (): PlannedPhoto[] => {
    const count = options.photosPerGallery ?? r.int(4, 8);
    if (!options.distinctPhotos) return r.sample(photos, count);
    const taken = photos.slice(nextPhoto, nextPhoto + count);
    nextPhoto += count;
    return taken.length === count ? taken : r.sample(photos, count);
  };
  for (let n = 1; n <= options.events; n++) {
    const type = r.weighted(TYPE_WEIGHTS);
    const voivodeship = r.pick(VOIVODESHIPS);
    const place = r.pick(PLACES[voivodeship]);
    const topic = r.pick(TOPICS);
    const local = institutions.filter((i) => i.voivodeship === voivodeship);
    const organizers = r.sample(local.length > 0 ? local : institutions, r.int(1, 2));
    const partners = r.sample(institutions, r.chance(0.5) ? r.int(1, 3) : 0).filter((i) => !organizers.includes(i));
    const participants = r.sample(institutions, r.int(0, 6)).filter((i) => !organizers.includes(i) && !partners.includes(i));
    const cast = r.sample(speakers, r.int(3, 12));
    const appearances = cast.map((s) => ({
      speaker: s.key,
      role: r.weighted(ROLE_WEIGHTS),
      function: s.position,
      affiliation: s.institution,
      talkTitle: r.chance(0.4) ? cap(r.pick(TOPICS)) : null,
    }));

    const start = new Date(Date.UTC(r.int(2019, 2026), r.int(0, 11), r.int(1, 28)));
    const iso = (d: Date) => toIsoDate(new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    const addDays = (d: Date, k: number) => new Date(d.getTime() + k * 86_400_000);
    const dates: PlannedEvent['dates'] = [];
    const multiDay = r.chance(type === 'kongres' || type === 'wizyta_studyjna' ? 0.7 : 0.2);
    dates.push({ start: iso(start), end: multiDay ? iso(addDays(start, r.int(1, 2))) : null, label: null });
    if (r.chance(0.08)) {
      const second = addDays(start, r.int(7, 14));
      dates.push({ start: iso(second), end: null, label: 'druga część' });
      dates[0]!.label = 'pierwsza część';
    }

    const format = r.weighted([['stacjonarne', 70], ['hybrydowe', 20], ['online', 10]] as const);
    const who = speakers.find((s) => s.key === cast[0]!.key)!.name;
    const hasGallery = options.photos > 0 && r.chance(options.galleryShare);
    const eventTitle = title(r, type, topic, place, voivodeship);
    events.push({
      key: `e${n}`,
      title: eventTitle,
      type,
      lead: `${cap(topic)} – o tym rozmawiali uczestnicy wydarzenia w ${place.in}. Relacja z przebiegu, wystąpień i wniosków.`,
      body: body(r, topic, place, who, organizers[0]!.name),
      dates,
      venue: format === 'online' ? null : { name: r.chance(0.6) ? `Sala konferencyjna, ${organizers[0]!.name}` : null, address: r.chance(0.6) ? `ul. ${r.pick(['Długa', 'Szkolna', 'Kościuszki', 'Mickiewicza', 'Rynek'])} ${r.int(1, 60)}` : null, postalCode: null, city: place.city, voivodeship },
      format,
      streamUrl: format === 'stacjonarne' ? null : `https://www.youtube.com/watch?v=cus${r.int(100000, 999999)}`,
      organizers: organizers.map((i) => i.key),
      partners: partners.map((i) => i.key),
      participants: participants.map((i) => i.key),
      appearances,
      attendance: r.chance(0.5) ? r.int(15, 400) : null,
      attendanceApproximate: r.chance(0.4),
      audience: r.chance(0.5) ? 'Pracownicy ośrodków pomocy społecznej, przedstawiciele samorządów i organizacji pozarządowych.' : null,
      funding: r.chance(0.3) ? [r.pick(FUNDING)] : [],
      credits: r.chance(0.5) ? [{ role: 'Tekst i zdjęcia', name: r.pick(speakers).name }] : [],
      gallery: hasGallery
        ? {
            title: `Galeria: ${eventTitle}`,
            photographer: r.chance(0.5) ? r.pick(speakers).name : null,
            photos: galleryPhotos().map((p) => ({ photo: p.key, alt: p.alt, caption: p.caption })),
          }
        : null,
    });
  }
  return { options, institutions, speakers, photos, events };
}

