import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { projectRoot } from '@app/common';

/** SQL that would bring the database in line with the entities; empty when nothing is pending. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<{ up: string[]; down: string[] }> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: sql.upQueries.map((q) => q.query),
    down: sql.downQueries.map((q) => q.query).reverse(),
  };
}

/** Writes a migration from the pending changes, to be read, tidied and registered by hand. */
export async function generateMigration(dataSource: DataSource, name: string): Promise<string | null> {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    throw new Error('Give the migration a PascalCase name, e.g. `npm run db:generate -- AddNetworks`');
  }
  const { up, down } = await pendingSchemaChanges(dataSource);
  if (up.length === 0) {
    return null;
  }
  const timestamp = Date.now();
  const lines = (queries: string[]): string =>
    queries.map((q) => `    await queryRunner.query(\`${q.replace(/[`\\]|\$\{/g, (c) => `\\${c}`)}\`);`).join('\n');
  const file = join(projectRoot(), 'libs/database/src/migrations', `${timestamp}-${name}.ts`);
  writeFileSync(
    file,
    `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`,
  );
  return file;
}
