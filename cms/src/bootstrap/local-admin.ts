import type { Core } from '@strapi/strapi';

// ./scripts/start generates ADMIN_EMAIL and ADMIN_PASSWORD into cms/.env on first start.
// The first boot creates that super admin (with the Polish interface); later boots leave
// the users alone, so a password changed in the admin stays changed.
export async function ensureLocalAdmin(strapi: Core.Strapi) {
  const email = process.env.ADMIN_EMAIL?.trim();
  const password = process.env.ADMIN_PASSWORD;
  if (!email || !password) return;

  const users = strapi.service('admin::user');
  if (await users.exists()) return;

  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await users.create({
    email: email.toLowerCase(),
    firstname: 'Administrator',
    lastname: 'CUS',
    password,
    isActive: true,
    registrationToken: null,
    preferedLanguage: 'pl',
    roles: superAdmin ? [superAdmin.id] : [],
  });
  strapi.log.info(`Utworzono konto administratora ${email}.`);
}
