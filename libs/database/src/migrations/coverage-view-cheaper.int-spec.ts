import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { type MigrationTestDatabase, migrationTestDatabase, scansOf } from '@app/testing';
import { CoverageViewCheaper1796500000000 } from './1796500000000-CoverageViewCheaper';

interface AreaRow {
  status: string;
  priorities_missing: string[];
  last_activity_at: Date | null;
}

describe('the CoverageViewCheaper migration (real PostgreSQL, the demo data)', () => {
  let database: MigrationTestDatabase;
  let source: DataSource;
  const sut = new CoverageViewCheaper1796500000000();

  beforeAll(async () => {
    database = await migrationTestDatabase(sut.name);
    source = database.source;
  });

  afterAll(async () => {
    await database?.close();
  });

  const prioritiesRead = (): Promise<number> => scansOf(source, 'SELECT * FROM coverage_area', 'coverage_priority');
  const rows = (): Promise<AreaRow[]> => source.query(`SELECT * FROM coverage_area ORDER BY code`);

  it('reads the priorities once per statement, not per area, and gives the same rows as the view before it', async () => {
    const runner = source.createQueryRunner();
    try {
      // Every area misses them all with no convenor's specialisms: the rows compared below hold each case.
      await source.query(`INSERT INTO coverage_priority (specialism_code, position)
        SELECT code, row_number() OVER (ORDER BY code DESC) + 100 FROM specialism
         WHERE code NOT IN (SELECT specialism_code FROM coverage_priority) LIMIT 2`);
      await source.query(`REFRESH MATERIALIZED VIEW coverage_area_figures`); // as coverage's first read does
      const after = await rows();
      expect(after.filter((area) => area.status !== 'RED').length).toBeGreaterThan(0);
      expect(after.filter((area) => area.priorities_missing.length > 1).length).toBeGreaterThan(0);
      expect(after.filter((area) => area.last_activity_at !== null).length).toBeGreaterThan(0);
      expect(await prioritiesRead()).toBe(1);

      await sut.down(runner);
      expect(await prioritiesRead()).toBeGreaterThanOrEqual(after.length); // per area, as before
      expect(await rows()).toEqual(after);

      await source.query(`DELETE FROM coverage_priority`);
      const none = await rows();
      await sut.up(runner);
      expect(await rows()).toEqual(none);
      expect(none.every((area) => area.priorities_missing.length === 0)).toBe(true);
    } finally {
      await runner.release();
    }
  });
});
