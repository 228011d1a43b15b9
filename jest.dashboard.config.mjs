// The dashboard's browser tests (apps/dashboard/test): Debian's Chromium driven by playwright-core
// against the real API on the test database; the same setup as `npm test`, one file at a time.
import base from './jest.config.mjs';

/** @type {import('jest').Config} */
export default {
  ...base,
  roots: ['<rootDir>/apps/dashboard'],
  testMatch: ['**/*.browser-spec.ts'],
  maxWorkers: 1,
  testTimeout: 60000,
};
