import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort, graphqlWsClient, LiveSubscription } from '@app/testing';
import { startTestApp, type TestApp } from './support/test-app';

const TOKEN = 'metrics-token-metrics-token-0123';

/** The value of one series (name and exact label set) in a Prometheus text scrape; 0 if absent. */
function valueOf(scrape: string, series: string): number {
  const line = scrape.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function scrape(url: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(url, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

describe('Prometheus metrics at /metrics', () => {
  let app: TestApp;
  let metricsUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    app = await startTestApp({ METRICS_PORT: String(port), METRICS_TOKEN: TOKEN });
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('times operations by name, counts errors by code and tracks open subscriptions, pool and event loop', async () => {
    const before = await scrape(metricsUrl);
    for (let i = 0; i < 3; i++) {
      expect((await app.client.request('query AreasForMetrics { policeForceAreas { code } }')).errors).toBeUndefined();
    }
    const bad = await app.client.request('query NetworkForMetrics($id: ID!) { network(id: $id) { id } }', {
      id: 'not-a-uuid',
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const client = graphqlWsClient(app.graphqlUrl);
    const live = new LiveSubscription(client, 'subscription { activity { cursor } }');
    let during = await scrape(metricsUrl);
    try {
      const until = Date.now() + 10_000;
      while (valueOf(during, 'convene_subscriptions_open') < 1 && Date.now() < until) {
        during = await scrape(metricsUrl);
      }
    } finally {
      live.stop();
      await client.dispose();
    }
    const count = 'convene_graphql_operation_duration_seconds_count{operation="AreasForMetrics",type="query"}';
    expect(valueOf(during, count) - valueOf(before, count)).toBe(3);
    const errors = 'convene_graphql_errors_total{code="BAD_USER_INPUT"}';
    expect(valueOf(during, errors) - valueOf(before, errors)).toBeGreaterThanOrEqual(1);
    expect(valueOf(during, 'convene_subscriptions_open')).toBe(1);
    expect(valueOf(during, 'convene_db_pool_connections{state="total"}')).toBeGreaterThan(0);
    expect(valueOf(during, 'convene_db_pool_connections{state="max"}')).toBe(10);
    expect(valueOf(during, 'convene_db_extra_pool_connections{pool="live",state="max"}')).toBe(3);
    expect(valueOf(during, 'convene_db_extra_pool_connections{pool="side",state="max"}')).toBe(3);
    expect(during).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(during).toMatch(
      /^convene_http_request_duration_seconds_count\{method="POST",route="\/graphql",status="200"\} \d+/m,
    );
    expect(during).toMatch(/^convene_activity_hub_lag_seconds \d/m);

    const until = Date.now() + 10_000;
    let after = during;
    while (valueOf(after, 'convene_subscriptions_open') > 0 && Date.now() < until) {
      after = await scrape(metricsUrl);
    }
    expect(valueOf(after, 'convene_subscriptions_open')).toBe(0);
  });

  it('serves the public port only to the bearer METRICS_TOKEN', async () => {
    const url = `${app.baseUrl}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect(await scrape(url, { authorization: `Bearer ${TOKEN}` })).toMatch(/convene_graphql_errors_total/);
  });

  it('keeps metrics off the public port in production without a token', async () => {
    const production = await startTestApp(
      {
        NODE_ENV: 'production',
        JWT_SECRET: 'metrics-production-secret-0123456789abcdef',
        PUBLIC_URL: 'https://convene.example',
      },
      undefined,
      app.database,
    );
    try {
      expect((await fetch(`${production.baseUrl}/metrics`)).status).toBe(404);
    } finally {
      await production.close();
    }
  });
});
