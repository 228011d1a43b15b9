import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from 'graphql-ws';
import { DEMO_PASSWORD } from '@app/identity';
import { type GraphqlError, graphqlWsClient } from '@app/testing';
import { eventOf, gwentNetwork, type Headers, localIn, MEMBER_GROUP, NEWPORT_CVS } from './support/event-helpers';
import { demoCast } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';

interface Session {
  headers: Headers;
  refreshToken: string;
}

/** A subscription that notes when it ended and how (the error's code), and what it received. */
class Watched {
  readonly items: unknown[] = [];
  errors: GraphqlError[] = [];
  endedAt: number | null = null;
  private readonly dispose: () => void;

  constructor(
    readonly name: string,
    client: Client,
    query: string,
    variables: Record<string, unknown> = {},
  ) {
    this.dispose = client.subscribe(
      { query, variables },
      {
        next: (message) => {
          if (message.data) {
            this.items.push(message.data);
          }
          if (message.errors?.length) {
            this.end(message.errors as GraphqlError[]);
          }
        },
        error: (error) => this.end(Array.isArray(error) ? (error as GraphqlError[]) : [{ message: String(error) }]),
        complete: () => this.end([]),
      },
    );
  }

  private end(errors: GraphqlError[]): void {
    this.errors.push(...errors);
    this.endedAt ??= Date.now();
  }

  get code(): unknown {
    return this.errors[0]?.extensions?.code;
  }

  stop(): void {
    this.dispose();
  }
}

/** Waits for a condition, polling, up to a generous deadline; answers whether it held. */
async function until(condition: () => boolean, ms = 15_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 10));
  }
  return condition();
}

/** Generous: the machine may be busy; every wait inside has its own deadline. */
const TEST_MS = 120_000;

// Announcements between instances: PostgreSQL NOTIFY, and Redis where a server is given (CI sets TEST_REDIS_URL).
const redisUrl = process.env.TEST_REDIS_URL;
const transports: [string, Record<string, string>][] = [
  ['NOTIFY', {}],
  ...(redisUrl ? [['Redis', { REDIS_URL: redisUrl }] as [string, Record<string, string>]] : []),
];

/** Time from a moment to each stream's end, for the report. */
const figures: string[] = [];

