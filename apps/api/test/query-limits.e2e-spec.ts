import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getIntrospectionQuery } from 'graphql';
import WebSocket from 'ws';
import { graphqlWsClient, wsRequest } from '@app/testing';
import { startTestApp, type TestApp } from './support/test-app';

/** areas → authorities → area → … : `levels` nested selections. */
function nested(levels: number): string {
  let selection = 'code';
  for (let level = levels; level > 1; level--) {
    selection = `${level % 2 === 0 ? 'localAuthorities' : 'policeForceArea'} { ${selection} }`;
  }
  return `{ policeForceAreas { ${selection} } }`;
}

const hostile: [string, () => string][] = [
  ['a 12-level nested query', () => nested(12)],
  ['100 aliases', () => `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: policeForceAreas { code }`).join(' ')} }`],
  ['10,000 tokens', () => `{ policeForceAreas { ${Array.from({ length: 5_000 }, () => 'code').join(' ')} } }`],
];

describe('query limits', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('lets real queries through, e.g. 5 levels deep', async () => {
    const data = await sut.client.data<{ policeForceAreas: unknown[] }>(nested(5));
    expect(data.policeForceAreas).toHaveLength(43);
  });

  it("lets GraphiQL's full introspection query through", async () => {
    const data = await sut.client.data<{ __schema: { types: unknown[] } }>(getIntrospectionQuery());
    expect(data.__schema.types.length).toBeGreaterThan(10);
  });

  describe.each(hostile)('refuses %s', (_name, document) => {
    it('over HTTP, with a validation error and no data', async () => {
      const response = await sut.client.request(document());
      expect(response.data ?? null).toBeNull();
      expect(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']).toContain(response.errors?.[0]?.extensions?.code);
      expect(response.errors?.[0]?.message).toMatch(/depth|alias|token|cost/i);
    });

    it('over WebSocket, the same way', async () => {
      const client = graphqlWsClient(sut.graphqlUrl);
      try {
        await expect(wsRequest(client, document())).rejects.toEqual(
          expect.arrayContaining([
            expect.objectContaining({ message: expect.stringMatching(/depth|alias|token|cost/i) }),
          ]),
        );
      } finally {
        await client.dispose();
      }
    });
  });

  it('refuses a 2 MB document over HTTP with 413 before parsing it', async () => {
    const response = await fetch(sut.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ policeForceAreas { code } } # ${'x'.repeat(2_000_000)}` }),
    });
    expect(response.status).toBe(413);
  });

  it('closes a WebSocket that sends a 2 MB message (1009, message too big)', async () => {
    const socket = new WebSocket(sut.graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(2_000_000) } }));
    expect(await closed).toBe(1009);
  });
});
