import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client as PgClient } from 'pg';
import { demoOrganisationId } from '@app/organisations';
import { rowCount } from '@app/testing';
import {
  createEvent,
  errorOf,
  eventOf,
  GWENT,
  gwentNetwork,
  type Headers,
  localIn,
  MEMBER_GROUP,
  NEWPORT_CVS,
} from './support/event-helpers';
import { unique } from './support/operation-fixtures';
import { demoCast } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';

describe('integrity: drafts, agendas and time zones', () => {
  let sut: TestApp;
  let admin: Headers;
  let coordinator: Headers;
  let member: Headers;
  let networkId: string;

  /** A draft in a Monmouthshire-convened network with the member's group in it, and not Newport CVS. */
  const otherNetworkDraft = async (): Promise<{ networkId: string; positionId: string }> => {
    const created = await sut.client.data<{ createNetwork: { network: { id: string } } }>(
      'mutation ($input: CreateNetworkInput!) { createNetwork(input: $input) { network { id } } }',
      {
        input: {
          name: `Other network ${unique()} (test)`,
          policeForceAreaCode: GWENT,
          convenorOrganisationId: demoOrganisationId('cvs:W06000021'),
        },
      },
      admin,
    );
    const other = created.createNetwork.network.id;
    const invited = await sut.client.data<{ inviteToNetwork: { membership: { id: string } } }>(
      'mutation ($input: InviteToNetworkInput!) { inviteToNetwork(input: $input) { membership { id } } }',
      { input: { networkId: other, organisationId: MEMBER_GROUP } },
      admin,
    );
    await sut.client.data(
      'mutation ($input: AnswerMembershipInput!) { answerNetworkInvitation(input: $input) { membership { id } } }',
      { input: { membershipId: invited.inviteToNetwork.membership.id, accept: true } },
      admin,
    );
    const draft = await sut.client.data<{ createJointPosition: { position: { id: string } } }>(
      `mutation ($input: CreateJointPositionInput!) { createJointPosition(input: $input) { position { id } } }`,
      {
        input: {
          networkId: other,
          title: 'Private draft (test)',
          audience: 'The Police and Crime Commissioner for Gwent',
          organisationId: MEMBER_GROUP,
          sections: [{ heading: 'One', body: 'Not for outsiders.' }],
        },
      },
      member,
    );
    return { networkId: other, positionId: draft.createJointPosition.position.id };
  };

  beforeAll(async () => {
    sut = await startTestApp();
    ({ admin, coordinator, member } = await demoCast(sut));
    networkId = await gwentNetwork(sut, coordinator, admin);
  });

  afterAll(async () => {
    await sut?.close();
  });

  it("answers NOT_FOUND to signing another network's private draft, without waiting on its lock", async () => {
    const { positionId } = await otherNetworkDraft();
    const holder = new PgClient({ connectionString: sut.database.url });
    await holder.connect();
    try {
      // Someone else holds the draft's row: a sign-on that took the lock would wait for them.
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM joint_position WHERE id = $1 FOR UPDATE', [positionId]);
      const before = await rowCount(sut.database.url, 'position_sign_on');
      const signing = sut.client.request(
        'mutation ($input: SignOnToPositionInput!) { signOnToPosition(input: $input) { signOn { id } } }',
        { input: { positionId, organisationId: NEWPORT_CVS } },
        coordinator,
      );
      const waited = new Promise<'waited on the lock'>((resolve) =>
        setTimeout(() => resolve('waited on the lock'), 10_000),
      );
      const response = await Promise.race([signing, waited]);
      expect(response === 'waited on the lock' ? response : errorOf(response)).toEqual({
        code: 'NOT_FOUND',
        field: undefined,
      });
      expect(await rowCount(sut.database.url, 'position_sign_on')).toBe(before);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });

  it("refuses an agenda item linking another network's joint position, naming the item, writing nothing", async () => {
    const { positionId } = await otherNetworkDraft();
    const event = await eventOf(sut, coordinator, {
      networkId,
      kind: 'NETWORK_MEETING',
      title: 'Agenda links (test)',
      start: localIn(20),
      end: localIn(20, 20),
    });
    const setAgenda = (items: Record<string, unknown>[]) =>
      sut.client.request<{ setEventAgenda: { event: { agenda: { title: string }[] } } }>(
        'mutation ($input: SetEventAgendaInput!) { setEventAgenda(input: $input) { event { agenda { title } } } }',
        { input: { eventId: event.id, items } },
        coordinator,
      );
    const response = await setAgenda([{ title: 'Welcome' }, { title: 'Their draft', jointPositionId: positionId }]);
    expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.items.1.jointPositionId' });
    const unknown = await setAgenda([
      { title: 'No such draft', jointPositionId: '00000000-0000-4000-8000-000000000000' },
    ]);
    expect(errorOf(unknown)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.items.0.jointPositionId' });

    const own = await sut.client.data<{ createJointPosition: { position: { id: string } } }>(
      `mutation ($input: CreateJointPositionInput!) { createJointPosition(input: $input) { position { id } } }`,
      {
        input: {
          networkId,
          title: 'Our draft (test)',
          audience: 'The Police and Crime Commissioner for Gwent',
          organisationId: MEMBER_GROUP,
          sections: [{ heading: 'One', body: 'Ours.' }],
        },
      },
      member,
    );
    const linked = await setAgenda([{ title: 'Our draft', jointPositionId: own.createJointPosition.position.id }]);
    expect(linked.errors).toBeUndefined();
    expect(linked.data?.setEventAgenda.event.agenda).toEqual([{ title: 'Our draft' }]);
  });

  it.each([
    ['GB', 'Europe/London'],
    ['EUROPE/LONDON', 'Europe/London'],
    ['Europe/Belfast', 'Europe/London'],
    ['US/Eastern', 'America/New_York'],
  ])('keeps the canonical IANA zone for %s, in the event and its iCalendar', async (given, canonical) => {
    const event = await eventOf(sut, coordinator, {
      networkId,
      visibility: 'PUBLIC',
      kind: 'NETWORK_MEETING',
      title: `Zone ${given} (test)`,
      start: localIn(25),
      end: localIn(25, 20),
      timeZone: given,
    });
    expect(event.timeZone).toBe(canonical);
    const feed = await fetch(`${sut.baseUrl}/calendars/networks/${networkId}.ics`);
    expect(feed.status).toBe(200);
    const text = await feed.text();
    expect(text).toContain(`TZID:${canonical}\r\n`);
    expect(text).not.toMatch(new RegExp(`TZID[:=]${given.replace('/', '\\/')}[\r:;]`));
  });

  it.each(['Europe/Atlantis', '+01:00', 'Factory'])('refuses the time zone %s, naming the field', async (zone) => {
    const response = await createEvent(sut, coordinator, {
      networkId,
      kind: 'NETWORK_MEETING',
      title: 'Bad zone (test)',
      start: localIn(25),
      end: localIn(25, 20),
      timeZone: zone,
    });
    expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.timeZone' });
  });

  it('canonicalises the zone of a scheduling poll', async () => {
    const created = await sut.client.request<{ createSchedulingPoll: { poll: { timeZone: string } } }>(
      'mutation ($input: CreateSchedulingPollInput!) { createSchedulingPoll(input: $input) { poll { timeZone } } }',
      {
        input: {
          networkId,
          title: 'Zone poll (test)',
          kind: 'NETWORK_MEETING',
          timeZone: 'EUROPE/LONDON',
          slots: [
            { start: localIn(30), end: localIn(30, 20) },
            { start: localIn(31), end: localIn(31, 20) },
          ],
        },
      },
      coordinator,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createSchedulingPoll.poll.timeZone).toBe('Europe/London');
  });

  it('keeps a joint position to 100 sections, refusing the 101st as bad input naming the position', async () => {
    const { createJointPosition } = await sut.client.data<{ createJointPosition: { position: { id: string } } }>(
      `mutation ($input: CreateJointPositionInput!) { createJointPosition(input: $input) { position { id } } }`,
      {
        input: {
          networkId,
          title: 'Many sections (test)',
          audience: 'The Police and Crime Commissioner for Gwent',
          organisationId: MEMBER_GROUP,
          sections: Array.from({ length: 100 }, (_, i) => ({ heading: `Section ${i + 1}`, body: 'Text.' })),
        },
      },
      member,
    );
    const before = await rowCount(sut.database.url, 'position_section');
    const response = await sut.client.request(
      'mutation ($input: AddSectionInput!) { addSection(input: $input) { section { id } } }',
      { input: { positionId: createJointPosition.position.id, heading: 'One too many', body: 'Text.' } },
      member,
    );
    expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.positionId' });
    expect(await rowCount(sut.database.url, 'position_section')).toBe(before);
  });
});
