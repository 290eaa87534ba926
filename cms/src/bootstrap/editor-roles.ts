import type { Core } from '@strapi/strapi';

// The two roles of a centre's editorial team, set up in code at every start (idempotent: the
// permissions are assigned as a whole, so a role changed by hand in the admin is put back):
//   Autor    writes and edits drafts of reports, people, institutions and galleries, uploads
//            photos; cannot publish, unpublish or delete, nor change the site settings.
//   Wydawca  everything an Autor can, and publishes, unpublishes and deletes; edits the site
//            settings (and the accessibility statement).
// (Strapi has no separate right to delete files: whoever may edit media may delete it.)
// Super Admin (the local admin of ./scripts/start) keeps every right.
// Strapi's own "Author" and "Editor" roles (made on the first start) would sit beside ours in
// the role picker in English: they are removed while no user holds them. One that a user still
// holds stays (removing it would lock that user out) and the log says whom to move.

export const ROLES = {
  autor: { code: 'cus-autor', name: 'Autor', description: 'Pisze i poprawia szkice relacji, dodaje zdjęcia. Nie publikuje i nie usuwa.' },
  wydawca: { code: 'cus-wydawca', name: 'Wydawca', description: 'Publikuje, wycofuje i usuwa relacje; zatwierdza pracę autorów; zmienia ustawienia strony.' },
} as const;

const CONTENT = ['api::event.event', 'api::speaker.speaker', 'api::institution.institution', 'api::gallery.gallery'];
const SETTINGS = 'api::site-setting.site-setting';
const PUBLISH = 'plugin::content-manager.explorer.publish';
const DELETE = 'plugin::content-manager.explorer.delete';

type Permission = { action: string; subject?: string | null; properties?: Record<string, unknown>; conditions?: string[] };

const UPLOAD: Permission[] = [
  'plugin::upload.read',
  'plugin::upload.configure-view',
  'plugin::upload.assets.create',
  'plugin::upload.assets.update',
  'plugin::upload.assets.download',
  'plugin::upload.assets.copy-link',
].map((action) => ({ action }));

async function ensureRole(strapi: Core.Strapi, role: (typeof ROLES)[keyof typeof ROLES], permissions: Permission[]) {
  const roles = strapi.service('admin::role');
  let found = await roles.findOne({ code: role.code });
  if (!found) found = await roles.create({ name: role.name, code: role.code, description: role.description });
  else if (found.name !== role.name || found.description !== role.description) {
    await roles.update({ id: found.id }, { name: role.name, description: role.description });
  }
  await roles.assignPermissions(found.id, permissions);
}

export async function ensureEditorRoles(strapi: Core.Strapi) {
  const actions = (strapi.service('admin::permission').actionProvider.values() as { section: string }[]).filter((a) => a.section === 'contentTypes');
  // Every content-type action with every field, for our content types only.
  const all = (strapi.service('admin::content-type').getPermissionsWithNestedFields(actions) as Permission[]).filter(
    (p) => p.subject && (CONTENT.includes(p.subject) || p.subject === SETTINGS),
  );
  const wydawca = [...all, ...UPLOAD];
  const autor = [...all.filter((p) => p.subject !== SETTINGS && p.action !== PUBLISH && p.action !== DELETE), ...UPLOAD];
  await ensureRole(strapi, ROLES.wydawca, wydawca);
  await ensureRole(strapi, ROLES.autor, autor);
  await removeStrapiDefaultRoles(strapi);
  await withoutDeveloperTools(strapi);
}

/**
 * Strapi's developer tools: the marketplace („Sklep”, links to market.strapi.io) and the
 * content-type builder („Kreator typu treści”, „Edytuj model”), which changes the schema the
 * site's contract is written for. Autor and Wydawca never hold them; Super Admin holds every
 * right Strapi knows, so it gets these only when a developer asks: CUS_ADMIN_DEVELOPER=true.
 */
const DEVELOPER_ACTIONS = [/^admin::marketplace\./, /^plugin::content-type-builder\./];

export const isAdminDeveloper = (env: NodeJS.ProcessEnv = process.env) => env.CUS_ADMIN_DEVELOPER?.trim().toLowerCase() === 'true';

type RoleService = {
  hooks: { willResetSuperAdminPermissions: { register(fn: (permissions: Permission[]) => Permission[]): void } };
  resetSuperAdminPermissions(): Promise<void>;
};
let hookRegistered = false;

async function withoutDeveloperTools(strapi: Core.Strapi) {
  const roles = strapi.service('admin::role') as unknown as RoleService;
  // Strapi gives Super Admin every right at each start (before this bootstrap); the hook trims
  // them whenever that happens, and the reset below applies it now. The hook lives as long as
  // the admin's module, so it reads the flag each time rather than once.
  if (!hookRegistered) {
    roles.hooks.willResetSuperAdminPermissions.register((permissions) =>
      isAdminDeveloper() ? permissions : permissions.filter((p) => !DEVELOPER_ACTIONS.some((re) => re.test(p.action))),
    );
    hookRegistered = true;
  }
  await roles.resetSuperAdminPermissions();
}

/** Strapi's default roles, which ours replace. */
export const STRAPI_DEFAULT_ROLES = ['strapi-editor', 'strapi-author'] as const;

/** Removes Strapi's default editor roles that no user holds; returns the codes removed and kept. */
export async function removeStrapiDefaultRoles(strapi: Core.Strapi): Promise<{ removed: string[]; kept: string[] }> {
  const roles = strapi.service('admin::role');
  const removed: string[] = [];
  const kept: string[] = [];
  for (const code of STRAPI_DEFAULT_ROLES) {
    const role = (await roles.findOne({ code })) as { id: number; name: string } | null;
    if (!role) continue;
    const users = (await roles.getUsersCount(role.id)) as number;
    if (users === 0) {
      await roles.deleteByIds([role.id]);
      removed.push(code);
    } else {
      kept.push(code);
      strapi.log.warn(
        `Rola „${role.name}” (domyślna rola Strapi) ma ${users} użytkownik(ów): zostaje. Przypisz im rolę ${ROLES.autor.name} lub ${ROLES.wydawca.name}, a zniknie przy następnym starcie.`,
      );
    }
  }
  return { removed, kept };
}
