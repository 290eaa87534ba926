import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_DIR, startStrapi, type TestStrapi } from './helpers/strapi';
import { adminLogin, request } from './helpers/http';

// The editorial roles through the admin API, as the admin panel uses it: an Autor writes
// drafts but cannot publish or delete; a Wydawca can. And the admin's list and form settings.

let app: TestStrapi;
const password = 'Haslo-Testowe-2026';
const tokens: Record<string, string> = {};

async function adminWithRole(email: string, code: string) {
  const role = await app.strapi.db.query('admin::role').findOne({ where: { code } });
  expect(role, code).toBeTruthy();
  await app.strapi.service('admin::user').create({ email, firstname: code, lastname: 'Test', password, roles: [role.id], isActive: true });
  return adminLogin(app.url, email, password);
}

const CM = '/content-manager/collection-types/api::event.event';
const call = (who: string, method: string, path: string, json?: unknown) => request(`${app.url}${path}`, { method, token: tokens[who], json });

beforeAll(async () => {
  app = await startStrapi();
  tokens.autor = await adminWithRole('autor@cus.test', 'cus-autor');
  tokens.wydawca = await adminWithRole('wydawca@cus.test', 'cus-wydawca');
});
afterAll(async () => app?.stop());

describe('roles', () => {
  it('are set up once, whatever the number of starts', async () => {
    // The compiled module Strapi itself runs.
    const { ensureEditorRoles } = createRequire(import.meta.url)(path.join(DIST_DIR, 'src/bootstrap/editor-roles.js')) as typeof import('../src/bootstrap/editor-roles');
    await ensureEditorRoles(app.strapi);
    const roles = await app.strapi.db.query('admin::role').findMany({ where: { code: { $in: ['cus-autor', 'cus-wydawca'] } } });
    expect(roles.map((r: { name: string }) => r.name).sort()).toEqual(['Autor', 'Wydawca']);
  });

  it('let an Autor write and change a draft, but not publish or delete it', async () => {
    const created = await call('autor', 'POST', CM, { title: 'Szkic autora', type: 'szkolenie', dates: [{ start: '2026-12-01' }] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.data.documentId;
    expect((await call('autor', 'PUT', `${CM}/${id}`, { lead: 'Poprawiony wstęp.' })).status).toBe(200);
    expect((await call('autor', 'POST', `${CM}/${id}/actions/publish`, {})).status).toBe(403);
    expect((await call('autor', 'DELETE', `${CM}/${id}`)).status).toBe(403);
    expect((await call('autor', 'GET', '/content-manager/single-types/api::site-setting.site-setting')).status).toBe(403);

    // A Wydawca publishes the Autor's draft, then deletes it.
    const published = await call('wydawca', 'POST', `${CM}/${id}/actions/publish`, {});
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.data.publishedAt).toBeTruthy();
    expect((await call('wydawca', 'POST', `${CM}/${id}/actions/unpublish`, {})).status).toBe(200);
    expect((await call('wydawca', 'DELETE', `${CM}/${id}`)).status).toBe(200);
  });

  it('let an Autor upload files to the media library', async () => {
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array([37, 80, 68, 70, 45, 49, 46, 52])], { type: 'application/pdf' }), 'program.pdf');
    const upload = await fetch(`${app.url}/upload`, { method: 'POST', headers: { authorization: `Bearer ${tokens.autor}` }, body: form });
    expect(upload.status).toBe(201);
  });
});

describe('the admin for editors', () => {
  it('lists events newest first by their first day, in few columns (the site state and status fit)', async () => {
    const conf = await call('wydawca', 'GET', `/content-manager/content-types/api::event.event/configuration`);
    expect(conf.status).toBe(200);
    const { settings, layouts, metadatas } = conf.body.data.contentType;
    expect(settings).toMatchObject({ mainField: 'title', defaultSortBy: 'startsOn', defaultSortOrder: 'DESC' });
    expect(layouts.list).toEqual(['title', 'startsOn', 'type']);
    expect(metadatas.startsOn.edit).toMatchObject({ editable: false, visible: false });
    // The form in the order a report is written: what, when, where, who, the text, the photos.
    const order = layouts.edit.flat().map((f: { name: string }) => f.name);
    const at = (f: string) => order.indexOf(f);
    expect(at('title')).toBeLessThan(at('dates'));
    expect(at('dates')).toBeLessThan(at('venue'));
    expect(at('venue')).toBeLessThan(at('appearances'));
    expect(at('appearances')).toBeLessThan(at('body'));
    expect(at('body')).toBeLessThan(at('gallery'));
    expect(metadatas.dates.edit.description).toMatch(/kilka części/);
  });

  it('fills the first day of an event by itself', async () => {
    const created = await call('wydawca', 'POST', CM, { title: 'Dwie części', type: 'warsztaty', dates: [{ start: '2026-05-20' }, { start: '2026-05-12', end: '2026-05-13' }] });
    expect(created.body.data.startsOn).toBe('2026-05-12');
  });

  it('shows people and institutions in relation pickers by name', async () => {
    for (const uid of ['api::speaker.speaker', 'api::institution.institution']) {
      const conf = await call('wydawca', 'GET', `/content-manager/content-types/${uid}/configuration`);
      expect(conf.body.data.contentType.settings.mainField, uid).toBe('name');
    }
  });
});
