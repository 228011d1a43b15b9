import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { AuthService, DEMO_LOGINS, POLICY, PolicyService } from '@app/identity';
import { demoOrganisationId } from '@app/organisations';
import { OperationPolicies, operationRows } from '../src/graphql/authorization/operation-policy';
import { FIXTURES } from './support/fixtures';
import { type ActorName, freshNetwork, NEWPORT_CVS } from './support/operation-fixtures';
import { accessTokenIn, demoCast } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';
import { type GraphqlError, graphqlWsClient, LiveSubscription } from '@app/testing';

describe('authorization: every operation as every kind of actor', () => {
  let sut: TestApp;
  const tokens = new Map<ActorName, string | null>([['anonymous', null]]);
  let operations: string[] = [];
  let policies: OperationPolicies;

  beforeAll(async () => {
    sut = await startTestApp();
    policies = sut.app.get(OperationPolicies);
    const cast = await demoCast(sut);
    for (const login of DEMO_LOGINS) {
      tokens.set(login.key, accessTokenIn(cast[login.key]));
    }
    const coordinatorToken = tokens.get('coordinator') ?? '';
    // API tokens of every scope kind: the sweep holds each to its scope.
    const dashboards: [ActorName, string, string | null][] = [
      ['dashboard', 'NATIONAL', null],
      ['areaDashboard', 'POLICE_FORCE_AREA', 'W15000002'],
      ['networkDashboard', 'NETWORK', await freshNetwork(sut, 'newport')],
      ['organisationDashboard', 'ORGANISATION', NEWPORT_CVS],
    ];
    for (const [name, scopeKind, scopeTarget] of dashboards) {
      const dashboard = await sut.client.data<{ createApiToken: { token: string } }>(
        `mutation ($id: ID!, $kind: ApiTokenScopeKind!, $target: String) {
          createApiToken(input: { organisationId: $id, name: "Dashboard", scopeKind: $kind, scopeTarget: $target }) { token }
        }`,
        { id: NEWPORT_CVS, kind: scopeKind, target: scopeTarget },
        { authorization: `Bearer ${coordinatorToken}` },
      );
      tokens.set(name, dashboard.createApiToken.token);
    }
    const schema = sut.app.get(GraphQLSchemaHost).schema;
    operations = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
      type ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : [],
    );
  });

  afterAll(async () => {
    await sut.close();
  });

  it('has a policy row and a test fixture for every operation in the schema', () => {
    expect(operations.length).toBeGreaterThan(10);
    expect(operations.filter((op) => !policies.row(op))).toEqual([]);
    expect(operations.filter((op) => !FIXTURES[op])).toEqual([]);
    // …and no row names an operation the schema lacks (a typo would leave the real one unguarded).
    expect([...operationRows().keys()].filter((op) => !operations.includes(op))).toEqual([]);
  });

  it('allows or refuses each operation for each actor exactly as the policy table says, leaking nothing when refused', async () => {
    const outcomes: string[] = [];
    for (const operation of operations) {
      const row = policies.row(operation);
      const fixture = FIXTURES[operation];
      if (!row || !fixture) {
        throw new Error(`No policy or fixture for ${operation}`);
      }
      for (const [name, token] of tokens) {
        const variables = await fixture.variables(sut, name);
        // As the server sees them now: fixtures change affiliations (acceptInvitation adds one).
        const actor = await sut.app.get(AuthService).actorFor(token);
        const args = { ...variables, input: variables };
        const resource = await policies.resourceOf(row, args, actor.kind === 'API_TOKEN');
        const allowed = sut.app.get(PolicyService).allows(actor, row.rule.action, resource);
        const response = operation.startsWith('Subscription.')
          ? await subscriptionStart(sut, fixture.document, token, variables, allowed)
          : await sut.client.request(fixture.document, variables, token ? { authorization: `Bearer ${token}` } : {});
        const code = response.errors?.[0]?.extensions?.code;
        if (allowed) {
          expect({ operation, name, errors: response.errors }).toEqual({ operation, name, errors: undefined });
        } else {
          const expected =
            actor.kind === 'ANONYMOUS' && POLICY[row.rule.action].requiresSignIn ? 'UNAUTHENTICATED' : 'FORBIDDEN';
          expect({ operation, name, code }).toEqual({ operation, name, code: expected });
          expect(response.data ?? null).toBeNull();
        }
        outcomes.push(`${operation} ${name} ${allowed ? 'allowed' : 'refused'}`);
      }
    }
    expect(outcomes).toHaveLength(operations.length * tokens.size);
    // Scoped tokens were refused somewhere and allowed somewhere: the sweep exercised their scopes.
    for (const name of ['areaDashboard', 'organisationDashboard'] as const) {
      expect(outcomes.filter((o) => o.endsWith(` ${name} allowed`)).length).toBeGreaterThan(3);
      expect(outcomes.filter((o) => o.endsWith(` ${name} refused`)).length).toBeGreaterThan(3);
    }
    // Every operation as nine actors, each with its own fixture: it grows with the schema, so its
    // time allowance does too (a guard against a hang, not a speed check).
  }, 600_000);

  it.each([
    ['coordinator', NEWPORT_CVS, undefined],
    ['coordinator', demoOrganisationId('cvs:W06000019'), 'FORBIDDEN'],
    ['member', NEWPORT_CVS, 'FORBIDDEN'],
    ['partner', NEWPORT_CVS, 'FORBIDDEN'],
    ['admin', demoOrganisationId('cvs:W06000019'), undefined],
    ['anonymous', NEWPORT_CVS, 'UNAUTHENTICATED'],
  ] as const)('lets %s update organisation %s: %s', async (name, id, code) => {
    const token = tokens.get(name);
    const response = await sut.client.request(
      'mutation ($id: ID!) { updateOrganisation(input: { id: $id, contactEmail: "Office@Example.org" }) { organisation { contactEmail } } }',
      { id },
      token ? { authorization: `Bearer ${token}` } : {},
    );
    expect(response.errors?.[0]?.extensions?.code).toBe(code);
    if (!code) {
      expect(response.data).toEqual({ updateOrganisation: { organisation: { contactEmail: 'office@example.org' } } });
    }
  });
});

/**
 * Starts a subscription over graphql-ws. Where a refusal is expected, waits for it (however slow the
 * machine); where not, 300 ms of silence means it runs (a refusal comes before any item).
 */
async function subscriptionStart(
  app: TestApp,
  document: string,
  token: string | null,
  variables: Record<string, unknown>,
  allowed: boolean,
): Promise<{ data?: unknown; errors?: GraphqlError[] }> {
  const client = graphqlWsClient(app.graphqlUrl, token ? { authorization: `Bearer ${token}` } : undefined);
  const live = new LiveSubscription(client, document, variables);
  await live.waitFor(1, allowed ? 300 : 20_000);
  live.stop();
  await client.dispose();
  return live.errors.length ? { data: null, errors: live.errors } : {};
}
