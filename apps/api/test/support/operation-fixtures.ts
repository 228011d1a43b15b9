import { DateTime } from 'luxon';
import { randomBytes } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { DEMO_LOGINS, DEMO_PASSWORD, hashSecretToken, newSecretToken } from '@app/identity';
import { demoOrganisationId } from '@app/organisations';
import { graphqlWsClient, LiveSubscription } from '@app/testing';
import { invitationTokenOf } from './invitation-token';
import { demoCast, type Headers } from './sign-in';
import type { TestApp } from './test-app';

/** Dashboards are API tokens: national, and scoped to Gwent, to one network, and to Newport CVS. */
export type ActorName =
  | 'anonymous'
  | 'dashboard'
  | 'areaDashboard'
  | 'networkDashboard'
  | 'organisationDashboard'
  | (typeof DEMO_LOGINS)[number]['key'];

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
  const data = await app.client.request<{ inviteToOrganisation: { invitation: { id: string } } }>(
    'mutation ($id: ID!, $email: String!) { inviteToOrganisation(input: { organisationId: $id, email: $email }) { invitation { id } } }',
    { id: NEWPORT_CVS, email },
    (await demoCast(app)).coordinator,
  );
  return invitationTokenOf(app, data.data?.inviteToOrganisation.invitation.id ?? '');
}

/** A password token for a new person without a password, as `cli.js admin:create` issues. */
async function freshPasswordToken(app: TestApp): Promise<string> {
  const token = newSecretToken();
  const client = new PgClient({ connectionString: app.database.url });
  await client.connect();
  try {
    await client.query(
      `WITH p AS (INSERT INTO person (email, display_name) VALUES ($1, 'Password Fixture') RETURNING id)
       INSERT INTO password_token (person_id, token_hash, expires_at, purpose)
       SELECT id, $2, now() + interval '1 hour', 'SETUP' FROM p`,
      [`password-${unique().toLowerCase()}@example.org`, hashSecretToken(token)],
    );
  } finally {
    await client.end();
  }
  return token;
}

/** Who sets fixtures up: Newport CVS's admin, or the platform admin for what no demo organisation admin can do. */
export type SetUpRole = 'coordinator' | 'admin';

const GWENT = 'W15000002';
const TORFAEN_CVS = demoOrganisationId('cvs:W06000020');
const GWENT_GROUP = demoOrganisationId('local:W15000002:1');

/** Runs a mutation for fixture set-up and returns the value at `path` (failing loudly if it errs). */
export async function setUp(
  app: TestApp,
  as: SetUpRole | Headers,
  document: string,
  variables: Record<string, unknown>,
  path: string[],
) {
  const response = await app.client.request<Record<string, unknown>>(
    document,
    variables,
    typeof as === 'string' ? (await demoCast(app))[as] : as,
  );
  if (response.errors) {
    throw new Error(`Fixture set-up failed: ${JSON.stringify(response.errors)}`);
  }
  return path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], response.data) as string;
}

