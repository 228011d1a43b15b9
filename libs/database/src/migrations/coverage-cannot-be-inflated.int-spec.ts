import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { type MigrationTestDatabase, migrationTestDatabase } from '@app/testing';
import { CoverageCannotBeInflated1796250000000 } from './1796250000000-CoverageCannotBeInflated';

describe('the CoverageCannotBeInflated migration on a live database (real PostgreSQL)', () => {
  let database: MigrationTestDatabase;
  let source: DataSource;
  const sut = new CoverageCannotBeInflated1796250000000();

  beforeAll(async () => {
    database = await migrationTestDatabase();
    source = database.source;
  });

  afterAll(async () => {
    await database?.close();
  });

  it('keeps the oldest of same-named open networks, renames the others to free names, and then refuses duplicates', async () => {
    const runner = source.createQueryRunner();
    try {
      await sut.down(runner);
      // Rows as an older release could have written them (without their convenors: triggers off).
      await runner.query(`SET session_replication_role = replica`);
      const [{ id: area }] = await runner.query(`SELECT id FROM police_force_area WHERE code = 'W15000004'`);
      const [{ id: other }] = await runner.query(`SELECT id FROM police_force_area WHERE code = 'W15000003'`);
      const add = (name: string, areaId: string, status: string, minutes: number) =>
        runner.query(
          `INSERT INTO local_network (name, police_force_area_id, status, closed_at, created_at)
           VALUES ($1, $2, $3::network_status, CASE WHEN $3::text = 'CLOSED' THEN now() END,
                   now() + $4 * interval '1 minute')`,
          [name, areaId, status, minutes],
        );
      await add('Forum (migration test)', area, 'ACTIVE', 0);
      await add('  forum   (MIGRATION test) ', area, 'FORMING', 1);
      await add('FORUM (migration test)', area, 'DORMANT', 2);
      await add('Forum (migration test) (2)', area, 'FORMING', 3);
      await add('Forum (migration test)', area, 'CLOSED', 4);
      await add('Forum (migration test)', other, 'FORMING', 5);
      await runner.query(`SET session_replication_role = origin`);

      await sut.up(runner);

      const rows: { code: string; name: string }[] = await runner.query(
        `SELECT a.code, n.name FROM local_network n JOIN police_force_area a ON a.id = n.police_force_area_id
          WHERE n.name ILIKE '%migration test%' ORDER BY n.created_at`,
      );
      expect(rows).toEqual([
        { code: 'W15000004', name: 'Forum (migration test)' },
        { code: 'W15000004', name: 'forum   (MIGRATION test) (3)' },
        { code: 'W15000004', name: 'FORUM (migration test) (4)' },
        { code: 'W15000004', name: 'Forum (migration test) (2)' },
        { code: 'W15000004', name: 'Forum (migration test)' }, // closed: its name may be used again
        { code: 'W15000003', name: 'Forum (migration test)' }, // another area
      ]);
      await runner.query(`SET session_replication_role = replica`);
      await expect(add(' FORUM  (migration TEST)', area, 'FORMING', 6)).rejects.toMatchObject({
        constraint: 'local_network_area_name_uq',
      });
    } finally {
      await runner.query(`SET session_replication_role = origin`).catch(() => undefined);
      await runner.release();
    }
  });
});
