import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './args.ts';

const options = (argv: string[]) => {
  const parsed = parseArgs(argv);
  if (parsed.help) throw new Error('help');
  return parsed.options;
};
const refusal = (argv: string[]) => {
  try {
    parseArgs(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
};

describe('the command line', () => {
  it('reads a WordPress import with every option, in both spellings', () => {
    expect(options(['wordpress', 'eksport.xml', '--uploads', 'up', '--post-types=post,page', '--limit', '5', '--cms', 'http://127.0.0.1:1337/', '--email', 'a@b.pl', '--password=x', '--site-url', 'https://cus.example', '--out', 'wyniki', '--dry-run'])).toEqual({
      system: 'wordpress',
      source: 'eksport.xml',
      uploads: 'up',
      postTypes: ['post', 'page'],
      limit: 5,
      cms: 'http://127.0.0.1:1337',
      email: 'a@b.pl',
      password: 'x',
      siteUrl: 'https://cus.example',
      out: 'wyniki',
      dryRun: true,
    });
  });

  it('reads a Joomla import', () => {
    expect(options(['joomla', 'https://cus.example.pl/', '--token', 'T', '--category', '12'])).toEqual({
      system: 'joomla',
      source: 'https://cus.example.pl',
      token: 'T',
      category: 12,
      dryRun: false,
    });
  });

  it('asks for help with no arguments, -h or --help', () => {
    expect(parseArgs([])).toEqual({ help: true });
    expect(parseArgs(['wordpress', '-h'])).toEqual({ help: true });
    expect(parseArgs(['--help'])).toEqual({ help: true });
  });

  it('answers mistakes in Polish', () => {
    expect(refusal(['drupal', 'x'])).toBe('Nieznane źródło „drupal”: podaj wordpress albo joomla');
    expect(refusal(['wordpress'])).toMatch(/^Podaj plik eksportu WordPressa/);
    expect(refusal(['joomla', 'ftp://x'])).toBe('Adres strony Joomla: „ftp://x” nie jest adresem http(s)://');
    expect(refusal(['wordpress', 'a.xml', '--limit', '0'])).toBe('--limit: podaj liczbę całkowitą większą od zera (podano „0”)');
    expect(refusal(['wordpress', 'a.xml', '--limit'])).toBe('Opcja --limit wymaga wartości');
    expect(refusal(['wordpress', 'a.xml', '--verbose'])).toBe('Nieznana opcja --verbose');
    expect(refusal(['wordpress', 'a.xml', '--token', 'T'])).toBe('Opcja --token dotyczy tylko importu z Joomli');
    expect(refusal(['joomla', 'https://x.pl', '--uploads', 'd'])).toBe('Opcja --uploads dotyczy tylko importu z WordPressa');
    expect(refusal(['wordpress', 'a.xml', 'b.xml'])).toBe('Nadmiarowe argumenty: b.xml');
  });
});
