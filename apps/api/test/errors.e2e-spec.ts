import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withAdminClient } from '@app/testing';
import { startTestApp, type TestApp } from './support/test-app';

describe('errors over GraphQL', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('answers GraphQL validation errors with their code and no stack trace', async () => {
    const response = await sut.client.request('{ policeForceAreas { noSuchField } }', undefined, {
      accept: 'application/graphql-response+json',
    });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(response)).not.toMatch(/stacktrace|\.ts:|node_modules/);
    // Legacy application/json clients (no Accept header) get the same error with a 200, as the spec asks.
    const legacy = await sut.client.request('{ policeForceAreas { noSuchField } }');
    expect(legacy.status).toBe(200);
    expect(legacy.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('masks an unexpected failure as INTERNAL_SERVER_ERROR: no SQL, stack or path, but a request id', async () => {
    // Break the database under the running app, as an outage or a bad deploy would.
    await withAdminClient(sut.database.url, (client) => client.query('ALTER TABLE local_authority RENAME TO gone'));
    try {
      const response = await sut.client.request('{ localAuthorities { code } }', undefined, {
        'x-request-id': 'req-123',
      });
      const error = response.errors?.[0];
      expect(response.headers.get('x-request-id')).toBe('req-123');
      expect(error?.message).toBe('Internal server error');
      expect(error?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-123' });
      expect(JSON.stringify(response)).not.toMatch(/local_authority|SELECT|relation|stack|\/work\/|\.ts/);
    } finally {
      await withAdminClient(sut.database.url, (client) => client.query('ALTER TABLE gone RENAME TO local_authority'));
    }
  });

  it('answers a rejected variable with BAD_USER_INPUT', async () => {
    const response = await sut.client.request(
      'query ($d: LocalDate!) { policeForceArea(code: "W15000001") { governanceOn(date: $d) { type } } }',
      {
        d: '2024-13-45',
      },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
