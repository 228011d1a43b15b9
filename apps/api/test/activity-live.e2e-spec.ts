import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from 'graphql-ws';
import { defaultRedisNamespace, redisChannels } from '@app/activity';
import { DEMO_PASSWORD, demoPersonId } from '@app/identity';
import { eventually, graphqlWsClient, LiveSubscription, withAdminClient } from '@app/testing';
import { NEWPORT_CVS } from './support/operation-fixtures';
import { accessTokenIn, signIn } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';
import { newestActivityCursor } from './support/activity-cursor';

const SECRET = 'live-test-secret-live-test-secret-0123456789';
const SUBSCRIBE = `subscription ($scope: ActivityScope, $after: String) {
  activity(scope: $scope, after: $after) { cursor sequence verb visibility organisationId payload }
}`;

interface Item {
  cursor: string;
  sequence: string;
  verb: string;
  visibility: string;
  organisationId: string | null;
  payload: { code?: string };
}

/** A subscription to the activity feed, its items unwrapped. */
class Subscriber {
  private readonly live: LiveSubscription<{ activity: Item }>;

  constructor(client: Client, variables: Record<string, unknown>) {
    this.live = new LiveSubscription(client, SUBSCRIBE, variables);
  }

  get items(): Item[] {
    return this.live.items.map((i) => i.activity);
  }

  get errors(): unknown[] {
    return this.live.errors;
  }

  async waitFor(count: number, ms?: number): Promise<Item[]> {
    await this.live.waitFor(count, ms);
    return this.items;
  }

  stop(): void {
    this.live.stop();
  }
}

const PROBE = 'PROBE_';
let probes = 0;

/** Codes of the items, without the probes that showed the subscription was live. */
const codes = (items: Item[]): (string | undefined)[] =>
  items.map((i) => i.payload.code).filter((code) => !code?.startsWith(PROBE));

/**
 * Waits until a subscription without a cursor is live (it starts from "now", and nothing says when
 * that is): public probe items go in, one every half second, until one arrives.
 */
async function untilLive(subscriber: Subscriber, probe: (code: string) => Promise<unknown>): Promise<void> {
  await eventually(
    async () => {
      if (subscriber.items.some((i) => i.payload.code?.startsWith(PROBE))) {
        return true;
      }
      await probe(`${PROBE}${++probes}`);
      return undefined;
    },
    { intervalMs: 500, what: 'the subscription to deliver a probe' },
  );
}

