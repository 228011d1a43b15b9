import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { Client } from 'pg';
import { countSql, type GraphqlError } from '@app/testing';
import { demoCast } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';

const NORTH_WALES = 'W15000001';
// Census 2021 usual residents of North Wales' local authorities (seeds/geography).
const POPULATION = {
  W06000001: 68900,
  W06000002: 117400,
  W06000003: 114800,
  W06000004: 95800,
  W06000005: 155000,
  W06000006: 135100,
};
const TOTAL = Object.values(POPULATION).reduce((a, b) => a + b, 0);

const AREA = `query { policeForceArea(code: "${NORTH_WALES}") { coverage {
  status reasons activeNetworkCount openNetworkCount memberOrganisationCount localAuthoritiesTotal localAuthoritiesReached
  population populationReached populationReachedShare daysSinceLastActivity
  convenors { name } reachedLocalAuthorities { code } specialismsPresent { code } prioritySpecialismsMissing { code }
} } }`;
const NATIONAL = `query ($filter: CoverageFilter) { coverage(filter: $filter) {
  national { areaCount areasWithActiveNetwork green amber red population populationReached populationReachedShare }
  areas { status reasons policeForceArea { code name } convenors { name } specialismsPresent { code } }
  bySpecialism { specialism { code } areaCount areas { code } }
  priorities { code }
} }`;

const VERIFY =
  'mutation ($input: VerifyOrganisationInput!) { verifyOrganisation(input: $input) { organisation { id } } }';

interface Coverage {
  status: string;
  reasons: string[];
  localAuthoritiesReached: number;
  populationReached: number;
  reachedLocalAuthorities: { code: string }[];
  [key: string]: unknown;
}

