// The unit tier (`npm run test:unit`): pure `*.spec.ts` beside the code they test. No database, no
// Nest app, so no global setup: it runs in seconds. `npm test` (jest.config.mjs) runs them too.
import base from './jest.config.mjs';

/** @type {import('jest').Config} */
export default {
  ...base,
  testMatch: ['**/*.spec.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
  testTimeout: 10_000,
};
