import { describe, expect, it } from 'vitest';
import { noImages, type ItemOutcome } from './outcome.ts';
import { progressLine, summaryText, type RunSummary } from './summary.ts';

const outcome = (o: Partial<ItemOutcome>): ItemOutcome => ({ title: 'Relacja', otherUrls: [], status: 'created', warnings: [], suggestions: 0, images: noImages(), ...o });

describe('what the administrator reads', () => {
  it('one progress line per report, in Polish', () => {
    expect(progressLine(outcome({ n: 12, images: { found: 2, uploaded: 1, reused: 1, failed: 0 }, suggestions: 3 }), 140)).toBe('[12/140] utworzono szkic: Relacja (2 zdjęcia, 3 propozycje)');
    expect(progressLine(outcome({ n: 1, status: 'unchanged', suggestions: 5, warnings: [{ code: 'no_date', message: 'x' }] }))).toBe('[1] bez zmian: Relacja (5 propozycji, 1 ostrzeżenie)');
    expect(progressLine(outcome({ n: 2, status: 'failed', message: 'Nie zaimportowano „Relacja”' }))).toBe('[2] błąd: Relacja — Nie zaimportowano „Relacja”');
  });

  it('the summary: counts, errors, skipped grouped by reason, warnings per report', () => {
    const items = [
      outcome({ n: 1, newUrl: 'https://n.pl/wydarzenia/relacja/', warnings: [{ code: 'alt_missing', message: 'Zdjęcie a.jpg nie ma tekstu alternatywnego.' }] }),
      outcome({ n: 2, title: 'Zepsuta', key: 'wordpress:x.pl:2', oldUrl: 'https://x.pl/2/', status: 'failed', message: 'pole body' }),
      ...['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((t) => outcome({ title: t, status: 'skipped', message: 'załącznik (attachment)' })),
    ];
    const summary: RunSummary = {
      system: 'wordpress', source: 'eksport.xml', siteTitle: 'CUS', dryRun: false, startedAt: 's', finishedAt: 'f', itemsPerSecond: 2.5,
      counts: { created: 1, failed: 1, skipped: 7 }, items,
    };
    expect(summaryText(summary)).toBe(
      [
        'Import z WordPressa: eksport.xml („CUS”)',
        'Początek: s, koniec: f; 9 wpisów, 2,5 wpisu/s.',
        '',
        '  utworzono szkic: 1',
        '  pominięto: 7',
        '  błąd: 1',
        '',
        'Błędy:',
        '  - Zepsuta (wordpress:x.pl:2) https://x.pl/2/: pole body',
        '',
        'Pominięte (według powodu):',
        '  - załącznik (attachment): 7 („A”, „B”, „C”, „D”, „E” i jeszcze 2)',
        '',
        'Ostrzeżenia:',
        '  Relacja → https://n.pl/wydarzenia/relacja/:',
        '    - Zdjęcie a.jpg nie ma tekstu alternatywnego.',
        '',
      ].join('\n'),
    );
  });
});
