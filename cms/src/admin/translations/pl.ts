// Polish for what Strapi 5.54 leaves in English, or words its pl.json gets wrong, by message id
// (the ids are those of Strapi's own admin and plugins; plugin ids carry the plugin's prefix).
// Checked on screen by scripts/e2e/src/admin-journey.test.ts, which walks the screens an editor uses.
import { MEDIA_LIBRARY_MESSAGES } from './pl-media-library';

export const POLISH_MESSAGES: Record<string, string> = {
  ...MEDIA_LIBRARY_MESSAGES,

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
  // The photo picker of the edit view asks for these without the plugin's prefix.
  'view-switch.list': 'Widok listy',
  'view-switch.grid': 'Widok siatki',
  'list.asset.at.finished': 'Wczytano pliki i foldery.',

  // Edit view.
  'content-manager.preview.copy.label': 'Kopiuj link do podglądu',
  'content-manager.actions.open-in-new-tab.label': 'Otwórz w nowej karcie',
  'components.Blocks.blocks.unorderedList': 'Lista wypunktowana',
  'components.Blocks.blocks.orderedList': 'Lista numerowana',
  'components.Blocks.blocks.bulletList': 'Lista wypunktowana',
  'components.Blocks.blocks.numberList': 'Lista numerowana',

  // Publishing. Strapi's "powiązany z 1 szkicem… uszkodzonych linków" is jargon: what happens, plainly.
  // (Polish plurals: one 1, few 2–4, many 5+.)
  'content-manager.containers.EditView.publishHint': 'Ctrl (Cmd na Macu) + Shift + Enter, aby opublikować',
  'content-manager.containers.EditView.saveHint': 'Ctrl (Cmd na Macu) + Enter, aby zapisać',
  'content-manager.popUpWarning.warning.has-draft-relations.title': 'Nieopublikowane powiązania',
  // An event's draft links can only be its gallery (people and institutions have no drafts), and
  // publishing the event publishes its gallery (document-middlewares/gallery-follows-event).
  'content-manager.popUpWarning.warning.has-draft-relations.message':
    '{count, plural, one {Powiązany wpis nie jest jeszcze opublikowany.} few {# powiązane wpisy nie są jeszcze opublikowane.} other {# powiązanych wpisów nie jest jeszcze opublikowanych.}} Galeria tego wydarzenia zostanie opublikowana razem z wydarzeniem; {count, plural, one {inny wpis pojawi się} other {inne wpisy pojawią się}} na stronie, gdy {count, plural, one {go} other {je}} opublikujesz.',
  'content-manager.popUpWarning.warning.has-draft-m2m-relations.message':
    '{count, plural, one {Powiązany wpis nie jest jeszcze opublikowany: pojawi się na stronie, gdy go opublikujesz.} few {# powiązane wpisy nie są jeszcze opublikowane: pojawią się na stronie, gdy je opublikujesz.} other {# powiązanych wpisów nie jest jeszcze opublikowanych: pojawią się na stronie, gdy je opublikujesz.}}',
  'content-manager.popUpWarning.warning.has-draft-m2m-relations.additional': 'Powiązania ze szkicami pojawią się na stronie po ich opublikowaniu.',
  'content-manager.popUpWarning.warning.publish-question': 'Opublikować teraz?',
  'content-manager.popUpwarning.warning.has-draft-relations.button-confirm': 'Opublikuj',
  'content-manager.popUpWarning.bodyMessage.contentType.publish.all': 'Wybrane wpisy pojawią się na stronie w ciągu kilku sekund. Opublikować?',
  'content-manager.popUpWarning.bodyMessage.contentType.unpublish.all':
    'Wybrane wpisy znikną ze strony w ciągu kilku sekund, a z wydarzeniami ich galerie. Zostają w panelu jako szkice. Cofnąć publikację?',
  'content-manager.actions.delete.dialog.body': 'Wpis zostanie usunięty na stałe. Jeśli jest na stronie, zniknie z niej w ciągu kilku sekund.',
  'content-manager.actions.unpublish.dialog.body': 'Wpis zniknie ze strony w ciągu kilku sekund. Szkic ma zmiany, których jeszcze nie opublikowano: co z nimi zrobić?',
  'content-manager.actions.unpublish.dialog.option.keep-draft': 'Cofnij publikację i zachowaj moje zmiany w szkicu',
  'content-manager.actions.unpublish.dialog.option.replace-draft': 'Cofnij publikację i wróć do wersji ze strony (moje zmiany przepadną)',

  // Users.
  'Settings.permissions.users.active': 'Aktywny',
  'Auth.form.active.label': 'Aktywne',

  // Errors.
  'content-type-builder.chat.messages.too-many-requests': 'Zbyt wiele żądań, spróbuj ponownie za chwilę.',
};
