import { describe, expect, it } from '@jest/globals';
import { GovernanceType, readSeedCsv } from '@app/geography';
import { ElectionKind } from '../influencing.enums';
import { type AreaGovernance, deriveRounds, parseElectionsHeld, type PollingDay } from './election-rounds';

const governance: AreaGovernance[] = readSeedCsv('geography', 'pfa_governance_periods.csv').map((row) => ({
  code: row.pfa_code ?? '',
  type: row.governance_type as GovernanceType,
  since: row.since || null,
  until: row.until || null,
}));
const held = readSeedCsv('geography', 'pfa_governance_2024_2026.csv').flatMap((row) =>
  parseElectionsHeld(row.pfa_code ?? '', row.elections_held ?? ''),
);
const days: PollingDay[] = readSeedCsv('influencing', 'election_polling_days.csv').map((row) => ({
  pollingDay: row.polling_day ?? '',
  kind: row.kind as ElectionKind,
  byElection: row.by_election === 'true',
  policeForceAreaCode: row.pfa_code || null,
  notes: null,
}));

describe('deriveRounds (the seed files, no database)', () => {
  const sut = deriveRounds(days, governance, held);
  const round = (day: string, kind: ElectionKind, byElection = false) =>
    sut.find((r) => r.pollingDay === day && r.kind === kind && r.byElection === byElection);

  it.each([
    ['2012-11-15', 41],
    ['2016-05-05', 40],
    ['2021-05-06', 39],
    ['2024-05-02', 37],
  ])('contests the areas whose office on %s + 7 days is a PCC or PFCC: %i', (day, count) => {
    expect(round(day, ElectionKind.PCC)?.contests).toHaveLength(count);
  });

  it('agrees with the PCC and PFCC tokens of elections_held, area by area', () => {
    const derived = sut
      .filter((r) => r.kind === ElectionKind.PCC && !r.byElection)
      .flatMap((r) => r.contests.map((c) => `${c.code} ${c.kind}:${r.pollingDay.slice(0, 4)}`))
      .sort();
    const recorded = held
      .filter((h) => h.office === 'PCC' || h.office === 'PFCC')
      .map((h) => `${h.code} ${h.office}:${h.year}`)
      .sort();
    expect(derived).toEqual(recorded);
  });

  it('has the two 2014 by-elections, one area each', () => {
    expect(round('2014-08-21', ElectionKind.PCC, true)?.contests).toEqual([
      { code: 'E23000014', kind: ElectionKind.PCC },
    ]);
    expect(round('2014-10-30', ElectionKind.PCC, true)?.contests).toEqual([
      { code: 'E23000011', kind: ElectionKind.PCC },
    ]);
  });

  it('has mayoral rounds where a mayor was elected to the functions', () => {
    const areas = (day: string) => round(day, ElectionKind.MAYORAL)?.contests.map((c) => c.code);
    expect(areas('2012-05-03')).toEqual(['E23000001']);
    expect(areas('2017-05-04')).toEqual(['E23000005']);
    expect(areas('2024-05-02')).toEqual(['E23000001', 'E23000005', 'E23000009', 'E23000010', 'E23000011']);
  });

  it('refuses seed files whose by-elections disagree', () => {
    const withoutOne = days.filter((d) => d.pollingDay !== '2014-08-21');
    expect(() => deriveRounds(withoutOne, governance, held)).toThrow(/By-elections disagree/);
  });

  it('refuses a malformed elections_held token', () => {
    expect(() => parseElectionsHeld('E23000002', 'PCC:2012;PCC2016')).toThrow(/Unexpected elections_held token/);
  });
});
