// Polish for what Strapi 5.54 leaves in English, or words its pl.json gets wrong, by message id
// (the ids are those of Strapi's own admin and plugins; plugin ids carry the plugin's prefix).
// Checked on screen by cms/test/admin-journey.test.ts, which walks the screens an editor uses.
export const POLISH_MESSAGES: Record<string, string> = {
  // Sign-in and the invitation page.
  'Auth.form.welcome.title': 'Relacje z wydarzeń CUS',
  'Auth.form.welcome.subtitle': 'Zaloguj się do panelu redakcji',
  'Auth.form.register.subtitle': 'Dane logowania służą tylko do logowania się w panelu redakcji. Wszystko, co zapiszesz, zostaje w bazie danych serwisu.',

  // Navigation and headers.
  'app.components.LeftMenu.navbrand.title': 'Relacje z wydarzeń CUS',
  'app.components.LeftMenu.navbrand.workplace': 'Panel redakcji',
  'content-manager.plugin.name': 'Treści',
  'global.content-manager': 'Treści',
  'global.plugins.content-manager': 'Treści',
  'content-manager.header.name': 'Treści',
  'content-manager.containers.Home.pluginHeaderTitle': 'Treści',
  'global.search': 'Szukaj',
  'search.placeholder': 'Szukaj',
  'upload.header.search.placeholder': 'Szukaj',
  'global.plugins.upload': 'Biblioteka mediów',
  'upload.plugin.name': 'Biblioteka mediów',

  // Media library.
  'app.components.MediaLibraryBanner.intro': 'Biblioteka mediów ',
  'app.components.MediaLibraryBanner.text.enabled': 'ma nowy wygląd.',
  'app.components.MediaLibraryBanner.button.enabled': 'Co się zmieniło (strona Strapi, po angielsku)',
  'app.components.MediaLibraryBanner.close': 'Zamknij komunikat',
  'upload.header.actions.add-folder': 'Dodaj folder',
  'upload.view-switch.list': 'Widok listy',
  'upload.view-switch.grid': 'Widok siatki',

  // Edit view.
  'content-manager.preview.copy.label': 'Kopiuj link do podglądu',
  'content-manager.actions.open-in-new-tab.label': 'Otwórz w nowej karcie',
  'components.Blocks.blocks.unorderedList': 'Lista wypunktowana',
  'components.Blocks.blocks.orderedList': 'Lista numerowana',
  'components.Blocks.blocks.bulletList': 'Lista wypunktowana',
  'components.Blocks.blocks.numberList': 'Lista numerowana',

  // Users.
  'Settings.permissions.users.active': 'Aktywny',
  'Auth.form.active.label': 'Aktywne',

  // Errors.
  'content-type-builder.chat.messages.too-many-requests': 'Zbyt wiele żądań, spróbuj ponownie za chwilę.',
};
