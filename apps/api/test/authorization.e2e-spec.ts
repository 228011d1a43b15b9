import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { randomBytes } from 'node:crypto';
import { type Actor, ApiTokenScopeKind, DEMO_LOGINS, DEMO_PASSWORD, demoPersonId, POLICY } from '@app/identity';
import { demoOrganisationId } from '@app/organisations';
import { OPERATION_POLICY } from '../src/graphql/authorization/operation-policy';
import { startTestApp, type TestApp } from './support/test-app';

type ActorName = 'anonymous' | 'dashboard' | (typeof DEMO_LOGINS)[number]['key'];

/** How each demo login looks to the policy (affiliations as seeded). */
function actorOf(name: ActorName): Actor {
  if (name === 'anonymous') {
    return { kind: 'ANONYMOUS' };
  }
  if (name === 'dashboard') {
    return {
      kind: 'API_TOKEN',
      tokenId: 'any',
      organisationId: NEWPORT_CVS,
      scope: { kind: ApiTokenScopeKind.NATIONAL, target: null },
    };
  }
  const login = DEMO_LOGINS.find((l) => l.key === name);
  if (!login) {
    throw new Error(`No demo login ${name}`);
  }
  return {
    kind: 'PERSON',
    personId: demoPersonId(login.key),
    platformAdmin: login.platformAdmin,
    affiliations: login.affiliations.map((a) => ({ organisationId: demoOrganisationId(a.organisation), role: a.role })),
  };
}

const unique = (): string => randomBytes(4).toString('hex').toUpperCase();
const NEWPORT_CVS = demoOrganisationId('cvs:W06000022');

interface Fixture {
  readonly document: string;
  variables(app: TestApp, actor: ActorName): Record<string, unknown> | Promise<Record<string, unknown>>;
}

const SIGN_IN = 'mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { refreshToken } }';
async function freshRefreshToken(app: TestApp): Promise<string> {
  const data = await app.client.data<{ signIn: { refreshToken: string } }>(SIGN_IN, {
    e: DEMO_LOGINS[2].email,
    p: DEMO_PASSWORD,
  });
  return data.signIn.refreshToken;
}

async function invitationToken(app: TestApp, email: string): Promise<string> {
  const data = await app.client.request<{ inviteToOrganisation: { token: string } }>(
    'mutation ($id: ID!, $email: String!) { inviteToOrganisation(input: { organisationId: $id, email: $email }) { token } }',
    { id: NEWPORT_CVS, email },
    { authorization: `Bearer ${coordinatorToken}` },
  );
  return data.data?.inviteToOrganisation.token ?? '';
}

/** Creates a Newport CVS token directly through the API as its admin, for revoke fixtures. */
let coordinatorToken = '';
async function newportTokenId(app: TestApp): Promise<string> {
  const data = await app.client.request<{ createApiToken: { apiToken: { id: string } } }>(
    'mutation ($id: ID!) { createApiToken(input: { organisationId: $id, name: "Fixture", scopeKind: NATIONAL }) { apiToken { id } } }',
    { id: NEWPORT_CVS },
    { authorization: `Bearer ${coordinatorToken}` },
  );
  return data.data?.createApiToken.apiToken.id ?? '';
}

/**
 * One valid call per root operation; the test fails for an operation without one. Variables are
 * named as the arguments or input fields they fill, so the policy's resource can be read off them.
 */
