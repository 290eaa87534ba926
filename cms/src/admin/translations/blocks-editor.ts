// Polish for the rich-text (Blocks) editor of Strapi 5.54, by message id. Strapi's own pl.json
// has most of the toolbar, in words editors do not use ("Nagłówek H2", "Target (opcjonalne)"),
// and none of the ids the editor asks the content manager for ("content-manager.…": the
// expand/collapse buttons and what a screen reader hears when a block is moved), which fall
// back to English. Checked on screen by scripts/e2e/src/admin-rich-text.test.ts.
export const BLOCKS_EDITOR_MESSAGES: Record<string, string> = {
  // The block type menu (first control of the toolbar).
  'components.Blocks.blocks.selectBlock': 'Rodzaj bloku',
  'components.Blocks.blocks.text': 'Akapit',
  'components.Blocks.blocks.heading1': 'Nagłówek 1',
  'components.Blocks.blocks.heading2': 'Nagłówek 2',
  'components.Blocks.blocks.heading3': 'Nagłówek 3',
  'components.Blocks.blocks.heading4': 'Nagłówek 4',
  'components.Blocks.blocks.heading5': 'Nagłówek 5',
  'components.Blocks.blocks.heading6': 'Nagłówek 6',
  'components.Blocks.blocks.quote': 'Cytat',
  'components.Blocks.blocks.code': 'Blok kodu',
  'components.Blocks.blocks.code.languageLabel': 'Wybierz język',
  'components.Blocks.blocks.image': 'Zdjęcie',
  'components.Blocks.blocks.unorderedList': 'Lista punktowana',
  'components.Blocks.blocks.orderedList': 'Lista numerowana',

  // Text marks.
  'components.Blocks.modifiers.bold': 'Pogrubienie',
  'components.Blocks.modifiers.italic': 'Kursywa',
  'components.Blocks.modifiers.underline': 'Podkreślenie',
  'components.Blocks.modifiers.strikethrough': 'Przekreślenie',
  'components.Blocks.modifiers.code': 'Kod w tekście',

  // Links and their form. Rel and target are HTML attributes the site sets itself.
  'components.Blocks.link': 'Odnośnik',
  'components.Blocks.popover.text': 'Tekst odnośnika',
  'components.Blocks.popover.text.placeholder': 'Wpisz tekst odnośnika',
  'components.Blocks.popover.link': 'Adres',
  'components.Blocks.popover.link.placeholder': 'Wklej adres, np. https://cus.gov.pl',
  'components.Blocks.popover.link.error': 'Wpisz pełny adres zaczynający się od https://',
  'components.Blocks.popover.link.rel': 'Atrybut rel (zostaw puste)',
  'components.Blocks.popover.link.rel.placeholder': 'niepotrzebne',
  'components.Blocks.popover.link.target': 'Miejsce otwarcia (zostaw puste)',
  'components.Blocks.popover.link.target.placeholder': 'niepotrzebne',
  'components.Blocks.popover.remove': 'Usuń odnośnik',
  'components.Blocks.popover.edit': 'Zmień odnośnik',

  // The editor's frame and moving blocks (the content manager's ids).
  'content-manager.components.Blocks.expand': 'Powiększ edytor',
  'content-manager.components.Blocks.collapse': 'Zmniejsz edytor',
  'content-manager.components.Blocks.dnd.instruction':
    'Aby przenieść blok wyżej lub niżej, naciśnij Ctrl (na Macu Command) razem z Shift i strzałką w górę lub w dół',
  'content-manager.components.Blocks.dnd.reorder': '{item}: przeniesiono. Nowe miejsce w treści: {position}.',
  'content-manager.components.DragHandle-label': 'Przeciągnij',

  // The Media Library dialog the photo block opens (what Strapi's upload plugin leaves in English
  // there; its close button's "Close modal" is a design-system default with no message id).
  'upload.modal.upload-list.sub-header.add-folder': 'Dodaj folder',
  'upload.header.breadcrumbs.nav.label': 'Nawigacja po folderach',
};
