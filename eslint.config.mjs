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
    rules: {
      // Counts, fen amounts, ports and versions go into messages, keys and URLs all the time;
      // a number always prints the same way. Everything else stays banned as in strict (the
      // options are all spelled out: a partial object would fall back to the rule's lax defaults).
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        {
          allowNumber: true,
          allowAny: false,
          allowBoolean: false,
          allowNever: false,
          allowNullish: false,
          allowRegExp: false,
        },
      ],
      // `onClick={() => setX(1)}`, `expect(() => f()).toThrow()` and, inside a function that
      // itself returns void, `if (bad) return setError('…')` / `return send(res, 404, …)` are the
      // idiomatic shapes for React handlers, jest and the fake servers; splitting each into a
      // call plus a bare `return` says nothing more. A void value used anywhere else (assigned,
      // passed on, in a condition, returned where a value is expected) stays an error.
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
      // An `async` function without `await` is how a fake, a mock or a handler implements a
      // Promise-returning interface, and it turns a `throw` into a rejection, which callers
      // rely on (`fakeWeChat.code2Session` rejects on a bad code). Dropping `async` would change
      // that behaviour; the promise rules that find real bugs (no-floating-promises,
      // no-misused-promises, await-thenable, return-await) stay on.
      '@typescript-eslint/require-await': 'off',
      // TypeScript's own convention: `_name` marks a parameter or binding a signature needs but
      // the body does not use, and `{ drop: _, ...rest }` is how an object leaves out keys.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
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
  {
    // Tests only: a narrower rule set, each relaxation for a reason that holds in tests alone.
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts', 'client/src/test-support/**/*.ts'],
    rules: {
      // `rows[0]!.textContent`, `items.find(...)!`: in a test a wrong `!` throws at that very
      // line and fails the test, which is exactly the check we want; a guard before every
      // lookup would only repeat it.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Tests read JSON off the wire (response bodies, CloudFormation, logs) and assert on its
      // shape: the `any` is the input under test, not an unchecked assumption in product code.
      // New tests can type a body with `call<T>()` (test/support/http.ts).
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // ... and the same `any` body goes into messages and expected values.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        {
          allowNumber: true,
          allowAny: true,
          allowBoolean: false,
          allowNever: false,
          allowNullish: false,
          allowRegExp: false,
        },
      ],
      '@typescript-eslint/restrict-plus-operands': [
        'error',
        {
          allowAny: true,
          allowBoolean: false,
          allowNullish: false,
          allowNumberAndString: false,
          allowRegExp: false,
        },
      ],
    },
  },
  prettier,
);
