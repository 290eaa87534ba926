import {
  IMPORT_DISCARD_MAX_IDS,
  importDiscardResult,
  importItemResult,
  importLookupResult,
  importMediaResult,
  type ImportItemPayload,
  type ImportItemResult,
  type ImportLookupResult,
} from '@cus/shared/import';
import type { Directory } from '../suggest/index.ts';

// The CMS as the importer talks to it: the admin API's /import/* routes (cms/src/import), with
// an administrator's JWT. Every request is bounded in time; a refused request becomes an error
// whose message is the CMS's own (Polish) one. An expired login (long runs) is renewed once.

const REQUEST_TIMEOUT_MS = 60_000;

export const IMPORT_PATHS = {
  lookup: '/import/lookup',
  items: '/import/items',
  media: '/import/media',
  discard: '/import/media/discard',
  directory: '/import/directory',
} as const;

/** An upload's file as the Media Library holds it (what an image block carries). */
export interface MediaFile {
  id: number;
  url: string;
  width?: number | null;
  height?: number | null;
  [key: string]: unknown;
}

export interface UploadedMedia {
  fileId: number;
  /** The Media Library had it already (same address, or same content). */
  reused: boolean;
  /** The file, when the CMS sends it with the answer. */
  file?: MediaFile;
}

export interface MediaUpload {
  bytes: Buffer;
  fileName: string;
  mime: string;
  sourceUrl: string;
  alt?: string;
  caption?: string;
}

/** What the run needs of the CMS (a fake in unit tests, ImportCmsClient for real). */
export interface ImportCms {
  lookup(keys: string[]): Promise<ImportLookupResult>;
  directory(): Promise<Directory>;
  uploadMedia(upload: MediaUpload): Promise<UploadedMedia>;
  file(id: number): Promise<MediaFile>;
  upsertItem(payload: ImportItemPayload): Promise<ImportItemResult>;
  discardMedia(fileIds: number[]): Promise<void>;
}

/** The CMS refused or failed a request: `status` 0 when it could not be reached at all. */
export class CmsError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

function messageOf(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim().slice(0, 500) || undefined;
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: { message?: unknown } }).error;
  if (typeof error?.message === 'string') return error.message;
  const message = (body as { message?: unknown }).message;
  return typeof message === 'string' ? message : undefined;
}

export class ImportCmsClient implements ImportCms {
  readonly url: string;
  private readonly email: string;
  private readonly password: string;
  private jwt = '';

  constructor(url: string, login: { email: string; password: string }) {
    this.url = url.replace(/\/+$/, '');
    this.email = login.email;
    this.password = login.password;
  }

  /** Logs in; a Polish error naming the CMS when it cannot be reached or the login is refused. */
  async login(): Promise<void> {
    let res: Response;
    try {
      res = await fetch(`${this.url}/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: this.email, password: this.password }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new CmsError(0, `Nie można połączyć się z CMS pod adresem ${this.url} (${(err as Error).message}). Czy CMS działa? Uruchom ./scripts/start albo podaj --cms ADRES`);
    }
    const body = (await res.json().catch(() => null)) as { data?: { token?: string; accessToken?: string } } | null;
    const jwt = body?.data?.token ?? body?.data?.accessToken;
    if (res.ok && jwt) {
      this.jwt = jwt;
      return;
    }
    if (res.status === 429) {
      throw new CmsError(429, `CMS pod adresem ${this.url} chwilowo blokuje logowanie jako ${this.email} (zbyt wiele prób w krótkim czasie): odczekaj kilka minut i uruchom import ponownie`);
    }
    if (res.status >= 400 && res.status < 500) {
      throw new CmsError(401, `CMS pod adresem ${this.url} odrzucił logowanie jako ${this.email}: sprawdź adres e-mail i hasło administratora (--email, --password albo CUS_IMPORT_EMAIL, CUS_IMPORT_PASSWORD)`);
    }
    throw new CmsError(res.status, `Logowanie do CMS pod adresem ${this.url} nie powiodło się (HTTP ${res.status})`);
  }

  private async request(method: string, path: string, body?: FormData | object, retried = false): Promise<unknown> {
    if (!this.jwt) await this.login();
    const isForm = body instanceof FormData;
    let res: Response;
    try {
      res = await fetch(`${this.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.jwt}`, ...(body && !isForm ? { 'content-type': 'application/json' } : {}) },
        body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new CmsError(0, `Brak połączenia z CMS (${method} ${this.url}${path}): ${(err as Error).message}`);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: kept as text for the message
    }
    if (res.status === 401 && !retried) {
      this.jwt = '';
      return this.request(method, path, body, true);
    }
    if (!res.ok) {
      const why = messageOf(parsed) ?? `HTTP ${res.status}`;
      if (res.status === 404 && path.startsWith('/import/')) {
        throw new CmsError(404, `CMS pod adresem ${this.url} nie ma interfejsu importu (${path}: HTTP 404) — zaktualizuj CMS`);
      }
      if (res.status === 403) throw new CmsError(403, messageOf(parsed) ?? `Konto ${this.email} nie ma uprawnień do importu (tworzenia wydarzeń).`);
      throw new CmsError(res.status, why);
    }
    return parsed;
  }

  async lookup(keys: string[]): Promise<ImportLookupResult> {
    return importLookupResult.parse(await this.request('POST', IMPORT_PATHS.lookup, { keys }));
  }

  async directory(): Promise<Directory> {
    const body = (await this.request('GET', IMPORT_PATHS.directory)) as Partial<Directory> | null;
    return { people: body?.people ?? [], institutions: body?.institutions ?? [] };
  }

  async uploadMedia(upload: MediaUpload): Promise<UploadedMedia> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(upload.bytes)], { type: upload.mime }), upload.fileName);
    form.append('sourceUrl', upload.sourceUrl);
    form.append('alt', upload.alt ?? '');
    if (upload.caption) form.append('caption', upload.caption);
    const answer = importMediaResult.safeParse(await this.request('POST', IMPORT_PATHS.media, form));
    if (!answer.success) throw new CmsError(500, `CMS nie podał identyfikatora i adresu pliku dla ${upload.sourceUrl}`);
    return answer.data;
  }

  /** The Media Library's file (the upload plugin's admin route). */
  async file(id: number): Promise<MediaFile> {
    return (await this.request('GET', `/upload/files/${id}`)) as MediaFile;
  }

  /** The site's public address from "Ustawienia strony" (content manager), if set. */
  async siteSettingUrl(): Promise<string | undefined> {
    try {
      const body = (await this.request('GET', '/content-manager/single-types/api::site-setting.site-setting')) as { data?: { siteUrl?: unknown } } | null;
      const url = body?.data?.siteUrl;
      return typeof url === 'string' && /^https?:\/\//.test(url) ? url : undefined;
    } catch {
      return undefined;
    }
  }

  async upsertItem(payload: ImportItemPayload): Promise<ImportItemResult> {
    return importItemResult.parse(await this.request('POST', IMPORT_PATHS.items, payload));
  }

  async discardMedia(fileIds: number[]): Promise<void> {
    for (let i = 0; i < fileIds.length; i += IMPORT_DISCARD_MAX_IDS) {
      const answer = importDiscardResult.safeParse(await this.request('POST', IMPORT_PATHS.discard, { fileIds: fileIds.slice(i, i + IMPORT_DISCARD_MAX_IDS) }));
      if (!answer.success) throw new CmsError(500, 'CMS nie potwierdził usunięcia przesłanych plików');
    }
  }
}
