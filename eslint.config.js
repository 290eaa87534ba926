// One lint configuration for every package (each runs `eslint .` from its folder).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/.astro/**', '**/.tmp/**', '**/.cache/**', '**/build/**', '**/node_modules/**', 'cms/types/**', 'cms/.strapi/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Strapi's services and REST bodies are untyped JSON at the edges; tests read them freely.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['cms/src/admin/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
