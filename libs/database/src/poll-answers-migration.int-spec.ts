import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { type MigrationTestDatabase, migrationTestDatabase } from '@app/testing';
import { PollAnswersByOrganisation1796240000000 } from './migrations/1796240000000-PollAnswersByOrganisation';

describe('migration: poll answers by organisation', () => {
  let database: MigrationTestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    database = await migrationTestDatabase();
    ds = database.source;
  });

  afterAll(async () => {
    await database?.close();
  });

  it("keeps the latest of several people's answers for one organisation, and every organisation's own", async () => {
    const sut = new PollAnswersByOrganisation1796240000000();
    const runner = ds.createQueryRunner();
    const query = <T>(sql: string, params?: unknown[]) => runner.query(sql, params) as Promise<T>;
    try {
      await sut.down(runner); // back to answers per person
      const [{ id: networkId }] = await query<{ id: string }[]>(`SELECT id FROM local_network ORDER BY id LIMIT 1`);
      const people = await query<{ id: string }[]>(`SELECT id FROM person ORDER BY id LIMIT 3`);
      const orgs = await query<{ id: string }[]>(`SELECT id FROM organisation ORDER BY id LIMIT 2`);
      const [{ id: pollId }] = await query<{ id: string }[]>(
        `INSERT INTO scheduling_poll (network_id, title, kind) VALUES ($1, 'Old poll (test)', 'OTHER') RETURNING id`,
        [networkId],
      );
      const [{ id: slotId }] = await query<{ id: string }[]>(
        `INSERT INTO scheduling_poll_slot (poll_id, starts_at, ends_at)
         VALUES ($1, '2099-01-01T10:00Z', '2099-01-01T11:00Z') RETURNING id`,
        [pollId],
      );
      const answer = (person: string, organisation: string, value: string, at: string) =>
        query<unknown>(
          `INSERT INTO scheduling_poll_answer (slot_id, person_id, organisation_id, answer, answered_at)
           VALUES ($1, $2, $3, $4, $5)`,
          [slotId, person, organisation, value, at],
        );
      await answer(people[0].id, orgs[0].id, 'YES', '2098-01-01T10:00Z');
      await answer(people[1].id, orgs[0].id, 'NO', '2098-01-02T10:00Z');
      await answer(people[2].id, orgs[1].id, 'IF_NEED_BE', '2098-01-01T09:00Z');

      await sut.up(runner);

      const rows = await query<{ person_id: string; organisation_id: string; answer: string }[]>(
        `SELECT person_id, organisation_id, answer FROM scheduling_poll_answer WHERE slot_id = $1 ORDER BY answer`,
        [slotId],
      );
      expect(rows).toEqual([
        { person_id: people[2].id, organisation_id: orgs[1].id, answer: 'IF_NEED_BE' },
        { person_id: people[1].id, organisation_id: orgs[0].id, answer: 'NO' },
      ]);
      // A second answer for the same organisation is now refused by the database too.
      await expect(answer(people[0].id, orgs[0].id, 'YES', '2098-01-03T10:00Z')).rejects.toThrow(
        /scheduling_poll_answer_organisation_uq/,
      );
    } finally {
      await runner.release();
    }
  });
});
