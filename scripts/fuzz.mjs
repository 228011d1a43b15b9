#!/usr/bin/env node
// Fuzzes the API: `npm run fuzz -- --runs 10000 [--seed 42]`. Runs the fuzz end-to-end test
// (a real API on its own copy of the demo database) with more operations than CI's sample.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '1000' }, seed: { type: 'string' } },
});
if (!/^\d+$/.test(values.runs) || (values.seed !== undefined && !/^\d+$/.test(values.seed))) {
  console.error('usage: npm run fuzz -- --runs N [--seed S]');
  process.exit(2);
}
const result = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--disable-warning=ExperimentalWarning',
    'node_modules/jest/bin/jest.js',
    '--runTestsByPath',
    'apps/api/test/fuzz.e2e-spec.ts',
  ],
  {
    stdio: 'inherit',
    env: { ...process.env, FUZZ_RUNS: values.runs, ...(values.seed ? { FUZZ_SEED: values.seed } : {}) },
  },
);
process.exit(result.status ?? 1);
