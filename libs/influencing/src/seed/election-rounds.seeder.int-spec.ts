import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions, defaultDatabaseSettings } from '@app/database';
import { geographyEntities } from '@app/geography';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { ElectionKind } from '../influencing.enums';
import { ElectionContestEntity, ElectionRoundEntity } from '../office.entities';
import { electionRoundId, seedElectionRounds } from './election-rounds.seeder';

describe('seedElectionRounds (real PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(
      dataSourceOptions({ ...defaultDatabaseSettings, url: database.url }, [
        ...geographyEntities,
        ElectionRoundEntity,
        ElectionContestEntity,
      ]),
    );
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const snapshot = (): Promise<unknown> =>
    dataSource.query(`SELECT
      (SELECT json_agg(t ORDER BY id) FROM election_round t) AS rounds,
      (SELECT json_agg(t ORDER BY id) FROM election_contest t) AS contests`);

  it('is idempotent: seeding a seeded database changes nothing, ids included', async () => {
    const before = await snapshot();
    const sut = await seedElectionRounds(dataSource.manager);
    // 6 PCC rounds (4 ordinary, 2 by-elections) of 41 + 1 + 1 + 40 + 39 + 37; 5 mayoral of 1 + 1 + 1 + 3 + 5.
    expect(sut).toEqual({ rounds: 11, contests: 170 });
    expect(await snapshot()).toEqual(before);
  });

  it('gives rounds ids fixed by what they are', async () => {
    const round = await dataSource.manager.findOneByOrFail(ElectionRoundEntity, {
      id: electionRoundId('2014-10-30', ElectionKind.PCC, true),
    });
    expect(round).toMatchObject({ pollingDay: '2014-10-30', byElection: true, source: 'DERIVED' });
  });

  it('leaves rounds entered by admins alone', async () => {
    await dataSource.query(
      `INSERT INTO election_round (polling_day, kind, by_election, source) VALUES ('2032-05-06', 'PCC', false, 'ENTERED')`,
    );
    await seedElectionRounds(dataSource.manager);
    expect(await dataSource.manager.countBy(ElectionRoundEntity, { pollingDay: '2032-05-06' })).toBe(1);
  });
});
