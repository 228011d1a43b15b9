import { createDatabase, dropDatabase, randomSuffix } from './test-postgres';

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file, copied from the template that global setup
 * migrated and seeded once (CREATE DATABASE … TEMPLATE takes milliseconds).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = requiredEnv('CONVENE_TEST_ADMIN_URL');
  const template = requiredEnv('CONVENE_TEST_TEMPLATE');
  const name = `${testDatabasePrefix(requiredEnv('CONVENE_TEST_RUN_ID'))}${randomSuffix()}`;
  const url = await createDatabase(adminUrl, name, template);
  return { url, drop: () => dropDatabase(adminUrl, name) };
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run tests through Jest's global setup (npm test)`);
  }
  return value;
}

/** Databases of one test run share a prefix, so the run's teardown can sweep up after crashes. */
export function testDatabasePrefix(runId: string): string {
  return `convene_test_${runId}_`;
}
