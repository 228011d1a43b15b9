import 'tsconfig-paths/register'; // global setup runs outside Jest's module mapper
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createDatabase, databaseUrl, randomSuffix, startTestPostgres, type TestPostgres } from '@app/testing';
import { loadConfig } from '../src/config/app-config';
import { prepareDatabase, withDataSource } from '../src/database/prepare-database';
import { databaseSettings } from '../src/database/persistence';

declare global {
  var conveneTestPostgres: TestPostgres | undefined;
}

/** Once per run: a server, and a template database migrated and seeded for every test file to copy. */
export default async function globalSetup(): Promise<void> {
  Logger.overrideLogger(['warn', 'error']);
  const postgres = await startTestPostgres();
  globalThis.conveneTestPostgres = postgres;
  const runId = randomSuffix();
  const template = `convene_template_${runId}`;
  await createDatabase(postgres.adminUrl, template);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' });
  // Tests use the demo data set and its logins as fixtures.
  await withDataSource(databaseSettings(config, databaseUrl(postgres.adminUrl, template)), (ds) =>
    prepareDatabase(ds, { demo: true }),
  );
  // Inherited by the worker processes Jest starts after global setup.
  process.env.CONVENE_TEST_ADMIN_URL = postgres.adminUrl;
  process.env.CONVENE_TEST_TEMPLATE = template;
  process.env.CONVENE_TEST_RUN_ID = runId;
  if (!process.env.TEST_REDIS_URL) {
    // Said once per run, where it is seen: a skipped describe block is silent in Jest's summary.
    process.stdout.write(
      '\nRedis suites skipped (live activity, live rights and presence over Redis): set TEST_REDIS_URL, e.g. redis://127.0.0.1:6379, to run them.\n',
    );
  }
}
