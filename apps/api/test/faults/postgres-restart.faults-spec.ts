import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import {
  adminHeaders,
  ApiProcess,
  cleanUp,
  FaultPostgres,
  post,
  primeSubscribers,
  report,
  scratchDir,
  sleep,
  Subscriber,
  tally,
  waitForDelivery,
  waitUntil,
  Writers,
} from './support/fault-harness';

const PREFIX = 'PGR';
const WRITE_TIMEOUT_MS = 10_000;

describe('PostgreSQL restarted (fast shutdown, then start) under 4 writers and 20 subscribers', () => {
  const dir = scratchDir('pg-restart');
  const db = new FaultPostgres(join(dir, 'pg'));
  let api: ApiProcess;

  beforeAll(async () => {
    await db.startFromTemplate();
    api = await ApiProcess.start({ DATABASE_URL: db.url }, join(dir, 'api.log'));
  });

  afterAll(async () => {
    await api?.stop();
    await db.stop();
    cleanUp(dir);
  });

  it('recovers without a restart, answers 503 SERVICE_UNAVAILABLE meanwhile, and loses or repeats nothing', async () => {
    const headers = await adminHeaders(api.graphqlUrl);
    const subscribers = Array.from({ length: 20 }, () => new Subscriber(() => api.graphqlUrl, PREFIX, null));
    await waitUntil('20 subscribers connected', () => subscribers.every((s) => s.live), 30_000);
    await primeSubscribers(subscribers, () => ({ url: api.graphqlUrl, headers }));
    const writers = new Writers(PREFIX, () => [{ url: api.graphqlUrl, headers }], 4, WRITE_TIMEOUT_MS);
    await waitUntil('some writes before the restart', () => writers.acknowledged.length >= 40, 30_000);

    // A query answered before (the response cache does not take it): the HTTP fast lane runs it next time.
    const knownQuery = '{ notifications(first: 1) { edges { node { id } } } }';
    for (let run = 0; run < 2; run++) {
      expect((await post(api.graphqlUrl, knownQuery, {}, headers, WRITE_TIMEOUT_MS)).status).toBe(200);
    }

    const cachedQuery = '{ organisations(first: 1) { totalCount } }';
    expect((await post(api.graphqlUrl, cachedQuery, {}, {}, WRITE_TIMEOUT_MS)).status).toBe(200);

    const before = writers.acknowledged.length;
    const down = Date.now();
    await db.stop();
    // While it is down, requests are refused quickly (no hang until the client's timeout).
    await waitUntil('a refusal during the outage', () => writers.failures.some((f) => f.at >= down), 15_000);
    const probe = Date.now();
    const refused = await post(
      api.graphqlUrl,
      'mutation { createSpecialism(input: { code: "PROBE", label: "Probe" }) { specialism { code } } }',
      {},
      headers,
      WRITE_TIMEOUT_MS,
    );
    const probeMs = Date.now() - probe;
    const refusedRead = await post(api.graphqlUrl, knownQuery, {}, headers, WRITE_TIMEOUT_MS);
    // One the response cache takes (its version read fails first): a 503 too, not a 500.
    const refusedCached = await post(api.graphqlUrl, cachedQuery, {}, {}, WRITE_TIMEOUT_MS);
    await sleep(1_000);
    await db.start();
    const up = Date.now();
    await waitUntil('writes acknowledged after the restart', () => writers.acknowledged.length >= before + 40, 60_000);
    const recoveryMs = Date.now() - up;
    await writers.stop();
    await waitForDelivery(db, PREFIX, subscribers);
    await Promise.all(subscribers.map((s) => s.stop()));

    const figures = await tally(db, PREFIX, writers, subscribers);
    const duringOutage = writers.failures.filter((f) => f.at >= down);
    report('postgres restart', {
      ...figures,
      outageMs: up - down,
      recoveryMs,
      refusedDuringOutage: duringOutage.length,
      refusalCodes: [...new Set(duringOutage.map((f) => `${f.status}:${f.code}`))].join(','),
      slowestRefusalMs: Math.max(0, ...duringOutage.map((f) => f.ms)),
      hung: writers.hung,
      subscriberReconnects: subscribers.reduce((n, s) => n + s.reconnects, 0),
    });

    expect(refused.status).toBe(503);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect([refusedRead.status, refusedRead.body.errors?.[0]?.extensions?.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    expect([refusedCached.status, refusedCached.body.errors?.[0]?.extensions?.code]).toEqual([
      503,
      'SERVICE_UNAVAILABLE',
    ]);
    expect((await post(api.graphqlUrl, knownQuery, {}, headers, WRITE_TIMEOUT_MS)).status).toBe(200);
    expect(probeMs).toBeLessThan(WRITE_TIMEOUT_MS);
    expect(writers.hung).toBe(0);
    expect(new Set(duringOutage.map((f) => `${f.status} ${f.code}`))).toEqual(new Set(['503 SERVICE_UNAVAILABLE']));
    expect(figures.acknowledgedMissing).toBe(0);
    expect(figures.duplicates).toBe(0);
    expect(figures.gaps).toBe(0);
    expect(figures.outOfOrder).toBe(0);
    expect(figures.itemsDelivered).toBe(figures.itemsExpected);
    // The LISTEN connection came back by itself (wake-ups, not only the poll).
    await waitUntil(
      'the activity listener reconnected',
      async () => {
        const [row] = await db.query<{ n: string }>(
          "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'convene-activity-listener'",
        );
        return Number(row?.n) === 1;
      },
      15_000,
    );
    expect(api.running).toBe(true);
  });
});
