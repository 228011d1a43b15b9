import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { countSql, graphqlWsClient, LiveSubscription, rowCount } from '@app/testing';
import {
  errorOf,
  gwentNetwork,
  type Headers,
  localIn,
  MEMBER_GROUP,
  NEWPORT_CVS,
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
});
