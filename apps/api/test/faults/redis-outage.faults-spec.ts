import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { defaultRedisNamespace, redisChannels } from '@app/activity';
import {
  adminHeaders,
  ApiProcess,
  cleanUp,
  FaultPostgres,
  FaultRedis,
  primeSubscribers,
  report,
  scratchDir,
  Subscriber,
  tally,
  waitForDelivery,
  waitUntil,
  Writers,
} from './support/fault-harness';

const PREFIX = 'RDS';

interface Ready {
  status: string;
  degraded?: string[];
  details: Record<string, { status: string }>;
}

const ready = async (api: ApiProcess): Promise<{ status: number; body: Ready }> => {
  const response = await fetch(`${api.baseUrl}/health/ready`);
  return { status: response.status, body: (await response.json()) as Ready };
};

describe('Redis stopped and restarted while two instances fan out with REDIS_URL', () => {
  const dir = scratchDir('redis');
  const db = new FaultPostgres(join(dir, 'pg'));
  const redis = new FaultRedis();
  let apis: ApiProcess[] = [];

  beforeAll(async () => {
    await db.startFromTemplate();
    await redis.start();
    const env = { DATABASE_URL: db.url, REDIS_URL: redis.url };
    apis = await Promise.all([ApiProcess.start(env, join(dir, 'a.log')), ApiProcess.start(env, join(dir, 'b.log'))]);
  });

  afterAll(async () => {
    await Promise.all(apis.map((api) => api.stop()));
    await redis.stop();
    await db.stop();
    cleanUp(dir);
  });

  it('keeps delivering through PostgreSQL, reports the degraded state, and uses Redis again when it returns', async () => {
    const [a, b] = apis as [ApiProcess, ApiProcess];
    expect((await ready(a)).body.details.redis?.status).toBe('up');
    const targets = [
      { url: a.graphqlUrl, headers: await adminHeaders(a.graphqlUrl) },
      { url: b.graphqlUrl, headers: await adminHeaders(b.graphqlUrl) },
    ];
    const subscribers = Array.from(
      { length: 20 },
      (_, i) => new Subscriber(() => (i % 2 ? a : b).graphqlUrl, PREFIX, null),
    );
    await waitUntil('20 subscribers connected', () => subscribers.every((s) => s.live), 30_000);
    await primeSubscribers(subscribers, () => targets[0]);
    const writers = new Writers(PREFIX, () => targets, 4);
    await waitUntil('writes before the outage', () => writers.acknowledged.length >= 40, 30_000);

    await redis.stop();
    const down = Date.now();
    const degraded = await Promise.all(
      apis.map(async (api) => {
        let last: { status: number; body: Ready } | undefined;
        await waitUntil(
          'ready to report Redis down',
          async () => {
            last = await ready(api);
            return last.body.details.redis?.status === 'down';
          },
          30_000,
        );
        return last;
      }),
    );
    // Delivery goes on without Redis: everything written so far during the outage arrives.
    const atOutage = writers.acknowledged.length;
    await waitUntil('writes during the outage', () => writers.acknowledged.length >= atOutage + 40, 30_000);
    const writtenWithoutRedis = [...writers.acknowledged];
    await waitUntil(
      'delivery of the writes made without Redis',
      () => subscribers.every((s) => writtenWithoutRedis.every((code) => s.codes.includes(code))),
      30_000,
    );
    const deliveredWithoutRedisMs = Date.now() - down;

    await redis.start();
    const up = Date.now();
    await waitUntil(
      'both instances back on Redis',
      async () => {
        const states = await Promise.all(apis.map(ready));
        return states.every((s) => s.body.details.redis?.status === 'up');
      },
      30_000,
    );
    const recoveryMs = Date.now() - up;
    const atReturn = writers.acknowledged.length;
    await waitUntil('writes after Redis returned', () => writers.acknowledged.length >= atReturn + 20, 30_000);
    await writers.stop();
    await waitForDelivery(db, PREFIX, subscribers);
    await Promise.all(subscribers.map((s) => s.stop()));

    // The restarted Redis (its counters start at zero) carried wake-ups again, to both instances.
    // The deployment's own channel (namespaced by its database's name, REDIS_NAMESPACE being unset).
    const channel = redisChannels(defaultRedisNamespace(db.url)).activity;
    const subscribed = await redis.command('PUBSUB', 'NUMSUB', channel);
    const stats = await redis.command('INFO', 'commandstats');
    const publishes = Number(/cmdstat_publish:calls=(\d+)/.exec(stats)?.[1] ?? 0);
    const figures = await tally(db, PREFIX, writers, subscribers);
    report('redis outage', {
      ...figures,
      outageMs: up - down,
      deliveredWithoutRedisMs,
      recoveryMs,
      publishesAfterReturn: publishes,
      writeFailures: writers.failures.length,
      hung: writers.hung,
    });

    for (const state of degraded) {
      expect(state?.status).toBe(200);
      expect(state?.body.status).toBe('ok');
      expect(state?.body.degraded).toEqual(['redis']);
    }
    expect(subscribed).toContain(`${channel}\r\n:2\r\n`);
    expect(publishes).toBeGreaterThan(0);
    expect(writers.failures).toEqual([]);
    expect(figures.acknowledgedMissing).toBe(0);
    expect(figures.duplicates).toBe(0);
    expect(figures.gaps).toBe(0);
    expect(figures.outOfOrder).toBe(0);
    expect(figures.itemsDelivered).toBe(figures.itemsExpected);
  });
});
