import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import vue from 'eslint-plugin-vue';
import { fileURLToPath } from 'node:url';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The four programs `pnpm typecheck` builds, one per tsconfig it names. Not the project service:
 * that opens the tsconfig nearest each file, a program per package each holding the sources of
 * every package it imports (measured alone: 185 → 166 CPU-seconds, 3.4 → 3.1 GB).
 */
const PROJECTS = ['./tsconfig.json', './bench/tsconfig.json', './tests/tsconfig.json', './apps/web/tsconfig.json'];
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const typed = { project: PROJECTS, tsconfigRootDir: ROOT, extraFileExtensions: ['.vue'] };

/**
 * The shared lint rules of every package. Type-aware where it catches real bugs (promises
 * nobody awaits, misused async callbacks); formatting is prettier's, so its clashing rules are off.
 */
export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.data/**', '**/output/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...vue.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: typed,
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: {
      parserOptions: { ...typed, parser: tseslint.parser },
    },
  },
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      'vue/multi-word-component-names': 'off',
      // `x != null` is the one loose comparison worth keeping: null or undefined, said once
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Fastify and tRPC take async functions as the way to return a value, awaited or not
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // vitest types its asymmetric matchers (expect.any, expect.stringMatching) as any, and tests put them in objects
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
