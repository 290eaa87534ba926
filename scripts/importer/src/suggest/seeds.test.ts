import { describe, expect, it } from 'vitest';
import { buildNameIndex } from './name-index.ts';
import { suggest } from './index.ts';
import { expectValidEvidence, only } from './test-helpers.ts';

// Whole reports: sentences of the seed reports (real CUS event reports), copied here, through
// suggest() with a directory holding the people and institutions they name.

const names = buildNameIndex({
  people: [
    { documentId: 'maczka', name: 'Piotr Mączka' },
    { documentId: 'korycka', name: 'Sylwia Korycka-Żymuła' },
    { documentId: 'jeczmienionka', name: 'Jerzy Jęczmienionka' },
    { documentId: 'kuberski', name: 'Kazimierz Kuberski' },
    { documentId: 'zielinska', name: 'Monika Zielińska' },
    { documentId: 'zaras', name: 'Aneta Zaraś' },
    { documentId: 'malag', name: 'Marlena Maląg' },
    { documentId: 'stawiarski', name: 'Jarosław Stawiarski' },
  ],
  institutions: [
    { documentId: 'rops-rz', name: 'Regionalny Ośrodek Polityki Społecznej w Rzeszowie', shortName: 'ROPS w Rzeszowie' },
    { documentId: 'rops-lu', name: 'Regionalny Ośrodek Polityki Społecznej w Lublinie' },
    { documentId: 'cus-debica', name: 'Centrum Usług Społecznych Gminy Dębica' },
    { documentId: 'bank', name: 'Podkarpacki Bank Żywności' },
    { documentId: 'mrpips', name: 'Ministerstwo Rodziny, Pracy i Polityki Społecznej', shortName: 'MRPiPS' },
    { documentId: 'ur', name: 'Uniwersytet Rzeszowski' },
    { documentId: 'kprp', name: 'Kancelaria Prezydenta RP' },
  ],
});

const SEED_000 = [
  'Konferencja podsumowująca dwa lata CUS',
  '28.11.2023 Kategoria:',
  'W dniu 23 listopada 2023 roku odbyła się uroczysta konferencja podsumowująca dwuletnią działalność Centrum Usług Społecznych Gminy Dębica. Wydarzenie poprzedziła wizyta studyjna podczas której zaproszeni goście mieli możliwość zobaczyć Centrum Opiekuńczo Mieszkalne w Kochanówce, Dzienny Dom Senior+, Zakład Opiekuńczo-Leczniczy w Pustkowie, a także wypożyczalnię sprzętu rehabilitacyjnego w Latoszynie i Uzdrowisko w Latoszynie Zdroju.',
  'Konferencja rozpoczęła sią od oficjalnego przywitania licznie zgromadzonych gości przez Dyrektora CUS Piotra Mączkę. Szczegółowego przeglądu osiągnięć Centrum Usług Społecznych Gminy Dębica dokonała Sylwia Korycka-Żymuła Zastępca Dyrektora CUS.',
  'Konferencja odbyła się w szczególnym dla kadry pomocy społecznej okresie – Dniu Pracownika Socjalnego, który ustawowo obchodzony jest 21 listopada.  Każdy z pracowników odebrał wyraz uznania za zaangażowanie i profesjonalizm.',
  'W wydarzeniu uczestniczyli: Dyrektor Regionalnego Ośrodka Polityki Społecznej w Rzeszowie Jerzy Jęczmienionka, Dyrektor Podkarpackiego Banku Żywności Dorota Rosińska-Jęczmienionka, delegacje z gminy Bełżyce, Adamówka, Bukowsko i Tryńcza, dyrektorzy oraz kierownicy Ośrodków Pomocy Społecznej.',
].join('\n\n');

const SEED_003 = [
  'Regionalna konferencja promująca nowy model realizacji gminnych usług społecznych w ramach CUS',
  'W dniu 10 lutego 2020 r. Województwo Podkarpackie - Regionalny Ośrodek Polityki Społecznej w Rzeszowie w siedzibie Urzędu Marszałkowskiego Województwa Podkarpackiego zorganizował „Regionalną konferencję promującą nowy model realizacji gminnych usług społecznych w ramach CUS”. ',
  'Konferencję otworzył Pan Stanisław Kruczek - Członek Zarządu Województwa Podkarpackiego,  który uroczyście przywitał gości. Następnie Marszałek Województwa Podkarpackiego oddał głos Panu Kazimierzowi Kuberskiemu – Podsekretarzowi Stanu Ministerstwa Rodziny, Pracy i Polityki Społecznej.',
  'Gośćmi a zarazem prelegentami byli: prof. dr hab. Ewa Leś – Kancelaria Prezydenta RP, dr hab. Beata Szluz – Uniwersytet Rzeszowski, w imieniu Ministerstwa Rodziny, Pracy i Polityki Społecznej - Pani Małgorzata Dankowska, Pani Anna Dudzik – Kancelaria Prezydenta RP.',
  'W związku z brakiem obecności na Konferencji Pani Moniki Zielińskiej – Dyrektora Departamentu Wdrażania EFS – Ministerstwo Rodziny, Pracy i Polityki Społecznej została przygotowana videokonferencja z Panią Anetą Zaraś – Zastępcą Dyrektora Departamentu Wdrażania EFS.',
  'W konferencji uczestniczyło około 140 osób, głównie byli to przedstawiciele samorządów oraz jednostek organizacyjnych pomocy społecznej zainteresowani utworzeniem Centrów Usług Społecznych.',
].join('\n\n');

