import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { graphqlWsClient, wsRequest } from '@app/testing';
import { startTestApp, type TestApp } from './support/test-app';

describe('GraphQL over WebSocket (graphql-ws)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('answers a query on the same /graphql path', async () => {
    const client = graphqlWsClient(sut.graphqlUrl);
    try {
      const results = await wsRequest<{ policeForceArea: { displayName: string; localAuthorities: unknown[] } }>(
        client,
        'query ($code: String!) { policeForceArea(code: $code) { displayName localAuthorities { code } } }',
        { code: 'W15000002' },
      );
      expect(results).toHaveLength(1);
      expect(results[0]?.data?.policeForceArea.displayName).toBe('Gwent');
      expect(results[0]?.data?.policeForceArea.localAuthorities).toHaveLength(5);
    } finally {
      await client.dispose();
    }
  });

  it('maps errors the same way as over HTTP', async () => {
    const client = graphqlWsClient(sut.graphqlUrl);
    try {
      const results = await wsRequest(client, '{ policeForceArea(code: "nope") { code } }');
      expect(results[0]?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    } finally {
      await client.dispose();
    }
  });
});
