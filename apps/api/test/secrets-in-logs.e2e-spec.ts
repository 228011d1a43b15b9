import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApolloDriver } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { Client as PgClient } from 'pg';
import { DEMO_PASSWORD } from '@app/identity';
import { demoOrganisationId } from '@app/organisations';
import { invitationTokenOf } from './support/invitation-token';
import { LogCapture, startTestApp, type TestApp } from './support/test-app';

// Its own file: nestjs-pino keeps one logger per module instance, and Jest gives each file its own
// (so the tests here share one app and one capture).
const SECRET = 'test-secret-test-secret-test-secret-1234';
const SIGN_IN = `mutation ($email: String!, $password: String!) {
  signIn(input: { email: $email, password: $password }) { accessToken refreshToken }
}`;
const REFRESH = `mutation ($token: String!) { refreshSession(input: { refreshToken: $token }) { accessToken refreshToken } }`;
const ME = '{ me { email } }';

interface Session {
  accessToken: string;
  refreshToken: string;
}

describe('secrets in logs', () => {
  const logs = new LogCapture();
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ LOG_LEVEL: 'trace', JWT_SECRET: SECRET }, logs);
  });

  afterAll(async () => {
    await sut.close();
  });

  const signIn = async (email: string): Promise<Session> =>
    (await sut.client.data<{ signIn: Session }>(SIGN_IN, { email, password: DEMO_PASSWORD })).signIn;

  it('never logs a password, a token or a hash, even at trace level', async () => {
    const secrets: string[] = [DEMO_PASSWORD, 'wrong-password-123'];
    await sut.client.request(SIGN_IN, { email: 'admin@demo.convene.example', password: 'wrong-password-123' });
    const session = await signIn('admin@demo.convene.example');
    const next = (await sut.client.data<{ refreshSession: Session }>(REFRESH, { token: session.refreshToken }))
      .refreshSession;
    await sut.client.request(ME, undefined, { authorization: `Bearer ${next.accessToken}` });
    await sut.client.request(ME, undefined, { authorization: `Bearer ${next.accessToken}x` });
    secrets.push(session.accessToken, session.refreshToken, next.accessToken, next.refreshToken);

    expect(logs.lines.length).toBeGreaterThan(5); // the capture works: requests were logged
    for (const secret of secrets) {
      expect(logs.text).not.toContain(secret);
    }
    expect(logs.text).not.toMatch(/scrypt\$|password_?hash|token_?hash|Bearer /i);
  });

  it("logs a private calendar feed's request without its secret", async () => {
    const member = await signIn('member@demo.convene.example');
    const { createCalendarFeed } = await sut.client.data<{ createCalendarFeed: { path: string } }>(
      'mutation { createCalendarFeed(input: { label: "Logged" }) { path } }',
      undefined,
      { authorization: `Bearer ${member.accessToken}` },
    );
    const secret = /cal_[\w-]+/.exec(createCalendarFeed.path)?.[0] ?? '';
    expect(secret.length).toBeGreaterThan(32);
    expect((await fetch(`${sut.baseUrl}${createCalendarFeed.path}?token=${secret}`)).status).toBe(200);

    expect(logs.text).toContain('/calendars/feeds/[redacted].ics?token=[redacted]'); // it was logged
    expect(logs.text).not.toContain(secret);
    expect(logs.text).not.toContain(secret.slice(4, 20));
  });

  it("logs a failed statement without its values (here a new person's password hash)", async () => {
    const admin = await signIn('coordinator@demo.convene.example');
    const email = 'refused-in-logs@example.org';
    const name = 'Refused Person In Logs';
    const { inviteToOrganisation } = await sut.client.data<{ inviteToOrganisation: { invitation: { id: string } } }>(
      'mutation ($id: ID!, $email: String!) { inviteToOrganisation(input: { organisationId: $id, email: $email }) { invitation { id } } }',
      { id: demoOrganisationId('cvs:W06000022'), email },
      { authorization: `Bearer ${admin.accessToken}` },
    );
    const token = invitationTokenOf(sut, inviteToOrganisation.invitation.id);
    // A rule the service does not know, so the insert fails in PostgreSQL with every value bound.
    const database = new PgClient({ connectionString: sut.database.url });
    await database.connect();
    try {
      await database.query(
        `ALTER TABLE person ADD CONSTRAINT person_refused_in_test CHECK (display_name <> $$${name}$$)`,
      );
      const accepted = await sut.client.request(
        'mutation ($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { role } }',
        { input: { token, displayName: name, password: 'a-long-secret-password-9' } },
      );
      // The exception filter's safety net answers a check violation as bad input; both the SQL log and
      // its warning must still leave the values out.
      expect(accepted.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    } finally {
      await database.query('ALTER TABLE person DROP CONSTRAINT IF EXISTS person_refused_in_test');
      await database.end();
    }

    expect(logs.text).toContain('person_refused_in_test'); // the failure was logged
    expect(logs.text).not.toMatch(/scrypt\$|a-long-secret-password-9/);
    expect(logs.text).not.toContain(name);
    expect(logs.text).not.toContain(email);
    expect(logs.text).not.toContain(token);
  });

  it("writes Apollo's own messages as JSON lines, as every other (not Apollo's plain text on the console)", () => {
    const apollo = sut.app.get(GraphQLModule).graphQlAdapter as ApolloDriver;
    apollo.instance.logger.error('Unexpected error processing request: a probe');
    const entries = logs.lines.map((line) => JSON.parse(line) as { level: number; context?: string; msg?: string });
    expect(entries).toContainEqual(
      expect.objectContaining({ level: 50, context: 'Apollo', msg: 'Unexpected error processing request: a probe' }),
    );
  });
});
