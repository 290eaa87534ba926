import { describe, expect, it } from 'vitest';
import { adjectiveDeclension, aDeclension, consonantDeclension, headPhraseToNominative, institutionNameForms, personNameForms } from './declension.ts';
import { buildNameIndex, type Directory } from './name-index.ts';
import { findNames } from './names.ts';
import { expectValidEvidence } from './test-helpers.ts';

const DIRECTORY: Directory = {
  people: [
    { documentId: 'p-maczka', name: 'Piotr Mączka' },
    { documentId: 'p-malag', name: 'Marlena Maląg' },
    { documentId: 'p-kowalski', name: 'Jan Kowalski' },
    { documentId: 'p-korycka', name: 'Sylwia Korycka-Żymuła' },
    { documentId: 'p-kuberski', name: 'Kazimierz Kuberski' },
    { documentId: 'p-materek', name: 'Marek Materek' },
    { documentId: 'p-rymsza', name: 'dr hab. Marek Rymsza' },
    { documentId: 'p-zielinska', name: 'Monika Zielińska' },
    { documentId: 'p-lucka', name: 'Ireneusz Łucka' },
    { documentId: 'p-jerzy', name: 'Jerzy Jęczmienionka' },
  ],
  institutions: [
    { documentId: 'i-rops-rz', name: 'Regionalny Ośrodek Polityki Społecznej w Rzeszowie', shortName: 'ROPS w Rzeszowie' },
    { documentId: 'i-rops-lu', name: 'Regionalny Ośrodek Polityki Społecznej w Lublinie' },
    { documentId: 'i-cus-st', name: 'Centrum Usług Społecznych w Starachowicach' },
    { documentId: 'i-mrpips', name: 'Ministerstwo Rodziny, Pracy i Polityki Społecznej', shortName: 'MRPiPS' },
    { documentId: 'i-bank', name: 'Podkarpacki Bank Żywności' },
    { documentId: 'i-um', name: 'Urząd Marszałkowski Województwa Podkarpackiego' },
    { documentId: 'i-korczak', name: 'Uczelnia Korczaka' },
    { documentId: 'i-gmina', name: 'Gmina Dębica' },
    { documentId: 'i-forum', name: 'Forum Centrów Usług Społecznych' },
  ],
};
const INDEX = buildNameIndex(DIRECTORY);

function names(text: string) {
  const found = findNames(text, INDEX);
  expectValidEvidence(text, found);
  return found.map((s) => ({
    id: s.id,
    excerpt: s.evidence.excerpt,
    offset: s.evidence.offset,
    ...(s.kind === 'institution' ? { relation: s.relation } : {}),
  }));
}

describe('Polish declension of names', () => {
  it('declines first names and surnames by their ending', () => {
    expect(aDeclension('marlena')).toEqual([['marlena'], ['marleny'], ['marlenie'], ['marlenę'], ['marleną'], ['marlenie'], ['marleno']]);
    expect(aDeclension('mączka').slice(1, 5)).toEqual([['mączki'], ['mączce'], ['mączkę'], ['mączką']]);
    expect(aDeclension('sylwia').slice(1, 3)).toEqual([['sylwii'], ['sylwii']]);
    expect(consonantDeclension('piotr')).toEqual([['piotr'], ['piotra'], ['piotrowi'], ['piotra'], ['piotrem'], ['piotrze'], ['piotrze']]);
    // The mobile e: Marek → Marka, Materek → Materka.
    expect(consonantDeclension('materek')[1]).toContain('materka');
    expect(consonantDeclension('marek')[4]).toContain('markiem');
    expect(adjectiveDeclension('kuberski', 'm', true).slice(1, 5)).toEqual([['kuberskiego'], ['kuberskiemu'], ['kuberskiego'], ['kuberskim']]);
    expect(adjectiveDeclension('rosińska', 'f').slice(1, 5)).toEqual([['rosińskiej'], ['rosińskiej'], ['rosińską'], ['rosińską']]);
    expect(adjectiveDeclension('kowalowa', 'f')[1]).toEqual(['kowalowej']);
  });

  it('gives every form of a full name, women\'s consonant surnames undeclined', () => {
    const forms = (name: string) => personNameForms(name).map((f) => f.join(' '));
    expect(forms('Piotr Mączka')).toEqual(expect.arrayContaining(['piotra mączki', 'piotrowi mączce', 'piotrem mączką', 'piotra mączkę']));
    expect(forms('Marlena Maląg')).toEqual(expect.arrayContaining(['marleny maląg', 'marlenie maląg', 'marleną maląg']));
    expect(forms('Marlena Maląg')).not.toContain('marleny malągu');
    expect(forms('Jan Kowalski')).toEqual(expect.arrayContaining(['janowi kowalskiemu', 'jana kowalskiego', 'janem kowalskim']));
    expect(forms('Sylwia Korycka-Żymuła')).toEqual(expect.arrayContaining(['sylwią korycką-żymułą', 'sylwii koryckiej-żymuły']));
    // A man's surname in -cka is a noun, not an adjective.
    expect(forms('Ireneusz Łucka')).toEqual(expect.arrayContaining(['ireneusza łucki', 'ireneuszowi łucce']));
    expect(forms('Jerzy Jęczmienionka')).toEqual(expect.arrayContaining(['jerzego jęczmienionki', 'jerzemu jęczmienionce']));
  });

  it('declines institution names around their head noun, the rest as written', () => {
    const forms = institutionNameForms(['Regionalny', 'Ośrodek', 'Polityki', 'Społecznej', 'w', 'Rzeszowie']).map((f) => f.join(' '));
    expect(forms).toEqual(
      expect.arrayContaining([
        'regionalnego ośrodka polityki społecznej w rzeszowie',
        'regionalnym ośrodkiem polityki społecznej w rzeszowie',
        'regionalnym ośrodku polityki społecznej w rzeszowie',
        'regionalnemu ośrodkowi polityki społecznej w rzeszowie',
      ]),
    );
    expect(institutionNameForms(['Urząd', 'Marszałkowski', 'Województwa', 'Podkarpackiego']).map((f) => f.join(' '))).toEqual(
      expect.arrayContaining(['urzędu marszałkowskiego województwa podkarpackiego', 'urzędzie marszałkowskim województwa podkarpackiego']),
    );
    expect(headPhraseToNominative(['Miejskim', 'Ośrodku', 'Kultury'])).toBe('Miejski Ośrodek Kultury');
    expect(headPhraseToNominative(['Hotelu', 'Europa'])).toBe('Hotel Europa');
    expect(headPhraseToNominative(['Dzienny', 'Dom'])).toBeNull();
  });
});

