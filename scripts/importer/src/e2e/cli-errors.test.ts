import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, serveFixtures, writeExportFor, type FixtureServer } from '../fixture-server.ts';
import type { RunSummary } from '../run/summary.ts';
import { runCli } from './cli-process.ts';

// The CLI where no CMS is needed: help, bad usage, unreadable sources (exit code 2, a Polish
// message naming the file or address) and a dry run with no CMS at all.

let fx: FixtureServer;
let dir: string;
const NO_CMS = ['--cms', 'http://127.0.0.1:1', '--email', 'redakcja@cus.test', '--password', 'x'];

beforeAll(async () => {
  fx = await serveFixtures();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-import-cli-'));
});
afterAll(async () => {
  await fx?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the import CLI without a CMS', () => {
  it('prints its help in Polish', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Import relacji ze starej strony (WordPress, Joomla) do CMS jako szkice wydarzeń.');
    expect(run.stdout).toContain('--dry-run');
  });

  it('answers bad usage with exit code 2 and the reason', async () => {
    const run = await runCli(['wordpress']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('Błąd: Podaj plik eksportu WordPressa: ./scripts/import wordpress PLIK.xml\nPomoc: ./scripts/import --help\n');
  });

  it('names a missing file', async () => {
    const file = path.join(dir, 'nie-ma.xml');
    const run = await runCli(['wordpress', file, ...NO_CMS]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`Błąd: Nie można odczytać pliku ${file}: nie ma takiego pliku\n`);
  });

  it.each(['not-xml.xml', 'truncated.xml', 'not-wxr-rss.xml'])('refuses the malformed file %s naming it and the line, before touching the CMS', async (name) => {
    const file = path.join(FIXTURES_DIR, 'wordpress', name);
    const run = await runCli(['wordpress', file, ...NO_CMS]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^Błąd: Plik ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} nie jest eksportem WordPressa \\(WXR\\): .+, wiersz \\d+\\n$`));
  });

  it('says in Polish that a Joomla site cannot be reached', async () => {
    const run = await runCli(['joomla', 'http://127.0.0.1:1/', '--token', 'x', ...NO_CMS]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Błąd: .*127\.0\.0\.1:1/);
    expect(run.stderr).toMatch(/Nie (można|udało się)/);
  });

  it('a dry run with no CMS reads, converts and writes the summary and the maps, and fetches no image', async () => {
    const file = writeExportFor(fx.url, dir);
    const out = path.join(dir, 'proba');
    fx.requests.length = 0;
    const run = await runCli(['wordpress', file, '--dry-run', '--site-url', 'https://relacje.cus.example', '--out', out, ...NO_CMS]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^Uwaga: Nie można połączyć się z CMS pod adresem http:\/\/127\.0\.0\.1:1/m);
    expect(run.stderr).toContain('[1/4] do utworzenia (próba): Konferencja podsumowująca dwa lata CUS (4 zdjęcia, ');
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as RunSummary;
    expect(summary.dryRun).toBe(true);
    expect(summary.counts).toEqual({ would_create: 4, skipped: 10 });
    expect(fs.readFileSync(path.join(out, '_redirects'), 'utf8')).toContain(
      '/2023/11/28/konferencja-podsumowujaca-dwa-lata-cus/  /wydarzenia/konferencja-podsumowujaca-dwa-lata-cus/  301',
    );
    expect(run.stdout).toContain('Próba (--dry-run): w CMS nic nie zapisano.');
    expect(fx.requests.filter((r) => r.includes('/wp-content/'))).toEqual([]);
  });
});
