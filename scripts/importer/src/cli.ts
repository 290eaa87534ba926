import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, USAGE, UsageError, type CliOptions } from './run/args.ts';
import { CmsError, ImportCmsClient } from './run/cms-client.ts';
import { defaults } from './run/env.ts';
import { readRedirectMap, REDIRECT_FILES, writeRedirects } from './run/redirects.ts';
import { runImport } from './run/run.ts';
import { summaryText, writeSummary, type RunSummary } from './run/summary.ts';
import type { SourceEntry, SourceSite } from './source-item.ts';

// ./scripts/import: reads a WordPress export or a Joomla site, imports every report as a draft
// event, and writes the summary and the redirect map. Progress on stderr, the summary on
// stdout. Exit code 0: every item went through; 1: some failed (or the run stopped); 2: bad
// usage or a source that cannot be read.

const DEFAULT_SITE_URL = 'http://127.0.0.1:4321';

interface Opened {
  site: SourceSite;
  entries: AsyncIterable<SourceEntry>;
  total?: number;
}

class SourceError extends Error {}

async function openSource(options: CliOptions): Promise<Opened> {
  if (options.system === 'wordpress') {
    const file = path.resolve(options.source);
    try {
      if (!fs.statSync(file).isFile()) throw new Error('to nie jest plik');
      fs.accessSync(file, fs.constants.R_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new SourceError(`Nie można odczytać pliku ${file}: ${code === 'ENOENT' ? 'nie ma takiego pliku' : code === 'EACCES' ? 'brak uprawnień' : (err as Error).message}`);
    }
    // Each reader is loaded only when used.
    const { readWordPressExport } = await import('./wordpress/index.ts');
    return readWordPressExport(file, options.postTypes ? { postTypes: options.postTypes } : {});
  }
  const { readJoomlaArticles } = await import('./joomla/index.ts');
  return readJoomlaArticles(options.source, { token: options.token, categoryId: options.category });
}

const stamp = (d: Date) => d.toISOString().slice(0, 19).replace(/:/g, '-');

function exitCode(summary: RunSummary): number {
  if (summary.fatal && summary.items.length === 0 && summary.stoppedBy === 'source') return 2;
  if (summary.fatal || summary.items.some((i) => i.status === 'failed')) return 1;
  return 0;
}

export async function main(argv: string[], io = { out: process.stdout, err: process.stderr }): Promise<number> {
  const say = (line: string) => io.err.write(`${line}\n`);
  let options: CliOptions;
  try {
    const parsed = parseArgs(argv);
    if (parsed.help) {
      io.out.write(`${USAGE}\n`);
      return 0;
    }
    options = parsed.options;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    say(`Błąd: ${err.message}\nPomoc: ./scripts/import --help`);
    return 2;
  }

  const found = defaults();
  const email = options.email ?? found.email;
  const password = options.password ?? found.password;
  const cmsUrl = options.cms ?? found.cmsUrl;
  if (!options.dryRun && (!email || !password)) {
    say('Błąd: brak danych logowania do CMS: podaj --email i --password (albo CUS_IMPORT_EMAIL i CUS_IMPORT_PASSWORD) lub uruchom najpierw ./scripts/start, który zapisuje je w cms/.env');
    return 2;
  }

  let opened: Opened;
  try {
    opened = await openSource(options);
  } catch (err) {
    say(`Błąd: ${(err as Error).message}`);
    return 2;
  }

  let cms: ImportCmsClient | undefined;
  if (email && password) {
    cms = new ImportCmsClient(cmsUrl, { email, password });
    try {
      await cms.login();
    } catch (err) {
      if (!options.dryRun) {
        say(`Błąd: ${(err as Error).message}`);
        // A wrong login is a usage mistake; a CMS that is down or busy is a failed run.
        return err instanceof CmsError && err.status === 401 ? 2 : 1;
      }
      say(`Uwaga: ${(err as Error).message}. Próba bez CMS: bez dopasowania osób i instytucji, każdy wpis jak nowy.`);
      cms = undefined;
    }
  } else say('Uwaga: brak danych logowania do CMS. Próba bez CMS: bez dopasowania osób i instytucji, każdy wpis jak nowy.');

  const siteUrl = options.siteUrl ?? found.siteUrl ?? (await cms?.siteSettingUrl()) ?? DEFAULT_SITE_URL;
  const started = new Date();
  const outDir = path.resolve(options.out ?? path.join('import-results', stamp(started)));
  // Where the results go is checked before anything is imported.
  try {
    fs.mkdirSync(outDir, { recursive: true });
    fs.accessSync(outDir, fs.constants.W_OK);
    readRedirectMap(outDir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    say(`Błąd: ${code ? `nie można zapisywać w katalogu ${outDir} (${code})` : (err as Error).message}`);
    return 2;
  }

  // Ctrl-C: the report in hand is finished, the summary and the maps are written; a second one quits.
  let stopRequested = false;
  const onInterrupt = () => {
    if (stopRequested) process.exit(130);
    stopRequested = true;
    say('Przerywanie: bieżący wpis zostanie dokończony, potem zapis podsumowania (ponowne Ctrl-C kończy od razu).');
  };
  process.on('SIGINT', onInterrupt);
  say(`Import z ${options.system === 'wordpress' ? 'WordPressa' : 'Joomli'}: ${options.source}${options.dryRun ? ' (próba, bez zapisu w CMS)' : ` → ${cmsUrl}`}`);

  const summary = await runImport({
    system: options.system,
    source: options.source,
    site: opened.site,
    entries: opened.entries,
    total: opened.total,
    cms,
    dryRun: options.dryRun,
    siteUrl,
    uploadsDir: options.uploads,
    limit: options.limit,
    onProgress: (line) => say(line),
    shouldStop: () => stopRequested,
  });
  process.off('SIGINT', onInterrupt);

  const files = writeSummary(outDir, summary);
  try {
    writeRedirects(outDir, summary.items, siteUrl, summary.finishedAt);
  } catch (err) {
    say(`Błąd: ${(err as Error).message}`);
    return 1;
  }
  io.out.write(summaryText(summary));
  io.out.write(
    `\nPodsumowanie: ${files.text} (i ${path.basename(files.json)}).\n` +
      `Przekierowania: ${path.join(outDir, REDIRECT_FILES.netlify)}, ${path.join(outDir, REDIRECT_FILES.nginx)}.\n`,
  );
  return exitCode(summary);
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`Błąd wewnętrzny importu: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
