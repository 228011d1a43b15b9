import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '@app/common';
import { DEMO_PASSWORD } from '@app/identity';
import { GraphqlHttpClient, graphqlWsClient, LiveSubscription } from '@app/testing';
import { startTestApp, type TestApp } from './support/test-app';

const SECRET = 'crash-test-secret-crash-test-secret-0123456789';
const MAIN = join(projectRoot(), 'dist/apps/api/src/main.js');
const SUBSCRIBE = 'subscription ($after: String) { activity(after: $after) { cursor payload } }';
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
    const port = 39_000 + Math.floor(Math.random() * 900);
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
    for (let i = 0; i < 200; i++) {
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) {
        break;
      }
      await new Promise((done) => setTimeout(done, 100));
    }
    aClient = new GraphqlHttpClient(aUrl);
  });

  afterAll(async () => {
    if (a.exitCode === null) {
      a.kill('SIGKILL');
    }
    await b.close();
  });

  it('lets a subscriber resume on the other instance with its cursor and still get the event', async () => {
    const { signIn } = await aClient.data<{ signIn: { accessToken: string } }>(
      'mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { accessToken } }',
      { e: 'admin@demo.convene.example', p: DEMO_PASSWORD },
    );
    const admin = { authorization: `Bearer ${signIn.accessToken}` };
    const firstItems = collect(aUrl, null, 1);
    await new Promise((done) => setTimeout(done, 300));
    await aClient.request(CREATE, { c: 'BEFORE_CRASH' }, admin);
    const [first] = await firstItems;
    expect(first?.payload.code).toBe('BEFORE_CRASH');

    const committed = await aClient.request(CREATE, { c: 'COMMITTED_THEN_KILLED' }, admin);
    a.kill('SIGKILL'); // right after the commit: its wake-up may never have gone out
    expect(committed.errors).toBeUndefined();

    const resumed = await collect(b.graphqlUrl, first?.cursor ?? null, 1);
    expect(resumed.map((i) => i.payload.code)).toEqual(['COMMITTED_THEN_KILLED']);
  });
});
