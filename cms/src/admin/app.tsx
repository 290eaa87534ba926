import type { StrapiApp } from '@strapi/strapi/admin';

// The admin speaks Polish by default. Strapi picks its interface language from this
// localStorage key and falls back to English when it is unset, so we seed it once per
// browser at load time (before the app renders); a user who switches language in their
// profile keeps their choice.
const LANGUAGE_KEY = 'strapi-admin-language';
try {
  if (!window.localStorage.getItem(LANGUAGE_KEY)) {
    window.localStorage.setItem(LANGUAGE_KEY, 'pl');
  }
} catch {
  // Storage blocked (strict private mode): the language switcher in the profile still works.
}

export default {
  config: {
    locales: ['pl'],
    translations: {
      pl: {
        'Auth.form.welcome.title': 'Relacje z wydarzeń CUS',
        'Auth.form.welcome.subtitle': 'Zaloguj się do panelu redakcji',
      },
    },
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {},
};
