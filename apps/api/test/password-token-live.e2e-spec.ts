import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { createPlatformAdmin, DEMO_PASSWORD } from '@app/identity';
import { type GraphqlError, graphqlWsClient } from '@app/testing';
import { startTestApp, type TestApp } from './support/test-app';

const MEMBER = 'member@demo.convene.example';

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 10));
  }
  return condition();
}

describe('a password set with a token', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('ends the live streams of the sessions it signs out, at once (not at the next sweep)', async () => {
    const { signIn } = await sut.client.data<{ signIn: { accessToken: string } }>(
      'mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { accessToken } }',
      { e: MEMBER, p: DEMO_PASSWORD },
    );
    const { activity } = await sut.client.data<{ activity: { pageInfo: { endCursor: string } } }>(
      '{ activity(scope: { kind: NATIONAL }, first: 1) { pageInfo { endCursor } } }',
    );
    const client = graphqlWsClient(sut.graphqlUrl, { authorization: `Bearer ${signIn.accessToken}` });
    let items = 0;
    let ended: string | null = null;
    const stop = client.subscribe(
      {
        query: 'subscription ($after: String) { activity(scope: { kind: NATIONAL }, after: $after) { cursor } }',
        variables: { after: activity.pageInfo.endCursor },
      },
      {
        next: () => items++,
        error: (error) => {
          const errors = (Array.isArray(error) ? error : []) as GraphqlError[];
          ended = String(errors[0]?.extensions?.code ?? 'closed');
        },
        complete: () => (ended ??= 'complete'),
      },
    );
    try {
      // The stream is live once it has replayed the item after the cursor.
      expect(await until(() => items > 0, 20_000)).toBe(true);
      const { token } = await createPlatformAdmin(sut.app.get(DataSource).manager, {
        email: MEMBER,
        displayName: 'Member',
      });
      const set = await sut.client.request(
        'mutation ($input: SetPasswordWithTokenInput!) { setPasswordWithToken(input: $input) { person { id } } }',
        { input: { token, password: 'a new long password' } },
      );
      expect(set.errors).toBeUndefined();
      // Well inside the sweep's 30 s: only an announcement ends it this soon.
      expect(await until(() => ended !== null, 15_000)).toBe(true);
      expect(ended).toBe('UNAUTHENTICATED');
    } finally {
      stop();
      await client.dispose();
    }
  });
});
