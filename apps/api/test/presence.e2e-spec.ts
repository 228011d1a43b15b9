import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { defaultRedisNamespace, LivePubSub, LiveRights, redisChannels } from '@app/activity';
import { MAX_PRESENT_PER_PERSON, PresenceService } from '@app/drafting';
import { demoPersonId } from '@app/identity';
import { eventually, graphqlWsClient, LiveSubscription } from '@app/testing';
import { errorOf, gwentNetwork, type Headers, MEMBER_GROUP } from './support/event-helpers';
import { demoCast } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';

const SECRET = 'presence-test-secret-presence-test-secret-0123';
const PRESENCE = `subscription ($id: ID!) {
  positionPresence(positionId: $id) { you present { presenceId personId sectionId editing } }
}`;
const MOVE = 'mutation ($input: MovePresenceInput!) { movePresence(input: $input) { presence { sectionId editing } } }';
const ACTIVITY = 'subscription { activity(scope: { kind: NATIONAL }) { sequence payload } }';

interface Present {
  presenceId: string;
  personId: string;
  sectionId: string | null;
  editing: boolean;
}
interface Update {
  positionPresence: { you: string; present: Present[] };
}

/** A `positionPresence` subscription: who it is (`you`), and the last list it heard. */
class Viewer {
  private readonly live: LiveSubscription<Update>;

  constructor(client: Client, positionId: string) {
    this.live = new LiveSubscription<Update>(client, PRESENCE, { id: positionId });
  }

  get you(): string | undefined {
    return this.live.items[0]?.positionPresence.you;
  }

  get present(): Present[] {
    return this.live.items.at(-1)?.positionPresence.present ?? [];
  }

  get errors(): { extensions?: { code?: unknown; reason?: unknown } }[] {
    return this.live.errors;
  }

  async opened(): Promise<string> {
    return eventually(() => this.you, { what: 'the presence subscription to start' });
  }

  /** Ids of those present, sorted. */
  ids(): string[] {
    return this.present.map((p) => p.presenceId).sort();
  }

  stop(): void {
    this.live.stop();
  }
}

/** Waits until every viewer sees exactly `ids` (timed from the call: `withinMs`). */
async function allSee(
  viewers: Viewer[],
  ids: (string | undefined)[],
  withinMs = 20_000,
  what = 'presence',
): Promise<void> {
  const want = JSON.stringify([...ids].sort());
  await eventually(() => (viewers.every((v) => JSON.stringify(v.ids()) === want) ? true : undefined), {
    timeoutMs: withinMs,
    what: `${what} (${want})`,
  });
}

async function draftIn(app: TestApp, networkId: string, member: Headers): Promise<{ id: string; sectionId: string }> {
  const { createJointPosition } = await app.client.data<{
    createJointPosition: { position: { id: string; sections: { id: string }[] } };
  }>(
    'mutation ($input: CreateJointPositionInput!) { createJointPosition(input: $input) { position { id sections { id } } } }',
    {
      input: {
        networkId,
        title: 'Presence (test)',
        audience: 'The Police and Crime Commissioner for Gwent',
        organisationId: MEMBER_GROUP,
        sections: [
          { heading: 'One', body: 'Text.' },
          { heading: 'Two', body: 'More text.' },
        ],
      },
    },
    member,
  );
  const { id, sections } = createJointPosition.position;
  return { id, sectionId: sections[1]?.id ?? '' };
}