describe('names of the directory in a report', () => {
  it('finds people in any case, quoting the text', () => {
    const text = 'Konferencja rozpoczęła się od przywitania gości przez Dyrektora CUS Piotra Mączkę.';
    expect(names(text)).toEqual([{ id: 'speaker:p-maczka', excerpt: 'Piotra Mączkę', offset: text.indexOf('Piotra') }]);
    expect(names('Odczytano list Minister Rodziny i Polityki Społecznej – Pani Marleny Maląg, w którym wyraziła wsparcie.')).toMatchObject([
      { id: 'speaker:p-malag', excerpt: 'Marleny Maląg' },
    ]);
    expect(names('Podziękowania złożono Janowi Kowalskiemu.')).toMatchObject([{ id: 'speaker:p-kowalski', excerpt: 'Janowi Kowalskiemu' }]);
    expect(names('Dyrektor CUS Piotr Mączka wraz z Zastępcą Sylwią Korycką-Żymułą.')).toMatchObject([
      { id: 'speaker:p-maczka', excerpt: 'Piotr Mączka' },
      { id: 'speaker:p-korycka', excerpt: 'Sylwią Korycką-Żymułą' },
    ]);
    expect(names('Następnie Marszałek oddał głos Panu Kazimierzowi Kuberskiemu – Podsekretarzowi Stanu.')).toMatchObject([{ excerpt: 'Kazimierzowi Kuberskiemu' }]);
    expect(names('Kongres zorganizowany przez Prezydenta Miasta Starachowice Marka Materka oraz Centrum.')).toMatchObject([{ excerpt: 'Marka Materka' }]);
    // The title in the directory's name is no part of what the text must say.
    expect(names('O rozwoju usług opowiadał dr hab. Marek Rymsza, Doradca Prezydenta RP.')).toMatchObject([{ id: 'speaker:p-rymsza', excerpt: 'Marek Rymsza' }]);
  });

  it('never proposes a person from the surname alone, a lower-case word or another first name', () => {
    expect(names('Jak podkreślił Mączka, centrum działa od dwóch lat. Pan Kowalski dodał kilka słów.')).toEqual([]);
    expect(names('Piotr mączka i piotr Mączka nie są zapisane jak imię i nazwisko.')).toEqual([]);
    expect(names('Głos zabrał Paweł Mączka oraz Anna Kowalska.')).toEqual([]);
    // A line break between a first name and a surname is no name.
    expect(names('Podziękował Piotr\nMączka')).toEqual([]);
  });

  it('finds institutions in any case, the words "w <town>" as written', () => {
    const text = 'Wizyty studyjne odbyły się w ramach współpracy z Regionalnym Ośrodkiem Polityki Społecznej w Rzeszowie oraz Uczelnią Korczaka w Warszawie.';
    expect(names(text)).toEqual([
      { id: 'institution:i-rops-rz', excerpt: 'Regionalnym Ośrodkiem Polityki Społecznej w Rzeszowie', offset: text.indexOf('Regionalnym'), relation: 'partners' },
      { id: 'institution:i-korczak', excerpt: 'Uczelnią Korczaka', offset: text.indexOf('Uczelnią'), relation: 'partners' },
    ]);
    expect(names('Dyrektor Podkarpackiego Banku Żywności Dorota Rosińska.')).toMatchObject([{ id: 'institution:i-bank', excerpt: 'Podkarpackiego Banku Żywności', relation: 'participants' }]);
    expect(names('O roli Centrum Usług Społecznych w Starachowicach mówiła dyrektor.')).toMatchObject([{ id: 'institution:i-cus-st' }]);
    // Another town is another institution: Lublin's ROPS is not Rzeszów's.
    expect(names('Konferencja zorganizowana przez Regionalny Ośrodek Polityki Społecznej w Lublinie.')).toMatchObject([
      { id: 'institution:i-rops-lu', relation: 'organizers' },
    ]);
    expect(names('Sekretarz Gminy Dębica Adrianna Miazga.')).toMatchObject([{ id: 'institution:i-gmina', excerpt: 'Gminy Dębica' }]);
    expect(names('W imieniu Ministerstwa Rodziny, Pracy i Polityki Społecznej głos zabrała Pani Małgorzata Dankowska.')).toMatchObject([
      { id: 'institution:i-mrpips', excerpt: 'Ministerstwa Rodziny, Pracy i Polityki Społecznej' },
    ]);
  });

  it('finds short names and acronyms in their own letters only', () => {
    expect(names('Projekt realizowany przez ROPS w Rzeszowie.')).toMatchObject([{ id: 'institution:i-rops-rz', excerpt: 'ROPS w Rzeszowie' }]);
    expect(names('Stanowisko MRPiPS przedstawiła dyrektor departamentu.')).toMatchObject([{ id: 'institution:i-mrpips', excerpt: 'MRPiPS' }]);
    expect(names('Stanowisko mrpips i rops w rzeszowie.')).toEqual([]);
  });

  it('reads the relation from the words near the name', () => {
    expect(names('Organizatorem konferencji był Regionalny Ośrodek Polityki Społecznej w Rzeszowie.')).toMatchObject([{ relation: 'organizers' }]);
    expect(names('Regionalny Ośrodek Polityki Społecznej w Rzeszowie zorganizował konferencję.')).toMatchObject([{ relation: 'organizers' }]);
    expect(names('Partnerami wydarzenia są Forum Centrów Usług Społecznych oraz Podkarpacki Bank Żywności.')).toMatchObject([
      { id: 'institution:i-forum', relation: 'partners' },
      { id: 'institution:i-bank', relation: 'partners' },
    ]);
    expect(names('W konferencji uczestniczyli przedstawiciele Urzędu Marszałkowskiego Województwa Podkarpackiego.')).toMatchObject([
      { id: 'institution:i-um', relation: 'participants' },
    ]);
    // A later mention as organizer wins over a first plain one; the evidence is that mention.
    const text = 'Dyrektor Regionalnego Ośrodka Polityki Społecznej w Rzeszowie powitał gości. Konferencję zorganizował ROPS w Rzeszowie.';
    expect(names(text)).toEqual([{ id: 'institution:i-rops-rz', excerpt: 'ROPS w Rzeszowie', offset: text.indexOf('ROPS'), relation: 'organizers' }]);
  });

  it('proposes each entry once and keeps same-named entries apart', () => {
    const index = buildNameIndex({
      people: [
        { documentId: 'a', name: 'Anna Nowak' },
        { documentId: 'b', name: 'Anna Nowak' },
      ],
      institutions: [
        { documentId: 'x', name: 'Centrum Usług Społecznych w Bełżycach', shortName: 'CUS' },
        { documentId: 'y', name: 'Centrum Usług Społecznych w Świdniku', shortName: 'CUS' },
      ],
    });
    const text = 'Pani Anna Nowak i Annie Nowak podziękowano. CUS działa. Dyrektor CUS.';
    const found = findNames(text, index);
    expect(found.map((s) => [s.id, s.label])).toEqual([
      ['speaker:a', 'Osoba: Anna Nowak (w katalogu jest więcej wpisów o tej nazwie)'],
      ['speaker:b', 'Osoba: Anna Nowak (w katalogu jest więcej wpisów o tej nazwie)'],
    ]);
  });
});
