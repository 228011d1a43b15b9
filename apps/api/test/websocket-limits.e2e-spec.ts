import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Client, createClient } from 'graphql-ws';
import { performance } from 'node:perf_hooks';
import { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { eventually, type GraphqlError, withAdminClient } from '@app/testing';
import { NEWPORT_CVS, signIn } from './support/event-helpers';
import { startTestApp, type TestApp } from './support/test-app';

const SUBSCRIBE = `subscription ($scope: ActivityScope, $after: String) { activity(scope: $scope, after: $after) { cursor } }`;
const NEWPORT_FEED = { kind: 'ORGANISATION', target: NEWPORT_CVS };

type Outcome = 'connected' | { code: number; reason: string };

/** A graphql-ws connection opened at once, and how the server answered it: acknowledged, or closed. */
interface Connection {
  readonly client: Client;
  readonly outcome: Promise<Outcome>;
  readonly closed: Promise<void>;
}

function connect(app: TestApp, options: { token?: string; forwardedFor?: string } = {}): Connection {
  let settle: (outcome: Outcome) => void = () => undefined;
  let ended: () => void = () => undefined;
  const outcome = new Promise<Outcome>((resolve) => (settle = resolve));
  const closed = new Promise<void>((resolve) => (ended = resolve));
  const headers = options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : undefined;
  class ForwardedSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const client = createClient({
    url: app.graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: ForwardedSocket,
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined,
    connectionParams: options.token ? { authorization: options.token } : undefined,
    on: {
      connected: () => settle('connected'),
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        settle({ code, reason });
        ended();
      },
    },
  });
  return { client, outcome, closed };
}

const TOO_MANY = { code: 4429, reason: 'Too many connections' };

async function closeAll(connections: readonly Connection[]): Promise<void> {
  await Promise.all(
    connections.map(async (connection) => {
      await connection.client.dispose();
      await Promise.race([connection.closed, new Promise((done) => setTimeout(done, 5_000).unref())]);
    }),
  );
}

