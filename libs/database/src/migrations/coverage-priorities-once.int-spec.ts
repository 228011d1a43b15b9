import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { dataSourceOptions } from '../data-source-options';
import { defaultDatabaseSettings } from '../database-settings';
import { CoveragePrioritiesOnce1796500000000 } from './1796500000000-CoveragePrioritiesOnce';

interface PlanNode {
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

const scansOf = (node: PlanNode, relation: string): number =>
  (node['Relation Name'] === relation ? 1 : 0) +
  (node.Plans ?? []).reduce((sum, child) => sum + scansOf(child, relation), 0);

describe('the CoveragePrioritiesOnce migration (real PostgreSQL)', () => {
  let database: TestDatabase;
  let source: DataSource;
  const sut = new CoveragePrioritiesOnce1796500000000();

  beforeAll(async () => {
    database = await createTestDatabase();
    source = new DataSource(dataSourceOptions({ ...defaultDatabaseSettings, url: database.url }, []));
    await source.initialize();
  });

  afterAll(async () => {
    await source.destroy();
    await database.drop();
  });

  const prioritiesScans = async (): Promise<number> => {
    const [{ 'QUERY PLAN': plan }] = (await source.query(`EXPLAIN (FORMAT JSON) SELECT * FROM coverage_area`)) as {
      'QUERY PLAN': { Plan: PlanNode }[];
    }[];
    return scansOf(plan[0]!.Plan, 'coverage_priority');
  };
  const rows = (): Promise<unknown[]> => source.query(`SELECT * FROM coverage_area ORDER BY code`);

  it('has the view read the priorities once per area, and gives the same rows as before it', async () => {
    const runner = source.createQueryRunner();
    try {
      expect(await prioritiesScans()).toBe(1);
      const after = await rows();
      await sut.down(runner);
      expect(await prioritiesScans()).toBe(2); // the copy in the status, as PostgreSQL planned the view before
      expect(await rows()).toEqual(after);
      await sut.up(runner);
      expect(await prioritiesScans()).toBe(1);
    } finally {
      await runner.release();
    }
  });
});
