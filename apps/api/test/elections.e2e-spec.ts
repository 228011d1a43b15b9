import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { Client as PgClient } from 'pg';
import { readSeedCsv } from '@app/geography';
import { countSql, rowCount } from '@app/testing';
import { errorOf, eventOf, GWENT, gwentNetwork, type Headers, localIn, NEWPORT_CVS } from './support/event-helpers';
import { demoCast } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';

const CUMBRIA = 'E23000002'; // a PFCC since 2023
const DYFED_POWYS = 'W15000004';
const METROPOLITAN = 'E23000001'; // the Mayor of London holds the functions

interface Contest {
  kind: string;
  policeForceArea: { code: string };
  candidates?: { name: string; party: string | null; independent: boolean; statementUrl: string | null }[];
}
interface Round {
  id: string;
  pollingDay: string;
  kind: string;
  byElection: boolean;
  source: string;
  notes: string | null;
  areaCount: number;
  contests: Contest[];
}
interface AreaRecord {
  code: string;
  offices: { type: string; since: string | null; until: string | null }[];
  elections: { kind: string; round: { pollingDay: string; kind: string; byElection: boolean; source: string } }[];
}

const ROUND = 'id pollingDay kind byElection source notes areaCount contests { kind policeForceArea { code } }';
const SCHEDULE = `mutation ($input: ScheduleElectionRoundInput!) { scheduleElectionRound(input: $input) { round { ${ROUND} } } }`;
const ADD_CANDIDATE = `mutation ($input: AddElectionCandidateInput!) { addElectionCandidate(input: $input) {
  candidate { id name party independent statementUrl } contest { kind policeForceArea { code } } } }`;
const LINK = 'mutation ($input: LinkHustingsInput!) { linkHustings(input: $input) { round { id } event { id } } }';

/** A date `years` from today (UK), as the API takes it. */
const yearsAhead = (years: number, days = 0): string =>
  DateTime.now().setZone('Europe/London').plus({ years, days }).toISODate() ?? '';

