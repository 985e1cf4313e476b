// One lint configuration for the whole repo (issue #15): typescript-eslint strict and
// type-checked everywhere, react-hooks for the client, Prettier owns formatting.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.serverless/**',
      '.esbuild/**',
      'coverage/**',
      'bench/results/**',
      'client/config/**',
      'client/test-stubs/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}', 'client/types/**/*.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { project: ['client/tsconfig.json'], projectService: false },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  prettier,
);
