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

let coordinatorToken = '';
let adminToken = '';
/** The Newport CVS admin's access token, which fixtures use to set things up. */
export function useCoordinatorToken(token: string): void {
  coordinatorToken = token;
}
/** The platform admin's access token, for setting up what no demo organisation admin can. */
export function useAdminToken(token: string): void {
  adminToken = token;
}

const GWENT = 'W15000002';
const TORFAEN_CVS = demoOrganisationId('cvs:W06000020');
const GWENT_GROUP = demoOrganisationId('local:W15000002:1');

/** Runs a mutation for fixture set-up and returns the value at `path` (failing loudly if it errs). */
async function setUp(
  app: TestApp,
  token: string,
  document: string,
  variables: Record<string, unknown>,
  path: string[],
) {
  const response = await app.client.request<Record<string, unknown>>(document, variables, {
    authorization: `Bearer ${token}`,
  });
  if (response.errors) {
    throw new Error(`Fixture set-up failed: ${JSON.stringify(response.errors)}`);
  }
  return path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], response.data) as string;
}

/** A fresh FORMING network in Gwent convened by Newport CVS (the coordinator's) or Torfaen CVS. */
const freshNetwork = (app: TestApp, convenor: 'newport' | 'torfaen'): Promise<string> =>
  setUp(
    app,
    convenor === 'newport' ? coordinatorToken : adminToken,
    'mutation ($input: CreateNetworkInput!) { createNetwork(input: $input) { network { id } } }',
    {
      input: {
        name: `Policy network ${unique()} (test)`,
        policeForceAreaCode: GWENT,
        convenorOrganisationId: convenor === 'newport' ? NEWPORT_CVS : TORFAEN_CVS,
      },
    },
    ['createNetwork', 'network', 'id'],
  );

/** Invites an organisation into a network (as `token`, a convenor) and answers with its membership id. */
const invite = (app: TestApp, token: string, networkId: string, organisationId: string): Promise<string> =>
  setUp(
    app,
    token,
    'mutation ($input: InviteToNetworkInput!) { inviteToNetwork(input: $input) { membership { id } } }',
    { input: { networkId, organisationId } },
    ['inviteToNetwork', 'membership', 'id'],
  );

const accept = (app: TestApp, token: string, membershipId: string): Promise<string> =>
  setUp(
    app,
    token,
    'mutation ($input: AnswerMembershipInput!) { answerNetworkInvitation(input: $input) { membership { id } } }',
    { input: { membershipId, accept: true } },
    ['answerNetworkInvitation', 'membership', 'id'],
  );

/** Newport CVS invited into (or, with `accepted`, a member of) a network Torfaen CVS convenes. */
async function newportMembership(app: TestApp, accepted: boolean): Promise<string> {
  const networkId = await freshNetwork(app, 'torfaen');
  const membershipId = await invite(app, adminToken, networkId, NEWPORT_CVS);
  return accepted ? accept(app, coordinatorToken, membershipId) : membershipId;
}