describe('presence on one instance (in-memory pub/sub)', () => {
  let sut: TestApp;
  let cast: Awaited<ReturnType<typeof demoCast>>;
  let networkId: string;
  const clients: Client[] = [];
  const viewers: Viewer[] = [];
  const ws = (who: Headers): Client => {
    const client = graphqlWsClient(sut.graphqlUrl, { authorization: who.authorization ?? '' });
    clients.push(client);
    return client;
  };
  const open = (who: Headers, positionId: string): Viewer => {
    const viewer = new Viewer(ws(who), positionId);
    viewers.push(viewer);
    return viewer;
  };

  beforeAll(async () => {
    sut = await startTestApp({ JWT_SECRET: SECRET });
    cast = await demoCast(sut);
    networkId = await gwentNetwork(sut, cast.coordinator, cast.admin);
  });

  afterEach(async () => {
    viewers.splice(0).forEach((v) => v.stop());
    await Promise.allSettled(clients.splice(0).map(async (client) => client.dispose()));
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('carries on the in-memory PubSub', () => {
    expect(sut.app.get(LivePubSub).transport).toBe('memory');
  });

  it('shows joins, section moves and typing, and a closed connection leaves within 2 s', async () => {
    const draft = await draftIn(sut, networkId, cast.member);
    const mine = open(cast.member, draft.id);
    const me = await mine.opened();
    await allSee([mine], [me]);

    const theirs = open(cast.coordinator, draft.id);
    const them = await theirs.opened();
    await allSee([mine, theirs], [me, them]);

    const moved = await sut.client.request(
      MOVE,
      { input: { presenceId: them, sectionId: draft.sectionId, editing: false } },
      cast.coordinator,
    );
    expect(moved.errors).toBeUndefined();
    const seen = (editing: boolean) =>
      mine.present.some((p) => p.presenceId === them && p.sectionId === draft.sectionId && p.editing === editing);
    await eventually(() => seen(false) || undefined, { what: 'the section move' });
    await sut.client.request(
      MOVE,
      { input: { presenceId: them, sectionId: draft.sectionId, editing: true } },
      cast.coordinator,
    );
    await eventually(() => seen(true) || undefined, { what: 'the typing pulse' });
    expect(theirs.present.find((p) => p.presenceId === them)).toMatchObject({ editing: true });

    // Someone else's presence is not theirs to move.
    const stolen = await sut.client.request(MOVE, { input: { presenceId: them, editing: false } }, cast.member);
    expect(errorOf(stolen)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.presenceId' });

    theirs.stop();
    await allSee([mine], [me], 2_000, 'the closed connection gone within 2 s');
    expect(mine.errors).toEqual([]);
  });

  it('rate-limits typing pulses per connection', async () => {
    const draft = await draftIn(sut, networkId, cast.member);
    const mine = open(cast.member, draft.id);
    const me = await mine.opened();
    // All at once: one after another, a slow machine could send them slower than the limit refills.
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        sut.client.request(
          MOVE,
          { input: { presenceId: me, sectionId: draft.sectionId, editing: i % 2 === 0 } },
          cast.member,
        ),
      ),
    );
    const refused = answers.filter((a) => a.errors?.[0]?.extensions?.code === 'TOO_MANY_REQUESTS');
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.errors && !refused.includes(a))).toEqual([]);
  });

  it("refuses one person's connection past 5 in a draft (TOO_MANY_PRESENCES), never another member's", async () => {
    const draft = await draftIn(sut, networkId, cast.member);
    const mine: Viewer[] = [];
    for (let i = 0; i < MAX_PRESENT_PER_PERSON; i++) {
      mine.push(open(cast.member, draft.id));
    }
    const ids = await Promise.all(mine.map((v) => v.opened()));
    await allSee(mine, ids);

    const extra = open(cast.member, draft.id);
    await eventually(() => (extra.errors.length ? true : undefined), { what: 'the sixth connection refused' });
    expect(extra.errors[0]?.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'TOO_MANY_PRESENCES' });
    expect(extra.you).toBeUndefined();

    // Another member still joins, and sees the person's five (not the refused one).
    const theirs = open(cast.coordinator, draft.id);
    const them = await theirs.opened();
    await allSee([...mine, theirs], [...ids, them]);
    expect(theirs.errors).toEqual([]);

    // The limit counts open connections: once one closes, the person may open another.
    mine[0]?.stop();
    await allSee([theirs], [...ids.slice(1), them]);
    const again = open(cast.member, draft.id);
    const back = await again.opened();
    await allSee([theirs, again], [...ids.slice(1), them, back]);
    expect(again.errors).toEqual([]);
  });

  it('is members only: an outsider is refused, and a member whose organisation leaves stops seeing and being seen', async () => {
    const draft = await draftIn(sut, networkId, cast.member);
    const outsider = open(cast.partner, draft.id);
    await eventually(() => (outsider.errors.length ? true : undefined), { what: "the outsider's refusal" });
    expect(outsider.you).toBeUndefined();

    const convenor = open(cast.coordinator, draft.id);
    const them = await convenor.opened();
    const member = open(cast.member, draft.id);
    const me = await member.opened();
    await allSee([convenor, member], [them, me]);

    const { network } = await sut.client.data<{ network: { members: { id: string; organisation: { id: string } }[] } }>(
      'query ($id: ID!) { network(id: $id) { members { id organisation { id } } } }',
      { id: networkId },
      cast.admin,
    );
    const membershipId = network.members.find((m) => m.organisation.id === MEMBER_GROUP)?.id;
    await sut.client.data(
      'mutation ($input: EndMembershipInput!) { leaveNetwork(input: $input) { membership { status } } }',
      { input: { membershipId } },
      cast.admin,
    );
    await eventually(() => (member.errors.length ? true : undefined), { what: "the former member's stream to end" });
    expect(member.errors[0]?.extensions?.code).toBe('FORBIDDEN');
    await allSee([convenor], [them], 20_000, 'the former member gone from the view');
  });
});

