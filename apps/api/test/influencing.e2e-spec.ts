import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { Client as PgClient } from 'pg';
import { countSql, graphqlWsClient, LiveSubscription, rowCount } from '@app/testing';
import { demoEventId } from '@app/events';
import {
  createEvent,
  errorOf,
  gwentNetwork,
  type Headers,
  MEMBER_GROUP,
  NEWPORT_CVS,
  localIn,
  PARTNER_ORG,
} from './support/event-helpers';
import { demoCast } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';
import { newestActivityCursor } from './support/activity-cursor';

const ENGAGEMENT = `id kind occurredOn summary public officeParticipants
  participants { id } asks { ordinal text } positions { id } network { id }
  commitments { id text owner dueOn status askId daysOverdue history { fromStatus toStatus note } }`;
const RECORD = `mutation ($input: RecordEngagementInput!) { recordEngagement(input: $input) { engagement { ${ENGAGEMENT} } } }`;

interface Commitment {
  id: string;
  status: string;
  dueOn: string;
  askId: string | null;
  daysOverdue: number;
  history: { fromStatus: string | null; toStatus: string; note: string | null }[];
}
interface Engagement {
  id: string;
  public: boolean;
  asks: { ordinal: number; text: string }[];
  participants: { id: string }[];
  positions: { id: string }[];
  commitments: Commitment[];
}

interface AreaCommitments {
  policeForceArea: { code: string };
  total: number;
  overdue: number;
  met: number;
  lastEngagementOn: string | null;
}
const BY_AREA = 'query { commitmentsByArea { policeForceArea { code } total overdue met lastEngagementOn } }';

const ukDate = (daysFromToday: number): string =>
  DateTime.now().setZone('Europe/London').plus({ days: daysFromToday }).toISODate() ?? '';

