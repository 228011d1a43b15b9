import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getIntrospectionQuery } from 'graphql';
import WebSocket from 'ws';
import { eventually, graphqlWsClient, wsRequest } from '@app/testing';
import { LogCapture, startTestApp, type TestApp } from './support/test-app';

/** areas → authorities → area → … : `levels` nested selections. */
function nested(levels: number): string {
  let selection = 'code';
  for (let level = levels; level > 1; level--) {
    selection = `${level % 2 === 0 ? 'localAuthorities' : 'policeForceArea'} { ${selection} }`;
  }
  return `{ policeForceAreas { ${selection} } }`;
}

/** Each refusal with the code it carries on both transports (the token limit stops the parser). */
const hostile: [string, () => string, string][] = [
  ['a 12-level nested query', () => nested(12), 'GRAPHQL_VALIDATION_FAILED'],
  [
    '100 aliases',
    () => `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: policeForceAreas { code }`).join(' ')} }`,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    '10,000 tokens',
    () => `{ policeForceAreas { ${Array.from({ length: 5_000 }, () => 'code').join(' ')} } }`,
    'GRAPHQL_PARSE_FAILED',
  ],
];

const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

describe('query limits', () => {
  let sut: TestApp;
  const logs = new LogCapture();

  beforeAll(async () => {
    sut = await startTestApp({ LOG_LEVEL: 'info' }, logs);
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('lets real queries through, e.g. 5 levels deep', async () => {
    const data = await sut.client.data<{ policeForceAreas: unknown[] }>(nested(5));
    expect(data.policeForceAreas).toHaveLength(43);
  });

  it("lets GraphiQL's full introspection query through", async () => {
    const data = await sut.client.data<{ __schema: { types: unknown[] } }>(getIntrospectionQuery());
    expect(data.__schema.types.length).toBeGreaterThan(10);
  });

  describe.each(hostile)('refuses %s', (_name, document, code) => {
    it(`over HTTP, as a 400 with ${code} and no data to clients of ${GRAPHQL_RESPONSE_JSON}`, async () => {
      const response = await sut.client.request(document(), undefined, { accept: GRAPHQL_RESPONSE_JSON });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain(GRAPHQL_RESPONSE_JSON);
      expect(response).not.toHaveProperty('data');
      expect(response.errors?.[0]?.extensions?.code).toBe(code);
      expect(response.errors?.[0]?.message).toMatch(/depth|alias|token|cost/i);
    });

    it('over HTTP, as a 200 with the same error to application/json clients (the spec for that media type)', async () => {
      for (const accept of ['application/json', undefined]) {
        const response = await sut.client.request(document(), undefined, accept ? { accept } : {});
        expect(response.status).toBe(200);
        expect(response.data ?? null).toBeNull();
        expect(response.errors?.[0]?.extensions?.code).toBe(code);
      }
    });

    it('over WebSocket, with the same code', async () => {
      const client = graphqlWsClient(sut.graphqlUrl);
      try {
        await expect(wsRequest(client, document())).rejects.toEqual([
          expect.objectContaining({
            message: expect.stringMatching(/depth|alias|token|cost/i),
            extensions: expect.objectContaining({ code }),
          }),
        ]);
      } finally {
        await client.dispose();
      }
    });
  });

  it('says which limit a refused query is over and what to do, not that its syntax is wrong', async () => {
    const response = await sut.client.request(nested(12));
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Query depth limit of 10 exceeded, found \d+\. Ask for fewer nested levels/),
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
      }),
    ]);
    expect(response.errors?.[0]?.message).not.toMatch(/syntax/i);
  });

  it('refuses a 2 MB document over HTTP with a GraphQL-shaped 413 before parsing it, logged as no error', async () => {
    const response = await fetch(sut.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ policeForceAreas { code } } # ${'x'.repeat(2_000_000)}` }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({
      errors: [{ message: expect.stringMatching(/request body/i), extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
    // The body never reaches the request logger; a later request shows the capture works and has caught up.
    await sut.client.request('{ __typename }', undefined, { 'x-request-id': 'after-too-large' });
    await eventually(() => logs.lines.find((line) => line.includes('after-too-large')), {
      what: 'the next request in the log',
    });
    expect(logs.lines.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
  });

  describe('variables', () => {
    const ORGANISATIONS = 'query ($f: OrganisationFilter) { organisations(filter: $f, first: 1) { totalCount } }';
    /** JSON text of `levels` nested objects (written out: JSON.stringify of them overflows this process's stack). */
    const deep = (levels: number): string => `${'{"a":'.repeat(levels)}{}${'}'.repeat(levels)}`;
    const post = async (variables: Record<string, unknown> | string) => {
      const response = await fetch(sut.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body:
          typeof variables === 'string'
            ? `{"query":${JSON.stringify(ORGANISATIONS)},"variables":${variables}}`
            : JSON.stringify({ query: ORGANISATIONS, variables }),
      });
      return {
        status: response.status,
        bytes: Number(response.headers.get('content-length')),
        body: (await response.json()) as { errors?: { message: string }[] },
      };
    };

    it('refuses variables nested 12,000 levels deep with a 400 naming them (it was a 500), over HTTP and WebSocket', async () => {
      for (const variables of [
        `{"f":${deep(12_000)}}`,
        `{"unused":${'['.repeat(30_000)}${']'.repeat(30_000)}}`,
        `{"f":${deep(16)}}`,
      ]) {
        const { status, body } = await post(variables);
        expect([status, body]).toEqual([
          400,
          {
            errors: [
              {
                message: 'Variables nest deeper than 16 levels',
                extensions: {
                  code: 'BAD_USER_INPUT',
                  fields: [{ field: 'variables', message: 'Variables nest deeper than 16 levels' }],
                },
              },
            ],
          },
        ]);
      }
      const client = graphqlWsClient(sut.graphqlUrl);
      try {
        await expect(wsRequest(client, ORGANISATIONS, { f: JSON.parse(deep(200)) as unknown })).rejects.toEqual([
          expect.objectContaining({
            message: 'Variables nest deeper than 16 levels',
            extensions: expect.objectContaining({
              code: 'BAD_USER_INPUT',
              fields: [{ field: 'variables', message: 'Variables nest deeper than 16 levels' }],
            }),
          }),
        ]);
      } finally {
        await client.dispose();
      }
    });

    it('refuses them too on a path under /graphql and in a GET query string (Apollo serves both; no 500; 400 as the spec says for its media type)', async () => {
      const expected = {
        errors: [
          {
            message: 'Variables nest deeper than 16 levels',
            extensions: {
              code: 'BAD_USER_INPUT',
              fields: [{ field: 'variables', message: 'Variables nest deeper than 16 levels' }],
            },
          },
        ],
      };
      // ORGANISATIONS is one the response cache keys: its key walks the variables.
      const under = await fetch(`${sut.graphqlUrl}/x`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE_JSON },
        body: `{"query":${JSON.stringify(ORGANISATIONS)},"variables":{"f":${deep(12_000)}}}`,
      });
      expect([under.status, await under.json()]).toEqual([400, expected]);
      const url = new URL(sut.graphqlUrl);
      url.searchParams.set('query', ORGANISATIONS);
      // Lists: three bytes a level in a URL (Node takes 16 kB of headers).
      url.searchParams.set('variables', `{"f":${'['.repeat(1_000)}${']'.repeat(1_000)}}`);
      const get = await fetch(url, { headers: { 'apollo-require-preflight': 'true', accept: GRAPHQL_RESPONSE_JSON } });
      expect([get.status, await get.json()]).toEqual([400, expected]);
    });

    it("names the place in a variable that is wrong, as other refusals name the input's field", async () => {
      const { body } = await post({ f: { kind: 'NOT_A_KIND' } });
      const [error] = body.errors as unknown as { extensions: { code: string; fields: { field: string }[] } }[];
      expect([error?.extensions.code, error?.extensions.fields.map((f) => f.field)]).toEqual([
        'BAD_USER_INPUT',
        ['f.kind'],
      ]);
      // A place named by text inside the value is not taken for it.
      const steered = await post({ f: { '; b at "evil.field"; c': 1 } });
      const [other] = steered.body.errors as unknown as { extensions: { fields: { field: string }[] } }[];
      expect(other?.extensions.fields.map((f) => f.field)).toEqual(['f']);
    });

    it('lets nesting as deep as an input needs through', async () => {
      const { status, body } = await post({ f: { nameContains: 'a' } });
      expect([status, body.errors]).toEqual([200, undefined]);
    });

    it('answers 8,000 unknown keys briefly, each error naming the variable (it was 5 MB of errors quoting them)', async () => {
      const f = Object.fromEntries(Array.from({ length: 8_000 }, (_, i) => [`k${i}`, 0]));
      const { status, bytes, body } = await post({ f });
      expect(status).toBe(400);
      expect(bytes).toBeLessThan(60_000);
      const errors = body.errors as {
        message: string;
        extensions: { code: string; fields?: { field: string; message: string }[] };
      }[];
      expect(errors.length).toBeGreaterThan(1);
      for (const error of errors) {
        expect(error.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
        expect(error.message.length).toBeLessThanOrEqual(501);
      }
      const message = expect.stringMatching(
        /^Variable "\$f" got invalid value …; Field "k\d+" is not defined by type "OrganisationFilter"\.$/,
      ) as unknown as string;
      expect(errors[0]).toEqual({
        message,
        locations: expect.any(Array),
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'f', message }] },
      });
      expect(errors[0]?.extensions.fields?.[0]?.message).toBe(errors[0]?.message);
    });

    it('refuses more than 10,000 values in variables', async () => {
      const { status, body } = await post({ f: { nameContains: 'a' }, extra: Array.from({ length: 10_001 }, () => 1) });
      expect([status, body.errors?.[0]?.message]).toEqual([400, 'Variables hold more than 10,000 values']);
    });
  });

  it('closes a WebSocket that sends a 2 MB message (1009, message too big)', async () => {
    const socket = new WebSocket(sut.graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(2_000_000) } }));
    expect(await closed).toBe(1009);
  });
});
