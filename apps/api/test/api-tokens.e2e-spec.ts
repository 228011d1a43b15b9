import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD } from '@app/identity';
import { demoOrganisationId } from '@app/organisations';
import { graphqlWsClient, wsRequest } from '@app/testing';
import { startTestApp, type TestApp } from './support/test-app';

const NEWPORT_CVS = demoOrganisationId('cvs:W06000022');
const CREATE = `mutation ($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id name scopeKind scopeTarget prefix lastUsedAt revokedAt } }
}`;

describe('API tokens for dashboards', () => {
  let sut: TestApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    sut = await startTestApp();
    const { signIn } = await sut.client.data<{ signIn: { accessToken: string } }>(
      'mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { accessToken } }',
      { e: 'coordinator@demo.convene.example', p: DEMO_PASSWORD },
    );
    admin = { authorization: `Bearer ${signIn.accessToken}` };
  });

  afterAll(async () => {
    await sut.close();
  });

  const create = async (input: Record<string, unknown>) =>
    sut.client.request<{ createApiToken: { token: string; apiToken: { id: string; prefix: string } } }>(
      CREATE,
      { input: { organisationId: NEWPORT_CVS, name: 'Reception screen', ...input } },
      admin,
    );

  it('creates a scoped read-only token whose secret is shown once, and records its use', async () => {
    const created = await create({ scopeKind: 'POLICE_FORCE_AREA', scopeTarget: 'W15000002' });
    expect(created.errors).toBeUndefined();
    const { token, apiToken } = created.data!.createApiToken;
    expect(token.startsWith(apiToken.prefix)).toBe(true);
    const dashboard = { authorization: `Bearer ${token}` };

    const read = await sut.client.request<{ policeForceArea: { code: string }; me: null }>(
      '{ policeForceArea(code: "W15000002") { code } me { id } }',
      undefined,
      dashboard,
    );
    expect(read.data).toEqual({ policeForceArea: { code: 'W15000002' }, me: null });

    const write = await sut.client.request(
      'mutation { createOrganisation(input: { name: "Token Org (demo)", kind: OTHER }) { organisation { id } } }',
      undefined,
      dashboard,
    );
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const listed = await sut.client.request<{ apiTokens: Record<string, unknown>[] }>(
      'query ($id: ID!) { apiTokens(organisationId: $id) { id prefix lastUsedAt scopeTarget } }',
      { id: NEWPORT_CVS },
      admin,
    );
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed.data?.apiTokens.find((t) => t.id === apiToken.id)).toMatchObject({ scopeTarget: 'W15000002' });
    expect(listed.data?.apiTokens.find((t) => t.id === apiToken.id)?.lastUsedAt).not.toBeNull();
  });

  it('works over graphql-ws too, and stops working once revoked', async () => {
    const { token, apiToken } = (await create({ scopeKind: 'NATIONAL' })).data!.createApiToken;
    const client = graphqlWsClient(sut.graphqlUrl, { authorization: `Bearer ${token}` });
    try {
      const [result] = await wsRequest<{ specialisms: unknown[] }>(client, '{ specialisms { code } }');
      expect(result?.data?.specialisms.length).toBeGreaterThan(0);
    } finally {
      await client.dispose();
    }
    const REVOKE =
      'mutation ($org: ID!, $id: ID!) { revokeApiToken(input: { organisationId: $org, id: $id }) { apiToken { revokedAt } } }';
    const anonymous = await sut.client.request(REVOKE, { org: NEWPORT_CVS, id: apiToken.id });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const revoked = await sut.client.request(REVOKE, { org: NEWPORT_CVS, id: apiToken.id }, admin);
    expect(revoked.errors).toBeUndefined();
    const after = await sut.client.request('{ specialisms { code } }', undefined, { authorization: `Bearer ${token}` });
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    [{ scopeKind: 'POLICE_FORCE_AREA' }, 'input.scopeTarget'],
    [{ scopeKind: 'POLICE_FORCE_AREA', scopeTarget: 'E23000099' }, 'input.scopeTarget'],
    [{ scopeKind: 'NATIONAL', scopeTarget: 'W15000002' }, 'input.scopeTarget'],
    [{ scopeKind: 'ORGANISATION', scopeTarget: 'nope' }, 'input.scopeTarget'],
    [{ scopeKind: 'NATIONAL', name: 'x' }, 'input.name'],
  ])('refuses %j with BAD_USER_INPUT naming %s', async (input, field) => {
    const { errors } = await create(input);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.extensions?.fields?.[0]?.field).toBe(field);
  });
});
