import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStrapi, type TestStrapi } from './helpers/strapi';
import { adminLogin, request } from './helpers/http';
import { parseDate, parseTime } from '../src/admin/date-time/parse';

// The errors an editor reads come in Polish, name the field by its label and keep its path (the
// admin highlights the field from it): over real HTTP, through the admin's content-manager API and
// REST, on a real Strapi. Plus the reading of typed dates and times by the admin's inputs.

const ADMIN = { email: 'redakcja@cus.test', password: 'Redakcja2026haslo' };
const CM = '/content-manager/collection-types/api::event.event';
let app: TestStrapi;
let fullToken: string;
let adminJwt: string;

beforeAll(async () => {
  app = await startStrapi({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  const token = await app.strapi.service('admin::api-token').create({ name: 'test-full', type: 'full-access', lifespan: null });
  fullToken = token.accessKey;
  adminJwt = await adminLogin(app.url, ADMIN.email, ADMIN.password);
});
afterAll(async () => app?.stop());

const event = (extra: Record<string, unknown>) => ({ title: 'Spotkanie sieci CUS', type: 'spotkanie', dates: [{ start: '2026-03-14' }], ...extra });
const detail = (body: any) => body.error.details.errors as { path: string[]; message: string }[];
const ENGLISH = /must be|Invalid|expected|characters|Too many/;

describe('a time that is not one', () => {
  it('admin API: a Polish message on the hour field of the date row, with its path', async () => {
    const res = await request(`${app.url}${CM}`, { method: 'POST', token: adminJwt, json: event({ dates: [{ start: '2026-03-14', startTime: 'undefined:00.000' }] }) });
    expect(res.status).toBe(400);
    expect(res.body.error.message).not.toMatch(ENGLISH);
    expect(detail(res.body)).toEqual([
      { path: ['dates', '0', 'startTime'], name: 'ValidationError', message: '„Terminy”, wpis nr 1, pole „Godzina rozpoczęcia”: „undefined:00.000” nie jest godziną. Wpisz ją jako godzina:minuty, np. 9:30.' },
    ]);
  });

  it('REST: the same refusal, and nothing stored', async () => {
    const before = await app.strapi.db.query('api::event.event').count({});
    const res = await request(`${app.url}/api/events?status=draft`, { method: 'POST', token: fullToken, json: { data: event({ dates: [{ start: '2026-03-14', endTime: '25:00' }] }) } });
    expect(res.status).toBe(400);
    expect(detail(res.body)[0]!.path).toEqual(['dates', '0', 'endTime']);
    expect(detail(res.body)[0]!.message).toMatch(/^„Terminy”, wpis nr 1, pole „Godzina zakończenia”: „25:00” nie jest godziną/);
    expect(await app.strapi.db.query('api::event.event').count({})).toBe(before);
  });

  it('a stored time (HH:mm:ss.SSS) is accepted and read back unchanged', async () => {
    const res = await request(`${app.url}/api/events?status=draft&populate=dates`, { method: 'POST', token: fullToken, json: { data: event({ dates: [{ start: '2026-03-14', startTime: '09:30:00.000' }] }) } });
    expect(res.status).toBe(201);
    expect(res.body.data.dates[0].startTime).toBe('09:30:00.000');
  });
});

describe('length limits', () => {
  it('admin API: the title and a date row label, each named once with its limit, paths kept', async () => {
    const res = await request(`${app.url}${CM}`, {
      method: 'POST',
      token: adminJwt,
      json: event({ title: 'a'.repeat(260), dates: [{ start: '2026-03-14', label: 'b'.repeat(210) }] }),
    });
    expect(res.status).toBe(400);
    const errors = detail(res.body);
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      [['title'], 'Pole „Tytuł” może mieć najwyżej 250 znaków (jest 260).'],
      [['dates', '0', 'label'], '„Terminy”, wpis nr 1, pole „Opis terminu” może mieć najwyżej 200 znaków (jest 210).'],
    ]);
    expect(res.body.error.message).toBe(errors.map((e) => e.message).join(' '));
  });

  it('REST: an institution name over its limit', async () => {
    const res = await request(`${app.url}/api/institutions`, { method: 'POST', token: fullToken, json: { data: { name: 'x'.repeat(301) } } });
    expect(res.status).toBe(400);
    expect(detail(res.body)).toEqual([expect.objectContaining({ path: ['name'], message: 'Pole „Nazwa” może mieć najwyżej 300 znaków (jest 301).' })]);
  });
});

describe('the admin login rate limit', () => {
  it('answers 429 in Polish once the attempts run out', async () => {
    let last: Awaited<ReturnType<typeof request>> | undefined;
    for (let i = 0; i < 8 && last?.status !== 429; i++) {
      last = await request(`${app.url}/admin/login`, { method: 'POST', json: { email: 'ktos@cus.test', password: 'zle-haslo-123' } });
    }
    expect(last!.status).toBe(429);
    expect(last!.body.error.message).toBe('Zbyt wiele prób w krótkim czasie. Odczekaj 5 minut i spróbuj ponownie.');
  });
});

describe('what editors type into the date and time fields', () => {
  it.each([
    ['9:30', '09:30:00.000', '09:30'],
    ['09.30', '09:30:00.000', '09:30'],
    ['930', '09:30:00.000', '09:30'],
    ['1545', '15:45:00.000', '15:45'],
    ['9', '09:00:00.000', '09:00'],
    ['23:59', '23:59:00.000', '23:59'],
    ['09:30:00.000', '09:30:00.000', '09:30'],
  ])('time %s is stored as %s and shown as %s', (typed, value, display) => {
    expect(parseTime(typed)).toEqual({ kind: 'ok', value, display });
  });

  it.each(['24:00', '9:75', 'undefined:00', 'wpół do dziesiątej', '12345'])('time %s is refused in Polish', (typed) => {
    const parsed = parseTime(typed);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toMatch(/godzin|Minuty/);
  });

  it.each([
    ['14.03.2026', '2026-03-14', '14.03.2026'],
    ['14.3.2026', '2026-03-14', '14.03.2026'],
    ['2026-03-14', '2026-03-14', '14.03.2026'],
    ['1/2/2027', '2027-02-01', '01.02.2027'],
    ['29.02.2028', '2028-02-29', '29.02.2028'],
  ])('date %s is stored as %s and shown as %s', (typed, value, display) => {
    expect(parseDate(typed)).toEqual({ kind: 'ok', value, display });
  });

  it('an impossible date is refused, naming the month and its length', () => {
    expect(parseDate('31.02.2026')).toEqual({ kind: 'error', message: 'Nie ma takiego dnia: „31.02.2026”. Luty 2026 r. ma 28 dni.' });
    expect(parseDate('14.13.2026').kind).toBe('error');
    expect(parseDate('14 marca').kind).toBe('error');
    expect(parseDate('')).toEqual({ kind: 'empty' });
  });
});
