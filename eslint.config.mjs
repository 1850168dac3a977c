// ESLint flat config. Prettier owns formatting (eslint-config-prettier comes last and switches off every rule that
// would fight it); ESLint keeps the rules that catch bugs and hold the project's habits.
//
// Type-aware: the rules that need the type checker (floating promises, `any` leaking in from untyped APIs) are the
// ones that matter most here, and one program per tsconfig is affordable (about 45 s of CPU for the whole repo).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier/flat';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const tsFiles = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const jsFiles = ['**/*.js', '**/*.cjs', '**/*.mjs'];
// Build-tool configs outside every tsconfig: linted, but without type information.
const toolConfigs = ['web/codegen.ts', 'web/vite.config.mts'];
// Where code may read process.env directly: the config module, and the harnesses around the product.
const envReaders = ['src/config/**', 'test/**', 'bench/**', 'demo/**', ...jsFiles, ...toolConfigs];

export default defineConfig(
  globalIgnores(['dist/', 'coverage/', 'data/', 'data_lake/', 'bench/results/', 'test-results/', '.ci/', 'web/src/gql/']),
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    files: tsFiles,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
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
      // Files with decorators keep value imports (emitDecoratorMetadata needs them); the rule knows and skips those.
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      // React event handlers may be async; everywhere else a promise where a void callback is expected is a bug.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Off on purpose: `async` without `await` is how a method satisfies a Promise-returning interface (Agenda's
      // JobRepository, the job queue) while turning a synchronous throw into a rejection. Dropping `async` would
      // change behaviour, so the rule's advice is wrong for this code.
      '@typescript-eslint/require-await': 'off',
      // Off on purpose: raw SQL rows are typed `unknown` by design and converted at the boundary with
      // String()/Number()/BigInt(); the rule flags exactly those conversions (`String(v ?? 0)`), never a real bug.
      '@typescript-eslint/no-base-to-string': 'off',
      // Off on purpose: callbacks stored as properties are declared with method shorthand (`map(row): T`), so the
      // rule cannot tell a bound arrow from an unbound method; every finding in this code was such an arrow.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: toolConfigs,
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: jsFiles,
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // `x == null` is the one loose comparison allowed: it means "null or undefined".
    rules: { eqeqeq: ['error', 'always', { null: 'ignore' }] },
  },
  {
    ignores: envReaders,
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings through src/config (loadConfig), not process.env.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'process', importNames: ['env'], message: 'Read settings through src/config (loadConfig), not process.env.' },
            { name: 'node:process', importNames: ['env'], message: 'Read settings through src/config (loadConfig), not process.env.' },
          ],
        },
      ],
    },
  },
  {
    // Tests may use `any` (payloads of responses, mocks); the unsafe-any family follows.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  prettier,
);