describe('live streams end when the rights they were opened with end', () => {
  let sut: TestApp;
  let admin: Headers;
  let coordinator: Headers;
  const clients: Client[] = [];
  const streams: Watched[] = [];

  const session = async (app: TestApp, email: string): Promise<Session> => {
    const { signIn: s } = await app.client.data<{
      signIn: { accessToken: string; refreshToken: string };
    }>(
      'mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { accessToken refreshToken } }',
      { e: email, p: DEMO_PASSWORD },
    );
    return {
      headers: { authorization: `Bearer ${s.accessToken}` },
      refreshToken: s.refreshToken,
    };
  };
  const wsClient = (app: TestApp, headers: Headers): Client => {
    const client = graphqlWsClient(app.graphqlUrl, { authorization: headers.authorization });
    clients.push(client);
    return client;
  };
  const watch = (name: string, client: Client, query: string, variables: Record<string, unknown>): Watched => {
    const stream = new Watched(name, client, query, variables);
    streams.push(stream);
    return stream;
  };

  /** A draft, a members-only event and a poll in a fresh network where the member's group is a member. */
  const privateThings = async (app: TestApp) => {
    const networkId = await gwentNetwork(app, coordinator, admin);
    const { createJointPosition } = await app.client.data<{
      createJointPosition: { position: { id: string; sections: { id: string }[] } };
    }>(
      'mutation ($input: CreateJointPositionInput!) { createJointPosition(input: $input) { position { id sections { id } } } }',
      {
        input: {
          networkId,
          title: 'Private draft (test)',
          audience: 'The commissioner',
          sections: [{ heading: 'One', body: 'Confidential text.' }],
        },
      },
      coordinator,
    );
    const event = await eventOf(app, coordinator, {
      networkId,
      kind: 'NETWORK_MEETING',
      title: 'Members-only meeting (test)',
      start: localIn(40),
      end: localIn(40, 20),
      capacity: 10,
    });
    expect(event.visibility).not.toBe('PUBLIC');
    const { createSchedulingPoll } = await app.client.data<{
      createSchedulingPoll: { poll: { id: string; slots: { id: string }[] } };
    }>(
      'mutation ($input: CreateSchedulingPollInput!) { createSchedulingPoll(input: $input) { poll { id slots { id } } } }',
      {
        input: {
          networkId,
          title: 'When next (test)',
          kind: 'NETWORK_MEETING',
          slots: [
            { start: localIn(30, 10), end: localIn(30, 12) },
            { start: localIn(31, 10), end: localIn(31, 12) },
          ],
        },
      },
      coordinator,
    );
    const position = createJointPosition.position;
    let revision = 1;
    return {
      networkId,
      positionId: position.id,
      eventId: event.id,
      pollId: createSchedulingPoll.poll.id,
      /** A change to each thing, made by the coordinator (who keeps their rights). */
      change: async (): Promise<void> => {
        const edited = await app.client.request(
          'mutation ($input: EditSectionInput!) { editSection(input: $input) { __typename } }',
          {
            input: {
              sectionId: position.sections[0]?.id,
              baseRevision: revision,
              body: `Confidential text ${revision}.`,
            },
          },
          coordinator,
        );
        expect(edited.errors).toBeUndefined();
        revision++;
        const answered = await app.client.request(
          'mutation ($input: AnswerEventInput!) { answerEvent(input: $input) { rsvp { id } } }',
          { input: { eventId: event.id, organisationId: NEWPORT_CVS, answer: revision % 2 ? 'GOING' : 'MAYBE' } },
          coordinator,
        );
        expect(answered.errors).toBeUndefined();
        const polled = await app.client.request(
          'mutation ($input: AnswerSchedulingPollInput!) { answerSchedulingPoll(input: $input) { poll { id } } }',
          {
            input: {
              pollId: createSchedulingPoll.poll.id,
              organisationId: NEWPORT_CVS,
              answers: [{ slotId: createSchedulingPoll.poll.slots[0]?.id, answer: revision % 2 ? 'YES' : 'NO' }],
            },
          },
          coordinator,
        );
        expect(polled.errors).toBeUndefined();
        const updated = await app.client.request(
          'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { id } } }',
          { input: { eventId: event.id, title: `Members-only meeting ${revision} (test)` } },
          coordinator,
        );
        expect(updated.errors).toBeUndefined();
      },
    };
  };

  type Things = Awaited<ReturnType<typeof privateThings>>;

  /** The member-only streams of a network's things, opened on one connection. */
  const openAll = (client: Client, things: Things, label: string): Record<string, Watched> => ({
    positionChanges: watch(
      `${label} positionChanges`,
      client,
      'subscription ($id: ID!) { positionChanges(positionId: $id) { revision section { body } } }',
      { id: things.positionId },
    ),
    eventRsvpTally: watch(
      `${label} eventRsvpTally`,
      client,
      'subscription ($id: ID!) { eventRsvpTally(eventId: $id) { confirmed maybe } }',
      { id: things.eventId },
    ),
    schedulingPollTally: watch(
      `${label} schedulingPollTally`,
      client,
      'subscription ($id: ID!) { schedulingPollTally(pollId: $id) { slots { yes no } } }',
      { id: things.pollId },
    ),
    positionPresence: watch(
      `${label} positionPresence`,
      client,
      'subscription ($id: ID!) { positionPresence(positionId: $id) { present { personId } } }',
      { id: things.positionId },
    ),
    activity: watch(
      `${label} activity`,
      client,
      'subscription ($scope: ActivityScope!) { activity(scope: $scope) { verb payload } }',
      { scope: { kind: 'NETWORK', target: things.networkId } },
    ),
    eventChanges: watch(
      `${label} eventChanges`,
      client,
      'subscription ($scope: ActivityScope!) { eventChanges(scope: $scope) { verb event { title } } }',
      { scope: { kind: 'NETWORK', target: things.networkId } },
    ),
  });

  /** Makes changes until every stream named has delivered something: they are all running. */
  const untilLive = async (things: Things, live: Watched[]): Promise<void> => {
    const counts = live.map((s) => s.items.length);
    for (let attempt = 0; attempt < 20; attempt++) {
      const ended = live.filter((s) => s.endedAt !== null);
      if (ended.length > 0) {
        throw new Error(
          `ended before the test began: ${ended.map((s) => `${s.name} ${JSON.stringify(s.errors)}`).join(', ')}`,
        );
      }
      await things.change();
      if (await until(() => live.every((s, i) => s.items.length > (counts[i] ?? 0)), 2_000)) {
        return;
      }
    }
    throw new Error(`not all live: ${live.map((s) => `${s.name}=${s.items.length}`).join(', ')}`);
  };

  /**
   * After the streams ended: one more change reaches a control stream (someone who kept their
   * rights), and nothing more reached the ended ones.
   */
  const nothingMoreAfter = async (things: Things, ended: Watched[], control: Watched): Promise<void> => {
    const before = ended.map((s) => s.items.length);
    const seen = control.items.length;
    await things.change();
    expect(await until(() => control.items.length > seen)).toBe(true);
    expect(ended.map((s) => s.items.length)).toEqual(before);
  };

  const record = (what: string, from: number, live: Watched[]): void => {
    figures.push(`${what}: ${live.map((s) => `${s.name} ${(s.endedAt ?? NaN) - from} ms`).join('; ')}`);
  };

  beforeAll(async () => {
    sut = await startTestApp();
    ({ admin, coordinator } = await demoCast(sut));
  });

  afterAll(async () => {
    for (const stream of streams) {
      stream.stop();
    }
    for (const client of clients) {
      await client.dispose();
    }
    await sut.close();
    // The figures asked for (time from the mutation's answer, or the token's expiry, to each stream's end).
    process.stdout.write(`\nlive-rights figures:\n${figures.join('\n')}\n`);
  });

  it(
    'ends every stream of a session with UNAUTHENTICATED at sign-out, and delivers nothing more',
    async () => {
      const things = await privateThings(sut);
      const member = await session(sut, 'member@demo.convene.example');
      const all = openAll(wsClient(sut, member.headers), things, 'signOut');
      const control = watch(
        'control',
        wsClient(sut, coordinator),
        'subscription ($id: ID!) { positionChanges(positionId: $id) { revision } }',
        { id: things.positionId },
      );
      const live = Object.values(all).filter((s) => s !== all.positionPresence);
      await untilLive(things, [...live, control]);

      const signedOut = await sut.client.request(
        'mutation ($input: SignOutInput!) { signOut(input: $input) { signedOut } }',
        { input: { refreshToken: member.refreshToken } },
      );
      expect(signedOut.errors).toBeUndefined();
      const answeredAt = Date.now();
      const streamsOfSession = Object.values(all);
      expect(await until(() => streamsOfSession.every((s) => s.endedAt !== null))).toBe(true);
      record('signOut', answeredAt, streamsOfSession);
      expect(Object.fromEntries(streamsOfSession.map((s) => [s.name, s.code]))).toEqual(
        Object.fromEntries(streamsOfSession.map((s) => [s.name, 'UNAUTHENTICATED'])),
      );
      await nothingMoreAfter(things, streamsOfSession, control);
    },
    TEST_MS,
  );

  it.each(transports)(
    'ends the streams of a session on another instance too, on the announcement it hears (%s)',
    async (transport, env) => {
      // With Redis both instances carry announcements over it; with NOTIFY the test's own app announces.
      const announcer = transport === 'NOTIFY' ? sut : await startTestApp(env, undefined, sut.database);
      const other = await startTestApp(env, undefined, sut.database);
      try {
        const things = await privateThings(sut);
        // Signed in on the other instance (each test app has its own JWT secret), signed out through this one.
        const member = await session(other, 'member@demo.convene.example');
        const client = graphqlWsClient(other.graphqlUrl, { authorization: member.headers.authorization });
        const elsewhere = watch(
          'other instance positionChanges',
          client,
          'subscription ($id: ID!) { positionChanges(positionId: $id) { revision section { body } } }',
          { id: things.positionId },
        );
        const control = watch(
          'control',
          wsClient(sut, coordinator),
          'subscription ($id: ID!) { positionChanges(positionId: $id) { revision } }',
          { id: things.positionId },
        );
        try {
          await untilLive(things, [elsewhere, control]);
          const signedOut = await announcer.client.request(
            'mutation ($input: SignOutInput!) { signOut(input: $input) { signedOut } }',
            { input: { refreshToken: member.refreshToken } },
          );
          expect(signedOut.errors).toBeUndefined();
          const answeredAt = Date.now();
          expect(await until(() => elsewhere.endedAt !== null)).toBe(true);
          record(`signOut, stream on another instance (${transport})`, answeredAt, [elsewhere]);
          expect(elsewhere.code).toBe('UNAUTHENTICATED');
          await nothingMoreAfter(things, [elsewhere], control);
        } finally {
          await client.dispose();
        }
      } finally {
        await other.close();
        if (announcer !== sut) {
          await announcer.close();
        }
      }
    },
    TEST_MS,
  );

  it(
    'ends the streams of an API token with UNAUTHENTICATED once it is revoked',
    async () => {
      const things = await privateThings(sut);
      const { createApiToken } = await sut.client.data<{ createApiToken: { token: string; apiToken: { id: string } } }>(
        'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id } } }',
        { input: { organisationId: NEWPORT_CVS, name: 'Wall screen (test)', scopeKind: 'NATIONAL' } },
        coordinator,
      );
      const publicEvent = await eventOf(sut, coordinator, {
        networkId: things.networkId,
        kind: 'NETWORK_MEETING',
        title: 'Open meeting (test)',
        start: localIn(41),
        end: localIn(41, 20),
        visibility: 'PUBLIC',
      });
      const client = wsClient(sut, { authorization: `Bearer ${createApiToken.token}` });
      const tokenStreams = [
        watch(
          'token eventRsvpTally',
          client,
          'subscription ($id: ID!) { eventRsvpTally(eventId: $id) { confirmed } }',
          {
            id: publicEvent.id,
          },
        ),
        watch('token activity', client, 'subscription ($scope: ActivityScope!) { activity(scope: $scope) { verb } }', {
          scope: { kind: 'NATIONAL' },
        }),
        watch(
          'token eventChanges',
          client,
          'subscription ($scope: ActivityScope!) { eventChanges(scope: $scope) { verb } }',
          { scope: { kind: 'NETWORK', target: things.networkId } },
        ),
      ];
      const control = watch(
        'control',
        wsClient(sut, coordinator),
        'subscription ($id: ID!) { positionChanges(positionId: $id) { revision } }',
        { id: things.positionId },
      );
      // The tally answers at once; the token's feeds see the public event's update.
      expect(await until(() => tokenStreams[0].items.length === 1)).toBe(true);
      for (let attempt = 0; attempt < 20 && tokenStreams.some((s) => s.items.length === 0); attempt++) {
        await sut.client.data(
          'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { id } } }',
          { input: { eventId: publicEvent.id, title: `Open meeting ${attempt} (test)` } },
          coordinator,
        );
        await until(() => tokenStreams.every((s) => s.items.length > 0), 2_000);
      }
      expect(tokenStreams.map((s) => s.items.length > 0)).toEqual([true, true, true]);
      await untilLive(things, [control]);

      const revoked = await sut.client.request(
        'mutation ($org: ID!, $id: ID!) { revokeApiToken(input: { organisationId: $org, id: $id }) { apiToken { revokedAt } } }',
        { org: NEWPORT_CVS, id: createApiToken.apiToken.id },
        coordinator,
      );
      expect(revoked.errors).toBeUndefined();
      const answeredAt = Date.now();
      expect(await until(() => tokenStreams.every((s) => s.endedAt !== null))).toBe(true);
      record('revokeApiToken', answeredAt, tokenStreams);
      expect(tokenStreams.map((s) => s.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
      await nothingMoreAfter(things, tokenStreams, control);
    },
    TEST_MS,
  );

  it(
    "ends a member's streams of the network's private things with FORBIDDEN once their organisation leaves it",
    async () => {
      const things = await privateThings(sut);
      const member = await session(sut, 'member@demo.convene.example');
      const all = openAll(wsClient(sut, member.headers), things, 'leaveNetwork');
      const control = watch(
        'control',
        wsClient(sut, coordinator),
        'subscription ($id: ID!) { positionChanges(positionId: $id) { revision } }',
        { id: things.positionId },
      );
      const memberOnly = [all.positionChanges, all.eventRsvpTally, all.schedulingPollTally, all.positionPresence].map(
        (s) => s,
      );
      await untilLive(things, [all.positionChanges, all.eventRsvpTally, all.schedulingPollTally, control] as Watched[]);

      const { network } = await sut.client.data<{
        network: { members: { id: string; organisation: { id: string } }[] };
      }>(
        'query ($id: ID!) { network(id: $id) { members { id organisation { id } } } }',
        { id: things.networkId },
        admin,
      );
      const left = await sut.client.request(
        'mutation ($input: EndMembershipInput!) { leaveNetwork(input: $input) { membership { status } } }',
        { input: { membershipId: network.members.find((m) => m.organisation.id === MEMBER_GROUP)?.id } },
        admin,
      );
      expect(left.errors).toBeUndefined();
      const answeredAt = Date.now();
      expect(await until(() => memberOnly.every((s) => s.endedAt !== null))).toBe(true);
      record('leaveNetwork', answeredAt, memberOnly);
      expect(memberOnly.map((s) => s.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);

      // The network's feeds go on (they carry its public items), but with the member's rights as they are now.
      const feeds = [all.activity, all.eventChanges] as Watched[];
      const feedItems = feeds.map((s) => s.items.length);
      await nothingMoreAfter(things, memberOnly, control);
      expect(feeds.map((s) => s.endedAt)).toEqual([null, null]);
      const activity = all.activity;
      const seen = (activity.items.slice(feedItems[0]) as { activity: { verb: string } }[]).map((i) => i.activity.verb);
      expect(seen).not.toContain('POSITION_SECTION_EDITED');
      expect(seen).not.toContain('EVENT_RSVP_CHANGED');
    },
    TEST_MS,
  );

  it(
    'executes each item with what is true at the time, not what the subscription read first',
    async () => {
      const things = await privateThings(sut);
      const live = watch(
        'agenda',
        wsClient(sut, coordinator),
        'subscription ($scope: ActivityScope!) { eventChanges(scope: $scope) { verb event { agenda { title } } } }',
        { scope: { kind: 'EVENT', target: things.eventId } },
      );
      // Live once an item of ours arrives (a change committed before the stream began is never sent):
      // retitle until one does. Agenda items come after, one at a time.
      const agendaItems = () =>
        (live.items as { eventChanges: { verb: string; event: { agenda: { title: string }[] } } }[]).filter(
          (i) => i.eventChanges.verb === 'EVENT_AGENDA_SET',
        );
      for (let attempt = 0; attempt < 20 && live.items.length === 0; attempt++) {
        await sut.client.data(
          'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { id } } }',
          { input: { eventId: things.eventId, title: `Members-only meeting, take ${attempt} (test)` } },
          coordinator,
        );
        await until(() => live.items.length > 0, 2_000);
      }
      expect(live.items.length).toBeGreaterThan(0);
      const agendas: string[][] = [];
      for (const title of ['Welcome', 'Briefing']) {
        const seen = agendaItems().length;
        await sut.client.data(
          'mutation ($input: SetEventAgendaInput!) { setEventAgenda(input: $input) { event { id } } }',
          { input: { eventId: things.eventId, items: [{ title }] } },
          coordinator,
        );
        agendas.push([title]);
        expect(await until(() => agendaItems().length > seen, 60_000)).toBe(true);
      }
      const delivered = agendaItems().map((i) => i.eventChanges.event.agenda.map((a) => a.title));
      expect(delivered).toEqual(agendas);
    },
    TEST_MS,
  );

  it(
    'ends the streams of an access token when it expires',
    async () => {
      const shortLived = await startTestApp({ ACCESS_TOKEN_TTL_SECONDS: '5' }, undefined, sut.database);
      try {
        const things = await privateThings(sut);
        const member = await session(shortLived, 'member@demo.convene.example');
        const client = wsClient(shortLived, member.headers);
        const expiring = [
          watch(
            'expiry positionChanges',
            client,
            'subscription ($id: ID!) { positionChanges(positionId: $id) { revision section { body } } }',
            { id: things.positionId },
          ),
          watch(
            'expiry activity',
            client,
            'subscription ($scope: ActivityScope!) { activity(scope: $scope) { verb } }',
            {
              scope: { kind: 'NETWORK', target: things.networkId },
            },
          ),
        ];
        const [, claims] = (member.headers.authorization ?? '').split('.');
        const expiresAt = (JSON.parse(Buffer.from(claims ?? '', 'base64url').toString()) as { exp: number }).exp * 1000;
        expect(await until(() => expiring.every((s) => s.endedAt !== null), expiresAt - Date.now() + 15_000)).toBe(
          true,
        );
        record('access token expiry', expiresAt, expiring);
        expect(expiring.map((s) => s.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
        expect(Math.min(...expiring.map((s) => s.endedAt ?? 0))).toBeGreaterThanOrEqual(expiresAt - 100);
      } finally {
        for (const client of clients.splice(0)) {
          await client.dispose();
        }
        await shortLived.close();
      }
    },
    TEST_MS,
  );
});