const FIXTURES: Record<string, Fixture> = {
  'Query.policeForceAreas': { document: '{ policeForceAreas { code } }', variables: () => ({}) },
  'Query.policeForceArea': { document: '{ policeForceArea(code: "W15000002") { code } }', variables: () => ({}) },
  'Query.localAuthorities': { document: '{ localAuthorities { code } }', variables: () => ({}) },
  'Query.localAuthority': { document: '{ localAuthority(code: "W06000022") { code } }', variables: () => ({}) },
  'Query.organisations': { document: '{ organisations(first: 5) { totalCount } }', variables: () => ({}) },
  'Query.organisation': {
    document: 'query ($id: ID!) { organisation(id: $id) { name } }',
    variables: () => ({ id: NEWPORT_CVS }),
  },
  'Query.specialisms': { document: '{ specialisms { code } }', variables: () => ({}) },
  'Query.me': { document: '{ me { id } }', variables: () => ({}) },
  'Mutation.signIn': { document: SIGN_IN, variables: () => ({ e: DEMO_LOGINS[3].email, p: DEMO_PASSWORD }) },
  'Mutation.refreshSession': {
    document: 'mutation ($t: String!) { refreshSession(input: { refreshToken: $t }) { accessToken } }',
    variables: async (app) => ({ t: await freshRefreshToken(app) }),
  },
  'Mutation.signOut': {
    document: 'mutation ($t: String!) { signOut(input: { refreshToken: $t }) { signedOut } }',
    variables: async (app) => ({ t: await freshRefreshToken(app) }),
  },
  'Mutation.createOrganisation': {
    document:
      'mutation ($name: String!) { createOrganisation(input: { name: $name, kind: VOLUNTARY_ORGANISATION }) { organisation { id } } }',
    variables: () => ({ name: `Policy Test Group ${unique()} (demo)` }),
  },
  'Mutation.updateOrganisation': {
    document:
      'mutation ($id: ID!) { updateOrganisation(input: { id: $id, website: "https://example.org/newport" }) { organisation { id } } }',
    variables: () => ({ id: NEWPORT_CVS }),
  },
  'Mutation.archiveOrganisation': {
    document: 'mutation ($id: ID!) { archiveOrganisation(input: { id: $id }) { organisation { status } } }',
    variables: () => ({ id: demoOrganisationId('local:E23000013:1') }),
  },
  'Query.apiTokens': {
    document: 'query ($organisationId: ID!) { apiTokens(organisationId: $organisationId) { id prefix } }',
    variables: () => ({ organisationId: NEWPORT_CVS }),
  },
  'Mutation.createApiToken': {
    document:
      'mutation ($organisationId: ID!) { createApiToken(input: { organisationId: $organisationId, name: "Screen", scopeKind: NATIONAL }) { token } }',
    variables: () => ({ organisationId: NEWPORT_CVS }),
  },
  'Mutation.revokeApiToken': {
    document:
      'mutation ($organisationId: ID!, $id: ID!) { revokeApiToken(input: { organisationId: $organisationId, id: $id }) { apiToken { id } } }',
    variables: (app) => newportTokenId(app).then((id) => ({ organisationId: NEWPORT_CVS, id })),
  },
  'Query.invitations': {
    document: 'query ($organisationId: ID!) { invitations(organisationId: $organisationId) { id email } }',
    variables: () => ({ organisationId: NEWPORT_CVS }),
  },
  'Mutation.inviteToOrganisation': {
    document:
      'mutation ($organisationId: ID!, $email: String!) { inviteToOrganisation(input: { organisationId: $organisationId, email: $email }) { token } }',
    variables: () => ({ organisationId: NEWPORT_CVS, email: `invitee-${unique().toLowerCase()}@example.org` }),
  },
  'Mutation.acceptInvitation': {
    document: `mutation ($token: String!, $displayName: String, $password: String) {
      acceptInvitation(input: { token: $token, displayName: $displayName, password: $password }) { role }
    }`,
    // Each actor accepts an invitation meant for them: a new address when signed out, their own otherwise.
    variables: async (app, actor) => {
      const login = DEMO_LOGINS.find((l) => l.key === actor);
      const email = login?.email ?? `newcomer-${unique().toLowerCase()}@example.org`;
      return { token: await invitationToken(app, email), displayName: 'New Comer', password: 'a-long-enough-password' };
    },
  },
  'Mutation.createSpecialism': {
    document:
      'mutation ($code: String!) { createSpecialism(input: { code: $code, label: "Policy test" }) { specialism { code } } }',
    variables: () => ({ code: `POLICY_TEST_${unique()}` }),
  },
};

describe('authorization: every operation as every kind of actor', () => {
  let sut: TestApp;
  const tokens = new Map<ActorName, string | null>([['anonymous', null]]);
  let operations: string[] = [];

  beforeAll(async () => {
    sut = await startTestApp();
    for (const login of DEMO_LOGINS) {
      const data = await sut.client.data<{ signIn: { accessToken: string } }>(
        'mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { accessToken } }',
        { e: login.email, p: DEMO_PASSWORD },
      );
      tokens.set(login.key, data.signIn.accessToken);
    }
    coordinatorToken = tokens.get('coordinator') ?? '';
    const dashboard = await sut.client.request<{ createApiToken: { token: string } }>(
      'mutation ($id: ID!) { createApiToken(input: { organisationId: $id, name: "Dashboard", scopeKind: NATIONAL }) { token } }',
      { id: NEWPORT_CVS },
      { authorization: `Bearer ${coordinatorToken}` },
    );
    tokens.set('dashboard', dashboard.data?.createApiToken.token ?? null);
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
    expect(operations.filter((op) => !OPERATION_POLICY[op])).toEqual([]);
    expect(operations.filter((op) => !FIXTURES[op])).toEqual([]);
  });

  it('allows or refuses each operation for each actor exactly as the policy table says, leaking nothing when refused', async () => {
    const outcomes: string[] = [];
    for (const operation of operations) {
      const rule = OPERATION_POLICY[operation];
      const fixture = FIXTURES[operation];
      if (!rule || !fixture) {
        throw new Error(`No policy or fixture for ${operation}`);
      }
      for (const [name, token] of tokens) {
        const variables = await fixture.variables(sut, name);
        const actor = actorOf(name);
        const allowed = POLICY[rule.action].allows(actor, rule.resource?.({ ...variables, input: variables }) ?? {});
        const response = await sut.client.request(
          fixture.document,
          variables,
          token ? { authorization: `Bearer ${token}` } : {},
        );
        const code = response.errors?.[0]?.extensions?.code;
        if (allowed) {
          expect({ operation, name, errors: response.errors }).toEqual({ operation, name, errors: undefined });
        } else {
          const expected =
            actor.kind === 'ANONYMOUS' && POLICY[rule.action].requiresSignIn ? 'UNAUTHENTICATED' : 'FORBIDDEN';
          expect({ operation, name, code }).toEqual({ operation, name, code: expected });
          expect(response.data ?? null).toBeNull();
        }
        outcomes.push(`${operation} ${name} ${allowed ? 'allowed' : 'refused'}`);
      }
    }
    expect(outcomes).toHaveLength(operations.length * tokens.size);
  });

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
