import { randomBytes } from 'node:crypto';
import { DEMO_LOGINS, DEMO_PASSWORD } from '@app/identity';
import { demoOrganisationId } from '@app/organisations';
import type { TestApp } from './test-app';

export type ActorName = 'anonymous' | 'dashboard' | (typeof DEMO_LOGINS)[number]['key'];

export const unique = (): string => randomBytes(4).toString('hex').toUpperCase();
export const NEWPORT_CVS = demoOrganisationId('cvs:W06000022');

export interface Fixture {
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
/** The Newport CVS admin's access token, which fixtures use to set things up. */
export function useCoordinatorToken(token: string): void {
  coordinatorToken = token;
}
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
export const FIXTURES: Record<string, Fixture> = {
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
  'Subscription.activity': {
    document: 'subscription { activity(scope: { kind: NATIONAL }) { cursor } }',
    variables: () => ({}),
  },
  'Query.activity': {
    document: '{ activity(scope: { kind: NATIONAL }, first: 5) { totalCount } }',
    variables: () => ({}),
  },
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
