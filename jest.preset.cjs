// Shared Jest settings. Each project's jest.config.cjs calls this with its own directory.
// Workspace libs resolve to their TypeScript sources through the "@taskledger/source"
// export condition, so tests never need a build first.
module.exports = (projectDir, overrides = {}) => ({
  displayName: require(`${projectDir}/package.json`).name,
  rootDir: projectDir,
  testEnvironment: 'node',
  testEnvironmentOptions: { customExportConditions: ['@taskledger/source', 'node', 'require', 'default'] },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // One fast-check seed per run: fixed unless FC_SEED says otherwise (see jest.fast-check-seed.cjs).
  globalSetup: `${__dirname}/jest.fast-check-seed.cjs`,
  setupFilesAfterEnv: [`${__dirname}/jest.fast-check.cjs`],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: `${projectDir}/tsconfig.spec.json` }],
  },
  ...overrides,
});
