import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '@app/common';
import { DEMO_PASSWORD } from '@app/identity';
import { eventually, freePort, GraphqlHttpClient, graphqlWsClient, LiveSubscription } from '@app/testing';
import { startTestApp, type TestApp } from './support/test-app';

const SECRET = 'crash-test-secret-crash-test-secret-0123456789';
const MAIN = join(projectRoot(), 'dist/apps/api/src/main.js');
const SUBSCRIBE = 'subscription ($after: String) { activity(after: $after) { cursor payload } }';
/** Starting a second process is slow on a busy machine; the wait is for its readiness. */
const START_MS = 120_000;
const CREATE =
  'mutation ($c: String!) { createSpecialism(input: { code: $c, label: "Crash" }) { specialism { code } } }';

async function collect(
  url: string,
  after: string | null,
  count: number,
): Promise<{ cursor: string; payload: { code?: string } }[]> {
  const client = graphqlWsClient(url);
  try {
    const live = new LiveSubscription<{ activity: { cursor: string; payload: { code?: string } } }>(client, SUBSCRIBE, {
      after,
    });
    const items = await live.waitFor(count);
    live.stop();
    return items.map((i) => i.activity);
  } finally {
    await client.dispose();
  }
}

// A real second process, killed with SIGKILL: runs where the app is built (CI builds before testing).
(existsSync(MAIN) ? describe : describe.skip)('activity survives an instance killed right after a commit', () => {
  let b: TestApp;
  let a: ChildProcess;
  let aClient: GraphqlHttpClient;
  let aUrl: string;

  beforeAll(async () => {
    b = await startTestApp({ JWT_SECRET: SECRET });
    const port = await freePort();
    aUrl = `http://127.0.0.1:${port}/graphql`;
    a = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        DATABASE_URL: b.database.url,
        PORT: String(port),
        JWT_SECRET: SECRET,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
      },
      stdio: 'ignore',
    });
    await eventually(
      () =>
        fetch(`http://127.0.0.1:${port}/health/ready`).then(
          (r) => r.ok || undefined,
          () => undefined,
        ),
      { timeoutMs: START_MS - 10_000, intervalMs: 100, what: 'the spawned instance to be ready' },
    );
    aClient = new GraphqlHttpClient(aUrl);
  }, START_MS);

  afterAll(async () => {
    if (a && a.exitCode === null) {
      a.kill('SIGKILL');
    }
    await b?.close();
  });

  it('lets a subscriber resume on the other instance with its cursor and still get the event', async () => {
    const { signIn } = await aClient.data<{ signIn: { accessToken: string } }>(
      'mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { accessToken } }',
      { e: 'admin@demo.convene.example', p: DEMO_PASSWORD },
    );
    const admin = { authorization: `Bearer ${signIn.accessToken}` };
    // A subscriber on A from "now": probe items go in until one arrives, so it is live before the real one.
    const client = graphqlWsClient(aUrl);
    let first: { cursor: string; payload: { code?: string } } | undefined;
    try {
      const live = new LiveSubscription<{ activity: { cursor: string; payload: { code?: string } } }>(
        client,
        SUBSCRIBE,
        { after: null },
      );
      let probes = 0;
      await eventually(
        async () => {
          if (live.items.length) {
            return true;
          }
          await aClient.request(CREATE, { c: `PROBE_CRASH_${++probes}` }, admin);
          return undefined;
        },
        { intervalMs: 500, what: 'the subscription on A to deliver a probe' },
      );
      await aClient.request(CREATE, { c: 'BEFORE_CRASH' }, admin);
      first = await eventually(
        () => live.items.map((i) => i.activity).find((item) => item.payload.code === 'BEFORE_CRASH'),
        { what: 'the item before the crash' },
      );
      live.stop();
    } finally {
      await client.dispose();
    }

    const committed = await aClient.request(CREATE, { c: 'COMMITTED_THEN_KILLED' }, admin);
    a.kill('SIGKILL'); // right after the commit: its wake-up may never have gone out
    expect(committed.errors).toBeUndefined();

    const resumed = await collect(b.graphqlUrl, first?.cursor ?? null, 1);
    expect(resumed.map((i) => i.payload.code)).toEqual(['COMMITTED_THEN_KILLED']);
  });
});
