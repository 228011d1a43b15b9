import 'tsconfig-paths/register'; // global setup runs outside Jest's module mapper
import { dropDatabase, testDatabasePrefix, withAdminClient } from '@app/testing';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.CONVENE_TEST_ADMIN_URL;
  const template = process.env.CONVENE_TEST_TEMPLATE;
  const runId = process.env.CONVENE_TEST_RUN_ID;
  if (adminUrl && template && runId) {
    // Test files drop their own databases; this sweeps up any a crashed file left behind.
    const names = await withAdminClient(adminUrl, async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
        [testDatabasePrefix(runId)],
      );
      return rows.map((r) => r.datname);
    });
    for (const name of [...names, template]) {
      await dropDatabase(adminUrl, name);
    }
  }
  await globalThis.conveneTestPostgres?.stop();
}