/** A fresh FORMING network in Gwent convened by Newport CVS (the coordinator's) or Torfaen CVS. */
export const freshNetwork = (app: TestApp, convenor: 'newport' | 'torfaen'): Promise<string> =>
  setUp(
    app,
    convenor === 'newport' ? 'coordinator' : 'admin',
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

/** A fresh CVS in Newport with a charity number, registered by the platform admin; verified when `verified`. */
async function freshCvs(app: TestApp, verified: boolean): Promise<string> {
  const id = await setUp(
    app,
    'admin',
    'mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }',
    {
      input: {
        name: `Policy Test CVS ${unique()} (demo)`,
        kind: 'CVS',
        charityNumber: '9990001',
        localAuthorityCodes: ['W06000022'],
      },
    },
    ['createOrganisation', 'organisation', 'id'],
  );
  if (verified) {
    await setUp(
      app,
      'admin',
      'mutation ($id: ID!) { verifyOrganisation(input: { organisationId: $id, charityNumberChecked: true, nationalBodyMember: false }) { organisation { id } } }',
      { id },
      ['verifyOrganisation', 'organisation', 'id'],
    );
  }
  return id;
}

/** Invites an organisation into a network (as `as`, a convenor's admin) and answers with its membership id. */
const invite = (app: TestApp, as: SetUpRole, networkId: string, organisationId: string): Promise<string> =>
  setUp(
    app,
    as,
    'mutation ($input: InviteToNetworkInput!) { inviteToNetwork(input: $input) { membership { id } } }',
    { input: { networkId, organisationId } },
    ['inviteToNetwork', 'membership', 'id'],
  );

const accept = (app: TestApp, as: SetUpRole, membershipId: string): Promise<string> =>
  setUp(
    app,
    as,
    'mutation ($input: AnswerMembershipInput!) { answerNetworkInvitation(input: $input) { membership { id } } }',
    { input: { membershipId, accept: true } },
    ['answerNetworkInvitation', 'membership', 'id'],
  );

/** Newport CVS invited into (or, with `accepted`, a member of) a network Torfaen CVS convenes. */
async function newportMembership(app: TestApp, accepted: boolean): Promise<string> {
  const networkId = await freshNetwork(app, 'torfaen');
  const membershipId = await invite(app, 'admin', networkId, NEWPORT_CVS);
  return accepted ? accept(app, 'coordinator', membershipId) : membershipId;
}

/** A Gwent group's membership (invited, or active) of a network Newport CVS convenes. */
async function groupMembership(app: TestApp, accepted: boolean): Promise<string> {
  const networkId = await freshNetwork(app, 'newport');
  const membershipId = await invite(app, 'coordinator', networkId, GWENT_GROUP);
  return accepted ? accept(app, 'admin', membershipId) : membershipId;
}
async function newportTokenId(app: TestApp): Promise<string> {
  const data = await app.client.request<{ createApiToken: { apiToken: { id: string } } }>(
    'mutation ($id: ID!) { createApiToken(input: { organisationId: $id, name: "Fixture", scopeKind: NATIONAL }) { apiToken { id } } }',
    { id: NEWPORT_CVS },
    (await demoCast(app)).coordinator,
  );
  return data.data?.createApiToken.apiToken.id ?? '';
}

/** A local time `days` ahead in Europe/London, as the API takes it. */
const localIn = (days: number, hour = 18): string =>
  DateTime.now().setZone('Europe/London').plus({ days }).set({ hour, minute: 0 }).toFormat("yyyy-MM-dd'T'HH:mm");

/** A fresh public event organised by Newport CVS (the coordinator's), weekly when `recurring`. */
export const freshEvent = (app: TestApp, recurring = false): Promise<string> =>
  setUp(
    app,
    'coordinator',
    'mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { id } } }',
    {
      input: {
        organiserOrganisationId: NEWPORT_CVS,
        policeForceAreaCode: GWENT,
        kind: 'PCC_ENGAGEMENT',
        title: `Policy event ${unique()} (test)`,
        start: localIn(14),
        end: localIn(14, 20),
        recurrenceRule: recurring ? 'FREQ=WEEKLY;COUNT=4' : null,
        visibility: 'PUBLIC',
      },
    },
    ['createEvent', 'event', 'id'],
  );

/** An event that has taken place (moved into the past behind the API's back: the API refuses past times). */
async function pastEvent(app: TestApp): Promise<string> {
  const id = await freshEvent(app);
  const client = new PgClient({ connectionString: app.database.url });
  await client.connect();
  await client.query(
    `UPDATE event SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
    [id],
  );
  await client.end();
  return id;
}

async function firstOccurrence(app: TestApp, eventId: string): Promise<string> {
  const response = await app.client.request<{ event: { startsAt: string } }>(
    'query ($id: ID!) { event(id: $id) { startsAt } }',
    { id: eventId },
  );
  return response.data?.event.startsAt ?? '';
}

const POLL_SLOTS = (): { start: string; end: string }[] => [
  { start: localIn(16), end: localIn(16, 20) },
  { start: localIn(17), end: localIn(17, 20) },
];

/** A fresh open poll in a fresh network Newport CVS convenes: its id and its first slot's. */
async function freshPoll(app: TestApp): Promise<{ pollId: string; slotId: string }> {
  const networkId = await freshNetwork(app, 'newport');
  const response = await app.client.request<{
    createSchedulingPoll: { poll: { id: string; slots: { id: string }[] } };
  }>(
    'mutation ($input: CreateSchedulingPollInput!) { createSchedulingPoll(input: $input) { poll { id slots { id } } } }',
    { input: { networkId, title: `Policy poll ${unique()} (test)`, kind: 'NETWORK_MEETING', slots: POLL_SLOTS() } },
    (await demoCast(app)).coordinator,
  );
  const poll = response.data?.createSchedulingPoll.poll;
  if (!poll) {
    throw new Error(`Fixture set-up failed: ${JSON.stringify(response.errors)}`);
  }
  return { pollId: poll.id, slotId: poll.slots[0]?.id ?? '' };
}

/** A fresh draft in a fresh network Newport CVS convenes, moved on as far as `stage`: its id and section's. */
export async function freshPosition(
  app: TestApp,
  stage: 'DRAFTING' | 'AGREED' | 'SUBMITTED' = 'DRAFTING',
): Promise<{ positionId: string; sectionId: string }> {
  const networkId = await freshNetwork(app, 'newport');
  const run = (document: string, input: Record<string, unknown>, path: string[]) =>
    setUp(app, 'coordinator', document, { input }, path);
  const positionId = await run(
    'mutation ($input: CreateJointPositionInput!) { createJointPosition(input: $input) { position { id } } }',
    {
      networkId,
      title: `Policy draft ${unique()} (test)`,
      audience: 'The commissioner',
      sections: [
        { heading: 'One', body: 'Text.' },
        { heading: 'Two', body: 'More text.' },
      ],
    },
    ['createJointPosition', 'position', 'id'],
  );
  const data = await app.client.data<{ jointPosition: { sections: { id: string }[] } }>(
    'query ($id: ID!) { jointPosition(id: $id) { sections { id } } }',
    { id: positionId },
    (await demoCast(app)).coordinator,
  );
  if (stage !== 'DRAFTING') {
    await run(
      'mutation ($input: ChangePositionStatusInput!) { changePositionStatus(input: $input) { position { id } } }',
      { positionId, status: 'AGREED' },
      ['changePositionStatus', 'position', 'id'],
    );
  }
  if (stage === 'SUBMITTED') {
    await run(
      'mutation ($input: SubmitPositionInput!) { submitPosition(input: $input) { position { id } } }',
      { positionId, submittedTo: 'The OPCC', submittedOn: '2026-11-29', method: 'email' },
      ['submitPosition', 'position', 'id'],
    );
  }
  return { positionId, sectionId: data.jointPosition.sections[0]?.id ?? '' };
}

/** A comment or a tracked change on a fresh draft's first section, made by the coordinator. */
async function freshReview(app: TestApp, kind: 'comment' | 'suggestion'): Promise<string> {
  const { sectionId } = await freshPosition(app);
  return kind === 'comment'
    ? setUp(
        app,
        'coordinator',
        'mutation ($input: AddCommentInput!) { addComment(input: $input) { comment { id } } }',
        { input: { sectionId, body: 'Can we cite the figures?' } },
        ['addComment', 'comment', 'id'],
      )
    : setUp(
        app,
        'coordinator',
        'mutation ($input: SuggestChangeInput!) { suggestChange(input: $input) { suggestion { id } } }',
        { input: { sectionId, baseRevision: 1, start: 0, end: 4, replacement: 'Some' } },
        ['suggestChange', 'suggestion', 'id'],
      );
}

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/** A fresh access token of a demo login (null for actors that are not one). */
async function accessTokenOf(app: TestApp, actor: ActorName): Promise<string | null> {
  const login = DEMO_LOGINS.find((l) => l.key === actor);
  if (!login) {
    return null;
  }
  const session = await app.client.data<{ signIn: { accessToken: string } }>(
    'mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { accessToken } }',
    { e: login.email, p: DEMO_PASSWORD },
  );
  return session.signIn.accessToken;
}

/** The actor's own open presence in a public draft (a subscription left running until the app closes). */
async function ownPresence(app: TestApp, actor: ActorName): Promise<string> {
  const token = await accessTokenOf(app, actor);
  if (!token) {
    return NO_SUCH_ID;
  }
  const { positionId } = await freshPosition(app, 'SUBMITTED');
  const client = graphqlWsClient(app.graphqlUrl, { authorization: `Bearer ${token}` });
  const live = new LiveSubscription<{ positionPresence: { you: string } }>(
    client,
    'subscription ($id: ID!) { positionPresence(positionId: $id) { you } }',
    { id: positionId },
  );
  const [first] = await live.waitFor(1);
  if (!first) {
    throw new Error(`Fixture set-up failed: ${JSON.stringify(live.errors)}`);
  }
  return first.positionPresence.you;
}

/** A calendar feed of the actor's own (a random id for actors who cannot have one). */
async function ownFeed(app: TestApp, actor: ActorName): Promise<string> {
  const token = await accessTokenOf(app, actor);
  if (!token) {
    return NO_SUCH_ID;
  }
  return setUp(
    app,
    { authorization: `Bearer ${token}` },
    'mutation { createCalendarFeed(input: { label: "To revoke" }) { feed { id } } }',
    {},
    ['createCalendarFeed', 'feed', 'id'],
  );
}

/**
 * One valid call per root operation; the test fails for an operation without one. Variables are
 * named as the arguments or input fields they fill, so the policy's resource can be read off them.
 */
export const CORE_FIXTURES: Record<string, Fixture> = {
  'Query.policeForceAreas': { document: '{ policeForceAreas { code } }', variables: () => ({}) },
  'Query.policeForceArea': {
    document: 'query ($code: String!) { policeForceArea(code: $code) { code } }',
    variables: () => ({ code: GWENT }),
  },
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
  'Mutation.setPasswordWithToken': {
    document:
      'mutation ($t: String!) { setPasswordWithToken(input: { token: $t, password: "a-long-enough-password" }) { person { email } } }',
    variables: async (app) => ({ t: await freshPasswordToken(app) }),
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
  'Mutation.verifyOrganisation': {
    document:
      'mutation ($id: ID!) { verifyOrganisation(input: { organisationId: $id, charityNumberChecked: true, nationalBodyMember: true, note: "Checked the register" }) { organisation { verification { status } } } }',
    variables: async (app) => ({ id: await freshCvs(app, false) }),
  },
  'Mutation.withdrawOrganisationVerification': {
    document:
      'mutation ($id: ID!) { withdrawOrganisationVerification(input: { organisationId: $id }) { organisation { verification { status } } } }',
    variables: async (app) => ({ id: await freshCvs(app, true) }),
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
      'mutation ($organisationId: ID!, $email: String!) { inviteToOrganisation(input: { organisationId: $organisationId, email: $email }) { invitation { id } } }',
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
      await accept(app, 'admin', await invite(app, 'coordinator', networkId, TORFAEN_CVS));
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
        'admin',
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
      'query ($policeForceAreaCode: String!) { coverageHistory(policeForceAreaCode: $policeForceAreaCode, from: "2026-01-01", to: "2026-12-31") { date status } }',
    variables: () => ({ policeForceAreaCode: GWENT }),
  },
  'Query.coveragePriorities': { document: '{ coveragePriorities { code } }', variables: () => ({}) },
  'Mutation.setCoveragePriorities': {
    document:
      'mutation { setCoveragePriorities(input: { specialisms: ["WOMEN", "RACIALLY_MINORITISED_COMMUNITIES", "CHILDREN_AND_YOUNG_PEOPLE"] }) { priorities { code } } }',
    variables: () => ({}),
  },
  'Query.events': { document: '{ events(first: 5) { totalCount } }', variables: () => ({}) },
  'Query.event': {
    document: 'query ($id: ID!) { event(id: $id) { title } }',
    variables: async (app) => ({ id: await freshEvent(app) }),
  },
  'Query.eventOccurrences': {
    document: 'query ($from: DateTime!, $to: DateTime!) { eventOccurrences(from: $from, to: $to) { startsAt } }',
    variables: () => ({ from: new Date().toISOString(), to: new Date(Date.now() + 30 * 86_400_000).toISOString() }),
  },
  'Subscription.eventChanges': {
    document: 'subscription { eventChanges(scope: { kind: NATIONAL }) { cursor } }',
    variables: () => ({}),
  },
  'Subscription.eventRsvpTally': {
    document: 'subscription ($eventId: ID!) { eventRsvpTally(eventId: $eventId) { confirmed } }',
    variables: async (app) => ({ eventId: await freshEvent(app) }),
  },
  'Mutation.createEvent': {
    document:
      'mutation ($organiserOrganisationId: ID!, $start: String!, $end: String!) { createEvent(input: { organiserOrganisationId: $organiserOrganisationId, kind: TRAINING, title: "Policy training (test)", start: $start, end: $end }) { event { id } } }',
    variables: () => ({ organiserOrganisationId: NEWPORT_CVS, start: localIn(21), end: localIn(21, 20) }),
  },
  'Mutation.updateEvent': {
    document:
      'mutation ($eventId: ID!) { updateEvent(input: { eventId: $eventId, venue: "Policy hall" }) { event { id } } }',
    variables: async (app) => ({ eventId: await freshEvent(app) }),
  },
  'Mutation.rescheduleEvent': {
    document:
      'mutation ($eventId: ID!, $start: String!, $end: String!) { rescheduleEvent(input: { eventId: $eventId, start: $start, end: $end }) { event { id } exceptions { outcome } } }',
    variables: async (app) => ({ eventId: await freshEvent(app), start: localIn(15), end: localIn(15, 20) }),
  },
  'Mutation.changeEventStatus': {
    document:
      'mutation ($eventId: ID!) { changeEventStatus(input: { eventId: $eventId, status: POSTPONED, reason: "Policy" }) { event { id } } }',
    variables: async (app) => ({ eventId: await freshEvent(app) }),
  },
  'Mutation.changeEventOccurrence': {
    document:
      'mutation ($eventId: ID!, $occurrenceStart: DateTime!) { changeEventOccurrence(input: { eventId: $eventId, occurrenceStart: $occurrenceStart, cancel: true }) { event { id } } }',
    variables: async (app) => {
      const eventId = await freshEvent(app, true);
      return { eventId, occurrenceStart: await firstOccurrence(app, eventId) };
    },
  },
  'Mutation.setEventAgenda': {
    document:
      'mutation ($eventId: ID!) { setEventAgenda(input: { eventId: $eventId, items: [{ title: "Welcome" }] }) { event { id } } }',
    variables: async (app) => ({ eventId: await freshEvent(app) }),
  },
  'Mutation.recordEventMinutes': {
    document:
      'mutation ($eventId: ID!) { recordEventMinutes(input: { eventId: $eventId, minutes: "Agreed." }) { event { id } } }',
    variables: async (app) => ({ eventId: await pastEvent(app) }),
  },
  'Mutation.answerEvent': {
    document:
      'mutation ($eventId: ID!, $organisationId: ID!) { answerEvent(input: { eventId: $eventId, organisationId: $organisationId, answer: GOING }) { rsvp { id } } }',
    variables: async (app) => ({ eventId: await freshEvent(app), organisationId: NEWPORT_CVS }),
  },
  'Query.calendarFeeds': { document: '{ calendarFeeds { id } }', variables: () => ({}) },
  'Mutation.createCalendarFeed': {
    document: 'mutation { createCalendarFeed(input: { label: "Policy" }) { path } }',
    variables: () => ({}),
  },
  'Mutation.revokeCalendarFeed': {
    document: 'mutation ($feedId: ID!) { revokeCalendarFeed(input: { feedId: $feedId }) { feed { revokedAt } } }',
    // Each signed-in person revokes a feed of their own.
    variables: async (app, actor) => ({ feedId: await ownFeed(app, actor) }),
  },
  'Query.schedulingPoll': {
    document: 'query ($id: ID!) { schedulingPoll(id: $id) { title tally { yes } } }',
    variables: async (app) => ({ id: (await freshPoll(app)).pollId }),
  },
  'Query.schedulingPolls': {
    document: 'query ($networkId: ID!) { schedulingPolls(networkId: $networkId) { id } }',
    variables: async (app) => ({ networkId: await freshNetwork(app, 'newport') }),
  },
  'Subscription.schedulingPollTally': {
    document: 'subscription ($pollId: ID!) { schedulingPollTally(pollId: $pollId) { slots { yes } } }',
    variables: async (app) => ({ pollId: (await freshPoll(app)).pollId }),
  },
  'Mutation.createSchedulingPoll': {
    document:
      'mutation ($networkId: ID!, $slots: [PollSlotInput!]!, $deadline: DateTime) { createSchedulingPoll(input: { networkId: $networkId, title: "Policy poll (test)", kind: NETWORK_MEETING, slots: $slots, deadline: $deadline }) { poll { id deadline } } }',
    variables: async (app) => ({
      networkId: await freshNetwork(app, 'newport'),
      slots: POLL_SLOTS(),
      deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    }),
  },
  'Mutation.answerSchedulingPoll': {
    document:
      'mutation ($pollId: ID!, $organisationId: ID!, $slotId: ID!) { answerSchedulingPoll(input: { pollId: $pollId, organisationId: $organisationId, answers: [{ slotId: $slotId, answer: YES }] }) { poll { id } } }',
    variables: async (app) => ({ ...(await freshPoll(app)), organisationId: NEWPORT_CVS }),
  },
  'Mutation.confirmSchedulingPoll': {
    document:
      'mutation ($pollId: ID!, $slotId: ID!) { confirmSchedulingPoll(input: { pollId: $pollId, slotId: $slotId }) { event { id } } }',
    variables: (app) => freshPoll(app),
  },
  'Mutation.closeSchedulingPoll': {
    document: 'mutation ($pollId: ID!) { closeSchedulingPoll(input: { pollId: $pollId }) { poll { status } } }',
    variables: async (app) => ({ pollId: (await freshPoll(app)).pollId }),
  },
  // A submitted (public) draft, so everyone may read it.
  'Query.jointPosition': {
    document: 'query ($id: ID!) { jointPosition(id: $id) { title } }',
    variables: async (app) => ({ id: (await freshPosition(app, 'SUBMITTED')).positionId }),
  },
  'Query.jointPositions': {
    document: 'query ($networkId: ID!) { jointPositions(networkId: $networkId) { id } }',
    variables: async (app) => ({ networkId: await freshNetwork(app, 'newport') }),
  },
  'Subscription.positionChanges': {
    document: 'subscription ($positionId: ID!) { positionChanges(positionId: $positionId) { revision } }',
    variables: async (app) => ({ positionId: (await freshPosition(app, 'SUBMITTED')).positionId }),
  },
  'Mutation.createJointPosition': {
    document:
      'mutation ($networkId: ID!) { createJointPosition(input: { networkId: $networkId, title: "Policy draft (test)", audience: "The commissioner" }) { position { id } } }',
    variables: async (app) => ({ networkId: await freshNetwork(app, 'newport') }),
  },
  'Mutation.editSection': {
    document:
      'mutation ($sectionId: ID!) { editSection(input: { sectionId: $sectionId, baseRevision: 1, body: "Edited." }) { __typename } }',
    variables: async (app) => ({ sectionId: (await freshPosition(app)).sectionId }),
  },
  'Mutation.addSection': {
    document:
      'mutation ($positionId: ID!) { addSection(input: { positionId: $positionId, heading: "Two" }) { section { id } } }',
    variables: async (app) => ({ positionId: (await freshPosition(app)).positionId }),
  },
  'Mutation.removeSection': {
    document: 'mutation ($sectionId: ID!) { removeSection(input: { sectionId: $sectionId }) { section { id } } }',
    variables: async (app) => ({ sectionId: (await freshPosition(app)).sectionId }),
  },
  'Mutation.moveSection': {
    document:
      'mutation ($sectionId: ID!) { moveSection(input: { sectionId: $sectionId, position: 2 }) { section { id } } }',
    variables: async (app) => ({ sectionId: (await freshPosition(app)).sectionId }),
  },
  'Mutation.changePositionStatus': {
    document:
      'mutation ($positionId: ID!) { changePositionStatus(input: { positionId: $positionId, status: CONSULTATION }) { position { status } } }',
    variables: async (app) => ({ positionId: (await freshPosition(app)).positionId }),
  },
  'Mutation.signOnToPosition': {
    document:
      'mutation ($positionId: ID!, $organisationId: ID!) { signOnToPosition(input: { positionId: $positionId, organisationId: $organisationId }) { signOn { id } } }',
    variables: async (app) => ({
      positionId: (await freshPosition(app, 'AGREED')).positionId,
      organisationId: NEWPORT_CVS,
    }),
  },
  'Mutation.submitPosition': {
    document:
      'mutation ($positionId: ID!) { submitPosition(input: { positionId: $positionId, submittedTo: "The OPCC", submittedOn: "2026-11-29", method: "email" }) { position { status } } }',
    variables: async (app) => ({ positionId: (await freshPosition(app, 'AGREED')).positionId }),
  },
  'Mutation.recordPositionResponse': {
    document:
      'mutation ($positionId: ID!) { recordPositionResponse(input: { positionId: $positionId, responseText: "Noted.", respondedOn: "2026-12-01" }) { position { status } } }',
    variables: async (app) => ({ positionId: (await freshPosition(app, 'SUBMITTED')).positionId }),
  },
  'Subscription.positionPresence': {
    document: 'subscription ($positionId: ID!) { positionPresence(positionId: $positionId) { you } }',
    variables: async (app) => ({ positionId: (await freshPosition(app, 'SUBMITTED')).positionId }),
  },
  'Mutation.movePresence': {
    document:
      'mutation ($presenceId: ID!) { movePresence(input: { presenceId: $presenceId, editing: false }) { presence { presenceId } } }',
    variables: async (app, actor) => ({ presenceId: await ownPresence(app, actor) }),
  },
  'Mutation.addComment': {
    document:
      'mutation ($sectionId: ID!) { addComment(input: { sectionId: $sectionId, body: "Agreed." }) { comment { id } } }',
    variables: async (app) => ({ sectionId: (await freshPosition(app)).sectionId }),
  },
  'Mutation.resolveComment': {
    document:
      'mutation ($commentId: ID!) { resolveComment(input: { commentId: $commentId }) { comment { resolvedAt } } }',
    variables: async (app) => ({ commentId: await freshReview(app, 'comment') }),
  },
  'Mutation.suggestChange': {
    document:
      'mutation ($sectionId: ID!) { suggestChange(input: { sectionId: $sectionId, baseRevision: 1, start: 0, end: 4, replacement: "Some" }) { suggestion { id } } }',
    variables: async (app) => ({ sectionId: (await freshPosition(app)).sectionId }),
  },
  'Mutation.decideSuggestion': {
    document:
      'mutation ($suggestionId: ID!) { decideSuggestion(input: { suggestionId: $suggestionId, accept: true }) { suggestion { status } } }',
    variables: async (app) => ({ suggestionId: await freshReview(app, 'suggestion') }),
  },
  'Mutation.createSpecialism': {
    document:
      'mutation ($code: String!) { createSpecialism(input: { code: $code, label: "Policy test" }) { specialism { code } } }',
    variables: () => ({ code: `POLICY_TEST_${unique()}` }),
  },
};