// Needs a Redis server: CI sets TEST_REDIS_URL (the machine's Redis); elsewhere it is skipped.
const redisUrl = process.env.TEST_REDIS_URL ?? '';
const suffix = redisUrl ? '' : ' (skipped: no TEST_REDIS_URL)';

(redisUrl ? describe : describe.skip)(`presence on two instances with Redis${suffix}`, () => {
  let a: TestApp;
  let b: TestApp;
  let cast: Awaited<ReturnType<typeof demoCast>>;
  let networkId: string;
  const clients: Client[] = [];
  const viewers: Viewer[] = [];
  const open = (app: TestApp, who: Headers, positionId: string): Viewer => {
    const client = graphqlWsClient(app.graphqlUrl, { authorization: who.authorization ?? '' });
    clients.push(client);
    const viewer = new Viewer(client, positionId);
    viewers.push(viewer);
    return viewer;
  };

  beforeAll(async () => {
    a = await startTestApp({ JWT_SECRET: SECRET, REDIS_URL: redisUrl });
    b = await startTestApp({ JWT_SECRET: SECRET, REDIS_URL: redisUrl }, undefined, a.database);
    cast = await demoCast(a);
    networkId = await gwentNetwork(a, cast.coordinator, cast.admin);
  }, 120_000); // two instances: slow to start on a busy machine

  afterEach(async () => {
    viewers.splice(0).forEach((v) => v.stop());
    await Promise.allSettled(clients.splice(0).map(async (client) => client.dispose()));
  });

  afterAll(async () => {
    await b?.close(); // shares A's database, which A drops
    await a?.close();
  });

  it('shows the same presence on both, moves made through either, and a connection closed on A leaves B within 10 s', async () => {
    expect(a.app.get(LivePubSub).transport).toBe('redis');
    const draft = await draftIn(a, networkId, cast.member);
    const onA = open(a, cast.member, draft.id);
    const onB = open(b, cast.coordinator, draft.id);
    const [me, them] = [await onA.opened(), await onB.opened()];
    await allSee([onA, onB], [me, them]);

    // The mutation may reach an instance that does not hold the connection (no sticky sessions).
    const moved = await b.client.request(
      MOVE,
      { input: { presenceId: me, sectionId: draft.sectionId, editing: true } },
      cast.member,
    );
    expect(moved.errors).toBeUndefined();
    await eventually(
      () =>
        [onA, onB].every((v) =>
          v.present.some((p) => p.presenceId === me && p.editing && p.sectionId === draft.sectionId),
        )
          ? true
          : undefined,
      { what: 'the move on both instances' },
    );
    expect(JSON.stringify(onA.present)).toBe(JSON.stringify(onB.present));

    onA.stop();
    await allSee([onB], [them], 10_000, 'the connection closed on A gone from B within 10 s');
  }, 60_000);

  it('rate-limits moves sent to an instance that does not hold the connection before they reach Redis', async () => {
    const draft = await draftIn(a, networkId, cast.member);
    const onA = open(a, cast.member, draft.id);
    const me = await onA.opened();
    // B must know the connection before it can forward moves for it.
    await eventually(() => b.app.get(PresenceService).find(me), { what: "B to hear of A's connection" });
    // All at once: one after another, a slow machine could send them slower than the limit refills.
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        b.client.request(
          MOVE,
          { input: { presenceId: me, sectionId: draft.sectionId, editing: i % 2 === 0 } },
          cast.member,
        ),
      ),
    );
    const refused = answers.filter((r) => r.errors?.[0]?.extensions?.code === 'TOO_MANY_REQUESTS');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]?.errors?.[0]?.extensions?.reason).toBe('PRESENCE_TOO_FAST');
    expect(answers.filter((r) => r.errors && !refused.includes(r))).toEqual([]);
  }, 60_000);

  it("counts one person's connections on every instance towards their limit of 5", async () => {
    const draft = await draftIn(a, networkId, cast.member);
    const mine = [0, 1, 2, 3, 4].map((i) => open(i % 2 === 0 ? a : b, cast.member, draft.id));
    const ids = await Promise.all(mine.map((v) => v.opened()));
    await allSee(mine, ids);
    for (const app of [a, b]) {
      const extra = open(app, cast.member, draft.id);
      await eventually(() => (extra.errors.length ? true : undefined), { what: 'the sixth connection refused' });
      expect(extra.errors[0]?.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'TOO_MANY_PRESENCES' });
    }
    const theirs = open(b, cast.coordinator, draft.id);
    const them = await theirs.opened();
    await allSee([...mine, theirs], [...ids, them]);
  }, 60_000);

  it('forgets within 10 s the connections of an instance that stops heartbeating (cut off from Redis; a real SIGKILL is in the faults suite)', async () => {
    const c = await startTestApp({ JWT_SECRET: SECRET, REDIS_URL: redisUrl }, undefined, a.database);
    try {
      const draft = await draftIn(a, networkId, cast.member);
      const onA = open(a, cast.member, draft.id);
      const onC = open(c, cast.coordinator, draft.id);
      const [me, them] = [await onA.opened(), await onC.opened()];
      await allSee([onA, onC], [me, them]);
      // C falls silent without a goodbye, as a killed process would: its Redis connections drop,
      // while its sockets stay open (so nothing on C says the connection closed).
      const engine = c.app.get(LivePubSub).engine as unknown as {
        getPublisher(): { disconnect(): void };
        getSubscriber(): { disconnect(): void };
      };
      engine.getPublisher().disconnect();
      engine.getSubscriber().disconnect();
      await allSee([onA], [me], 10_000, "the silent instance's connection gone from A within 10 s");
    } finally {
      await c.close();
    }
  }, 120_000);
});

