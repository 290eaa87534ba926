import type { Core } from '@strapi/strapi';

// The public (unauthenticated) role may do nothing with content: the site reads with a
// read-only API token, and nobody may create accounts through the API. Enforced at every
// start, so a permission ticked by mistake in the admin does not survive a restart.
export async function lockDownPublicRole(strapi: Core.Strapi) {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (role) {
    await strapi.db.query('plugin::users-permissions.permission').deleteMany({
      where: {
        role: role.id,
        $or: [
          { action: { $startsWith: 'api::' } },
          { action: { $startsWith: 'plugin::upload.' } },
          { action: 'plugin::users-permissions.auth.register' },
        ],
      },
    });
  }
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
  if (advanced.allow_register !== false) {
    await store.set({ key: 'advanced', value: { ...advanced, allow_register: false } });
  }
}
