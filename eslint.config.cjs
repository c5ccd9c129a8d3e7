// One flat config for the whole workspace. The Nx module-boundaries rule enforces the
// layering in ARCHITECTURE.md: domain libs import no adapter and no driver; only apps compose.
const nx = require('@nx/eslint-plugin');

const drivers = [
  'better-sqlite3',
  'mongodb',
  '@eventstore/db-client',
  'fastify',
  'child_process',
  'node:child_process',
];

module.exports = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/*.cjs', '**/bin/*.js', 'bench-results', '.nx'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          // Loaded lazily where slow to load and rarely needed: the EventStoreDB gRPC client, fastify.
          checkDynamicDependenciesExceptions: ['@taskledger/event-store', '@taskledger/query-http'],
          depConstraints: [
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain', 'type:util'],
              bannedExternalImports: drivers,
            },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:adapter'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:adapter'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:adapter'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  {
    // Tests may state what their own fixtures guarantee; a wrong `!` there fails the test, not a user.
    files: ['**/*.spec.ts', '**/*.contract.ts', '**/test/**/*.ts', '**/src/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
