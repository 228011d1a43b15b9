import { DataSource } from 'typeorm';
import { dataSourceOptions, defaultDatabaseSettings } from '@app/database';
import { createTestDatabase } from './test-database';

/** A migration's test database (the template's copy) and a data source on it with every migration known. */
export interface MigrationTestDatabase {
  readonly source: DataSource;
  close(): Promise<void>;
}

/** With `asLeftBy`, the database as that migration left it: the migrations after it undone, last first. */
export async function migrationTestDatabase(asLeftBy?: string): Promise<MigrationTestDatabase> {
  const database = await createTestDatabase();
  const source = new DataSource(dataSourceOptions({ ...defaultDatabaseSettings, url: database.url }, []));
  const close = async (): Promise<void> => {
    try {
      if (source.isInitialized) {
        await source.destroy();
      }
    } finally {
      await database.drop();
    }
  };
  try {
    await source.initialize();
    if (asLeftBy) {
      await undoMigrationsAfter(source, asLeftBy);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { source, close };
}

async function undoMigrationsAfter(source: DataSource, name: string): Promise<void> {
  const [run] = await source.query<{ name: string }[]>(`SELECT name FROM typeorm_migrations WHERE name = $1`, [name]);
  if (!run) {
    throw new Error(`${name} was never run`);
  }
  for (;;) {
    const [last] = await source.query<{ name: string }[]>(
      `SELECT name FROM typeorm_migrations ORDER BY id DESC LIMIT 1`,
    );
    if (!last || last.name === name) {
      return;
    }
    await source.undoLastMigration();
  }
}

interface PlanNode {
  'Relation Name'?: string;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

/** How many times the plan's scans of `relation` ran, summed. */
const loopsOver = (node: PlanNode, relation: string): number =>
  (node['Relation Name'] === relation ? (node['Actual Loops'] ?? 0) : 0) +
  (node.Plans ?? []).reduce((sum, child) => sum + loopsOver(child, relation), 0);

/** How many times `sql`'s scans of `relation` ran (EXPLAIN ANALYZE: it runs the statement). */
export async function scansOf(source: DataSource, sql: string, relation: string): Promise<number> {
  const [{ 'QUERY PLAN': plan }] = await source.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(
    `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
  );
  return loopsOver(plan[0].Plan, relation);
}
