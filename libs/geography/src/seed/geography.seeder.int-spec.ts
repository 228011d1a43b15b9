import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions, defaultDatabaseSettings } from '@app/database';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { geographyEntities } from '../geography.entities';
import { isGeographySeeded, policeForceAreaId, seedGeography } from './geography.seeder';

describe('seedGeography (real PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(
      dataSourceOptions({ ...defaultDatabaseSettings, url: database.url }, geographyEntities),
    );
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const snapshot = (): Promise<unknown> =>
    dataSource.query(`SELECT
      (SELECT json_agg(t ORDER BY id) FROM police_force_area t) AS areas,
      (SELECT json_agg(t ORDER BY id) FROM local_authority t) AS authorities,
      (SELECT json_agg(t ORDER BY id) FROM governance_period t) AS periods,
      (SELECT count(*) FROM local_authority_community_safety_partnership) AS links`);

  it('is idempotent: seeding a seeded database changes nothing, ids included', async () => {
    expect(await isGeographySeeded(dataSource.manager)).toBe(true);
    const before = await snapshot();
    const sut = await seedGeography(dataSource.manager);
    expect(sut).toEqual({
      policeForceAreas: 43,
      localAuthorities: 318,
      communitySafetyPartnerships: 314,
      governancePeriods: 53,
    });
    expect(await snapshot()).toEqual(before);
  });

  it('keeps the 332 LAD→CSP links (7 authorities belong to several partnerships)', async () => {
    const rows = await dataSource.query<{ code: string; partnerships: string }[]>(`
      SELECT a.code, count(*) AS partnerships FROM local_authority a
      JOIN local_authority_community_safety_partnership l ON l.local_authority_id = a.id
      GROUP BY a.code HAVING count(*) > 1 ORDER BY a.code`);
    expect(rows).toHaveLength(7);
    expect(rows.reduce((sum, r) => sum + Number(r.partnerships), 0)).toBe(332 - 318 + 7);
  });

  it('lets the database refuse overlapping governance periods for one area', async () => {
    await expect(
      dataSource.query(
        `INSERT INTO governance_period (id, police_force_area_id, type, office, since, until, certainty)
         VALUES (gen_random_uuid(), $1, 'PCC', 'Overlapping office', '2020-01-01', NULL, 'HIGH')`,
        [policeForceAreaId('W15000002')],
      ),
    ).rejects.toThrow(/governance_period_no_overlap/);
  });

  it('lets the database refuse a malformed area code', async () => {
    await expect(
      dataSource.query(
        `INSERT INTO police_force_area (id, code, name, display_name, force_name, police_uk_force_id, country, region, population)
         VALUES (gen_random_uuid(), 'X1', 'x', 'x', 'x', 'x-force', 'ENGLAND', 'LONDON', 0)`,
      ),
    ).rejects.toThrow(/police_force_area_code_format/);
  });
});