describe('coverage: area by area, nationally, over time', () => {
  let sut: TestApp;
  const as: Record<string, Record<string, string>> = {};
  const ids: Record<string, string> = {};
  let networkId = '';

  const call = async <T>(who: string, document: string, variables?: Record<string, unknown>) =>
    sut.client.request<T>(document, variables, as[who] ?? {});
  const must = async <T>(who: string, document: string, variables?: Record<string, unknown>): Promise<T> => {
    const { data, errors } = await call<T>(who, document, variables);
    expect(errors).toBeUndefined();
    return data as T;
  };
  const area = async (): Promise<Coverage> =>
    (await must<{ policeForceArea: { coverage: Coverage } }>('anonymous', AREA)).policeForceArea.coverage;
  const organisation = async (key: string, kind: string, codes: string[], specialisms: string[] = []) => {
    const data = await must<{ createOrganisation: { organisation: { id: string } } }>(
      'member',
      'mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }',
      { input: { name: `${key} (coverage test)`, kind, localAuthorityCodes: codes, specialisms } },
    );
    ids[key] = data.createOrganisation.organisation.id;
  };
  const join = async (key: string) => {
    const invited = await must<{ inviteToNetwork: { membership: { id: string } } }>(
      'member',
      'mutation ($input: InviteToNetworkInput!) { inviteToNetwork(input: $input) { membership { id } } }',
      { input: { networkId, organisationId: ids[key] } },
    );
    const membershipId = invited.inviteToNetwork.membership.id;
    await must(
      'member',
      'mutation ($input: AnswerMembershipInput!) { answerNetworkInvitation(input: $input) { membership { id } } }',
      {
        input: { membershipId, accept: true },
      },
    );
    return membershipId;
  };
  /** Records a meeting with the commissioner's office `daysAgo` days ago (UK date). */
  const engage = (daysAgo: number) =>
    must(
      'member',
      'mutation ($input: RecordEngagementInput!) { recordEngagement(input: $input) { engagement { id } } }',
      {
        input: {
          networkId,
          kind: 'MEETING',
          occurredOn: DateTime.now().setZone('Europe/London').minus({ days: daysAgo }).toISODate(),
          summary: 'Met the commissioner (coverage test)',
        },
      },
    );
  const reachedPopulation = (...codes: (keyof typeof POPULATION)[]) => codes.reduce((sum, c) => sum + POPULATION[c], 0);

  beforeAll(async () => {
    sut = await startTestApp();
    Object.assign(as, await demoCast(sut));
    await organisation('Conwy CVS', 'CVS', ['W06000003', 'W06000004']);
    await organisation('Wrexham CVS', 'CVS', ['W06000006']);
    for (const cvs of ['Conwy CVS', 'Wrexham CVS']) {
      // a CVS convenes once a platform admin has verified it
      await must('admin', VERIFY, {
        input: { organisationId: ids[cvs], charityNumberChecked: false, nationalBodyMember: true },
      });
    }
    await organisation('Gwynedd Women', 'VOLUNTARY_ORGANISATION', ['W06000002'], ['WOMEN']);
    await organisation(
      'Youth Voice',
      'VOLUNTARY_ORGANISATION',
      ['W06000005', 'W06000003'],
      ['CHILDREN_AND_YOUNG_PEOPLE'],
    );
    await organisation(
      'Race Equality',
      'VOLUNTARY_ORGANISATION',
      ['W06000001', 'W06000005'],
      ['RACIALLY_MINORITISED_COMMUNITIES'],
    );
  });

  afterAll(async () => {
    await sut.close();
  });

  it('is RED with no network, and says so', async () => {
    expect(await area()).toMatchObject({
      status: 'RED',
      reasons: ['no active network'],
      activeNetworkCount: 0,
      localAuthoritiesTotal: 6,
      localAuthoritiesReached: 0,
      population: TOTAL,
      populationReached: 0,
      daysSinceLastActivity: null,
    });
    const created = await must<{ createNetwork: { network: { id: string } } }>(
      'member',
      'mutation ($input: CreateNetworkInput!) { createNetwork(input: $input) { network { id } } }',
      {
        input: {
          name: 'North Wales CJ Network (test)',
          policeForceAreaCode: NORTH_WALES,
          convenorOrganisationId: ids['Conwy CVS'],
        },
      },
    );
    networkId = created.createNetwork.network.id;
    // The new network's own activity counts at once: the figures (its id among the area's) were refreshed.
    expect(await area()).toMatchObject({
      status: 'RED',
      reasons: ['no active network', '1 network not yet active'],
      openNetworkCount: 1,
      daysSinceLastActivity: 0,
    });
  });

  it('is AMBER with an active network that misses an authority and a priority, with figures computed by hand', async () => {
    for (const key of ['Gwynedd Women', 'Youth Voice', 'Wrexham CVS']) {
      await join(key);
    }
    await must(
      'member',
      'mutation ($input: ChangeNetworkStatusInput!) { changeNetworkStatus(input: $input) { network { id } } }',
      {
        input: { networkId, status: 'ACTIVE' },
      },
    );
    const reached = reachedPopulation('W06000002', 'W06000003', 'W06000004', 'W06000005', 'W06000006');
    expect(await area()).toEqual({
      status: 'AMBER',
      reasons: [
        '5 of 6 local authorities reached',
        'no organisation for racially minoritised communities',
        "no engagement with the commissioner's office recorded",
      ],
      activeNetworkCount: 1,
      openNetworkCount: 1,
      memberOrganisationCount: 4,
      localAuthoritiesTotal: 6,
      localAuthoritiesReached: 5,
      population: TOTAL,
      populationReached: reached,
      populationReachedShare: reached / TOTAL,
      daysSinceLastActivity: 0,
      convenors: [{ name: 'Conwy CVS (coverage test)' }],
      reachedLocalAuthorities: ['W06000003', 'W06000004', 'W06000005', 'W06000002', 'W06000006'].map((code) => ({
        code,
      })),
      specialismsPresent: [{ code: 'CHILDREN_AND_YOUNG_PEOPLE' }, { code: 'WOMEN' }],
      prioritySpecialismsMissing: [{ code: 'RACIALLY_MINORITISED_COMMUNITIES' }],
    });
  });

  it('follows membership changes: a member leaving takes its authorities with it', async () => {
    const membership = await must<{ organisation: { memberships: { id: string; status: string }[] } }>(
      'member',
      'query ($id: ID!) { organisation(id: $id) { memberships { id status } } }',
      { id: ids['Youth Voice'] },
    );
    await must(
      'member',
      'mutation ($input: EndMembershipInput!) { leaveNetwork(input: $input) { membership { id } } }',
      {
        input: { membershipId: membership.organisation.memberships[0]?.id },
      },
    );
    const coverage = await area();
    expect(coverage.localAuthoritiesReached).toBe(4); // Conwy stays: its CVS serves it too
    expect(coverage.populationReached).toBe(reachedPopulation('W06000002', 'W06000003', 'W06000004', 'W06000006'));
    expect(coverage.reasons).toEqual([
      '4 of 6 local authorities reached',
      'no organisation for racially minoritised communities',
      'no organisation for children and young people',
      "no engagement with the commissioner's office recorded",
    ]);
  });

  it('is GREEN once every authority and priority is reached; admins set the priorities', async () => {
    const refused = await call(
      'member',
      'mutation { setCoveragePriorities(input: { specialisms: ["WOMEN"] }) { priorities { code } } }',
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknown = await call<unknown>(
      'admin',
      'mutation { setCoveragePriorities(input: { specialisms: ["NOPE"] }) { priorities { code } } }',
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const set = await must<{ setCoveragePriorities: { priorities: { code: string }[] } }>(
      'admin',
      'mutation { setCoveragePriorities(input: { specialisms: ["WOMEN", "RACIALLY_MINORITISED_COMMUNITIES"] }) { priorities { code } } }',
    );
    expect(set.setCoveragePriorities.priorities.map((p) => p.code)).toEqual([
      'WOMEN',
      'RACIALLY_MINORITISED_COMMUNITIES',
    ]);
    await join('Race Equality');
    // Quiet: the network has not engaged its commissioner's office for over 180 days.
    await engage(200);
    expect(await area()).toMatchObject({
      status: 'AMBER',
      reasons: ["no engagement with the commissioner's office for 200 days"],
    });
    await engage(12);
    expect(await area()).toMatchObject({
      status: 'GREEN',
      reasons: [],
      localAuthoritiesReached: 6,
      populationReached: TOTAL,
    });
  });

  it('shows a new specialism and new priorities at the next read (the vocabulary is kept only while nothing moved)', async () => {
    type Report = { coverage: { bySpecialism: { specialism: { code: string } }[]; priorities: { code: string }[] } };
    const report = '{ coverage { bySpecialism { specialism { code } } priorities { code } } }';
    const before = await must<Report>('member', report);
    expect(before.coverage.bySpecialism.map((s) => s.specialism.code)).not.toContain('KEPT_VOCABULARY');
    await must(
      'admin',
      'mutation { createSpecialism(input: { code: "KEPT_VOCABULARY", label: "Kept" }) { specialism { code } } }',
    );
    const added = await must<Report>('member', report);
    expect(added.coverage.bySpecialism.map((s) => s.specialism.code)).toContain('KEPT_VOCABULARY');
    await must(
      'admin',
      'mutation { setCoveragePriorities(input: { specialisms: ["KEPT_VOCABULARY"] }) { priorities { code } } }',
    );
    expect((await must<Report>('member', report)).coverage.priorities).toEqual([{ code: 'KEPT_VOCABULARY' }]);
    const restored = JSON.stringify(before.coverage.priorities.map((p) => p.code));
    await must(
      'admin',
      `mutation { setCoveragePriorities(input: { specialisms: ${restored} }) { priorities { code } } }`,
    );
    expect((await must<Report>('member', report)).coverage.priorities).toEqual(before.coverage.priorities);
  });

  it('rolls up nationally with filters, at a constant number of SQL statements whatever the data', async () => {
    const wales = await must<{
      coverage: {
        national: Record<string, number>;
        areas: { policeForceArea: { code: string }; status: string }[];
        bySpecialism: { specialism: { code: string }; areas: { code: string }[] }[];
      };
    }>('anonymous', NATIONAL, { filter: { country: 'WALES' } });
    expect(wales.coverage.national.areaCount).toBe(4);
    expect(wales.coverage.areas.find((a) => a.policeForceArea.code === NORTH_WALES)?.status).toBe('GREEN');
    expect(wales.coverage.bySpecialism.find((s) => s.specialism.code === 'WOMEN')?.areas).toContainEqual({
      code: NORTH_WALES,
    });
    const race = await must<{ coverage: { areas: { policeForceArea: { code: string } }[] } }>('anonymous', NATIONAL, {
      filter: { specialism: 'RACIALLY_MINORITISED_COMMUNITIES', region: 'WALES' },
    });
    // Gwent (the demo network's youth project serves racially minoritised young people there) and North
    // Wales, by name.
    expect(race.coverage.areas.map((a) => a.policeForceArea.code)).toEqual(['W15000002', NORTH_WALES]);
    // A filter field given as null filters on nothing, as one left out.
    const nulls = await must<{ coverage: { national: { areaCount: number } } }>('anonymous', NATIONAL, {
      filter: { specialism: null, region: null, country: 'WALES' },
    });
    expect(nulls.coverage.national.areaCount).toBe(4);

    const touch = (purpose: string) =>
      must('member', 'mutation ($input: UpdateNetworkInput!) { updateNetwork(input: $input) { network { id } } }', {
        input: { networkId, purpose },
      });
    await touch('before'); // so this read refreshes the view, as the one after more data will
    const before = await countSql(() => call('anonymous', NATIONAL));
    const secondNetwork = await must<{ createNetwork: { network: { id: string } } }>(
      'member',
      'mutation ($input: CreateNetworkInput!) { createNetwork(input: $input) { network { id } } }',
      {
        input: {
          name: 'Wrexham forum (test)',
          policeForceAreaCode: NORTH_WALES,
          convenorOrganisationId: ids['Wrexham CVS'],
        },
      },
    );
    expect(secondNetwork.createNetwork.network.id).toBeTruthy();
    await join('Youth Voice');
    const after = await countSql(() => call('anonymous', NATIONAL));
    const steady = await countSql(() => call('anonymous', NATIONAL));
    const all = await must<{ coverage: { national: { areaCount: number } } }>('anonymous', NATIONAL);
    expect(all.coverage.national.areaCount).toBe(43);
    // Both reads found new activity and refreshed the view first: the same statements, more data.
    expect(after.statements.length).toBe(before.statements.length);
    // The response cache's version read, the data versions, the refresh (4), the vocabulary with the priorities,
    // the figures with their areas and convenors: the nested fields take what the report read.
    expect(after.statements.length).toBeLessThanOrEqual(8);
    // With nothing new, no refresh and the vocabulary kept: the freshness check, the figures, and the batched
    // nested fields.
    expect(steady.statements.length).toBeLessThanOrEqual(after.statements.length - 4);
  });

  it("reads each area's stored figures once while they stay the same, and on every report only what moves", async () => {
    type Areas = {
      coverage: {
        areas: {
          policeForceArea: { code: string };
          localAuthoritiesReached: number;
          memberOrganisationCount: number;
          lastActivityAt: string | null;
          reachedLocalAuthorities?: { code: string }[];
        }[];
      };
    };
    // A new text each time: the response cache answers none of them from an earlier one.
    let asked = 0;
    const report = () =>
      countSql(() =>
        call<Areas>(
          'anonymous',
          `{ coverage { areas { policeForceArea { code } localAuthoritiesReached memberOrganisationCount lastActivityAt
             ... on AreaCoverage { reachedLocalAuthorities { code } } } } } # ${++asked}`,
        ),
      );
    const reads = (statements: string[]) => statements.filter((sql) => sql.includes('FROM coverage_area c'));
    const STORED = /reached_ids|lads_reached|member_organisations|area_name|to_char\(last_engagement_on/;
    const north = (areas: Areas) => areas.coverage.areas.find((a) => a.policeForceArea.code === NORTH_WALES);

    await report(); // what is stored is kept at its version
    const steady = await report();
    expect(steady.result.errors).toBeUndefined();
    expect(reads(steady.statements)).toHaveLength(1);
    expect(reads(steady.statements)[0]).toContain('figures_version');
    expect(reads(steady.statements)[0]).not.toMatch(STORED);
    const before = north(steady.result.data as Areas);
    expect(before?.reachedLocalAuthorities?.map((a) => a.code).sort()).toEqual(Object.keys(POPULATION).sort());
    for (const area of steady.result.data?.coverage.areas ?? []) {
      expect(area.reachedLocalAuthorities).toHaveLength(area.localAuthoritiesReached);
    }

    // A draft started in the network: its last activity moves, what is stored does not.
    await must(
      'member',
      'mutation ($input: CreateJointPositionInput!) { createJointPosition(input: $input) { position { id } } }',
      {
        input: { networkId, title: 'Kept figures (coverage test)', audience: 'The commissioner' },
      },
    );
    const live = await report();
    expect(reads(live.statements)).toHaveLength(1);
    expect(reads(live.statements)[0]).not.toMatch(STORED);
    const moved = north(live.result.data as Areas);
    expect(Date.parse(moved?.lastActivityAt ?? '')).toBeGreaterThan(Date.parse(before?.lastActivityAt ?? ''));
    expect(moved?.memberOrganisationCount).toBe(before?.memberOrganisationCount);

    // A member joining moves them. Here the CSV makes them fresh first, so the report finds the figures it holds
    // refreshed by no read of its own: the version tells it; the report after reads only the live again.
    await organisation('Kept Figures Trust', 'VOLUNTARY_ORGANISATION', ['W06000001']);
    await join('Kept Figures Trust');
    expect((await fetch(`${sut.baseUrl}/coverage.csv?country=WALES`)).status).toBe(200);
    const changed = await report();
    expect(reads(changed.statements).some((sql) => STORED.test(sql))).toBe(true);
    expect(north(changed.result.data as Areas)?.memberOrganisationCount).toBe(
      (before?.memberOrganisationCount ?? NaN) + 1,
    );
    const again = await report();
    expect(reads(again.statements)).toHaveLength(1);
    expect(reads(again.statements)[0]).not.toMatch(STORED);
    expect(north(again.result.data as Areas)?.memberOrganisationCount).toBe(
      (before?.memberOrganisationCount ?? NaN) + 1,
    );
  });

  it('shows stored figures and areas changed with no activity (a fix made outside the API) at the next report', async () => {
    type Areas = {
      coverage: { areas: { policeForceArea: { code: string; displayName: string }; populationReached: number }[] };
    };
    let asked = 0;
    const northWales = async () => {
      const { data, errors } = await call<Areas>(
        'anonymous',
        `{ coverage { areas { policeForceArea { code displayName } populationReached } } } # fixed ${++asked}`,
      );
      expect(errors).toBeUndefined();
      return data?.coverage.areas.find((a) => a.policeForceArea.code === NORTH_WALES);
    };
    const before = await northWales();
    const database = new Client({ connectionString: sut.database.url });
    await database.connect();
    try {
      // The area's row alone (no refresh): its half of the version moves.
      await database.query(`UPDATE police_force_area SET display_name = display_name || ' (fixed)' WHERE code = $1`, [
        NORTH_WALES,
      ]);
      expect(await northWales()).toEqual({
        ...before,
        policeForceArea: { code: NORTH_WALES, displayName: `${before?.policeForceArea.displayName} (fixed)` },
      });
      // The figures alone (an authority's population, the view refreshed by hand): theirs moves.
      await database.query(`UPDATE local_authority SET population = population + 1000 WHERE code = 'W06000001'`);
      await database.query('REFRESH MATERIALIZED VIEW CONCURRENTLY coverage_area_figures');
      expect((await northWales())?.populationReached).toBe((before?.populationReached ?? NaN) + 1000);
    } finally {
      await database.query(`UPDATE police_force_area SET display_name = $2 WHERE code = $1`, [
        NORTH_WALES,
        before?.policeForceArea.displayName,
      ]);
      await database.query(`UPDATE local_authority SET population = population - 1000 WHERE code = 'W06000001'`);
      await database.query('REFRESH MATERIALIZED VIEW CONCURRENTLY coverage_area_figures');
      await database.end();
    }
    expect(await northWales()).toEqual(before); // and keeps them again for the tests after
  });

  it("reads only the convenors' columns a report asks for, and reads them whole where more is asked", async () => {
    type Convenor = { id: string; name?: string; website?: string | null; kind?: string; createdAt?: string };
    type Areas = { coverage: { areas: { policeForceArea: { code: string }; convenors: Convenor[] }[] } };
    const slim = await countSql(() =>
      call<Areas>('anonymous', '{ coverage { areas { policeForceArea { code } convenors { id name } } } }'),
    );
    expect(slim.result.errors).toBeUndefined();
    const figures = slim.statements.filter((sql) => sql.includes('AS "convenors?"'));
    expect(figures).toHaveLength(1);
    expect(figures[0]).toContain('j."name"::text');
    expect(figures[0]).not.toContain('j."website"');
    // Nothing else reads organisations: the report's own read serves the field.
    expect(
      slim.statements.filter((sql) => /"?organisation"? [a-z]\b/.test(sql) && !sql.includes('coverage_area')),
    ).toEqual([]);

    const wide = await must<Areas>(
      'anonymous',
      '{ coverage { areas { policeForceArea { code } convenors { id name website kind createdAt } } } }',
    );
    const north = wide.coverage.areas.find((a) => a.policeForceArea.code === NORTH_WALES)?.convenors ?? [];
    expect(north.length).toBeGreaterThan(0);
    for (const convenor of north) {
      const { organisation } = await must<{ organisation: Convenor }>(
        'anonymous',
        'query ($id: ID!) { organisation(id: $id) { id name website kind createdAt } }',
        { id: convenor.id },
      );
      expect(convenor).toEqual(organisation);
    }
    const slimNorth = slim.result.data?.coverage.areas.find((a) => a.policeForceArea.code === NORTH_WALES)?.convenors;
    expect(slimNorth).toEqual(north.map(({ id, name }) => ({ id, name })));
  });

  it("gives each area's whole row from its own read, as geography reads it, without reading the areas again", async () => {
    // Every scalar field the type shows: one added later is compared too.
    type TypeRef = { kind: string; ofType: TypeRef | null };
    const { __type } = await must<{ __type: { fields: { name: string; args: unknown[]; type: TypeRef }[] } }>(
      'anonymous',
      '{ __type(name: "PoliceForceArea") { fields { name args { name } type { kind ofType { kind ofType { kind } } } } } }',
    );
    const leaf = (type: TypeRef): boolean =>
      type.kind !== 'LIST' && (type.ofType ? leaf(type.ofType) : type.kind === 'SCALAR' || type.kind === 'ENUM');
    const FIELDS = __type.fields
      .filter((field) => field.args.length === 0 && leaf(field.type))
      .map((field) => field.name)
      .join(' ');
    expect(FIELDS).toContain('policeUkForceId');
    type Area = Record<string, unknown> & { code: string };
    const report = await countSql(() =>
      call<{ coverage: { areas: { policeForceArea: Area }[] } }>(
        'anonymous',
        `{ coverage { areas { policeForceArea { ${FIELDS} } } } }`,
      ),
    );
    expect(report.result.errors).toBeUndefined();
    expect(report.statements.filter((sql) => /police_force_area\b/.test(sql))).toEqual([]);
    const { policeForceAreas } = await must<{ policeForceAreas: Area[] }>(
      'anonymous',
      `{ policeForceAreas { ${FIELDS} } }`,
    );
    const byCode = (areas: Area[]) => [...areas].sort((a, b) => a.code.localeCompare(b.code));
    const fromReport = report.result.data?.coverage.areas.map((a) => a.policeForceArea) ?? [];
    expect(fromReport).toHaveLength(43);
    expect(byCode(fromReport)).toEqual(byCode(policeForceAreas));
  });

  it("gives each area's row and the day of its last engagement from what is kept, as geography reads them", async () => {
    type Area = { code: string; displayName: string; population: number; region: string; country: string };
    type Areas = { coverage: { areas: { policeForceArea: Area; lastEngagementOn?: string | null }[] } };
    const FIELDS = 'code displayName population region country';
    const slim = await must<Areas>('anonymous', `{ coverage { areas { policeForceArea { ${FIELDS} } } } }`);
    const { policeForceAreas } = await must<{ policeForceAreas: Area[] }>(
      'anonymous',
      `{ policeForceAreas { ${FIELDS} } }`,
    );
    const byCode = (areas: Area[]) => [...areas].sort((a, b) => a.code.localeCompare(b.code));
    expect(byCode(slim.coverage.areas.map((a) => a.policeForceArea))).toEqual(byCode(policeForceAreas));

    // One field more of the area (behind a fragment) and the day of the last engagement.
    const whole = await countSql(() =>
      call<Areas>(
        'anonymous',
        '{ coverage { areas { policeForceArea { code ...Force } lastEngagementOn } } } fragment Force on PoliceForceArea { forceName }',
      ),
    );
    expect(whole.result.errors).toBeUndefined();
    expect(whole.statements.filter((sql) => /police_force_area\b/.test(sql))).toEqual([]);
    const north = whole.result.data?.coverage.areas.find((a) => a.policeForceArea.code === NORTH_WALES);
    // Its network last met the commissioner's office 12 days ago (UK date), above.
    expect(north?.lastEngagementOn).toBe(DateTime.now().setZone('Europe/London').minus({ days: 12 }).toISODate());
    expect((north?.policeForceArea as { forceName?: string } | undefined)?.forceName).toBe('North Wales Police');
  });

  it('keeps a snapshot per day for trend lines', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    const history = await must<{
      coverageHistory: { date: string; status: string; localAuthoritiesReached: number }[];
    }>(
      'anonymous',
      `{ coverageHistory(policeForceAreaCode: "${NORTH_WALES}", from: "${from}", to: "${today}") { date status localAuthoritiesReached } }`,
    );
    // Only today has snapshots (the area is new to this database); it shows the day's latest figures.
    expect(history.coverageHistory).toEqual([{ date: today, status: 'GREEN', localAuthoritiesReached: 6 }]);
    const backwards = await call<unknown>(
      'anonymous',
      `{ coverageHistory(policeForceAreaCode: "${NORTH_WALES}", from: "${today}", to: "${from}") { date } }`,
    );
    expect((backwards.errors as GraphqlError[])[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('shows at once a change another instance made, though this one reads the figures beside the versions', async () => {
    // An instance without the response cache, that commits nothing itself: after a read, it reads
    // the figures beside the versions; the change below comes through the other instance.
    const reader = await startTestApp({ RESPONSE_CACHE_MB: '0' }, undefined, sut.database);
    try {
      type Areas = { coverage: { areas: { policeForceArea: { code: string }; openNetworkCount: number }[] } };
      const open = async (): Promise<number | undefined> => {
        const { data, errors } = await reader.client.request<Areas>(
          '{ coverage(filter: { country: WALES }) { areas { policeForceArea { code } openNetworkCount } } }',
        );
        expect(errors).toBeUndefined();
        return data?.coverage.areas.find((a) => a.policeForceArea.code === NORTH_WALES)?.openNetworkCount;
      };
      const before = await open();
      expect(await open()).toBe(before);
      for (let change = 1; change <= 2; change++) {
        await must(
          'member',
          'mutation ($input: CreateNetworkInput!) { createNetwork(input: $input) { network { id } } }',
          {
            input: {
              name: `Seen elsewhere ${change} (test)`,
              policeForceAreaCode: NORTH_WALES,
              convenorOrganisationId: ids['Wrexham CVS'],
            },
          },
        );
        expect(await open()).toBe((before ?? NaN) + change);
        expect(await open()).toBe((before ?? NaN) + change);
      }
    } finally {
      await reader.close();
    }
  });

  it('stops the history at today: days to come have no figures yet', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const nextMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const history = await must<{ coverageHistory: { date: string }[] }>(
      'anonymous',
      `{ coverageHistory(policeForceAreaCode: "${NORTH_WALES}", from: "${today}", to: "${nextMonth}") { date } }`,
    );
    expect(history.coverageHistory).toEqual([{ date: today }]);
  });

  it('refuses an unknown specialism in the filter, over GraphQL and in the CSV', async () => {
    const { errors } = await call<unknown>('anonymous', NATIONAL, { filter: { specialism: 'NOT_A_THING' } });
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'filter.specialism', message: expect.stringContaining('unknown specialism NOT_A_THING') }],
    });
    const bad = await fetch(`${sut.baseUrl}/coverage.csv?specialism=BOGUS`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('unknown specialism BOGUS');
    const known = await fetch(`${sut.baseUrl}/coverage.csv?specialism=WOMEN`);
    expect(known.status).toBe(200);
  });

  it('downloads the national table as CSV, read back by an independent parser', async () => {
    const response = await fetch(`${sut.baseUrl}/coverage.csv?country=WALES`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const rows = parse<Record<string, string>>(await response.text(), { columns: true });
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.area_code === NORTH_WALES)).toMatchObject({
      area: 'North Wales',
      country: 'WALES',
      governance_type: 'PCC',
      office: expect.stringContaining('North Wales'),
      status: 'GREEN',
      convenors: 'Conwy CVS (coverage test)', // the Wrexham forum is not active yet
      local_authorities_reached: '6',
      local_authorities_total: '6',
      population_reached: String(TOTAL),
      population_reached_pct: '100.0',
    });
    const bad = await fetch(`${sut.baseUrl}/coverage.csv?region=ATLANTIS`);
    expect(bad.status).toBe(400);
  });
});
