// The dependency direction is the design (ARCHITECTURE.md); a wrong arrow fails lint.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'util', 'stream', 'events', 'worker_threads'];
// Relative imports that climb to a top-level folder of ours (any depth up to 6).
const ours = (...folders) =>
  folders.flatMap((f) => [1, 2, 3, 4, 5, 6].flatMap((n) => ['../'.repeat(n) + f, '../'.repeat(n) + f + '/**']));

const restrict = (patterns, message) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: patterns, message, allowTypeImports: true }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/.next/**', 'generated/**', 'tests/.tmp/**', 'data/**', 'web/next-env.d.ts', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: restrict(
      [...ours('db', 'api', 'workflows', 'activities', 'web', 'config', 'scripts', 'prisma', 'generated'), 'express', '@prisma/*', '@temporalio/*', 'next', 'next/*', 'react', ...nodeBuiltins],
      'domain/ is pure rules: it imports nothing of ours outside domain/, no framework and no I/O.',
    ),
  },
  {
    files: ['workflows/**/*.ts'],
    rules: restrict(
      [...ours('db', 'api', 'activities', 'web', 'config', 'scripts', 'prisma', 'generated'), 'express', '@prisma/*', '@temporalio/client', '@temporalio/worker', ...nodeBuiltins],
      'Workflows are deterministic: only domain/, @temporalio/workflow and *types* of activities.',
    ),
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: restrict(
      [...ours('db', 'workflows', 'activities', 'api', 'scripts', 'prisma', 'generated'), '@prisma/*', '@temporalio/*', 'express'],
      'The web talks to the API over HTTP and shares only domain/: never db/, workflows/ or the API code.',
    ),
  },
  {
    files: ['activities/**/*.ts'],
    rules: restrict([...ours('api', 'web', 'workflows'), 'express'], 'Activities do I/O for workflows; they do not reach into the API, the web or workflow code.'),
  },
  {
    files: ['api/**/*.ts'],
    rules: restrict([...ours('web', 'activities'), '@temporalio/worker'], 'The API uses the Temporal client and db/, never the web or activity code.'),
  },
  {
    // Tests may reach anywhere; node:test's test() returns a promise the runner awaits.
    files: ['**/*.test.ts', 'tests/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off', '@typescript-eslint/no-floating-promises': 'off' },
  },
);