describe('elections: derived rounds, scheduling, candidates, hustings', () => {
  let sut: TestApp;
  let admin: Headers;
  let coordinator: Headers;
  let member: Headers;
  let db: PgClient;

  const rows = (table: string): Promise<number> => rowCount(sut.database.url, table);
  /** Row counts of everything these operations write, to show a refusal wrote nothing. */
  const written = async () => ({
    rounds: await rows('election_round'),
    contests: await rows('election_contest'),
    candidates: await rows('election_candidate'),
    hustings: await rows('election_hustings'),
    activity: await rows('activity_event'),
  });
  const rounds = async (args = ''): Promise<Round[]> =>
    (await sut.client.data<{ electionRounds: Round[] }>(`{ electionRounds${args} { ${ROUND} } }`)).electionRounds;
  const schedule = (who: Headers, input: Record<string, unknown>) =>
    sut.client.request<{ scheduleElectionRound: { round: Round } }>(SCHEDULE, { input }, who);
  const hustingsEvent = (who: Headers, input: Record<string, unknown> = {}) =>
    eventOf(sut, who, {
      organiserOrganisationId: NEWPORT_CVS,
      policeForceAreaCode: GWENT,
      kind: 'PCC_HUSTINGS',
      title: 'Commissioner hustings (test)',
      start: localIn(14),
      end: localIn(14, 20),
      visibility: 'PUBLIC',
      ...input,
    });

  beforeAll(async () => {
    sut = await startTestApp();
    ({ admin, coordinator, member } = await demoCast(sut));
    db = new PgClient({ connectionString: sut.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await sut.close();
  });

  describe('rounds derived from the seeded record', () => {
    it('contests 41, 40, 39 and 37 areas in the four ordinary PCC rounds', async () => {
      const ordinary = (await rounds('(kind: PCC)')).filter((r) => !r.byElection);
      expect(ordinary.map((r) => [r.pollingDay, r.areaCount, r.contests.length, r.source])).toEqual([
        ['2012-11-15', 41, 41, 'DERIVED'],
        ['2016-05-05', 40, 40, 'DERIVED'],
        ['2021-05-06', 39, 39, 'DERIVED'],
        ['2024-05-02', 37, 37, 'DERIVED'],
      ]);
    });

    it('has the 2014 by-elections in the West Midlands and South Yorkshire', async () => {
      const byElections = (await rounds('(kind: PCC)')).filter((r) => r.byElection);
      expect(byElections.map((r) => [r.pollingDay, r.contests.map((c) => [c.policeForceArea.code, c.kind])])).toEqual([
        ['2014-08-21', [['E23000014', 'PCC']]],
        ['2014-10-30', [['E23000011', 'PCC']]],
      ]);
    });

    it('agrees, area by area, with the office in force a week after polling day (as the API tells it)', async () => {
      const { policeForceAreas } = await sut.client.data<{ policeForceAreas: AreaRecord[] }>(
        '{ policeForceAreas { code offices { type since until } elections { kind round { pollingDay kind byElection source } } } }',
      );
      const ordinaryDays = (await rounds('(kind: PCC)'))
        .filter((r) => !r.byElection && r.source === 'DERIVED')
        .map((r) => r.pollingDay);
      expect(policeForceAreas).toHaveLength(43);
      const mismatches: string[] = [];
      for (const area of policeForceAreas) {
        const officeAfter = (day: string) => {
          const takesOffice = DateTime.fromISO(day).plus({ days: 7 }).toISODate() ?? '';
          return area.offices.find(
            (o) => (o.since === null || o.since <= takesOffice) && (o.until === null || takesOffice < o.until),
          )?.type;
        };
        for (const day of ordinaryDays) {
          const office = officeAfter(day);
          const contest = area.elections.find((e) => e.round.pollingDay === day && e.round.kind === 'PCC');
          const expected = office === 'PCC' || office === 'PFCC' ? office : undefined;
          if (contest?.kind !== expected) {
            mismatches.push(`${area.code} ${day}: office ${office}, contest ${contest?.kind}`);
          }
        }
        for (const e of area.elections.filter((x) => x.round.kind === 'PCC' && x.round.byElection)) {
          if (e.kind !== officeAfter(e.round.pollingDay)) {
            mismatches.push(`${area.code} by-election ${e.round.pollingDay}: ${e.kind}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
    });

    it('agrees, area by area, with the elections_held column of the governance seed', async () => {
      const { policeForceAreas } = await sut.client.data<{ policeForceAreas: AreaRecord[] }>(
        '{ policeForceAreas { code elections { kind round { pollingDay kind byElection source } } } }',
      );
      const derived = new Map(
        policeForceAreas.map((area) => [
          area.code,
          area.elections
            .filter((e) => e.round.source === 'DERIVED')
            .map((e) => {
              const year = e.round.pollingDay.slice(0, 4);
              if (e.round.kind === 'MAYORAL') {
                return `MAYOR:${year}`;
              }
              return e.round.byElection ? `PCC_BY:${year}` : `${e.kind}:${year}`;
            })
            .sort()
            .join(';') || 'NONE',
        ]),
      );
      const recorded = new Map(
        readSeedCsv('geography', 'pfa_governance_2024_2026.csv').map((row) => [
          row.pfa_code,
          (row.elections_held ?? '').split(';').sort().join(';'),
        ]),
      );
      expect(derived).toEqual(recorded);
    });

    it('answers one round by id, NOT_FOUND for an unknown one and BAD_USER_INPUT for a malformed one', async () => {
      const [first] = await rounds('(kind: MAYORAL, from: "2017-01-01", to: "2017-12-31")');
      expect(first).toMatchObject({ pollingDay: '2017-05-04', kind: 'MAYORAL', areaCount: 1 });
      const one = await sut.client.data<{ electionRound: Round }>(
        `query ($id: ID!) { electionRound(id: $id) { ${ROUND} } }`,
        { id: first?.id },
      );
      expect(one.electionRound.contests).toEqual([{ kind: 'MAYORAL', policeForceArea: { code: 'E23000005' } }]);
      const unknown = await sut.client.request(
        'query { electionRound(id: "00000000-0000-4000-8000-000000000000") { id } }',
      );
      expect(errorOf(unknown).code).toBe('NOT_FOUND');
      const malformed = await sut.client.request('query { electionRound(id: "round-1") { id } }');
      expect(errorOf(malformed)).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
      const backwards = await sut.client.request('{ electionRounds(from: "2024-01-01", to: "2023-01-01") { id } }');
      expect(errorOf(backwards)).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
    });
    it('reads nested offices and elections in a fixed number of statements, however many areas and rounds', async () => {
      const areas = `query ($filter: PoliceForceAreaFilter) { policeForceAreas(filter: $filter) { code
        offices { type holders { name } } officeHolders { name policeForceArea { code } }
        elections { kind round { pollingDay areaCount hustings { id } } candidates { name } } } }`;
      const wales = await countSql(() => sut.client.request(areas, { filter: { country: 'WALES' } }));
      const all = await countSql(() => sut.client.request(areas, {}));
      expect(all.result.errors).toBeUndefined();
      expect(all.statements.length).toBe(wales.statements.length);
      const nested = `query ($kind: ElectionKind) { electionRounds(kind: $kind) { areaCount hustings { id }
        contests { kind policeForceArea { code offices { type } } round { id } candidates { name } } } }`;
      const mayoral = await countSql(() => sut.client.request(nested, { kind: 'MAYORAL' }));
      const pcc = await countSql(() => sut.client.request(nested, { kind: 'PCC' }));
      expect(pcc.result.errors).toBeUndefined();
      expect(pcc.statements.length).toBe(mayoral.statements.length);
    });
  });

  describe('scheduling a future round', () => {
    const pollingDay = yearsAhead(3);

    it('lets an admin schedule one; a PCC round elects a PFCC where one governs', async () => {
      const before = await rows('activity_event');
      const response = await schedule(admin, {
        pollingDay,
        kind: 'PCC',
        policeForceAreaCodes: [GWENT, CUMBRIA],
        notes: 'A test round.',
      });
      expect(response.errors).toBeUndefined();
      expect(response.data?.scheduleElectionRound.round).toMatchObject({
        pollingDay,
        kind: 'PCC',
        byElection: false,
        source: 'ENTERED',
        areaCount: 2,
      });
      expect(
        response.data?.scheduleElectionRound.round.contests.map((c) => [c.policeForceArea.code, c.kind]).sort(),
      ).toEqual([
        [CUMBRIA, 'PFCC'],
        [GWENT, 'PCC'],
      ]);
      const items = await db.query<{ police_force_area_code: string; visibility: string }>(
        `SELECT police_force_area_code, visibility FROM activity_event
          WHERE verb = 'ELECTION_ROUND_SCHEDULED' ORDER BY police_force_area_code`,
      );
      expect(items.rows).toEqual([
        { police_force_area_code: CUMBRIA, visibility: 'PUBLIC' },
        { police_force_area_code: GWENT, visibility: 'PUBLIC' },
      ]);
      expect(await rows('activity_event')).toBe(before + 2);
      expect((await rounds(`(from: "${pollingDay}")`)).map((r) => r.pollingDay)).toEqual([pollingDay]);
    });

    it('answers CONFLICT for a second round of the same kind on the same day, and writes nothing', async () => {
      const before = await written();
      const again = await schedule(admin, { pollingDay, kind: 'PCC', policeForceAreaCodes: [DYFED_POWYS] });
      expect(errorOf(again).code).toBe('CONFLICT');
      expect(await written()).toEqual(before);
    });

    it.each([
      ['an unknown area', { policeForceAreaCodes: [GWENT, 'E23000099'] }, 'input.policeForceAreaCodes.1'],
      ['a malformed area code', { policeForceAreaCodes: ['Gwent'] }, 'input.policeForceAreaCodes'],
      ['an area a mayor governs', { policeForceAreaCodes: [METROPOLITAN] }, 'input.policeForceAreaCodes.0'],
      ['an area named twice', { policeForceAreaCodes: [GWENT, GWENT] }, 'input.policeForceAreaCodes'],
      ['no area', { policeForceAreaCodes: [] }, 'input.policeForceAreaCodes'],
      ['a polling day in the past', { pollingDay: '2020-05-07' }, 'input.pollingDay'],
      ['a date that does not exist', { pollingDay: '2031-02-30' }, 'input.pollingDay'],
    ])('refuses %s as BAD_USER_INPUT naming the field, and writes nothing', async (_, change, field) => {
      const before = await written();
      const response = await schedule(admin, {
        pollingDay: yearsAhead(4),
        kind: 'PCC',
        policeForceAreaCodes: [GWENT],
        ...change,
      });
      expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(await written()).toEqual(before);
    });

    it('is for platform admins only', async () => {
      const before = await written();
      const input = { pollingDay: yearsAhead(5), kind: 'MAYORAL', policeForceAreaCodes: [METROPOLITAN] };
      expect(errorOf(await schedule({}, input)).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await schedule(member, input)).code).toBe('FORBIDDEN');
      expect(errorOf(await schedule(coordinator, input)).code).toBe('FORBIDDEN');
      expect(await written()).toEqual(before);
      expect((await schedule(admin, input)).errors).toBeUndefined();
    });
  });

  describe('candidates', () => {
    let roundId: string;

    beforeAll(async () => {
      const response = await schedule(admin, {
        pollingDay: yearsAhead(6),
        kind: 'PCC',
        policeForceAreaCodes: [GWENT],
      });
      roundId = response.data?.scheduleElectionRound.round.id ?? '';
    });

    const add = (who: Headers, input: Record<string, unknown>) =>
      sut.client.request<{ addElectionCandidate: { candidate: Record<string, unknown> } }>(
        ADD_CANDIDATE,
        { input: { roundId, policeForceAreaCode: GWENT, name: 'Morgan Example (fictional)', ...input } },
        who,
      );

    it("adds candidates to an area's contest, listed by name with their party or as independents", async () => {
      const first = await add(admin, { name: 'Rowan Example (fictional)', party: 'Example Party' });
      expect(first.errors).toBeUndefined();
      expect(first.data?.addElectionCandidate.candidate).toMatchObject({ party: 'Example Party', independent: false });
      const second = await add(admin, { statementUrl: 'https://example.org/statements/morgan' });
      expect(second.data?.addElectionCandidate.candidate).toMatchObject({
        name: 'Morgan Example (fictional)',
        party: null,
        independent: true,
        statementUrl: 'https://example.org/statements/morgan',
      });
      const { electionRound } = await sut.client.data<{ electionRound: Round }>(
        'query ($id: ID!) { electionRound(id: $id) { contests { kind policeForceArea { code } candidates { name party independent statementUrl } } } }',
        { id: roundId },
      );
      expect(electionRound.contests[0]?.candidates?.map((c) => c.name)).toEqual([
        'Morgan Example (fictional)',
        'Rowan Example (fictional)',
      ]);
      const item = await db.query<{ police_force_area_code: string; visibility: string }>(
        `SELECT police_force_area_code, visibility FROM activity_event WHERE verb = 'ELECTION_CANDIDATE_ADDED'`,
      );
      expect(item.rows).toEqual([
        { police_force_area_code: GWENT, visibility: 'PUBLIC' },
        { police_force_area_code: GWENT, visibility: 'PUBLIC' },
      ]);
    });

    it.each([
      [
        'an area the round does not contest',
        { policeForceAreaCode: DYFED_POWYS },
        'BAD_USER_INPUT',
        'input.policeForceAreaCode',
      ],
      [
        'a statement that is not an http(s) URL',
        { statementUrl: 'ftp://example.org/s' },
        'BAD_USER_INPUT',
        'input.statementUrl',
      ],
      ['a script URL', { statementUrl: 'javascript:alert(1)' }, 'BAD_USER_INPUT', 'input.statementUrl'],
      ['an unknown round', { roundId: '00000000-0000-4000-8000-000000000000' }, 'BAD_USER_INPUT', 'input.roundId'],
      ['a blank party', { party: '  ' }, 'BAD_USER_INPUT', 'input.party'],
      ['a candidate already standing', {}, 'CONFLICT', 'input.name'],
    ])('refuses %s, writing nothing', async (_, input, code, field) => {
      const before = await written();
      expect(errorOf(await add(admin, input))).toEqual({ code, field });
      expect(await written()).toEqual(before);
    });

    it('is for platform admins only', async () => {
      const before = await written();
      expect(errorOf(await add({}, { name: 'Anon Example (fictional)' })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await add(member, { name: 'Member Example (fictional)' })).code).toBe('FORBIDDEN');
      expect(errorOf(await add(coordinator, { name: 'Coord Example (fictional)' })).code).toBe('FORBIDDEN');
      expect(await written()).toEqual(before);
    });
  });

  describe('hustings', () => {
    let roundId: string;
    let otherRoundId: string;
    const link = (who: Headers, eventId: string, round = roundId) =>
      sut.client.request<{ linkHustings: { round: { id: string }; event: { id: string } } }>(
        LINK,
        { input: { roundId: round, eventId } },
        who,
      );
    const hustingsOf = async (who: Headers = {}) =>
      (
        await sut.client.data<{ electionRound: { hustings: { id: string }[] } }>(
          'query ($id: ID!) { electionRound(id: $id) { hustings { id title } } }',
          { id: roundId },
          who,
        )
      ).electionRound.hustings.map((e) => e.id);

    beforeAll(async () => {
      const scheduled = async (years: number) =>
        (await schedule(admin, { pollingDay: yearsAhead(years), kind: 'PCC', policeForceAreaCodes: [GWENT] })).data
          ?.scheduleElectionRound.round.id ?? '';
      roundId = await scheduled(7);
      otherRoundId = await scheduled(8);
    });

    it("lets the event's organisers link it; linking it again changes nothing", async () => {
      const event = await hustingsEvent(coordinator);
      const before = await rows('activity_event');
      const linked = await link(coordinator, event.id);
      expect(linked.errors).toBeUndefined();
      expect(linked.data?.linkHustings).toEqual({ round: { id: roundId }, event: { id: event.id } });
      expect(await hustingsOf()).toEqual([event.id]);
      const items = await db.query<{ visibility: string; police_force_area_code: string; event_id: string }>(
        `SELECT visibility, police_force_area_code, event_id FROM activity_event WHERE verb = 'ELECTION_HUSTINGS_LINKED'`,
      );
      expect(items.rows).toEqual([{ visibility: 'PUBLIC', police_force_area_code: GWENT, event_id: event.id }]);
      expect(await rows('activity_event')).toBe(before + 1);

      expect((await link(admin, event.id)).errors).toBeUndefined();
      expect(await rows('activity_event')).toBe(before + 1);
      const elsewhere = await link(coordinator, event.id, otherRoundId);
      expect(errorOf(elsewhere)).toEqual({ code: 'CONFLICT', field: 'input.eventId' });
      expect(await hustingsOf()).toEqual([event.id]);
    });

    it('refuses people who do not organise the event', async () => {
      const event = await hustingsEvent(coordinator);
      const before = await written();
      expect(errorOf(await link({}, event.id)).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await link(member, event.id)).code).toBe('FORBIDDEN');
      expect(await written()).toEqual(before);
    });

    it.each([
      ['an event that is not hustings', { kind: 'PCC_ENGAGEMENT' }, null],
      ['hustings in an area the round does not contest', { policeForceAreaCode: DYFED_POWYS }, null],
      ['hustings after polling day', {}, '2024-05-02'],
    ])('refuses %s as BAD_USER_INPUT on input.eventId, writing nothing', async (_, input, pastDay) => {
      const event = await hustingsEvent(coordinator, input);
      const round = pastDay
        ? (await rounds(`(kind: PCC, from: "${pastDay}", to: "${pastDay}")`)).find((r) => !r.byElection)?.id
        : roundId;
      const before = await written();
      expect(errorOf(await link(coordinator, event.id, round))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'input.eventId',
      });
      expect(await written()).toEqual(before);
    });

    it("shows members-only hustings to the network's members only", async () => {
      const networkId = await gwentNetwork(sut, coordinator, admin);
      const event = await hustingsEvent(coordinator, {
        organiserOrganisationId: undefined,
        policeForceAreaCode: undefined, // a network's events are in its area
        networkId,
        visibility: 'NETWORK',
      });
      expect((await link(coordinator, event.id)).errors).toBeUndefined();
      expect(await hustingsOf(member)).toContain(event.id);
      expect(await hustingsOf()).not.toContain(event.id);
      const item = await db.query<{ visibility: string; network_id: string }>(
        `SELECT visibility, network_id FROM activity_event WHERE verb = 'ELECTION_HUSTINGS_LINKED' AND event_id = $1`,
        [event.id],
      );
      expect(item.rows).toEqual([{ visibility: 'NETWORK', network_id: networkId }]);
    });
  });
});