const SEED_004 = [
  'Relacja z konferencji CUS w Lublinie',
  '21 listopada 2022 r. w Centrum Spotkania Kultur w Lublinie odbyła się Konferencja "Centrum Usług Społecznych jako zintegrowany system usługowy na poziomie lokalnym. Prezentacja wyników pilotażu", zorganizowana przez Regionalny Ośrodek Polityki Społecznej w Lublinie.',
  'Gospodarzem wydarzenia był Marszałek Województwa Lubelskiego – Pan Jarosław Stawiarski.',
  'Odczytano list Minister Rodziny i Polityki Społecznej – Pani Marleny Maląg, w którym wyraziła Ona wsparcie dla działań, których ideą jest tworzenie miejsc koordynacji usług z różnych systemów.',
  'Możliwość tworzenia od 1 stycznia 2020 r. CUS-ów na poziomie lokalnym, wynika z inicjatywy ustawodawczej Prezydenta RP Andrzeja Dudy.',
  'Materiał powstał w ramach projektu realizowanego w okresie 01.09.2022 – 10.12.2022 r. przez Lubelskie Forum Organizacji Osób Niepełnosprawnych – Sejmik Wojewódzki ze środków Województwa Lubelskiego.',
].join('\n\n');

describe('suggestions for whole seed reports', () => {
  it('seed 000 (Dębica): date, type, the people and institutions, no venue from places merely visited', () => {
    const found = suggest({ text: SEED_000, publishedAt: '2023-11-28T10:00:00+01:00', names });
    expectValidEvidence(SEED_000, found);
    expect(only(found, 'dates').map((s) => s.id)).toEqual(['dates:2023-11-23', 'dates:2023-11-21', 'dates:2023-11-28']);
    expect(only(found, 'type')).toMatchObject([{ type: 'konferencja', evidence: { excerpt: 'Konferencja', offset: 0 } }]);
    expect(only(found, 'venue')).toEqual([]);
    expect(only(found, 'attendance')).toEqual([]);
    expect(only(found, 'speaker').map((s) => [s.documentId, s.evidence.excerpt])).toEqual([
      ['maczka', 'Piotra Mączkę'],
      ['korycka', 'Sylwia Korycka-Żymuła'],
      ['jeczmienionka', 'Jerzy Jęczmienionka'],
    ]);
    expect(only(found, 'institution').map((s) => [s.documentId, s.evidence.excerpt, s.relation])).toEqual([
      ['cus-debica', 'Centrum Usług Społecznych Gminy Dębica', 'participants'],
      ['rops-rz', 'Regionalnego Ośrodka Polityki Społecznej w Rzeszowie', 'participants'],
      ['bank', 'Podkarpackiego Banku Żywności', 'participants'],
    ]);
  });

  it('seed 003 (Rzeszów): organizer, venue, attendance and people in the dative, genitive and instrumental', () => {
    const found = suggest({ text: SEED_003, publishedAt: '2020-02-12T08:00:00Z', names });
    expectValidEvidence(SEED_003, found);
    expect(only(found, 'dates')).toMatchObject([{ id: 'dates:2020-02-10', label: 'Termin: 10 lutego 2020 r.', evidence: { excerpt: 'W dniu 10 lutego 2020 r.' } }]);
    expect(only(found, 'venue')).toMatchObject([{ name: 'Urząd Marszałkowski Województwa Podkarpackiego' }]);
    expect(only(found, 'type')).toMatchObject([{ type: 'konferencja' }]);
    expect(only(found, 'attendance')).toMatchObject([{ count: 140, approximate: true, evidence: { excerpt: 'około 140 osób' } }]);
    expect(only(found, 'speaker').map((s) => s.evidence.excerpt)).toEqual(['Kazimierzowi Kuberskiemu', 'Moniki Zielińskiej', 'Anetą Zaraś']);
    expect(only(found, 'institution').map((s) => [s.documentId, s.relation])).toEqual([
      ['rops-rz', 'organizers'],
      ['mrpips', 'participants'],
      ['kprp', 'participants'],
      ['ur', 'participants'],
    ]);
  });

  it('seed 004 (Lublin): the event date first, the venue with its town, the organizer', () => {
    const found = suggest({ text: SEED_004, publishedAt: '2022-11-25T10:00:00Z', names });
    expectValidEvidence(SEED_004, found);
    expect(only(found, 'dates').map((s) => s.label)).toEqual([
      'Termin: 21 listopada 2022 r.',
      'Termin: 1 stycznia 2020 r.',
      'Termin: 1 września – 10 grudnia 2022 r.',
    ]);
    expect(only(found, 'venue')).toMatchObject([{ name: 'Centrum Spotkania Kultur', city: 'Lublin', evidence: { excerpt: 'w Centrum Spotkania Kultur w Lublinie' } }]);
    expect(only(found, 'institution')).toMatchObject([{ documentId: 'rops-lu', relation: 'organizers', label: 'Instytucja (organizator): Regionalny Ośrodek Polityki Społecznej w Lublinie' }]);
    expect(only(found, 'speaker').map((s) => s.evidence.excerpt)).toEqual(['Jarosław Stawiarski', 'Marleny Maląg']);
  });

  it('gives the same suggestions, ids included, on every run', () => {
    const run = () => suggest({ text: SEED_003, publishedAt: '2020-02-12T08:00:00Z', names: buildNameIndex({ people: [{ documentId: 'kuberski', name: 'Kazimierz Kuberski' }], institutions: [] }) });
    expect(run()).toEqual(run());
    expect(new Set(suggest({ text: SEED_000, publishedAt: '2023-11-28T10:00:00+01:00', names }).map((s) => s.id)).size).toBe(
      suggest({ text: SEED_000, publishedAt: '2023-11-28T10:00:00+01:00', names }).length,
    );
  });
});