/** Waits until `count` connections (as `options`) are all accepted again: earlier sockets have been let go. */
async function untilFree(app: TestApp, count: number, options: { token?: string; forwardedFor?: string } = {}) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const probes = Array.from({ length: count }, () => connect(app, options));
    const outcomes = await Promise.all(probes.map((probe) => probe.outcome));
    await closeAll(probes);
    if (outcomes.every((outcome) => outcome === 'connected')) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`Connections still counted after 15 s: ${JSON.stringify(outcomes)}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** One subscription's received items and errors. */
class Feed {
  items = 0;
  errors: GraphqlError[] = [];
  readonly stop: () => void;

  constructor(client: Client, variables: Record<string, unknown>) {
    this.stop = client.subscribe(
      { query: SUBSCRIBE, variables },
      {
        next: (message) => {
          if (message.data) {
            this.items++;
          }
          this.errors.push(...((message.errors ?? []) as GraphqlError[]));
        },
        error: (error) =>
          this.errors.push(...(Array.isArray(error) ? (error as GraphqlError[]) : [{ message: String(error) }])),
        complete: () => undefined,
      },
    );
  }

  get refused(): boolean {
    return this.errors.some((error) => error.extensions?.code === 'TOO_MANY_REQUESTS');
  }
}

async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** The cursor of the oldest item of the national feed: a subscription after it replays nearly everything. */
async function oldestCursor(app: TestApp): Promise<string> {
  const { activity } = await app.client.data<{ activity: { pageInfo: { endCursor: string } } }>(
    '{ activity(scope: { kind: NATIONAL }, first: 1) { pageInfo { endCursor } } }',
  );
  return activity.pageInfo.endCursor;
}

describe('WebSocket limits', () => {
  describe('operations per connection, connections per address and per person', () => {
    let sut: TestApp;
    let proxied: TestApp | undefined;

    beforeAll(async () => {
      sut = await startTestApp({
        WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '5',
        WS_MAX_SOCKETS_PER_ADDRESS: '4',
        WS_MAX_SOCKETS_PER_PERSON: '2',
      });
    });

    afterAll(async () => {
      await proxied?.close();
      await sut.close();
    });

    it('refuses subscriptions beyond the cap on one connection with TOO_MANY_REQUESTS, and frees a place when one ends', async () => {
      const connection = connect(sut);
      try {
        expect(await connection.outcome).toBe('connected');
        const after = await oldestCursor(sut);
        const feeds = Array.from(
          { length: 12 },
          () => new Feed(connection.client, { scope: { kind: 'NATIONAL' }, after }),
        );
        await until(() => feeds.every((feed) => feed.items > 0 || feed.errors.length > 0), 15_000, 'every answer');
        const accepted = feeds.filter((feed) => feed.items > 0 && feed.errors.length === 0);
        const refused = feeds.filter((feed) => feed.refused);
        expect(accepted).toHaveLength(5);
        expect(refused).toHaveLength(7);
        expect(refused[0]?.errors[0]?.message).toMatch(/at most 5 at once/);
        expect(refused.every((feed) => feed.items === 0)).toBe(true);

        accepted[0]?.stop();
        accepted[1]?.stop();
        const more = Array.from(
          { length: 3 },
          () => new Feed(connection.client, { scope: { kind: 'NATIONAL' }, after }),
        );
        await until(() => more.every((feed) => feed.items > 0 || feed.errors.length > 0), 15_000, 'the new answers');
        expect(more.map((feed) => (feed.refused ? 'refused' : 'accepted'))).toEqual([
          'accepted',
          'accepted',
          'refused',
        ]);
      } finally {
        await closeAll([connection]);
      }
    });

    it('closes connections beyond the cap per address with 4429, and accepts again once one closes', async () => {
      await untilFree(sut, 4);
      const open = Array.from({ length: 4 }, () => connect(sut));
      const extra: Connection[] = [];
      try {
        expect(await Promise.all(open.map((c) => c.outcome))).toEqual(Array<Outcome>(4).fill('connected'));
        extra.push(connect(sut), connect(sut));
        expect(await Promise.all(extra.map((c) => c.outcome))).toEqual([TOO_MANY, TOO_MANY]);

        await closeAll(open.splice(0, 1));
        const deadline = Date.now() + 10_000;
        let again: Outcome = TOO_MANY;
        while (again !== 'connected' && Date.now() < deadline) {
          const attempt = connect(sut);
          again = await attempt.outcome;
          (again === 'connected' ? open : extra).push(attempt);
        }
        expect(again).toBe('connected');
      } finally {
        await closeAll([...open, ...extra]);
      }
    });

    it('closes connections beyond the cap per signed-in person with 4429, whatever the address allows', async () => {
      await untilFree(sut, 4);
      const member = (await signIn(sut, 'member@demo.convene.example')).authorization ?? '';
      const coordinator = (await signIn(sut, 'coordinator@demo.convene.example')).authorization ?? '';
      const open = [connect(sut, { token: member }), connect(sut, { token: member })];
      const more: Connection[] = [];
      try {
        expect(await Promise.all(open.map((c) => c.outcome))).toEqual(['connected', 'connected']);
        more.push(connect(sut, { token: member }));
        expect(await more[0]?.outcome).toEqual(TOO_MANY);
        // The address has room (3 of 4 used): another person still connects.
        more.push(connect(sut, { token: coordinator }));
        expect(await more[1]?.outcome).toBe('connected');
      } finally {
        await closeAll([...open, ...more]);
      }
    });

    it('ignores X-Forwarded-For unless TRUST_PROXY says how many proxies to trust', async () => {
      await untilFree(sut, 4);
      const spoofed = Array.from({ length: 5 }, (_, i) => connect(sut, { forwardedFor: `203.0.113.${i + 1}` }));
      try {
        expect(await Promise.all(spoofed.map((c) => c.outcome))).toEqual([
          ...Array<Outcome>(4).fill('connected'),
          TOO_MANY,
        ]);
      } finally {
        await closeAll(spoofed);
      }

      proxied = await startTestApp(
        { TRUST_PROXY: '1', WS_MAX_SOCKETS_PER_ADDRESS: '4', WS_MAX_SOCKETS_PER_PERSON: '2' },
        undefined,
        sut.database,
      );
      const app = proxied;
      const distinct = Array.from({ length: 6 }, (_, i) => connect(app, { forwardedFor: `203.0.113.${i + 1}` }));
      const sameClient = Array.from({ length: 5 }, () => connect(app, { forwardedFor: '198.51.100.7, 203.0.113.9' }));
      try {
        expect(await Promise.all(distinct.map((c) => c.outcome))).toEqual(Array<Outcome>(6).fill('connected'));
        // Behind one trusted proxy the client is the last entry (the proxy appended it), not the first.
        expect(await Promise.all(sameClient.map((c) => c.outcome))).toEqual([
          ...Array<Outcome>(4).fill('connected'),
          TOO_MANY,
        ]);
      } finally {
        await closeAll([...distinct, ...sameClient]);
      }
    });
  });

  describe('a hostile connection under the default limits', () => {
    const ROWS = 300;
    const ATTEMPTS = 2_000;
    let sut: TestApp;

    beforeAll(async () => {
      sut = await startTestApp();
      // Enough history that every subscription replays several pages.
      await withAdminClient(sut.database.url, (client) =>
        client.query(
          `INSERT INTO activity_event (tx_id, verb, visibility, organisation_id, payload)
           SELECT pg_current_xact_id()::text::bigint, 'ORGANISATION_UPDATED', 'PUBLIC', $1, jsonb_build_object('n', n)
             FROM generate_series(1, ${ROWS}) n`,
          [NEWPORT_CVS],
        ),
      );
      // Feeds show a transaction once every older one in the cluster has ended (the outbox's settled
      // items): another test's open transaction can hold these back for a while.
      await eventually(
        async () => {
          const { activity } = await sut.client.data<{ activity: { totalCount: number } }>(
            '{ activity(scope: { kind: NATIONAL }, first: 1) { totalCount } }',
          );
          return activity.totalCount > ROWS ? true : undefined;
        },
        { timeoutMs: 60_000, what: 'the inserted history to be settled' },
      );
    }, 90_000);

    afterAll(async () => {
      await sut.close();
    });

    it('gets 100 replaying subscriptions and refusals beyond; another client is answered and the pool keeps room', async () => {
      const database = new URL(sut.database.url).pathname.slice(1);
      const sampler = new PgClient({ connectionString: process.env.CONVENE_TEST_ADMIN_URL });
      await sampler.connect();
      const peak = new Map<string, number>();
      const busiest = new Map<string, number>();
      const replays = new Map<string, number>();
      let sampling = true;
      const sampled = (async () => {
        while (sampling) {
          // A replay reads pages of 200 items (LIMIT 201); the other client's query asks for one. Busy:
          // not idle in the pool (an idle connection is room).
          const { rows } = await sampler.query<{
            application_name: string;
            n: number;
            busy: number;
            replaying: number;
          }>(
            `SELECT application_name, count(*)::int AS n, count(*) FILTER (WHERE state <> 'idle')::int AS busy,
                    count(*) FILTER (WHERE query LIKE '%LIMIT 201%')::int AS replaying
               FROM pg_stat_activity WHERE datname = $1 GROUP BY 1`,
            [database],
          );
          for (const { application_name: name, n, busy, replaying } of rows) {
            peak.set(name, Math.max(peak.get(name) ?? 0, n));
            busiest.set(name, Math.max(busiest.get(name) ?? 0, busy));
            replays.set(name, (replays.get(name) ?? 0) + replaying);
          }
          await new Promise((done) => setTimeout(done, 20));
        }
      })();

      const after = await oldestCursor(sut);
      const hostile = connect(sut);
      const latencies: number[] = [];
      try {
        expect(await hostile.outcome).toBe('connected');
        const feeds = Array.from({ length: ATTEMPTS }, () => new Feed(hostile.client, { scope: NEWPORT_FEED, after }));
        const replayed = (): Feed[] => feeds.filter((feed) => feed.items >= ROWS);
        const answered = (): boolean => feeds.every((feed) => feed.items >= ROWS || feed.errors.length > 0);
        // Another client's HTTP query, again and again while the replays run.
        while (!answered() || latencies.length === 0) {
          const started = performance.now();
          const response = await sut.client.request<{ activity: { totalCount: number } }>(
            '{ activity(scope: { kind: NATIONAL }, first: 1) { totalCount } }',
          );
          latencies.push(performance.now() - started);
          expect(response.errors).toBeUndefined();
          expect(response.data?.activity.totalCount).toBeGreaterThan(ROWS);
          await new Promise((done) => setTimeout(done, 50));
        }
        await until(answered, 90_000, 'every subscription to replay or be refused');

        expect(feeds.filter((feed) => feed.errors.length > 0 && !feed.refused).map((feed) => feed.errors)).toEqual([]);
        expect(feeds.filter((feed) => feed.refused)).toHaveLength(ATTEMPTS - 100);
        expect(replayed()).toHaveLength(100);
      } finally {
        await closeAll([hostile]);
        sampling = false;
        await sampled;
        await sampler.end();
      }
      const sorted = [...latencies].sort((a, b) => a - b);
      process.stdout.write(
        `websocket-limits: HTTP query under hostile load: ${latencies.length} answers, median ${Math.round(
          sorted[Math.floor(sorted.length / 2)] ?? 0,
        )} ms, max ${Math.round(sorted.at(-1) ?? 0)} ms; peak connections ${JSON.stringify(Object.fromEntries(peak))}\n`,
      );
      // Live work used at most the live pool (3 by default) and never the main pool (no replay seen on it),
      // which kept room: at most half its 10 connections busy at once (requests and background work).
      expect(replays.get('convene') ?? 0).toBe(0);
      expect(replays.get('convene-live')).toBeGreaterThan(0); // the sampler does see replays
      expect(peak.get('convene-live') ?? 0).toBeLessThanOrEqual(3);
      expect(busiest.get('convene') ?? 0).toBeLessThanOrEqual(5);
    }, 180_000);
  });
});
