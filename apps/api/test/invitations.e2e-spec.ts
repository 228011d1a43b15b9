import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD } from '@app/identity';
import { demoOrganisationId } from '@app/organisations';
import { invitationTokenOf } from './support/invitation-token';
import { startTestApp, type TestApp } from './support/test-app';

const NEWPORT_CVS = demoOrganisationId('cvs:W06000022');
const INVITE = `mutation ($email: String!, $role: AffiliationRole) {
  inviteToOrganisation(input: { organisationId: "${NEWPORT_CVS}", email: $email, role: $role }) { token invitation { id email role expiresAt } }
}`;
const ACCEPT = `mutation ($input: AcceptInvitationInput!) {
  acceptInvitation(input: $input) { role organisation { id } session { accessToken person { email } } }
}`;

describe('invitations to an organisation', () => {
  let sut: TestApp;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const signIn = async (email: string, password = DEMO_PASSWORD): Promise<string> =>
    (
      await sut.client.data<{ signIn: { accessToken: string } }>(
        'mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { accessToken } }',
        { e: email, p: password },
      )
    ).signIn.accessToken;
  const invite = async (email: string, role = 'STAFF'): Promise<string> => {
    const { data, errors } = await sut.client.request<{
      inviteToOrganisation: { token: string | null; invitation: { id: string } };
    }>(INVITE, { email, role }, bearer(await signIn('coordinator@demo.convene.example')));
    expect(errors).toBeUndefined();
    // The inviter is not shown the token (the invitee is emailed it): null, as the schema says.
    expect(data!.inviteToOrganisation.token).toBeNull();
    return invitationTokenOf(sut, data!.inviteToOrganisation.invitation.id);
  };

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('creates the account of a newcomer, signs them in, and is single-use', async () => {
    const token = await invite('  New.Person@Example.org ');
    const accepted = await sut.client.request<{
      acceptInvitation: {
        role: string;
        organisation: { id: string };
        session: { accessToken: string; person: { email: string } };
      };
    }>(ACCEPT, { input: { token, displayName: 'New Person', password: 'correct horse battery' } });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.acceptInvitation).toMatchObject({
      role: 'STAFF',
      organisation: { id: NEWPORT_CVS },
      session: { person: { email: 'new.person@example.org' } },
    });
    const me = await sut.client.request<{ me: { affiliations: { organisation: { id: string } }[] } }>(
      '{ me { affiliations { organisation { id } } } }',
      undefined,
      bearer(accepted.data!.acceptInvitation.session.accessToken),
    );
    expect(me.data?.me.affiliations).toEqual([{ organisation: { id: NEWPORT_CVS } }]);
    expect(await signIn('new.person@example.org', 'correct horse battery')).toBeTruthy();

    const again = await sut.client.request(ACCEPT, {
      input: { token, displayName: 'X Y', password: 'another long password' },
    });
    expect(again.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.token');
  });

  it('links an existing account only when its owner is signed in, and leaves the invitation usable otherwise', async () => {
    const token = await invite('partner@demo.convene.example', 'ORG_ADMIN');
    const anonymous = await sut.client.request(ACCEPT, { input: { token } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrongPerson = await sut.client.request(
      ACCEPT,
      { input: { token } },
      bearer(await signIn('member@demo.convene.example')),
    );
    expect(wrongPerson.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const partner = await signIn('partner@demo.convene.example');
    const accepted = await sut.client.request<{ acceptInvitation: { role: string; session: null } }>(
      ACCEPT,
      { input: { token } },
      bearer(partner),
    );
    expect(accepted.data?.acceptInvitation).toMatchObject({ role: 'ORG_ADMIN', session: null });
  });

  it('needs a name and password to create an account, writing nothing without them', async () => {
    const token = await invite('half@example.org');
    const { errors } = await sut.client.request(ACCEPT, { input: { token } });
    expect(errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.displayName');
    const short = await sut.client.request(ACCEPT, { input: { token, displayName: 'Half Way', password: 'short' } });
    expect(short.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.password');
    const done = await sut.client.request(ACCEPT, {
      input: { token, displayName: 'Half Way', password: 'now long enough' },
    });
    expect(done.errors).toBeUndefined();
  });

  it('never demotes: an admin accepting a staff invitation stays admin', async () => {
    const coordinator = await signIn('coordinator@demo.convene.example');
    const token = await invite('coordinator@demo.convene.example', 'STAFF');
    const accepted = await sut.client.request(ACCEPT, { input: { token } }, bearer(coordinator));
    expect(accepted.errors).toBeUndefined();
    const me = await sut.client.request<{ me: { affiliations: { role: string }[] } }>(
      '{ me { affiliations { role } } }',
      undefined,
      bearer(coordinator),
    );
    expect(me.data?.me.affiliations).toEqual([{ role: 'ORG_ADMIN' }]);
  });

  it('lists the invitations to their admins, without tokens', async () => {
    const admin = await signIn('coordinator@demo.convene.example');
    const token = await invite('listed@example.org');
    const listed = await sut.client.request<{ invitations: { email: string }[] }>(
      `{ invitations(organisationId: "${NEWPORT_CVS}") { email role acceptedAt } }`,
      undefined,
      bearer(admin),
    );
    expect(listed.data?.invitations.map((i) => i.email)).toContain('listed@example.org');
    expect(JSON.stringify(listed)).not.toContain(token);
  });
});

describe('invitations: limits (each is an email an organisation partly words)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ INVITER_INVITATIONS_PER_HOUR: '3', ORG_INVITATIONS_PER_DAY: '5' });
  });

  afterAll(async () => {
    await sut.close();
  });

  const signedIn = async (email: string): Promise<Record<string, string>> => {
    const { signIn } = await sut.client.data<{ signIn: { accessToken: string } }>(
      'mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { accessToken } }',
      { e: email, p: DEMO_PASSWORD },
    );
    return { authorization: `Bearer ${signIn.accessToken}` };
  };
  let sent = 0;
  const invite = async (headers: Record<string, string>) =>
    sut.client.request(INVITE, { email: `limited-${sent++}@example.org`, role: 'STAFF' }, headers);

  it('refuses an inviter past their hourly limit and an organisation past its daily one, with typed errors', async () => {
    const coordinator = await signedIn('coordinator@demo.convene.example');
    const admin = await signedIn('admin@demo.convene.example');
    for (let i = 0; i < 3; i++) {
      expect((await invite(coordinator)).errors).toBeUndefined();
    }
    const inviterRefused = await invite(coordinator);
    expect(inviterRefused.errors?.[0]?.extensions).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      reason: 'INVITER_INVITATIONS_LIMITED',
    });
    // Another admin of the organisation may still invite, up to the organisation's limit.
    for (let i = 0; i < 2; i++) {
      expect((await invite(admin)).errors).toBeUndefined();
    }
    const organisationRefused = await invite(admin);
    expect(organisationRefused.errors?.[0]?.extensions).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      reason: 'ORGANISATION_INVITATIONS_LIMITED',
      fields: [{ field: 'input.organisationId', message: 'has sent 5 invitations in 24 hours' }],
    });
    // Nothing half-written: five invitations, no more.
    const { invitations } = await sut.client.data<{ invitations: unknown[] }>(
      `{ invitations(organisationId: "${NEWPORT_CVS}") { id } }`,
      {},
      admin,
    );
    expect(invitations).toHaveLength(5);
  });
});