(redisUrl ? describe : describe.skip)(`three instances, no balancer, Redis on${suffix}`, () => {
  const apps: TestApp[] = [];
  const clients: Client[] = [];
  const ws = (app: TestApp, who?: Headers): Client => {
    const client = graphqlWsClient(app.graphqlUrl, who ? { authorization: who.authorization ?? '' } : undefined);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    const first = await startTestApp({ JWT_SECRET: SECRET, REDIS_URL: redisUrl });
    apps.push(first);
    for (let i = 0; i < 2; i++) {
      apps.push(await startTestApp({ JWT_SECRET: SECRET, REDIS_URL: redisUrl }, undefined, first.database));
    }
  }, 180_000); // three instances: slow to start on a busy machine

  afterAll(async () => {
    await Promise.allSettled(clients.splice(0).map(async (client) => client.dispose()));
    for (const app of apps.slice(1).reverse()) {
      await app.close(); // share the first one's database, which it drops
    }
    await apps[0]?.close();
  });

  it('delivers every activity item once, in order, to subscribers on every instance, and shows the same presence on all', async () => {
    const [a, b, c] = apps as [TestApp, TestApp, TestApp];
    const cast = await demoCast(a);
    type Item = { activity: { sequence: string; payload: { code?: string } } };
    const subscribers = apps.flatMap((app) => [0, 1].map(() => new LiveSubscription<Item>(ws(app), ACTIVITY)));
    const codes = (s: LiveSubscription<Item>) => s.items.map((i) => i.activity.payload.code ?? '');
    const create = (app: TestApp, code: string) =>
      app.client.data(
        'mutation ($c: String!) { createSpecialism(input: { code: $c, label: "Trio" }) { specialism { code } } }',
        { c: code },
        cast.admin,
      );
    try {
      // A subscription without a cursor starts from "now": probes go in until every one has heard one.
      let probe = 0;
      await eventually(
        async () => {
          if (subscribers.every((s) => codes(s).some((code) => code.startsWith('TRIO_PROBE')))) {
            return true;
          }
          await create(apps[probe % 3], `TRIO_PROBE_${++probe}`);
          return undefined;
        },
        { intervalMs: 300, what: 'every subscriber live' },
      );
      const marks = subscribers.map((s) => s.items.length);
      // Writers on all three instances at once.
      const written = await Promise.all(
        apps.map(async (app, i) => {
          const mine: string[] = [];
          for (let n = 0; n < 10; n++) {
            const code = `TRIO_${i}_${n}`;
            await create(app, code);
            mine.push(code);
          }
          return mine;
        }),
      );
      const total = written.flat().length;
      const fresh = (s: LiveSubscription<Item>, k: number) =>
        s.items
          .slice(marks[k])
          .filter(
            (i) => i.activity.payload.code?.startsWith('TRIO_') && !i.activity.payload.code.startsWith('TRIO_PROBE'),
          );
      await eventually(() => (subscribers.every((s, k) => fresh(s, k).length >= total) ? true : undefined), {
        what: 'every item at every subscriber',
      });
      const reference = fresh(subscribers[0], 0).map((i) => i.activity.sequence);
      expect(reference).toHaveLength(total);
      expect(new Set(reference).size).toBe(total); // once each
      for (const [k, s] of subscribers.entries()) {
        expect(s.errors).toEqual([]);
        // The same items in the same (commit) order everywhere.
        expect(fresh(s, k).map((i) => i.activity.sequence)).toEqual(reference);
        // Each writer's own items arrive in the order it wrote them.
        for (const mine of written) {
          expect(
            fresh(s, k)
              .map((i) => i.activity.payload.code)
              .filter((code) => mine.includes(code ?? '')),
          ).toEqual(mine);
        }
      }

      // Presence: one person per instance, the same list on all three.
      const networkId = await gwentNetwork(a, cast.coordinator, cast.admin);
      const draft = await draftIn(a, networkId, cast.member);
      const viewers = [
        new Viewer(ws(a, cast.member), draft.id),
        new Viewer(ws(b, cast.coordinator), draft.id),
        new Viewer(ws(c, cast.member), draft.id),
      ];
      const ids = await Promise.all(viewers.map((v) => v.opened()));
      await allSee(viewers, ids, 20_000, 'the same presence on all three');
      viewers[1]?.stop();
      await allSee([viewers[0], viewers[2]], [ids[0], ids[2]], 10_000, 'B’s closed connection gone');
      viewers.forEach((v) => v.stop());
    } finally {
      subscribers.forEach((s) => s.stop());
    }
  }, 180_000);
});

