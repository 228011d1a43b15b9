import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeReport, fuzz } from './fuzz/fuzz';
import { startTestApp, type TestApp } from './support/test-app';

// A bounded sample in every test run; `npm run fuzz -- --runs N` runs more (and `--seed S` replays one).
const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
// A server already running (with the demo data) instead of one of our own, e.g. to read its logs.
const URL = process.env.FUZZ_URL;

describe('fuzzing the API with random operations over the committed schema', () => {
  let sut: TestApp | undefined;

  beforeAll(async () => {
    if (!URL) {
      sut = await startTestApp();
    }
  });

  afterAll(async () => {
    await sut?.close();
  });

  it(
    'answers every operation, as anyone, without an internal error, a 5xx, a refusal without a documented reason, a huge answer or a stall',
    async () => {
      const report = await fuzz(URL ?? sut?.graphqlUrl ?? '', RUNS, SEED);
      process.stdout.write(`${describeReport(report)}\n`);
      expect(report.failures.map((f) => `${f.reason}: ${f.operation.field} as ${f.actor}`)).toEqual([]);
    },
    // About 20 operations a second on a busy machine; generous so a slow run is not a failure.
    Math.max(600_000, RUNS * 200),
  );
});
