import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { SentStatement } from './sql-counter';

let probes = 0;

/** PostgreSQL plans a prepared statement for its values five times before it weighs a generic plan. */
const EXECUTIONS = 8;

/**
 * How PostgreSQL plans each statement when prepared and run again and again (as the server's named
 * statements are on each pooled connection): after a few executions, a generic plan made once, or
 * still a custom plan made on every run (planning can cost more than running a short read).
 */
export async function plansOf(
  dataSource: DataSource,
  statements: readonly SentStatement[],
): Promise<{ sql: string; genericPlans: number; customPlans: number }[]> {
  const runner = dataSource.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    const result = [];
    for (const { sql, parameters } of statements) {
      const name = `plan_probe_${++probes}`; // node-postgres keeps a name's text per connection: never reused
      for (let run = 0; run < EXECUTIONS; run++) {
        await client.query({ name, text: sql, values: [...parameters] });
      }
      const {
        rows: [plans],
      } = await client.query<{ generic: number; custom: number }>(
        'SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE name = $1',
        [name],
      );
      await client.query(`DEALLOCATE ${name}`);
      result.push({ sql, genericPlans: plans.generic, customPlans: plans.custom });
    }
    return result;
  } finally {
    await runner.release();
  }
}