describe('influencing: engagements, commitments, plans and evidence', () => {
  let sut: TestApp;
  let admin: Headers;
  let coordinator: Headers;
  let member: Headers;
  let partner: Headers;
  let networkId: string;
  let positionId: string;
  let gwentBefore: AreaCommitments;

  const record = (who: Headers, input: Record<string, unknown>) =>
    sut.client.request<{ recordEngagement: { engagement: Engagement } }>(
      RECORD,
      { input: { networkId, ...input } },
      who,
    );
  const mutate = (who: Headers, name: string, input: Record<string, unknown>, selection: string) =>
    sut.client.request<Record<string, Record<string, unknown>>>(
      `mutation ($input: ${name[0]?.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${selection} } }`,
      { input },
      who,
    );
  const count = (table: string): Promise<number> => rowCount(sut.database.url, table);

  beforeAll(async () => {
    sut = await startTestApp();
    ({ admin, coordinator, member, partner } = await demoCast(sut));
    networkId = await gwentNetwork(sut, coordinator, admin);
    const created = await sut.client.data<{ createJointPosition: { position: { id: string } } }>(
      'mutation ($input: CreateJointPositionInput!) { createJointPosition(input: $input) { position { id } } }',
      { input: { networkId, title: 'Women in the justice system (test)', audience: 'The commissioner' } },
      member,
    );
    positionId = created.createJointPosition.position.id;
    gwentBefore = await gwentCommitments(); // the demo data has some
  });

  const gwentCommitments = async (): Promise<AreaCommitments> => {
    const { commitmentsByArea } = await sut.client.data<{ commitmentsByArea: AreaCommitments[] }>(BY_AREA);
    expect(commitmentsByArea).toHaveLength(43);
    return commitmentsByArea.find((a) => a.policeForceArea.code === 'W15000002') as AreaCommitments;
  };

  afterAll(async () => {
    await sut.close();
  });

  it('records an engagement with asks, commitments, participants and a position; its members keep the commitments', async () => {
    const { data, errors } = await record(member, {
      kind: 'MEETING',
      occurredOn: ukDate(-3),
      summary: 'Quarterly meeting with the commissioner',
      officeParticipants: 'The commissioner and the head of commissioning',
      participantOrganisationIds: [MEMBER_GROUP, NEWPORT_CVS],
      asks: ['Fund a women’s centre in Newport', 'Publish diversion figures'],
      commitments: [
        { text: 'Review women’s centre funding', owner: 'Head of commissioning', dueOn: ukDate(60), askNumber: 1 },
        { text: 'Publish diversion figures quarterly', owner: 'Chief executive, OPCC', dueOn: ukDate(30) },
      ],
      positionIds: [positionId],
    });
    expect(errors).toBeUndefined();
    const engagement = data?.recordEngagement.engagement as Engagement;
    expect(engagement.public).toBe(true);
    expect(engagement.asks).toEqual([
      { ordinal: 1, text: 'Fund a women’s centre in Newport' },
      { ordinal: 2, text: 'Publish diversion figures' },
    ]);
    expect(engagement.participants.map((p) => p.id).sort()).toEqual([MEMBER_GROUP, NEWPORT_CVS].sort());
    expect(engagement.positions).toEqual([{ id: positionId }]);
    const [soonest, later] = engagement.commitments as [Commitment, Commitment];
    expect(soonest).toMatchObject({ dueOn: ukDate(30), status: 'OPEN', askId: null, daysOverdue: 0 });
    expect(later.history).toEqual([{ fromStatus: null, toStatus: 'OPEN', note: null }]);

    for (const [status, note] of [
      ['PARTLY_MET', 'Funding review started'],
      ['MET', 'Funding confirmed for 2027'],
    ] as const) {
      const moved = await mutate(
        member,
        'changeCommitmentStatus',
        { commitmentId: later.id, status, note },
        'commitment { status }',
      );
      expect(moved.errors).toBeUndefined();
    }
    // A repeat (a retried request) changes nothing and adds no history.
    const again = await mutate(
      coordinator,
      'changeCommitmentStatus',
      { commitmentId: later.id, status: 'MET' },
      'commitment { status }',
    );
    expect(again.errors).toBeUndefined();
    const read = await sut.client.data<{ engagement: Engagement }>(
      `query ($id: ID!) { engagement(id: $id) { ${ENGAGEMENT} } }`,
      { id: engagement.id },
    );
    expect(read.engagement.commitments.find((c) => c.id === later.id)?.history).toEqual([
      { fromStatus: null, toStatus: 'OPEN', note: null },
      { fromStatus: 'OPEN', toStatus: 'PARTLY_MET', note: 'Funding review started' },
      { fromStatus: 'PARTLY_MET', toStatus: 'MET', note: 'Funding confirmed for 2027' },
    ]);
    // Anonymous readers of a public engagement do not see the members-only draft it presented, nor
    // members of a network whose member list is private (its convenor is public anyway).
    expect(read.engagement.positions).toEqual([]);
    expect(read.engagement.participants).toEqual([{ id: NEWPORT_CVS }]);
    const asks = await sut.client.data<{ engagement: { asks: { id: string }[] } }>(
      'query ($id: ID!) { engagement(id: $id) { asks { id } } }',
      { id: engagement.id },
    );
    expect(later.askId).toBe(asks.engagement.asks[0]?.id);

    const outsider = await mutate(
      partner,
      'changeCommitmentStatus',
      { commitmentId: later.id, status: 'NOT_MET' },
      'commitment { status }',
    );
    expect(errorOf(outsider).code).toBe('FORBIDDEN');
    const stranger = await record(partner, { kind: 'LETTER', occurredOn: ukDate(-1), summary: 'Not ours to record' });
    expect(errorOf(stranger).code).toBe('FORBIDDEN');
    const anonymous = await record({}, { kind: 'LETTER', occurredOn: ukDate(-1), summary: 'Not signed in' });
    expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');
  });

  it("names the office-holder who took part, who must hold office in the network's area", async () => {
    const holder = async (policeForceAreaCode: string) => {
      const made = await mutate(
        admin,
        'recordOfficeHolder',
        {
          policeForceAreaCode,
          name: 'Alex Demo (test)',
          title: 'POLICE_AND_CRIME_COMMISSIONER',
          party: null,
          termStart: '2024-05-13',
        },
        'officeHolder { id }',
      );
      expect(made.errors).toBeUndefined();
      return (made.data?.recordOfficeHolder.officeHolder as { id: string }).id;
    };
    const gwentHolder = await holder('W15000002');
    const formerHolder = (
      await mutate(
        admin,
        'recordOfficeHolder',
        {
          policeForceAreaCode: 'W15000002',
          name: 'Sam Former (test)',
          title: 'POLICE_AND_CRIME_COMMISSIONER',
          party: 'Demo Party',
          termStart: '2016-05-12',
          termEnd: '2021-05-13',
        },
        'officeHolder { id }',
      )
    ).data?.recordOfficeHolder.officeHolder as { id: string };
    const outOfOffice = await record(member, {
      kind: 'MEETING',
      occurredOn: ukDate(-2),
      summary: 'Met the commissioner',
      officeHolderId: formerHolder.id,
    });
    expect(errorOf(outOfOffice)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.officeHolderId' });
    const southWalesHolder = await holder('W15000003');
    const elsewhere = await record(member, {
      kind: 'MEETING',
      occurredOn: ukDate(-2),
      summary: 'Met the commissioner',
      officeHolderId: southWalesHolder,
    });
    expect(errorOf(elsewhere)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.officeHolderId' });
    const { data } = await record(member, {
      kind: 'MEETING',
      occurredOn: ukDate(-2),
      summary: 'Met the commissioner',
      officeHolderId: gwentHolder,
    });
    const read = await sut.client.data<{ engagement: { officeHolder: { name: string; independent: boolean } } }>(
      'query ($id: ID!) { engagement(id: $id) { officeHolder { name independent } } }',
      { id: data?.recordEngagement.engagement.id },
    );
    expect(read.engagement.officeHolder).toEqual({ name: 'Alex Demo (test)', independent: true });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await Promise.all(['engagement', 'commitment', 'engagement_ask'].map(count));
    const cases: [Record<string, unknown>, string][] = [
      [
        { occurredOn: ukDate(-10), commitments: [{ text: 'Reply', owner: 'The office', dueOn: ukDate(-11) }] },
        'input.commitments.0.dueOn',
      ],
      [{ occurredOn: ukDate(2) }, 'input.occurredOn'],
      [{ occurredOn: ukDate(-1), participantOrganisationIds: [PARTNER_ORG] }, 'input.participantOrganisationIds.0'],
      [
        {
          occurredOn: ukDate(-1),
          asks: ['One ask'],
          commitments: [{ text: 'Reply', owner: 'Office', dueOn: ukDate(5), askNumber: 2 }],
        },
        'input.commitments.0.askNumber',
      ],
      [{ occurredOn: ukDate(-1), summary: '' }, 'input.summary'],
      [{ occurredOn: ukDate(-1), asks: ['A real ask', '  \t '] }, 'input.asks'],
      [{ occurredOn: '2026-02-30' }, 'input.occurredOn'],
      ...['2026', '2026-11', '2026-W05', '2026-035', '20260101', '2026-11-01T10:00:00Z'].map(
        (occurredOn): [Record<string, unknown>, string] => [{ occurredOn }, 'input.occurredOn'],
      ),
      [
        { occurredOn: '2026-03-01', commitments: [{ text: 'Reply', owner: 'Office', dueOn: '2026-035' }] },
        'input.commitments.0.dueOn',
      ],
    ];
    for (const [input, field] of cases) {
      const response = await record(member, { kind: 'MEETING', summary: 'Bad input (test)', ...input });
      expect({ field, error: errorOf(response) }).toEqual({ field, error: { code: 'BAD_USER_INPUT', field } });
    }
    const { data } = await record(member, { kind: 'LETTER', occurredOn: ukDate(-20), summary: 'A letter' });
    const engagementId = data?.recordEngagement.engagement.id;
    const early = await mutate(
      member,
      'addCommitment',
      { engagementId, text: 'Reply', owner: 'The office', dueOn: ukDate(-21) },
      'commitment { id }',
    );
    expect(errorOf(early)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.dueOn' });
    const after = await Promise.all(['engagement', 'commitment', 'engagement_ask'].map(count));
    expect(after).toEqual([before[0] + 1, before[1], before[2]]);
  });

  it('lists overdue commitments per network and nationally; private engagements are counted but not shown', async () => {
    const overdue = await record(member, {
      kind: 'PANEL_ATTENDANCE',
      occurredOn: ukDate(-90),
      summary: 'Police and crime panel',
      commitments: [{ text: 'Share the victims’ strategy', owner: 'Deputy commissioner', dueOn: ukDate(-30) }],
    });
    const hidden = await record(member, {
      kind: 'MEETING',
      occurredOn: ukDate(-60),
      summary: 'Private briefing',
      public: false,
      commitments: [{ text: 'Confidential follow-up', owner: 'Chief executive', dueOn: ukDate(-7) }],
    });
    const openId = overdue.data?.recordEngagement.engagement.commitments[0]?.id;
    const hiddenId = hidden.data?.recordEngagement.engagement.commitments[0]?.id;
    const list = async (who: Headers, args = '') =>
      (
        await sut.client.data<{ overdueCommitments: { id: string; daysOverdue: number }[] }>(
          `query { overdueCommitments${args} { id daysOverdue } }`,
          {},
          who,
        )
      ).overdueCommitments;
    const forMembers = await list(member, `(networkId: "${networkId}")`);
    expect(forMembers.map((c) => c.id)).toEqual([openId, hiddenId]); // most overdue first
    expect(forMembers[0]?.daysOverdue).toBe(30);
    const national = (await list({})).map((c) => c.id);
    expect(national).toContain(openId);
    expect(national).not.toContain(hiddenId);
    expect((await list(admin)).map((c) => c.id)).toContain(hiddenId);
    const privateRead = await sut.client.request(
      'query ($id: ID!) { engagement(id: $id) { id } }',
      { id: hidden.data?.recordEngagement.engagement.id },
      partner,
    );
    expect(errorOf(privateRead).code).toBe('NOT_FOUND');

    // Nationally, counts include private engagements: two more overdue, one more met, four more in all.
    expect(await gwentCommitments()).toEqual({
      policeForceArea: { code: 'W15000002' },
      total: gwentBefore.total + 4,
      overdue: gwentBefore.overdue + 2,
      met: gwentBefore.met + 1,
      lastEngagementOn: ukDate(-2),
    });
  });

  it("lets the network's convenors correct a record, keeping its commitments due on or after it", async () => {
    const { data } = await record(member, {
      kind: 'LETTER',
      occurredOn: ukDate(-10),
      summary: 'Wrote to the commisioner',
      commitments: [{ text: 'A reply', owner: 'OPCC', dueOn: ukDate(-5) }],
    });
    const engagementId = data?.recordEngagement.engagement.id;
    const correct = (who: Headers, input: Record<string, unknown>) =>
      mutate(who, 'correctEngagement', { engagementId, ...input }, 'engagement { kind occurredOn summary public }');
    expect(errorOf(await correct(member, { summary: 'Wrote to the commissioner' })).code).toBe('FORBIDDEN');
    expect(errorOf(await correct(coordinator, { occurredOn: ukDate(-4) }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.occurredOn',
    });
    expect(errorOf(await correct(coordinator, { occurredOn: ukDate(1) }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.occurredOn',
    });
    const activityBefore = await count('activity_event');
    const corrected = await correct(coordinator, {
      kind: 'MEETING',
      occurredOn: ukDate(-12),
      summary: 'Wrote to the commissioner',
      public: false,
    });
    expect(corrected.data?.correctEngagement).toEqual({
      engagement: { kind: 'MEETING', occurredOn: ukDate(-12), summary: 'Wrote to the commissioner', public: false },
    });
    expect(await count('activity_event')).toBe(activityBefore + 1);
    expect((await correct(coordinator, { summary: 'Wrote to the commissioner' })).errors).toBeUndefined();
    expect(await count('activity_event')).toBe(activityBefore + 1); // the same again changes nothing
    const hidden = await sut.client.request('query ($id: ID!) { engagement(id: $id) { id } }', { id: engagementId });
    expect(errorOf(hidden).code).toBe('NOT_FOUND');
    await correct(coordinator, { public: true }); // back to public, for the counts that follow
  });

  it('records a police and crime plan; a position declares the priorities it addresses', async () => {
    const plan = (input: Record<string, unknown>, who = admin) =>
      mutate(
        who,
        'recordPoliceCrimePlan',
        {
          policeForceAreaCode: 'W15000002',
          title: 'Gwent Police and Crime Plan (test)',
          periodStart: '2025-04-01',
          priorities: [{ title: 'Safer communities' }],
          ...input,
        },
        'plan { id consultationOpen priorities { id ordinal title } }',
      );
    expect(errorOf(await plan({ periodEnd: '2025-03-01' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.periodEnd',
    });
    expect(errorOf(await plan({ consultationOpens: '2025-02-01', consultationCloses: '2025-01-01' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.consultationCloses',
    });
    expect(errorOf(await plan({ policeForceAreaCode: 'E99999999' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.policeForceAreaCode',
    });
    expect(errorOf(await plan({}, coordinator)).code).toBe('FORBIDDEN');
    expect(errorOf(await plan({ periodStart: '2026' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.periodStart',
    });
    expect(errorOf(await plan({ periodStart: '2026-03-01', periodEnd: '2026-03-01T12:00:00Z' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.periodEnd',
    });
    const gwent = await plan({
      periodEnd: '2029-03-31',
      consultationOpens: ukDate(-5),
      consultationCloses: ukDate(20),
      priorities: [{ title: 'Safer communities' }, { title: 'Victims first', description: 'Support for victims' }],
    });
    expect(gwent.errors).toBeUndefined();
    const made = gwent.data?.recordPoliceCrimePlan.plan as {
      consultationOpen: boolean;
      priorities: { id: string; ordinal: number }[];
    };
    expect(made.consultationOpen).toBe(true);
    expect(made.priorities.map((p) => p.ordinal)).toEqual([1, 2]);
    const elsewhere = await plan({ policeForceAreaCode: 'W15000003', title: 'South Wales plan (test)' });
    const southWalesPriority = (elsewhere.data?.recordPoliceCrimePlan.plan as { priorities: { id: string }[] })
      .priorities[0]?.id;

    const declare = (priorityIds: (string | undefined)[], who = member) =>
      mutate(who, 'declarePositionPriorities', { positionId, priorityIds }, 'position { addresses { title } }');
    expect(errorOf(await declare([made.priorities[1]?.id, southWalesPriority]))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.priorityIds.1',
    });
    expect(errorOf(await declare([made.priorities[1]?.id], partner)).code).toBe('FORBIDDEN');
    const declared = await declare([made.priorities[1]?.id, made.priorities[0]?.id]);
    expect(declared.data?.declarePositionPriorities).toEqual({
      position: { addresses: [{ title: 'Safer communities' }, { title: 'Victims first' }] },
    });
    const area = await sut.client.data<{ policeForceArea: { policeCrimePlans: { title: string }[] } }>(
      '{ policeForceArea(code: "W15000002") { policeCrimePlans { title } } }',
    );
    expect(area.policeForceArea.policeCrimePlans.map((p) => p.title)).toContain('Gwent Police and Crime Plan (test)');

    // Declarations race: each replaces the set under the draft's lock, none fails.
    const racing = await Promise.all([1, 2, 3, 4].map(() => declare([made.priorities[0]?.id, made.priorities[1]?.id])));
    expect(racing.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("records Justice Data Lab results on an organisation's profile, refusing impossible figures; positions cite them", async () => {
    const result = (input: Record<string, unknown>, who = coordinator) =>
      mutate(
        who,
        'recordJusticeDataLabResult',
        {
          organisationId: NEWPORT_CVS,
          intervention: 'Through-the-gate mentoring (test)',
          periodStart: '2019-01-01',
          periodEnd: '2020-12-31',
          treatmentGroupSize: 212,
          comparisonGroupSize: 12040,
          treatmentReoffendingRate: 29.25,
          comparisonReoffendingRate: 36.5,
          statisticallySignificant: true,
          reportUrl: 'https://www.gov.uk/government/statistics/justice-data-lab-example',
          ...input,
        },
        'result { id reduction organisation { id } }',
      );
    const before = await count('justice_data_lab_result');
    for (const [input, field] of [
      [{ treatmentGroupSize: -1 }, 'input.treatmentGroupSize'],
      [{ comparisonGroupSize: -5 }, 'input.comparisonGroupSize'],
      [{ treatmentReoffendingRate: 100.5 }, 'input.treatmentReoffendingRate'],
      [{ comparisonReoffendingRate: -0.1 }, 'input.comparisonReoffendingRate'],
      [{ periodEnd: '2018-12-31' }, 'input.periodEnd'],
      [{ periodStart: '2019' }, 'input.periodStart'],
      [{ reportUrl: 'javascript:alert(1)' }, 'input.reportUrl'],
    ] as const) {
      expect({ field, error: errorOf(await result(input)) }).toEqual({
        field,
        error: { code: 'BAD_USER_INPUT', field },
      });
    }
    expect(await count('justice_data_lab_result')).toBe(before);
    expect(errorOf(await result({}, member)).code).toBe('FORBIDDEN');

    const recorded = await result({});
    expect(recorded.errors).toBeUndefined();
    const made = recorded.data?.recordJusticeDataLabResult.result as { id: string; reduction: number };
    expect(made.reduction).toBe(7.25);
    const profile = await sut.client.data<{
      organisation: { justiceDataLabResults: { id: string; statisticallySignificant: boolean }[] };
    }>('query ($id: ID!) { organisation(id: $id) { justiceDataLabResults { id statisticallySignificant } } }', {
      id: NEWPORT_CVS,
    });
    expect(profile.organisation.justiceDataLabResults).toContainEqual({ id: made.id, statisticallySignificant: true });

    const cite = (who: Headers) =>
      mutate(who, 'citeEvidence', { positionId, resultId: made.id }, 'position { evidence { id intervention } }');
    expect(errorOf(await cite(partner)).code).toBe('FORBIDDEN');
    const cited = await cite(member);
    expect(cited.data?.citeEvidence).toEqual({
      position: { evidence: [{ id: made.id, intervention: 'Through-the-gate mentoring (test)' }] },
    });
    expect((await cite(member)).data?.citeEvidence).toEqual(cited.data?.citeEvidence); // citing again changes nothing
    const unknown = await mutate(member, 'citeEvidence', { positionId, resultId: positionId }, 'position { id }');
    expect(errorOf(unknown)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.resultId' });

    const withdraw = (who: Headers) =>
      mutate(who, 'withdrawEvidence', { positionId, resultId: made.id }, 'position { evidence { id } }');
    expect(errorOf(await withdraw(partner)).code).toBe('FORBIDDEN');
    expect((await withdraw(member)).data?.withdrawEvidence).toEqual({ position: { evidence: [] } });
    expect((await withdraw(member)).errors).toBeUndefined(); // withdrawing again changes nothing
  });

  it("links the network's own events or public events in its area; a public record does not expose a private event", async () => {
    const gwentHustings = demoEventId('gwent-hustings'); // public, in Gwent
    const elsewhere = await record(member, {
      kind: 'HUSTINGS',
      occurredOn: ukDate(-1),
      summary: 'Consultation elsewhere',
      eventId: demoEventId('cleveland-consultation'),
    });
    expect(errorOf(elsewhere)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.eventId' });
    const otherNetwork = await record(member, {
      kind: 'MEETING',
      occurredOn: ukDate(-1),
      summary: "Another network's meeting",
      eventId: demoEventId('gwent-monthly'), // members-only, of the demo Gwent network
    });
    expect(errorOf(otherNetwork)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.eventId' });
    const hustings = await record(member, {
      kind: 'HUSTINGS',
      occurredOn: ukDate(-1),
      summary: 'Hustings',
      eventId: gwentHustings,
    });
    expect(hustings.errors).toBeUndefined();
    const own = await createEvent(sut, coordinator, {
      networkId,
      kind: 'NETWORK_MEETING',
      title: 'Members-only meeting with the commissioner (test)',
      start: localIn(-2 + 30),
      end: localIn(-2 + 30, 20),
      visibility: 'NETWORK',
    });
    const ownEventId = own.data?.createEvent.event.id;
    const meeting = await record(member, {
      kind: 'MEETING',
      occurredOn: ukDate(-1),
      summary: 'Met',
      eventId: ownEventId,
    });
    expect(meeting.errors).toBeUndefined();
    const itemsOf = async (engagementId: string | undefined) => {
      const client = new PgClient({ connectionString: sut.database.url });
      await client.connect();
      const { rows } = await client.query<{
        event_id: string | null;
        police_force_area_code: string;
        visibility: string;
      }>(
        `SELECT event_id, police_force_area_code, visibility FROM activity_event WHERE payload->>'engagementId' = $1`,
        [engagementId],
      );
      await client.end();
      return rows;
    };
    // In the area's feed; with the event only when the event is public.
    expect(await itemsOf(hustings.data?.recordEngagement.engagement.id)).toEqual([
      { event_id: gwentHustings, police_force_area_code: 'W15000002', visibility: 'PUBLIC' },
    ]);
    expect(await itemsOf(meeting.data?.recordEngagement.engagement.id)).toEqual([
      { event_id: null, police_force_area_code: 'W15000002', visibility: 'PUBLIC' },
    ]);
  });

  it("counts only active networks' engagements for coverage, and closes the log with the network", async () => {
    // This file's network is FORMING: its engagements are in the commitments view, not in coverage.
    const coverage = await sut.client.data<{
      policeForceArea: { coverage: { lastEngagementOn: string; engagementQuiet: boolean } };
    }>('{ policeForceArea(code: "W15000002") { coverage { lastEngagementOn engagementQuiet } } }');
    expect(coverage.policeForceArea.coverage).toEqual({ lastEngagementOn: ukDate(-40), engagementQuiet: false });
    const cleveland = await sut.client.data<{
      policeForceArea: { coverage: { daysSinceLastEngagement: number; engagementQuiet: boolean; reasons: string[] } };
    }>('{ policeForceArea(code: "E23000013") { coverage { daysSinceLastEngagement engagementQuiet reasons } } }');
    expect(cleveland.policeForceArea.coverage).toMatchObject({ daysSinceLastEngagement: 240, engagementQuiet: true });
    expect(cleveland.policeForceArea.coverage.reasons).toContain(
      "no engagement with the commissioner's office for 240 days",
    );

    const closing = await gwentNetwork(sut, coordinator, admin);
    const { data } = await sut.client.request<{ recordEngagement: { engagement: Engagement } }>(
      RECORD,
      {
        input: {
          networkId: closing,
          kind: 'LETTER',
          occurredOn: ukDate(-1),
          summary: 'A last letter',
          commitments: [{ text: 'Reply', owner: 'OPCC', dueOn: ukDate(10) }],
        },
      },
      member,
    );
    await mutate(
      coordinator,
      'changeNetworkStatus',
      { networkId: closing, status: 'CLOSED', reason: 'Merged' },
      'network { status }',
    );
    const engagement = data?.recordEngagement.engagement as Engagement;
    const added = await mutate(
      member,
      'addCommitment',
      { engagementId: engagement.id, text: 'More', owner: 'OPCC', dueOn: ukDate(20) },
      'commitment { id }',
    );
    expect(errorOf(added).code).toBe('CONFLICT');
    const moved = await mutate(
      member,
      'changeCommitmentStatus',
      { commitmentId: engagement.commitments[0]?.id, status: 'MET' },
      'commitment { id }',
    );
    expect(errorOf(moved).code).toBe('CONFLICT');
  });

  it('reads a page of engagements with every nested field at a fixed number of statements', async () => {
    const page = () =>
      countSql(() =>
        sut.client.data<{ engagements: unknown[] }>(
          `query ($networkId: ID) { engagements(networkId: $networkId, first: 50) { ${ENGAGEMENT} officeHolder { name } event { id } } }`,
          { networkId },
          admin,
        ),
      );
    const before = await page();
    for (const n of [1, 2, 3]) {
      await record(member, {
        kind: 'LETTER',
        occurredOn: ukDate(-n),
        summary: `Letter ${n}`,
        participantOrganisationIds: [MEMBER_GROUP],
        asks: ['An ask'],
        commitments: [{ text: 'A reply', owner: 'OPCC', dueOn: ukDate(10) }],
        positionIds: [positionId],
      });
    }
    const after = await page();
    expect(after.result.engagements.length).toBe(before.result.engagements.length + 3);
    expect(after.statements.length).toBe(before.statements.length);
  });

  it("streams the network's engagement log live over WebSocket through the activity feed", async () => {
    const client = graphqlWsClient(sut.graphqlUrl, member);
    const live = new LiveSubscription<{ activity: { verb: string; payload: { engagementId?: string } } }>(
      client,
      'subscription ($scope: ActivityScope, $after: String) { activity(scope: $scope, after: $after) { verb payload } }',
      { scope: { kind: 'NETWORK', target: networkId }, after: await newestActivityCursor(sut) },
    );
    try {
      const { data } = await record(member, {
        kind: 'CONSULTATION_RESPONSE',
        occurredOn: ukDate(0),
        summary: 'Response to the plan consultation',
        commitments: [{ text: 'Publish a response', owner: 'OPCC', dueOn: ukDate(40) }],
      });
      const engagement = data?.recordEngagement.engagement as Engagement;
      await mutate(
        member,
        'changeCommitmentStatus',
        { commitmentId: engagement.commitments[0]?.id, status: 'WITHDRAWN' },
        'commitment { id }',
      );
      const items = await live.waitFor(2);
      expect(items.map((i) => [i.activity.verb, i.activity.payload.engagementId])).toEqual([
        ['ENGAGEMENT_RECORDED', engagement.id],
        ['COMMITMENT_STATUS_CHANGED', engagement.id],
      ]);
    } finally {
      live.stop();
      await client.dispose();
    }
  });
});