describe('live activity across instances', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: Record<string, string>;
  const clients: Client[] = [];

  const ws = (app: TestApp, token?: string): Client => {
    const client = graphqlWsClient(app.graphqlUrl, token ? { authorization: `Bearer ${token}` } : undefined);
    clients.push(client);
    return client;
  };
  const createSpecialism = async (app: TestApp, code: string) => {
    const response = await app.client.request(
      'mutation ($c: String!) { createSpecialism(input: { code: $c, label: "Live" }) { specialism { code } } }',
      { c: code },
      admin,
    );
    return response.errors;
  };

  beforeAll(async () => {
    a = await startTestApp({ JWT_SECRET: SECRET });
    b = await startTestApp({ JWT_SECRET: SECRET }, undefined, a.database);
    admin = await signIn(a, 'admin@demo.convene.example');
  }, 120_000); // two instances: slow to start on a busy machine

  // Every socket a test opened closes with it, whether it passed or not.
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map(async (client) => client.dispose()));
  });

  afterAll(async () => {
    await b?.close(); // shares A's database, which A drops
    await a?.close();
  });

  it('delivers to a subscriber on instance A what a mutation on instance B committed', async () => {
    const subscriber = new Subscriber(ws(a), { scope: { kind: 'NATIONAL' } });
    await untilLive(subscriber, (code) => createSpecialism(b, code));
    expect(await createSpecialism(b, 'LIVE_ACROSS')).toBeUndefined();
    await eventually(() => (codes(subscriber.items).length ? true : undefined), { what: 'the item on A' });
    subscriber.stop();
    expect(subscriber.errors).toEqual([]);
    expect(codes(subscriber.items)).toEqual(['LIVE_ACROSS']);
    expect(subscriber.items.at(-1)?.cursor).toBeTruthy();
  });

  it('starts a subscriber without a cursor from now, also after the instance sat idle', async () => {
    await createSpecialism(b, 'WHILE_IDLE'); // nobody subscribed on A: A does not read it
    await new Promise((done) => setTimeout(done, 1_200)); // past a poll
    const subscriber = new Subscriber(ws(a), { scope: { kind: 'NATIONAL' } });
    await untilLive(subscriber, (code) => createSpecialism(b, code));
    await createSpecialism(b, 'AFTER_IDLE');
    // A later item, once arrived, shows nothing else came in between (delivery is in order).
    await createSpecialism(b, 'BARRIER_IDLE');
    await eventually(() => (codes(subscriber.items).includes('BARRIER_IDLE') ? true : undefined), {
      what: 'the barrier item',
    });
    subscriber.stop();
    expect(codes(subscriber.items)).toEqual(['AFTER_IDLE', 'BARRIER_IDLE']);
  });

  it('resumes from a cursor with exactly the missed items, in order, then goes on live', async () => {
    const first = new Subscriber(ws(a), { scope: { kind: 'NATIONAL' } });
    await untilLive(first, (code) => createSpecialism(b, code));
    await createSpecialism(b, 'RESUME_ONE');
    const one = await eventually(() => first.items.find((i) => i.payload.code === 'RESUME_ONE'), {
      what: 'the first item',
    });
    first.stop();
    for (const code of ['MISSED_TWO', 'MISSED_THREE']) {
      await createSpecialism(a, code);
    }
    // A rolled-back mutation (duplicate code) leaves nothing to deliver.
    expect(await createSpecialism(a, 'MISSED_TWO')).toBeTruthy();

    const resumed = new Subscriber(ws(b), { scope: { kind: 'NATIONAL' }, after: one?.cursor });
    await resumed.waitFor(2);
    await createSpecialism(a, 'LIVE_FOUR');
    // A later item, once arrived, shows nothing else came in between (delivery is in order).
    await createSpecialism(a, 'BARRIER_RESUME');
    const items = await resumed.waitFor(4);
    resumed.stop();
    expect(codes(resumed.items)).toEqual(['MISSED_TWO', 'MISSED_THREE', 'LIVE_FOUR', 'BARRIER_RESUME']);
    expect(new Set(items.map((i) => i.sequence)).size).toBe(items.length);
  });

  it("stops sending an organisation's items to someone who has left it", async () => {
    const coordinator = await signIn(a, 'coordinator@demo.convene.example');
    const invite = (email: string) =>
      b.client.request(
        'mutation ($o: ID!, $e: String!) { inviteToOrganisation(input: { organisationId: $o, email: $e }) { token } }',
        { o: NEWPORT_CVS, e: email },
        coordinator,
      );
    const watcher = new Subscriber(ws(a, accessTokenIn(coordinator)), {
      scope: { kind: 'ORGANISATION', target: NEWPORT_CVS },
      after: await newestActivityCursor(a),
    });
    await invite('seen@example.org');
    expect((await watcher.waitFor(1)).map((i) => i.verb)).toEqual(['PERSON_INVITED']);

    // The coordinator leaves the organisation (no mutation for that yet: straight in the database).
    await withAdminClient(a.database.url, (client) =>
      client.query('DELETE FROM affiliation WHERE person_id = $1', [demoPersonId('coordinator')]),
    );
    await withAdminClient(a.database.url, (client) =>
      client.query(`INSERT INTO affiliation (person_id, organisation_id, role) VALUES ($1, $2, 'ORG_ADMIN')`, [
        demoPersonId('admin'),
        NEWPORT_CVS,
      ]),
    );
    await b.client.request(
      'mutation ($o: ID!, $e: String!) { inviteToOrganisation(input: { organisationId: $o, email: $e }) { token } }',
      { o: NEWPORT_CVS, e: 'unseen@example.org' },
      admin,
    );
    // A later public item, seen by a national subscriber, proves delivery has moved past the invitation.
    const national = new Subscriber(ws(a), { scope: { kind: 'NATIONAL' } });
    await untilLive(national, (code) => createSpecialism(b, code));
    await createSpecialism(b, 'PUBLIC_AFTER_LEAVING');
    await eventually(() => (codes(national.items).length ? true : undefined), { what: 'the public item' });
    expect(codes(national.items)).toEqual(['PUBLIC_AFTER_LEAVING']);
    await new Promise((done) => setTimeout(done, 200));
    national.stop();
    watcher.stop();
    expect(watcher.items.map((i) => i.verb)).toEqual(['PERSON_INVITED']);
  });
});

// Needs a Redis server: CI sets TEST_REDIS_URL (the machine's Redis); elsewhere it is skipped.
const redisUrl = process.env.TEST_REDIS_URL;
const redisSuite = `live activity with Redis carrying the wake-ups${redisUrl ? '' : ' (skipped: no TEST_REDIS_URL)'}`;
(redisUrl ? describe : describe.skip)(redisSuite, () => {
  it('publishes on Redis after commit and delivers across instances', async () => {
    const { Redis } = await import('ioredis');
    const a = await startTestApp({ JWT_SECRET: SECRET, REDIS_URL: redisUrl ?? '' });
    const probe = new Redis(redisUrl ?? '');
    const client = graphqlWsClient(a.graphqlUrl);
    let b: TestApp | undefined;
    try {
      b = await startTestApp({ JWT_SECRET: SECRET, REDIS_URL: redisUrl ?? '' }, undefined, a.database);
      const other = b;
      let published = 0;
      probe.on('message', () => published++);
      await probe.subscribe(redisChannels(defaultRedisNamespace(a.database.url)).activity);
      const { signIn } = await other.client.data<{ signIn: { accessToken: string } }>(
        'mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { accessToken } }',
        { e: 'admin@demo.convene.example', p: DEMO_PASSWORD },
      );
      const create = (code: string) =>
        other.client.request(
          'mutation ($c: String!) { createSpecialism(input: { code: $c, label: "Redis" }) { specialism { code } } }',
          { c: code },
          { authorization: `Bearer ${signIn.accessToken}` },
        );
      const subscriber = new Subscriber(client, { scope: { kind: 'NATIONAL' } });
      await untilLive(subscriber, create);
      const publishedBefore = published;
      await create('OVER_REDIS');
      await eventually(() => (codes(subscriber.items).length ? true : undefined), { what: 'the item over Redis' });
      subscriber.stop();
      expect(codes(subscriber.items)).toEqual(['OVER_REDIS']);
      await eventually(() => (published > publishedBefore ? true : undefined), { what: 'a wake-up on Redis' });
    } finally {
      await client.dispose();
      probe.disconnect();
      await b?.close();
      await a.close();
    }
  }, 120_000); // starts two instances itself
});
