import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoOrganisationId } from '@app/organisations';
import { graphqlWsClient, LiveSubscription, wsRequest } from '@app/testing';
import { freshEvent, freshNetwork } from './support/operation-fixtures';
import { demoCast } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';

const NEWPORT_CVS = demoOrganisationId('cvs:W06000022');
const TORFAEN_CVS = demoOrganisationId('cvs:W06000020');
const GWENT = 'W15000002';
const CREATE = `mutation ($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id name scopeKind scopeTarget prefix lastUsedAt revokedAt } }
}`;

describe('API tokens for dashboards', () => {
  let sut: TestApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    sut = await startTestApp();
    admin = (await demoCast(sut)).coordinator;
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
    [{ scopeKind: 'NETWORK' }, 'input.scopeTarget'],
    [{ scopeKind: 'NETWORK', scopeTarget: 'nope' }, 'input.scopeTarget'],
    [{ scopeKind: 'NETWORK', scopeTarget: '00000000-0000-4000-8000-000000000000' }, 'input.scopeTarget'],
    [{ scopeKind: 'NATIONAL', name: 'x' }, 'input.name'],
  ])('refuses %j with BAD_USER_INPUT naming %s', async (input, field) => {
    const { errors } = await create(input);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.extensions?.fields?.[0]?.field).toBe(field);
  });

  describe('scopes', () => {
    const tokenFor = async (scopeKind: string, scopeTarget: string | null): Promise<Record<string, string>> => {
      const created = await create({ scopeKind, scopeTarget });
      expect(created.errors).toBeUndefined();
      return { authorization: `Bearer ${created.data!.createApiToken.token}` };
    };
    const codeOf = async (token: Record<string, string>, query: string, variables?: Record<string, unknown>) => {
      const response = await sut.client.request(query, variables, token);
      if (response.errors) {
        expect(response.data ?? null).toBeNull(); // refused: nothing read
      }
      return response.errors?.[0]?.extensions?.code ?? 'OK';
    };
    const FEED =
      'query ($kind: ActivityScopeKind!, $target: String) { activity(scope: { kind: $kind, target: $target }, first: 3) { totalCount } }';
    const feed = (token: Record<string, string>, kind: string, target: string | null = null) =>
      codeOf(token, FEED, { kind, target });
    // Where a refusal is expected, waits for it (however slow the machine); else silence means it runs.
    const liveFeed = async (
      token: Record<string, string>,
      kind: string,
      target: string | null = null,
      expected: 'OK' | 'FORBIDDEN' = 'OK',
    ) => {
      const client = graphqlWsClient(sut.graphqlUrl, token);
      const live = new LiveSubscription(
        client,
        'subscription ($kind: ActivityScopeKind!, $target: String) { activity(scope: { kind: $kind, target: $target }) { cursor } }',
        { kind, target },
      );
      try {
        await live.waitFor(1, expected === 'OK' ? 500 : 20_000);
        return live.errors[0]?.extensions?.code ?? 'OK';
      } finally {
        live.stop();
        await client.dispose();
      }
    };

    it('holds an area token to its area: feeds, coverage, events and networks elsewhere or nationally are FORBIDDEN', async () => {
      const gwent = await tokenFor('POLICE_FORCE_AREA', GWENT);
      const networkId = await freshNetwork(sut, 'newport');
      const eventId = await freshEvent(sut);
      expect(await feed(gwent, 'POLICE_FORCE_AREA', GWENT)).toBe('OK');
      expect(await feed(gwent, 'NETWORK', networkId)).toBe('OK');
      expect(await feed(gwent, 'EVENT', eventId)).toBe('OK');
      expect(await feed(gwent, 'NATIONAL')).toBe('FORBIDDEN');
      const national = await sut.client.request(FEED, { kind: 'NATIONAL' }, gwent);
      expect(national.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_TOKEN_SCOPE' });
      expect(await feed(gwent, 'POLICE_FORCE_AREA', 'E23000001')).toBe('FORBIDDEN');
      expect(await feed(gwent, 'ORGANISATION', NEWPORT_CVS)).toBe('FORBIDDEN');
      expect(await liveFeed(gwent, 'POLICE_FORCE_AREA', GWENT)).toBe('OK');
      expect(await liveFeed(gwent, 'NATIONAL', null, 'FORBIDDEN')).toBe('FORBIDDEN');

      expect(await codeOf(gwent, '{ coverage { areas { status } } }')).toBe('FORBIDDEN');
      expect(await codeOf(gwent, '{ policeForceAreas { code } }')).toBe('FORBIDDEN');
      expect(
        await codeOf(
          gwent,
          'query ($c: String!) { coverageHistory(policeForceAreaCode: $c, from: "2026-01-01", to: "2026-12-31") { date } }',
          { c: GWENT },
        ),
      ).toBe('OK');
      expect(
        await codeOf(
          gwent,
          'query ($c: String!) { coverageHistory(policeForceAreaCode: $c, from: "2026-01-01", to: "2026-12-31") { date } }',
          { c: 'E23000001' },
        ),
      ).toBe('FORBIDDEN');
      expect(await codeOf(gwent, '{ events(first: 3) { totalCount } }')).toBe('FORBIDDEN');
      expect(
        await codeOf(
          gwent,
          'query ($c: String) { events(first: 3, filter: { policeForceAreaCode: $c }) { totalCount } }',
          { c: GWENT },
        ),
      ).toBe('OK');
      expect(await codeOf(gwent, 'query ($id: ID!) { event(id: $id) { title } }', { id: eventId })).toBe('OK');
      expect(await codeOf(gwent, 'query ($id: ID!) { network(id: $id) { name } }', { id: networkId })).toBe('OK');
      expect(await codeOf(gwent, '{ networks(first: 3) { totalCount } }')).toBe('FORBIDDEN');
      expect(await codeOf(gwent, 'query ($id: ID!) { organisation(id: $id) { name } }', { id: NEWPORT_CVS })).toBe(
        'FORBIDDEN',
      );
      expect(await codeOf(gwent, '{ specialisms { code } }')).toBe('OK');
    });

    it("holds an organisation token to its organisation: another organisation's feed is FORBIDDEN", async () => {
      const newport = await tokenFor('ORGANISATION', NEWPORT_CVS);
      const eventId = await freshEvent(sut); // organised by Newport CVS
      expect(await feed(newport, 'ORGANISATION', NEWPORT_CVS)).toBe('OK');
      expect(await feed(newport, 'ORGANISATION', TORFAEN_CVS)).toBe('FORBIDDEN');
      expect(await feed(newport, 'NATIONAL')).toBe('FORBIDDEN');
      expect(await feed(newport, 'POLICE_FORCE_AREA', GWENT)).toBe('FORBIDDEN');
      expect(await liveFeed(newport, 'ORGANISATION', TORFAEN_CVS, 'FORBIDDEN')).toBe('FORBIDDEN');
      expect(await codeOf(newport, 'query ($id: ID!) { organisation(id: $id) { name } }', { id: NEWPORT_CVS })).toBe(
        'OK',
      );
      expect(await codeOf(newport, 'query ($id: ID!) { organisation(id: $id) { name } }', { id: TORFAEN_CVS })).toBe(
        'FORBIDDEN',
      );
      expect(await codeOf(newport, 'query ($id: ID!) { event(id: $id) { title } }', { id: eventId })).toBe('OK');
      expect(await codeOf(newport, '{ coverage { areas { status } } }')).toBe('FORBIDDEN');
    });

    it('makes NETWORK tokens for people who may read the network privately, and holds them to it', async () => {
      const own = await freshNetwork(sut, 'newport'); // Newport CVS convenes: the coordinator may
      const foreign = await freshNetwork(sut, 'torfaen'); // Newport CVS is not a member
      const refused = await create({ scopeKind: 'NETWORK', scopeTarget: foreign });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(refused.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.scopeTarget');
      expect(refused.data ?? null).toBeNull();

      const network = await tokenFor('NETWORK', own);
      const listed = await sut.client.data<{ apiTokens: { scopeKind: string; scopeTarget: string }[] }>(
        'query ($id: ID!) { apiTokens(organisationId: $id) { scopeKind scopeTarget } }',
        { id: NEWPORT_CVS },
        admin,
      );
      expect(listed.apiTokens.filter((t) => t.scopeKind === 'NETWORK').map((t) => t.scopeTarget)).toEqual([own]);
      expect(await feed(network, 'NETWORK', own)).toBe('OK');
      expect(await liveFeed(network, 'NETWORK', own)).toBe('OK');
      expect(await codeOf(network, 'query ($id: ID!) { network(id: $id) { name } }', { id: own })).toBe('OK');
      expect(
        await codeOf(network, 'query ($id: ID) { events(first: 3, filter: { networkId: $id }) { totalCount } }', {
          id: own,
        }),
      ).toBe('OK');
      expect(await feed(network, 'NETWORK', foreign)).toBe('FORBIDDEN');
      expect(await feed(network, 'POLICE_FORCE_AREA', GWENT)).toBe('FORBIDDEN');
      expect(await feed(network, 'NATIONAL')).toBe('FORBIDDEN');
      expect(await codeOf(network, 'query ($id: ID!) { network(id: $id) { name } }', { id: foreign })).toBe(
        'FORBIDDEN',
      );
      expect(
        await codeOf(network, 'query ($id: ID!) { event(id: $id) { title } }', { id: await freshEvent(sut) }),
      ).toBe('FORBIDDEN');
    });
  });
});
