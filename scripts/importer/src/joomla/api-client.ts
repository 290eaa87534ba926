// One GET to Joomla's Web Services API, bounded in time and size, with every failure an editor
// or administrator can meet said in Polish: host unreachable, token missing or refused, a page
// that is not the API (HTML where JSON was expected), a slow or oversized answer.

export interface JoomlaHttpOptions {
  token?: string;
  fetchImpl: typeof fetch;
  timeoutMs: number;
  maxResponseBytes: number;
}

export class JoomlaApiError extends Error {
  /** The HTTP status, when the error is an answer of the server. */
  readonly status?: number;
  constructor(message: string, status?: number, options?: ErrorOptions) {
    super(message, options);
    this.name = 'JoomlaApiError';
    this.status = status;
  }
}

export interface JsonResponse {
  status: number;
  body: unknown;
}

function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'połączenie odrzucone (serwer nie działa albo adres lub port są błędne)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'nie ma takiego hosta (sprawdź adres strony)';
    case 'ECONNRESET':
      return 'serwer zerwał połączenie';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return `certyfikat HTTPS serwera jest nieprawidłowy (${cause.code})`;
    default:
      return cause?.message ?? (err as Error).message;
  }
}

/** GET a JSON:API document. 2xx and 404 are returned (the caller decides); anything else throws. */
export async function getJson(url: string, options: JoomlaHttpOptions): Promise<JsonResponse> {
  const headers: Record<string, string> = { Accept: 'application/vnd.api+json, application/json' };
  if (options.token) {
    // Joomla's token plugin reads X-Joomla-Token; some hosts strip custom headers and keep Authorization.
    headers['X-Joomla-Token'] = options.token;
    headers.Authorization = `Bearer ${options.token}`;
  }
  const signal = AbortSignal.timeout(options.timeoutMs);
  const seconds = Math.round(options.timeoutMs / 1000);
  let response: Response;
  try {
    response = await options.fetchImpl(url, { headers, signal, redirect: 'follow' });
  } catch (err) {
    if (signal.aborted) throw new JoomlaApiError(`Serwer Joomli nie odpowiedział w ciągu ${seconds} s: ${url}`);
    throw new JoomlaApiError(`Nie można połączyć się z ${new URL(url).origin}: ${networkReason(err)}.`, undefined, { cause: err });
  }

  if (response.status === 401) {
    await response.body?.cancel();
    throw new JoomlaApiError(
      'Joomla odmówiła dostępu (401): brak tokenu API albo token jest nieprawidłowy. Podaj token użytkownika (Użytkownicy → Token API) opcją --token.',
      401,
    );
  }
  if (response.status === 403) {
    await response.body?.cancel();
    throw new JoomlaApiError('Joomla odmówiła dostępu (403): użytkownik tego tokenu nie ma uprawnień do API artykułów.', 403);
  }
  if (!response.ok && response.status !== 404) {
    await response.body?.cancel();
    throw new JoomlaApiError(`Joomla odpowiedziała błędem ${response.status} ${response.statusText} dla ${url}.`, response.status);
  }

  const text = await boundedText(response, url, options, signal, seconds);
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    if (response.status === 404) return { status: 404, body: undefined };
    const type = response.headers.get('content-type') ?? 'brak';
    throw new JoomlaApiError(
      `Odpowiedź spod ${url} nie jest JSON-em (Content-Type: ${type}): to nie wygląda na API Joomli. Sprawdź adres strony i czy wtyczki „Web Services – Content” oraz „API Authentication – Token” są włączone.`,
      response.status,
    );
  }
}

async function boundedText(response: Response, url: string, options: JoomlaHttpOptions, signal: AbortSignal, seconds: number): Promise<string> {
  const limitMb = Math.round(options.maxResponseBytes / 1024 / 1024);
  const tooBig = () => new JoomlaApiError(`Odpowiedź spod ${url} jest większa niż ${limitMb} MB: przerwano.`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > options.maxResponseBytes) {
    await response.body?.cancel();
    throw tooBig();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > options.maxResponseBytes) {
        await reader.cancel();
        throw tooBig();
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof JoomlaApiError) throw err;
    if (signal.aborted) throw new JoomlaApiError(`Serwer Joomli nie odpowiedział w ciągu ${seconds} s: ${url}`);
    throw new JoomlaApiError(`Połączenie z ${new URL(url).origin} przerwane w trakcie odpowiedzi: ${networkReason(err)}.`, undefined, { cause: err });
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}