(redisUrl ? describe : describe.skip)(`two deployments (two databases) sharing one Redis${suffix}`, () => {
  // Deployment A: two instances on one database; deployment B: two on another, copied from the same
  // seed, so the same people, organisations (and here the same draft id) exist in both.
  let a: TestApp;
  let a2: TestApp;
  let b: TestApp;
  let b2: TestApp;
  let probe: Redis | undefined;
  const clients: Client[] = [];
  const viewers: Viewer[] = [];
  const open = (app: TestApp, who: Headers, positionId: string): Viewer => {
    const client = graphqlWsClient(app.graphqlUrl, { authorization: who.authorization ?? '' });
    clients.push(client);
    const viewer = new Viewer(client, positionId);
    viewers.push(viewer);
    return viewer;
  };
  const channelsOf = (app: TestApp) => redisChannels(defaultRedisNamespace(app.database.url));

  beforeAll(async () => {
    a = await startTestApp({ JWT_SECRET: SECRET, REDIS_URL: redisUrl });
    a2 = await startTestApp({ JWT_SECRET: SECRET, REDIS_URL: redisUrl }, undefined, a.database);
    b = await startTestApp({ JWT_SECRET: SECRET, REDIS_URL: redisUrl });
    b2 = await startTestApp({ JWT_SECRET: SECRET, REDIS_URL: redisUrl }, undefined, b.database);
  }, 180_000); // four instances: slow to start on a busy machine

  afterAll(async () => {
    viewers.splice(0).forEach((v) => v.stop());
    await Promise.allSettled(clients.splice(0).map(async (client) => client.dispose()));
    probe?.disconnect();
    await a2?.close(); // share the first one's database, which it drops
    await b2?.close();
    await a?.close();
    await b?.close();
  });

  it('each deployment subscribes only to its own channels', async () => {
    probe = new Redis(redisUrl);
    for (const [app, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const own = channelsOf(app);
      expect(own).not.toEqual(channelsOf(other));
      const namespace = own.activity.slice(0, -'activity'.length);
      const channels = ((await probe.pubsub('CHANNELS', `${namespace}*`)) as string[]).sort();
      expect(channels).toEqual([own.activity, `${own.live}presence`, own.rights].sort());
      const counts = (await probe.pubsub('NUMSUB', ...channels)) as (string | number)[];
      expect(counts.filter((_, i) => i % 2 === 1)).toEqual([2, 2, 2]); // both instances, once each
    }
  });

  it('never shows one deployment the presence of another, even in a draft with the same id', async () => {
    const cast = await demoCast(a);
    const networkId = await gwentNetwork(a, cast.coordinator, cast.admin);
    const draft = await draftIn(a, networkId, cast.member);
    const onA = open(a, cast.member, draft.id);
    const me = await onA.opened();
    await allSee([onA], [me]);

    // B has the same person present in a draft with the same id (as a connection on B would be).
    const onB = b.app.get(PresenceService);
    const there = await onB.join(draft.id, demoPersonId('coordinator'));
    // Then A's other instance gets a connection in the draft. Redis hands a subscriber its messages
    // in the order it took the PUBLISHes, so once A hears A2's join it would have heard B's first.
    const onA2 = open(a2, cast.coordinator, draft.id);
    const them = await onA2.opened();
    await allSee([onA, onA2], [me, them], 20_000, "A's two connections and nothing of B's");

    // The other way: once B hears B2's join (published after A's and A2's), only B's own are there.
    const alsoThere = await b2.app.get(PresenceService).join(draft.id, demoPersonId('member'));
    const want = JSON.stringify([there, alsoThere].sort());
    await eventually(
      () => (JSON.stringify(onB.presentIn(draft.id).map((p) => p.presenceId)) === want ? true : undefined),
      { what: `B to see only its own (${want})` },
    );
    // A's view did not change meanwhile (B's heartbeats go on every 2 s on B's channel).
    await allSee([onA, onA2], [me, them], 20_000, "A's two connections still");
    await Promise.all([onB.leave(there), b2.app.get(PresenceService).leave(alsoThere)]);
  }, 60_000);

  it("never wakes another deployment's instances or re-checks their streams", async () => {
    const listener = new Redis(redisUrl);
    const heard: [string, string][] = [];
    try {
      listener.on('message', (channel: string, message: string) => heard.push([channel, message]));
      const ours = channelsOf(a);
      await listener.subscribe(ours.rights);
      // B announces first, then A2: once A's channel carries A2's, it would have carried B's before it.
      const subjects = (who: string) => [`person:${demoPersonId('member')}`, `test:${who}`];
      await b.app.get(LiveRights).changed(subjects('b'));
      await a2.app.get(LiveRights).changed(subjects('a2'));
      await eventually(() => (heard.length ? true : undefined), { what: "A2's announcement on A's channel" });
      expect(heard).toEqual([[ours.rights, JSON.stringify(subjects('a2'))]]);
    } finally {
      listener.disconnect();
    }
  });
});
