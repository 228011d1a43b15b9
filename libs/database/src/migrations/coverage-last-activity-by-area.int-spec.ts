import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { type MigrationTestDatabase, migrationTestDatabase, scansOf } from '@app/testing';
import { CoverageLastActivityByArea1796600000000 } from './1796600000000-CoverageLastActivityByArea';

interface AreaRow {
  code: string;
  status: string;
  last_activity_at: Date | null;
}

describe('the CoverageLastActivityByArea migration (real PostgreSQL, the demo data)', () => {
  let database: MigrationTestDatabase;
  let source: DataSource;
  const sut = new CoverageLastActivityByArea1796600000000();

  beforeAll(async () => {
    database = await migrationTestDatabase(sut.name);
    source = database.source;
    // More networks than areas (the demo has three), each with activity of its own age
    await source.transaction(async (tx) => {
      const networks = await tx.query<{ id: string }[]>(
        `INSERT INTO local_network (name, police_force_area_id)
         SELECT 'Probe network ' || g, a.id FROM police_force_area a CROSS JOIN generate_series(1, 3) g RETURNING id`,
      );
      const ids = networks.map((n) => n.id);
      await tx.query(
        `INSERT INTO network_membership (network_id, organisation_id, role, status, joined_at)
         SELECT n.id, (SELECT id FROM organisation ORDER BY id LIMIT 1), 'CONVENOR', 'ACTIVE', now()
           FROM unnest($1::uuid[]) AS n(id)`,
        [ids],
      );
      await tx.query(
        `INSERT INTO activity_event (tx_id, occurred_at, verb, visibility, network_id, payload)
         SELECT (pg_current_xact_id()::text)::bigint, now() - make_interval(days => (n.i * 7 % 200)::int),
                'NETWORK_UPDATED', 'PUBLIC', n.id, '{}'
           FROM unnest($1::uuid[]) WITH ORDINALITY AS n(id, i)`,
        [ids],
      );
    });
    await source.query(`REFRESH MATERIALIZED VIEW coverage_area_figures`); // as coverage's first read does
  });

  afterAll(async () => {
    await database?.close();
  });

  const activityProbes = (): Promise<number> => scansOf(source, 'SELECT * FROM coverage_area', 'activity_event');
  const rows = (): Promise<AreaRow[]> => source.query(`SELECT * FROM coverage_area ORDER BY code`);
  const lastActivityOf = async (areaId: string): Promise<Date | null> => {
    const [row] = await source.query<{ last_activity_at: Date | null }[]>(
      `SELECT last_activity_at FROM coverage_area WHERE police_force_area_id = $1`,
      [areaId],
    );
    return row?.last_activity_at ?? null;
  };
  const record = async (networkId: string | null, at: string, areaGiven: string | null = null): Promise<string> => {
    const [{ sequence }] = await source.query<{ sequence: string }[]>(
      `INSERT INTO activity_event (tx_id, occurred_at, verb, visibility, network_id, network_area_id, payload)
       VALUES ((pg_current_xact_id()::text)::bigint, $1, 'NETWORK_UPDATED', 'PUBLIC', $2, $3, '{}') RETURNING sequence`,
      [at, networkId, areaGiven],
    );
    return sequence;
  };
  const areaOfActivity = async (sequence: string): Promise<string | null> => {
    const [row] = await source.query<{ network_area_id: string | null }[]>(
      `SELECT network_area_id FROM activity_event WHERE sequence = $1`,
      [sequence],
    );
    return row?.network_area_id ?? null;
  };

  it('gives the same rows as the view before it, with one probe of the activity per area, not one per network', async () => {
    const runner = source.createQueryRunner();
    try {
      const after = await rows();
      const [{ networks }] = await source.query<{ networks: number }[]>(`SELECT count(*)::int AS networks FROM local_network`);
      expect(after.filter((area) => area.last_activity_at !== null).length).toBeGreaterThan(0);
      expect(networks).toBeGreaterThan(after.length);
      expect(await activityProbes()).toBeLessThanOrEqual(after.length);

      await sut.down(runner);
      try {
        expect(await rows()).toEqual(after);
        expect(await activityProbes()).toBeGreaterThanOrEqual(networks); // per network, as before
      } finally {
        await sut.up(runner); // the test after needs it
      }
      expect(await rows()).toEqual(after);
    } finally {
      await runner.release();
    }
  });

  it("files each activity under its network's area whatever a writer says, and the area's last activity follows", async () => {
    const [first, second] = await source.query<{ id: string; area: string }[]>(
      `SELECT DISTINCT ON (police_force_area_id) id, police_force_area_id AS area FROM local_network
        ORDER BY police_force_area_id, id LIMIT 2`,
    );
    if (!first || !second) {
      throw new Error('the demo data has networks in two areas');
    }
    const before = await lastActivityOf(first.area);
    const beforeSecond = await lastActivityOf(second.area);
    const ahead = '2999-01-01T00:00:00Z';

    const named = await record(first.id, ahead, second.area);
    expect(await areaOfActivity(named)).toBe(first.area);
    expect((await lastActivityOf(first.area))?.toISOString()).toBe('2999-01-01T00:00:00.000Z');

    // A network named later, or another one, moves it; no network (or an unknown one) has no area.
    await source.query(`UPDATE activity_event SET network_id = $1 WHERE sequence = $2`, [second.id, named]);
    expect(await areaOfActivity(named)).toBe(second.area);
    expect(await lastActivityOf(first.area)).toEqual(before);
    expect((await lastActivityOf(second.area))?.toISOString()).toBe('2999-01-01T00:00:00.000Z');
    await source.query(`UPDATE activity_event SET network_area_id = $1 WHERE sequence = $2`, [first.area, named]);
    expect(await areaOfActivity(named)).toBe(second.area);
    expect(await areaOfActivity(await record(null, ahead, first.area))).toBeNull();
    expect(await areaOfActivity(await record('00000000-0000-4000-8000-000000000000', ahead))).toBeNull();
    expect(await lastActivityOf(first.area)).toEqual(before);

    await source.query(`DELETE FROM activity_event WHERE occurred_at = $1`, [ahead]);
    expect(await lastActivityOf(second.area)).toEqual(beforeSecond);
  });
});
