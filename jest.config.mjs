// ts-jest in ESM mode: Nest 12 is ESM-only and Jest's CommonJS loader cannot require it.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '^@app/(.*)$': '<rootDir>/libs/$1/src',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  setupFiles: [
    '<rootDir>/libs/testing/src/setup-file.ts',
    // Opt-in: reports pool connections asked for inside transactions (libs/testing/src/nested-connections.ts).
    ...(process.env.TEST_REPORT_NESTED_CONNECTIONS ? ['<rootDir>/libs/testing/src/nested-connections-setup.ts'] : []),
  ],
  globalSetup: '<rootDir>/apps/api/test/global-setup.ts',
  globalTeardown: '<rootDir>/apps/api/test/global-teardown.ts',
  maxWorkers: 2,
  // Always run tests in worker processes, never in band: global setup loads the app's modules
  // through CommonJS, and a second (ESM) copy in the same process breaks GraphQL type metadata.
  workerIdleMemoryLimit: '1GB',
  testTimeout: 30000,
};