/** A Gwent group's membership (invited, or active) of a network Newport CVS convenes. */
async function groupMembership(app: TestApp, accepted: boolean): Promise<string> {
  const networkId = await freshNetwork(app, 'newport');
  const membershipId = await invite(app, coordinatorToken, networkId, GWENT_GROUP);
  return accepted ? accept(app, adminToken, membershipId) : membershipId;
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
  'Query.networks': { document: '{ networks(first: 5) { totalCount } }', variables: () => ({}) },
  'Query.network': {
    document: 'query ($id: ID!) { network(id: $id) { name convenors { id } } }',
    variables: async (app) => ({ id: await freshNetwork(app, 'newport') }),
  },
  'Mutation.createNetwork': {
    document:
      'mutation ($name: String!, $convenorOrganisationId: ID!) { createNetwork(input: { name: $name, policeForceAreaCode: "W15000002", convenorOrganisationId: $convenorOrganisationId }) { network { id } } }',
    variables: () => ({ name: `Policy network ${unique()} (test)`, convenorOrganisationId: NEWPORT_CVS }),
  },
  'Mutation.updateNetwork': {
    document:
      'mutation ($networkId: ID!) { updateNetwork(input: { networkId: $networkId, purpose: "Policy test" }) { network { id } } }',
    variables: async (app) => ({ networkId: await freshNetwork(app, 'newport') }),
  },
  'Mutation.changeNetworkStatus': {
    document:
      'mutation ($networkId: ID!) { changeNetworkStatus(input: { networkId: $networkId, status: ACTIVE }) { network { id } } }',
    variables: async (app) => ({ networkId: await freshNetwork(app, 'newport') }),
  },
  'Mutation.inviteToNetwork': {
    document:
      'mutation ($networkId: ID!, $organisationId: ID!) { inviteToNetwork(input: { networkId: $networkId, organisationId: $organisationId }) { membership { id } } }',
    variables: async (app) => ({ networkId: await freshNetwork(app, 'newport'), organisationId: GWENT_GROUP }),
  },
  'Mutation.handOverConvening': {
    document:
      'mutation ($networkId: ID!, $from: ID!, $to: ID!) { handOverConvening(input: { networkId: $networkId, fromOrganisationId: $from, toOrganisationId: $to }) { network { id } } }',
    variables: async (app) => {
      const networkId = await freshNetwork(app, 'newport');
      await accept(app, adminToken, await invite(app, coordinatorToken, networkId, TORFAEN_CVS));
      return { networkId, from: NEWPORT_CVS, to: TORFAEN_CVS };
    },
  },
  'Mutation.requestToJoinNetwork': {
    document:
      'mutation ($networkId: ID!, $organisationId: ID!) { requestToJoinNetwork(input: { networkId: $networkId, organisationId: $organisationId }) { membership { id } } }',
    variables: async (app) => ({ networkId: await freshNetwork(app, 'torfaen'), organisationId: NEWPORT_CVS }),
  },
  'Mutation.answerNetworkInvitation': {
    document:
      'mutation ($membershipId: ID!) { answerNetworkInvitation(input: { membershipId: $membershipId, accept: true }) { membership { id } } }',
    variables: async (app) => ({ membershipId: await newportMembership(app, false) }),
  },
  'Mutation.leaveNetwork': {
    document:
      'mutation ($membershipId: ID!) { leaveNetwork(input: { membershipId: $membershipId }) { membership { id } } }',
    variables: async (app) => ({ membershipId: await newportMembership(app, true) }),
  },
  'Mutation.answerJoinRequest': {
    document:
      'mutation ($membershipId: ID!) { answerJoinRequest(input: { membershipId: $membershipId, accept: true }) { membership { id } } }',
    variables: async (app) => {
      const networkId = await freshNetwork(app, 'newport');
      const membershipId = await setUp(
        app,
        adminToken,
        'mutation ($input: RequestToJoinNetworkInput!) { requestToJoinNetwork(input: $input) { membership { id } } }',
        { input: { networkId, organisationId: GWENT_GROUP } },
        ['requestToJoinNetwork', 'membership', 'id'],
      );
      return { membershipId };
    },
  },
  'Mutation.removeFromNetwork': {
    document:
      'mutation ($membershipId: ID!) { removeFromNetwork(input: { membershipId: $membershipId }) { membership { id } } }',
    variables: async (app) => ({ membershipId: await groupMembership(app, false) }),
  },
  'Mutation.changeMembershipRole': {
    document:
      'mutation ($membershipId: ID!) { changeMembershipRole(input: { membershipId: $membershipId, role: OBSERVER }) { membership { id } } }',
    variables: async (app) => ({ membershipId: await groupMembership(app, true) }),
  },
  'Query.coverage': {
    document: '{ coverage { national { areaCount } areas { status reasons } } }',
    variables: () => ({}),
  },
  'Query.coverageHistory': {
    document:
      '{ coverageHistory(policeForceAreaCode: "W15000002", from: "2026-01-01", to: "2026-12-31") { date status } }',
    variables: () => ({}),
  },
  'Query.coveragePriorities': { document: '{ coveragePriorities { code } }', variables: () => ({}) },
  'Mutation.setCoveragePriorities': {
    document:
      'mutation { setCoveragePriorities(input: { specialisms: ["WOMEN", "RACIALLY_MINORITISED_COMMUNITIES", "CHILDREN_AND_YOUNG_PEOPLE"] }) { priorities { code } } }',
    variables: () => ({}),
  },
  'Mutation.createSpecialism': {
    document:
      'mutation ($code: String!) { createSpecialism(input: { code: $code, label: "Policy test" }) { specialism { code } } }',
    variables: () => ({ code: `POLICY_TEST_${unique()}` }),
  },
};
