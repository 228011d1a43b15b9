import type { EntityManager } from 'typeorm';
import { seedId } from '@app/common';
import { policeForceAreaId, readSeedCsv } from '@app/geography';
import { ElectionKind, ElectionSource } from '../influencing.enums';
import { ElectionContestEntity, ElectionRoundEntity } from '../office.entities';
import {
  type AreaGovernance,
  deriveRounds,
  type ElectionHeld,
  parseElectionsHeld,
  type PollingDay,
} from './election-rounds';

export interface ElectionSeedSummary {
  readonly rounds: number;
  readonly contests: number;
}

/** Seeded ids are fixed by what a round is, so tests and links survive a reseed. */
export const electionRoundId = (pollingDay: string, kind: ElectionKind, byElection: boolean): string =>
  seedId('election_round', `${pollingDay}:${kind}:${byElection ? 'BY_ELECTION' : 'ORDINARY'}`);
const electionContestId = (roundId: string, code: string): string => seedId('election_contest', `${roundId}:${code}`);

/**
 * Derives the election rounds since 2012 from the seeded governance periods and the elections
 * record, in one transaction. Idempotent: rows are upserted by id, and derived contests and rounds
 * no longer derived are removed (with their candidates and hustings links). Rounds entered by
 * admins are left alone. Needs the reference geography.
 */
export async function seedElectionRounds(manager: EntityManager): Promise<ElectionSeedSummary> {
  const days = readPollingDays();
  const held = readElectionsHeld();
  return manager.transaction(async (tx) => {
    const rounds = deriveRounds(days, await readGovernance(tx), held);
    const roundRows = rounds.map((r) => ({
      id: electionRoundId(r.pollingDay, r.kind, r.byElection),
      pollingDay: r.pollingDay,
      kind: r.kind,
      byElection: r.byElection,
      source: ElectionSource.DERIVED,
      notes: r.notes,
    }));
    const contestRows = rounds.flatMap((r, i) => {
      const roundId = roundRows[i]?.id ?? '';
      return r.contests.map((c) => ({
        id: electionContestId(roundId, c.code),
        roundId,
        policeForceAreaId: policeForceAreaId(c.code),
        kind: c.kind,
      }));
    });
    await tx.upsert(ElectionRoundEntity, roundRows, ['id']);
    await tx.query(
      `DELETE FROM election_contest c USING election_round r
        WHERE c.round_id = r.id AND r.source = 'DERIVED' AND NOT (c.id = ANY($1::uuid[]))`,
      [contestRows.map((c) => c.id)],
    );
    await tx.upsert(ElectionContestEntity, contestRows, ['id']);
    await tx.query(`DELETE FROM election_round WHERE source = 'DERIVED' AND NOT (id = ANY($1::uuid[]))`, [
      roundRows.map((r) => r.id),
    ]);
    return { rounds: roundRows.length, contests: contestRows.length };
  });
}

function readPollingDays(): PollingDay[] {
  return readSeedCsv('influencing', 'election_polling_days.csv').map((row) => {
    const kind = row.kind as ElectionKind;
    if (!Object.values(ElectionKind).includes(kind) || !/^\d{4}-\d{2}-\d{2}$/.test(row.polling_day ?? '')) {
      throw new Error(`Unexpected polling day row: ${JSON.stringify(row)}`);
    }
    return {
      pollingDay: row.polling_day ?? '',
      kind,
      byElection: row.by_election === 'true',
      policeForceAreaCode: row.pfa_code || null,
      notes: row.notes || null,
    };
  });
}

function readElectionsHeld(): ElectionHeld[] {
  return readSeedCsv('geography', 'pfa_governance_2024_2026.csv').flatMap((row) =>
    parseElectionsHeld(row.pfa_code ?? '', row.elections_held ?? ''),
  );
}

function readGovernance(tx: EntityManager): Promise<AreaGovernance[]> {
  return tx.query(
    `SELECT a.code, g.type, g.since::text AS since, g.until::text AS until
       FROM governance_period g JOIN police_force_area a ON a.id = g.police_force_area_id
      ORDER BY a.code, g.since NULLS FIRST`,
  );
}
