// The command line of ./scripts/import, read into options; mistakes are answered in Polish
// (exit code 2) with the usage, never with a stack trace.

export const USAGE = `Import relacji ze starej strony (WordPress, Joomla) do CMS jako szkice wydarzeń.

Użycie:
  ./scripts/import wordpress PLIK.xml [--uploads KATALOG] [--post-types post,page] [--limit N] [opcje]
  ./scripts/import joomla ADRES [--token TOKEN] [--category ID] [--limit N] [opcje]

Źródła:
  wordpress PLIK.xml     eksport WordPressa (Narzędzia → Eksport, format WXR 1.0–1.2)
  joomla ADRES           adres strony Joomla 4/5 z włączonym Web Services API

Opcje WordPressa:
  --uploads KATALOG      kopia katalogu wp-content/uploads: zdjęcia są brane stąd, a pobierane
                         ze starej strony tylko wtedy, gdy ich tu nie ma
  --post-types LISTA     rodzaje wpisów do importu, po przecinku (domyślnie: post)

Opcje Joomli:
  --token TOKEN          token API użytkownika Joomli (Profil → Token API)
  --category ID          tylko artykuły z tej kategorii

Wspólne:
  --cms ADRES            adres CMS (domyślnie http://127.0.0.1:PORT z cms/.env)
  --email E --password H konto administratora CMS (domyślnie ADMIN_EMAIL i ADMIN_PASSWORD
                         z cms/.env, przed nimi zmienne CUS_IMPORT_EMAIL i CUS_IMPORT_PASSWORD;
                         hasło w zmiennej nie trafia do listy procesów)
  --site-url ADRES       publiczny adres nowej strony, do mapy przekierowań
                         (domyślnie SITE_URL z site/.env albo ustawienia strony w CMS)
  --out KATALOG          gdzie zapisać podsumowanie i mapy przekierowań
                         (domyślnie ./import-results/<data i godzina>/; mapa przekierowań
                         z poprzedniego importu w tym katalogu jest uzupełniana)
  --limit N              najwyżej N wpisów
  --dry-run              próba: odczyt, przekształcenie, propozycje, podsumowanie i mapy;
                         w CMS nic nie jest zapisywane ani przesyłane
  -h, --help             ta pomoc

Każdy wpis trafia do CMS jako szkic (nigdy nie jest publikowany). Ponowny import aktualizuje
szkice, których nikt nie zmienił, a zmienionych i opublikowanych nie rusza.
Kod wyjścia: 0 — wszystkie wpisy zaimportowane (ostrzeżenia dozwolone), 1 — część wpisów
z błędem, 2 — błędne wywołanie albo nieczytelne źródło.`;

export interface CliOptions {
  system: 'wordpress' | 'joomla';
  /** The WXR file or the Joomla address. */
  source: string;
  uploads?: string;
  postTypes?: string[];
  token?: string;
  category?: number;
  cms?: string;
  email?: string;
  password?: string;
  siteUrl?: string;
  out?: string;
  limit?: number;
  dryRun: boolean;
}

export type ParsedArgs = { help: true } | { help: false; options: CliOptions };

export class UsageError extends Error {}

const VALUE_OPTIONS = ['uploads', 'post-types', 'token', 'category', 'cms', 'email', 'password', 'site-url', 'out', 'limit'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];
const ONLY_FOR: Partial<Record<ValueOption, 'wordpress' | 'joomla'>> = { uploads: 'wordpress', 'post-types': 'wordpress', token: 'joomla', category: 'joomla' };

function positiveInt(name: string, value: string): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw new UsageError(`--${name}: podaj liczbę całkowitą większą od zera (podano „${value}”)`);
  return Number(value);
}

function httpUrl(name: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value.replace(/\/+$/, '');
  } catch {
    // below
  }
  throw new UsageError(`${name}: „${value}” nie jest adresem http(s)://`);
}

export function parseArgs(argv: string[]): ParsedArgs {
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) return { help: true };
  const positionals: string[] = [];
  const values: Partial<Record<ValueOption, string>> = {};
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--dry-run') {
      dryRun = true;
      continue;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = (eq >= 0 ? arg.slice(2, eq) : arg.slice(2)) as ValueOption;
      if (!VALUE_OPTIONS.includes(name)) throw new UsageError(`Nieznana opcja ${arg.slice(0, eq >= 0 ? eq : undefined)}`);
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`Opcja --${name} wymaga wartości`);
      values[name] = value;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Nieznana opcja ${arg}`);
    positionals.push(arg);
  }
  const [system, source, ...rest] = positionals;
  if (system !== 'wordpress' && system !== 'joomla') {
    throw new UsageError(system ? `Nieznane źródło „${system}”: podaj wordpress albo joomla` : 'Podaj źródło: wordpress PLIK.xml albo joomla ADRES');
  }
  if (!source) throw new UsageError(system === 'wordpress' ? 'Podaj plik eksportu WordPressa: ./scripts/import wordpress PLIK.xml' : 'Podaj adres strony Joomla: ./scripts/import joomla https://…');
  if (rest.length > 0) throw new UsageError(`Nadmiarowe argumenty: ${rest.join(' ')}`);
  for (const [name, only] of Object.entries(ONLY_FOR)) {
    if (values[name as ValueOption] !== undefined && only !== system) {
      throw new UsageError(`Opcja --${name} dotyczy tylko importu z ${only === 'wordpress' ? 'WordPressa' : 'Joomli'}`);
    }
  }
  const options: CliOptions = {
    system,
    source: system === 'joomla' ? httpUrl('Adres strony Joomla', source) : source,
    dryRun,
    ...(values.uploads ? { uploads: values.uploads } : {}),
    ...(values['post-types'] ? { postTypes: values['post-types'].split(',').map((s) => s.trim()).filter(Boolean) } : {}),
    ...(values.token ? { token: values.token } : {}),
    ...(values.category ? { category: positiveInt('category', values.category) } : {}),
    ...(values.cms ? { cms: httpUrl('--cms', values.cms) } : {}),
    ...(values.email ? { email: values.email } : {}),
    ...(values.password ? { password: values.password } : {}),
    ...(values['site-url'] ? { siteUrl: httpUrl('--site-url', values['site-url']) } : {}),
    ...(values.out ? { out: values.out } : {}),
    ...(values.limit ? { limit: positiveInt('limit', values.limit) } : {}),
  };
  if (options.postTypes?.length === 0) throw new UsageError('--post-types: podaj rodzaje wpisów po przecinku, np. post,page');
  return { help: false, options };
}
