import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client as PgClient } from 'pg';
import { countSql, graphqlWsClient, LiveSubscription, rowCount } from '@app/testing';
import {
  errorOf,
  gwentNetwork,
  type Headers,
  localIn,
  MEMBER_GROUP,
  NEWPORT_CVS,
  newportStaff,
  PARTNER_ORG,
} from './support/event-helpers';
import { demoCast } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';

interface Poll {
  id: string;
  status: string;
  eventId: string | null;
  slots: { id: string; startsAt: string; endsAt: string }[];
}
interface Tally {
  yes: number;
  ifNeedBe: number;
  no: number;
}
const POLL = 'id status eventId slots { id startsAt endsAt }';

describe('scheduling polls ("find a time")', () => {
  let sut: TestApp;
  let admin: Headers;
  let coordinator: Headers;
  let member: Headers;
  let partner: Headers;
  let networkId: string;

  const createPoll = (who: Headers, input: Record<string, unknown>) =>
    sut.client.request<{ createSchedulingPoll: { poll: Poll } }>(
      `mutation ($input: CreateSchedulingPollInput!) { createSchedulingPoll(input: $input) { poll { ${POLL} } } }`,
      { input },
      who,
    );
  const answerPoll = (who: Headers, input: Record<string, unknown>) =>
    sut.client.request(
      'mutation ($input: AnswerSchedulingPollInput!) { answerSchedulingPoll(input: $input) { poll { id } } }',
      { input },
      who,
    );
  const slots = () => [
    { start: localIn(20, 10), end: localIn(20, 12) },
    { start: localIn(21, 18), end: localIn(21, 20) },
    { start: localIn(22, 14), end: localIn(22, 16) },
  ];
  const countPolls = (): Promise<number> => rowCount(sut.database.url, 'scheduling_poll');

  beforeAll(async () => {
    sut = await startTestApp();
    ({ admin, coordinator, member, partner } = await demoCast(sut));
    networkId = await gwentNetwork(sut, coordinator, admin);
  });

  afterAll(async () => {
    await sut.close();
  });

  it('collects answers with live tallies, and confirming a slot creates the event from it', async () => {
    const created = await createPoll(coordinator, {
      networkId,
      title: 'Spring planning (test)',
      kind: 'NETWORK_MEETING',
      slots: slots(),
    });
    expect(created.errors).toBeUndefined();
    const poll = created.data?.createSchedulingPoll.poll as Poll;
    expect(poll.slots).toHaveLength(3);
    const [first, second, third] = poll.slots as [Poll['slots'][0], Poll['slots'][0], Poll['slots'][0]];

    const client = graphqlWsClient(sut.graphqlUrl, { authorization: member.authorization });
    const live = new LiveSubscription<{ schedulingPollTally: { poll: { status: string }; slots: Tally[] } }>(
      client,
      'subscription ($pollId: ID!) { schedulingPollTally(pollId: $pollId) { poll { status } slots { yes ifNeedBe no } } }',
      { pollId: poll.id },
    );
    try {
      await live.waitFor(1);
      await new Promise((done) => setTimeout(done, 300));
      expect(
        (
          await answerPoll(member, {
            pollId: poll.id,
            organisationId: MEMBER_GROUP,
            answers: [
              { slotId: first.id, answer: 'YES' },
              { slotId: second.id, answer: 'NO' },
            ],
          })
        ).errors,
      ).toBeUndefined();
      // Each tally shows the poll as it is when sent: wait for it before the next change.
      await live.waitFor(2);
      expect(
        (
          await answerPoll(coordinator, {
            pollId: poll.id,
            organisationId: NEWPORT_CVS,
            answers: [
              { slotId: first.id, answer: 'IF_NEED_BE' },
              { slotId: third.id, answer: 'YES' },
            ],
          })
        ).errors,
      ).toBeUndefined();
      await live.waitFor(3);
      // Answering again replaces the earlier answer.
      await answerPoll(member, {
        pollId: poll.id,
        organisationId: MEMBER_GROUP,
        answers: [{ slotId: second.id, answer: 'IF_NEED_BE' }],
      });
      await live.waitFor(4);

      const confirmed = await sut.client.request<{
        confirmSchedulingPoll: {
          poll: Poll;
          event: {
            id: string;
            title: string;
            startsAt: string;
            endsAt: string;
            visibility: string;
            network: { id: string };
          };
        };
      }>(
        `mutation ($input: ConfirmSchedulingPollInput!) { confirmSchedulingPoll(input: $input) {
           poll { ${POLL} } event { id title startsAt endsAt visibility network { id } } } }`,
        { input: { pollId: poll.id, slotId: first.id, venue: 'Newport Community Hub' } },
        coordinator,
      );
      expect(confirmed.errors).toBeUndefined();
      const { event, poll: after } = confirmed.data?.confirmSchedulingPoll ?? { event: null, poll: null };
      expect(event).toMatchObject({
        title: 'Spring planning (test)',
        startsAt: first.startsAt,
        endsAt: first.endsAt,
        visibility: 'NETWORK',
        network: { id: networkId },
      });
      expect(after).toMatchObject({ status: 'CONFIRMED', eventId: event?.id });

      const items = await live.waitFor(5);
      expect(items.map((i) => [i.schedulingPollTally.poll.status, i.schedulingPollTally.slots])).toEqual([
        [
          'OPEN',
          [
            { yes: 0, ifNeedBe: 0, no: 0 },
            { yes: 0, ifNeedBe: 0, no: 0 },
            { yes: 0, ifNeedBe: 0, no: 0 },
          ],
        ],
        [
          'OPEN',
          [
            { yes: 1, ifNeedBe: 0, no: 0 },
            { yes: 0, ifNeedBe: 0, no: 1 },
            { yes: 0, ifNeedBe: 0, no: 0 },
          ],
        ],
        [
          'OPEN',
          [
            { yes: 1, ifNeedBe: 1, no: 0 },
            { yes: 0, ifNeedBe: 0, no: 1 },
            { yes: 1, ifNeedBe: 0, no: 0 },
          ],
        ],
        [
          'OPEN',
          [
            { yes: 1, ifNeedBe: 1, no: 0 },
            { yes: 0, ifNeedBe: 1, no: 0 },
            { yes: 1, ifNeedBe: 0, no: 0 },
          ],
        ],
        [
          'CONFIRMED',
          [
            { yes: 1, ifNeedBe: 1, no: 0 },
            { yes: 0, ifNeedBe: 1, no: 0 },
            { yes: 1, ifNeedBe: 0, no: 0 },
          ],
        ],
      ]);
      expect(live.errors).toEqual([]);
    } finally {
      live.stop();
      await client.dispose();
    }

    // Once confirmed, the poll takes no more answers and no second confirmation.
    const late = await answerPoll(member, {
      pollId: poll.id,
      organisationId: MEMBER_GROUP,
      answers: [{ slotId: third.id, answer: 'YES' }],
    });
    expect(errorOf(late).code).toBe('CONFLICT');
    const again = await sut.client.request(
      'mutation ($input: ConfirmSchedulingPollInput!) { confirmSchedulingPoll(input: $input) { event { id } } }',
      { input: { pollId: poll.id, slotId: second.id } },
      coordinator,
    );
    expect(errorOf(again).code).toBe('CONFLICT');
  });

  it('keeps polls among the network: outsiders cannot read, answer or confirm; members cannot confirm', async () => {
    const created = await createPoll(coordinator, {
      networkId,
      title: 'Private poll (test)',
      kind: 'NETWORK_MEETING',
      slots: slots(),
    });
    const poll = created.data?.createSchedulingPoll.poll as Poll;
    const read = (who: Headers) =>
      sut.client.request(
        'query ($id: ID!) { schedulingPoll(id: $id) { id answers { answer } } }',
        { id: poll.id },
        who,
      );
    expect((await read(member)).errors).toBeUndefined();
    expect(errorOf(await read(partner)).code).toBe('FORBIDDEN');
    expect(errorOf(await read({})).code).toBe('UNAUTHENTICATED');
    const outsider = await answerPoll(partner, {
      pollId: poll.id,
      organisationId: PARTNER_ORG,
      answers: [{ slotId: poll.slots[0]?.id, answer: 'YES' }],
    });
    expect(errorOf(outsider).code).toMatch(/FORBIDDEN|NOT_FOUND/);
    const byMember = await sut.client.request(
      'mutation ($input: ConfirmSchedulingPollInput!) { confirmSchedulingPoll(input: $input) { event { id } } }',
      { input: { pollId: poll.id, slotId: poll.slots[0]?.id } },
      member,
    );
    expect(errorOf(byMember).code).toBe('FORBIDDEN');
    expect(
      errorOf(await createPoll(member, { networkId, title: 'Not mine (test)', kind: 'OTHER', slots: slots() })).code,
    ).toBe('FORBIDDEN');
    const wrongSlot = await answerPoll(member, {
      pollId: poll.id,
      organisationId: MEMBER_GROUP,
      answers: [{ slotId: '00000000-0000-4000-8000-000000000000', answer: 'YES' }],
    });
    expect(errorOf(wrongSlot)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.answers.0.slotId' });
    const twice = await answerPoll(member, {
      pollId: poll.id,
      organisationId: MEMBER_GROUP,
      answers: [
        { slotId: poll.slots[0]?.id, answer: 'YES' },
        { slotId: poll.slots[0]?.id, answer: 'NO' },
      ],
    });
    expect(errorOf(twice)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.answers.1.slotId' });
    const closed = await sut.client.request<{ closeSchedulingPoll: { poll: { status: string } } }>(
      'mutation ($input: CloseSchedulingPollInput!) { closeSchedulingPoll(input: $input) { poll { status } } }',
      { input: { pollId: poll.id, reason: 'Met at the county meeting instead' } },
      coordinator,
    );
    expect(closed.data?.closeSchedulingPoll.poll.status).toBe('CLOSED');
  });

  it("costs a fixed number of SQL statements for a network's polls with their slots, tallies and answers", async () => {
    const list = `query ($id: ID!) { schedulingPolls(networkId: $id) { title slots { startsAt } tally { yes no } answers { answer } } }`;
    const few = await countSql(() => sut.client.request(list, { id: networkId }, member));
    for (let i = 0; i < 3; i++) {
      const created = await createPoll(coordinator, {
        networkId,
        title: `More polls ${i} (test)`,
        kind: 'OTHER',
        slots: slots(),
      });
      const poll = created.data?.createSchedulingPoll.poll as Poll;
      await answerPoll(member, {
        pollId: poll.id,
        organisationId: MEMBER_GROUP,
        answers: [{ slotId: poll.slots[0]?.id, answer: 'YES' }],
      });
    }
    const many = await countSql(() => sut.client.request(list, { id: networkId }, member));
    expect(many.result.errors).toBeUndefined();
    expect((many.result.data as { schedulingPolls: unknown[] }).schedulingPolls.length).toBeGreaterThanOrEqual(5);
    expect(many.statements.length).toBe(few.statements.length);
  });

  it.each([
    ['a slot in the past', () => [{ start: localIn(-2), end: localIn(-2, 20) }, ...slots()], 'input.slots.0.start'],
    [
      'a slot ending before it starts',
      () => [{ start: localIn(5, 18), end: localIn(5, 17) }, ...slots()],
      'input.slots.0.end',
    ],
    ['a single slot', () => slots().slice(0, 1), 'input.slots'],
    ['an unknown time zone', () => slots(), 'input.timeZone', { timeZone: 'Mars/Olympus' }],
  ] as [string, () => { start: string; end: string }[], string, Record<string, string>?][])(
    'refuses %s with BAD_USER_INPUT naming the field, writing nothing',
    async (_what, slotsOf, field, extra = {}) => {
      const before = await countPolls();
      const response = await createPoll(coordinator, {
        networkId,
        title: 'Bad poll (test)',
        kind: 'OTHER',
        slots: slotsOf(),
        ...extra,
      });
      expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(await countPolls()).toBe(before);
    },
  );

  describe('answers by organisation', () => {
    let ownNetwork: string;
    let staffer: Headers;

    beforeAll(async () => {
      ownNetwork = await gwentNetwork(sut, coordinator, admin);
      [staffer] = await newportStaff(sut, coordinator, 1);
      // The partner's organisation follows the network as an observer.
      const invited = await sut.client.data<{ inviteToNetwork: { membership: { id: string } } }>(
        'mutation ($input: InviteToNetworkInput!) { inviteToNetwork(input: $input) { membership { id } } }',
        { input: { networkId: ownNetwork, organisationId: PARTNER_ORG, role: 'OBSERVER' } },
        coordinator,
      );
      await sut.client.data(
        'mutation ($input: AnswerMembershipInput!) { answerNetworkInvitation(input: $input) { membership { id } } }',
        { input: { membershipId: invited.inviteToNetwork.membership.id, accept: true } },
        admin,
      );
    });

    const pollIn = async (extra: Record<string, unknown> = {}): Promise<Poll> => {
      const created = await createPoll(coordinator, {
        networkId: ownNetwork,
        title: 'Organisations answer (test)',
        kind: 'NETWORK_MEETING',
        slots: slots(),
        ...extra,
      });
      expect(created.errors).toBeUndefined();
      return created.data?.createSchedulingPoll.poll as Poll;
    };
    const answersOf = async (who: Headers, pollId: string) =>
      (
        await sut.client.data<{
          schedulingPoll: {
            deadline: string | null;
            tally: Tally[];
            answers: { slotId: string; answer: string; personId: string; organisation: { id: string } }[];
          };
        }>(
          `query ($id: ID!) { schedulingPoll(id: $id) { deadline tally { yes ifNeedBe no }
             answers { slotId answer personId organisation { id } } } }`,
          { id: pollId },
          who,
        )
      ).schedulingPoll;

    it('counts one answer per organisation: the latest of its people wins, shown with who gave it', async () => {
      const poll = await pollIn();
      const [first] = poll.slots;
      const yes = await answerPoll(coordinator, {
        pollId: poll.id,
        organisationId: NEWPORT_CVS,
        answers: [{ slotId: first.id, answer: 'YES' }],
      });
      expect(yes.errors).toBeUndefined();
      const no = await answerPoll(staffer, {
        pollId: poll.id,
        organisationId: NEWPORT_CVS,
        answers: [{ slotId: first.id, answer: 'NO' }],
      });
      expect(no.errors).toBeUndefined();
      expect(
        (
          await answerPoll(member, {
            pollId: poll.id,
            organisationId: MEMBER_GROUP,
            answers: [{ slotId: first.id, answer: 'YES' }],
          })
        ).errors,
      ).toBeUndefined();
      const read = await answersOf(coordinator, poll.id);
      expect(read.tally[0]).toEqual({ yes: 1, ifNeedBe: 0, no: 1 });
      const newport = read.answers.filter((a) => a.organisation.id === NEWPORT_CVS);
      expect(newport).toHaveLength(1);
      expect(newport[0].answer).toBe('NO');
      const { me } = await sut.client.data<{ me: { id: string } }>('{ me { id } }', {}, staffer);
      expect(newport[0].personId).toBe(me.id);
    });

    it('lets an observer organisation see a poll but not answer it', async () => {
      const poll = await pollIn();
      const seen = await answersOf(partner, poll.id);
      expect(seen.tally).toHaveLength(3);
      const refused = await answerPoll(partner, {
        pollId: poll.id,
        organisationId: PARTNER_ORG,
        answers: [{ slotId: poll.slots[0].id, answer: 'YES' }],
      });
      expect(errorOf(refused)).toEqual({ code: 'FORBIDDEN', field: 'input.organisationId' });
      expect((await answersOf(coordinator, poll.id)).answers).toEqual([]);
    });

    it('closes answers at the deadline with CONFLICT, and refuses a deadline in the past', async () => {
      const past = await createPoll(coordinator, {
        networkId: ownNetwork,
        title: 'Late poll (test)',
        kind: 'OTHER',
        slots: slots(),
        deadline: new Date(Date.now() - 60_000).toISOString(),
      });
      expect(errorOf(past)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.deadline' });

      const deadline = new Date(Date.now() + 86_400_000).toISOString();
      const poll = await pollIn({ deadline });
      expect((await answersOf(member, poll.id)).deadline).toBe(deadline);
      const answer = () =>
        answerPoll(member, {
          pollId: poll.id,
          organisationId: MEMBER_GROUP,
          answers: [{ slotId: poll.slots[1].id, answer: 'IF_NEED_BE' }],
        });
      expect((await answer()).errors).toBeUndefined();
      // The deadline passes (moved into the past in the database rather than waiting a day).
      const client = new PgClient({ connectionString: sut.database.url });
      await client.connect();
      try {
        await client.query(`UPDATE scheduling_poll SET deadline = now() - interval '1 minute' WHERE id = $1`, [
          poll.id,
        ]);
      } finally {
        await client.end();
      }
      expect(errorOf(await answer())).toEqual({ code: 'CONFLICT', field: 'input.pollId' });
    });
  });
});
