// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'Code that runs in the browser cannot use Node built-ins.' };
const serverPackages = {
  group: ['@portico/server', '@portico/server/*', '@portico/plugin-*/server', '@portico-examples/*/server', '**/server/**', '../server', '../server/*'],
  message: 'Web code never imports server code; share types through a plugin\'s src/common or @portico/model.',
};
const webPackages = {
  group: ['@portico/web', '@portico/web/*', '@portico/app', '@portico/plugin-*/web', '**/web/**', '../web', '../web/*'],
  message: 'Only web code imports web code.',
};
const reachIntoOtherPlugin = {
  group: ['../../../*/src/**', '../../../../plugins/**', '../../../../examples/**'],
  message: 'Plugins reach each other only through published services (package exports) and src/common.',
};

/**
 * Import directions from DESIGN.md, enforced in `npm test`:
 * model and common import neither server nor web; web never imports server; server never
 * imports web; plugins never reach into each other's folders.
 */
export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'test-results/**', 'playwright-report/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['packages/model/src/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeBuiltins, serverPackages, webPackages] }] },
  },
  {
    files: ['plugins/*/src/common/**', 'examples/*/src/common/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeBuiltins, serverPackages, webPackages, reachIntoOtherPlugin] }] },
  },
  {
    files: ['packages/web/src/**', 'packages/app/src/**', 'plugins/*/src/web/**', 'examples/*/src/web/**'],
    // Vite plugins under src/build run in Node at build time, never in the browser.
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'packages/app/src/build/**', 'packages/web/src/build/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeBuiltins, serverPackages, reachIntoOtherPlugin] }] },
  },
  {
    files: ['packages/server/src/**', 'plugins/*/src/server/**', 'examples/*/src/server/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [webPackages, reachIntoOtherPlugin] }] },
  },
);
