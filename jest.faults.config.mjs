// Fault scenarios (`npm run test:faults`): each starts its own PostgreSQL and Redis, runs the built
// API as child processes and breaks them. Run one file at a time: they are timed and CPU-bound.
import base from './jest.config.mjs';

/** @type {import('jest').Config} */
export default {
  ...base,
  roots: ['<rootDir>/apps'],
  testMatch: ['**/*.faults-spec.ts'],
  globalSetup: '<rootDir>/apps/api/test/faults/global-setup.mjs',
  globalTeardown: '<rootDir>/apps/api/test/faults/global-teardown.mjs',
  maxWorkers: 1,
  testTimeout: 240_000,
};
