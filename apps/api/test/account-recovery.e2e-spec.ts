import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AccountRecoveryService, createPlatformAdmin } from '@app/identity';
import {
  NotificationCategory,
  NOTIFICATIONS_OPTIONS,
  type NotificationsOptions,
  unsubscribeToken,
} from '@app/notifications';
import { countSql, eventually } from '@app/testing';
import { errorOf, type Headers, NEWPORT_CVS, signIn } from './support/event-helpers';
import { unique } from './support/operation-fixtures';
import { linkIn, SmtpSink } from './support/smtp-sink';
import { startTestApp, type TestApp } from './support/test-app';

const SLOW_MS = 120_000;
const INVITE =
  'mutation ($id: ID!, $email: String!) { inviteToOrganisation(input: { organisationId: $id, email: $email }) { invitation { id } } }';
const ACCEPT =
  'mutation ($t: String!) { acceptInvitation(input: { token: $t, displayName: "Invited (test)", password: "a-long-enough-password" }) { session { accessToken } } }';
const RESET_REQUEST = 'mutation ($e: String!) { requestPasswordReset(input: { email: $e }) { requested } }';
const SET_WITH_TOKEN =
  'mutation ($t: String!, $p: String!) { setPasswordWithToken(input: { token: $t, password: $p }) { person { email } } }';

/** Account recovery seen by an attacker: what the answers and the mail reveal, and what can be voided. */
describe('account recovery under attack', () => {
  let sut: TestApp;
  let sink: SmtpSink;
  let coordinator: Headers;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    sut = await startTestApp({
      SMTP_URL: sink.url,
      PUBLIC_URL: 'https://convene.test',
      NOTIFICATION_PLAN_INTERVAL_MS: '100',
      NOTIFICATION_POLL_SECONDS: '0.5',
    });
    coordinator = await signIn(sut, 'coordinator@demo.convene.example');
  }, SLOW_MS);

  afterAll(async () => {
    await sut?.close();
    await sink?.close();
  }, SLOW_MS);

  /** A new account with a password, signed in. */
  const newAccount = async (): Promise<{ email: string; headers: Headers }> => {
    const email = `account-${unique().toLowerCase()}@example.org`;
    await sut.client.data(INVITE, { id: NEWPORT_CVS, email }, coordinator);
    const { token } = linkIn((await sink.waitFor(email, /invited/)).text, '/dashboard/accept-invitation');
    const accepted = await sut.client.data<{ acceptInvitation: { session: { accessToken: string } } }>(ACCEPT, {
      t: token,
    });
    return { email, headers: { authorization: `Bearer ${accepted.acceptInvitation.session.accessToken}` } };
  };

  const EMAIL_CHANGE =
    'mutation ($e: String!, $p: String!) { requestEmailChange(input: { newEmail: $e, password: $p }) { requested } }';
  const CONFIRM = 'mutation ($t: String!) { confirmEmailChange(input: { token: $t }) { person { email } } }';

  it('answers an email change the same whether or not the address has an account; confirming a taken one is refused', async () => {
    const { email, headers } = await newAccount();
    const taken = 'partner@demo.convene.example';
    const fresh = `fresh-${unique().toLowerCase()}@example.org`;
    const toFresh = await sut.client.request(EMAIL_CHANGE, { e: fresh, p: 'a-long-enough-password' }, headers);
    const toTaken = await sut.client.request(EMAIL_CHANGE, { e: taken, p: 'a-long-enough-password' }, headers);
    expect([toTaken.data, toTaken.errors]).toEqual([toFresh.data, toFresh.errors]);
    expect(toTaken.data).toEqual({ requestEmailChange: { requested: true } });
    // Only the address's owner learns of the conflict, when the (newest) link is used.
    const { token } = linkIn((await sink.waitFor(taken, /Confirm your new email/)).text, '/dashboard/confirm-email');
    const refused = await sut.client.request(CONFIRM, { t: token });
    expect(refused.errors?.[0]?.extensions?.reason).toBe('EMAIL_TAKEN');
    expect(await sut.client.data('{ me { email } }', {}, headers)).toEqual({ me: { email } });
  });

  it('sends at most three email-change links an hour per person, with the same answer', async () => {
    const { headers } = await newAccount();
    const addresses = Array.from({ length: 5 }, (_, i) => `many-${i}-${unique().toLowerCase()}@example.org`);
    for (const address of addresses) {
      expect(await sut.client.data(EMAIL_CHANGE, { e: address, p: 'a-long-enough-password' }, headers)).toEqual({
        requestEmailChange: { requested: true },
      });
    }
    // Confirmations are planned in the request's transaction: what was not planned by now never will be.
    const planned = await sut.app
      .get(DataSource)
      .query<{ email: string }[]>(`SELECT email FROM notification WHERE email = ANY($1)`, [addresses]);
    expect(planned.map((p) => p.email).sort()).toEqual(addresses.slice(0, 3).sort());
  });

  it(
    'sends a queued message to the address the person has when it goes, not the one it was planned for',
    async () => {
      const { email, headers } = await newAccount();
      const newEmail = `moved-${unique().toLowerCase()}@example.org`;
      // The first try of the reset email to the old address is turned away (451): it waits for a retry.
      let turnedAway = 0;
      sink.onMessage = (raw) => {
        const refuse = raw.includes(`To: ${email}`) && /^Subject: Reset your/m.test(raw);
        turnedAway += refuse ? 1 : 0;
        return !refuse;
      };
      try {
        await sut.client.data(RESET_REQUEST, { e: email });
        await eventually(() => (turnedAway > 0 ? true : undefined), { what: 'the reset email turned away once' });
        // Meanwhile the person moves to another address.
        await sut.client.data(EMAIL_CHANGE, { e: newEmail, p: 'a-long-enough-password' }, headers);
        const { token } = linkIn(
          (await sink.waitFor(newEmail, /Confirm your new email/)).text,
          '/dashboard/confirm-email',
        );
        await sut.client.data(CONFIRM, { t: token });
      } finally {
        sink.onMessage = () => true;
      }
      await sink.waitFor(newEmail, /Reset your Convene password/);
      expect(sink.to(email).filter((m) => /Reset your/.test(m.subject))).toEqual([]);
    },
    SLOW_MS,
  );

  it('answers an unsubscribe link of a deleted account clearly (410), never with a server error', async () => {
    const { headers } = await newAccount();
    const { me } = await sut.client.data<{ me: { id: string } }>('{ me { id } }', {}, headers);
    const secret = sut.app.get<NotificationsOptions>(NOTIFICATIONS_OPTIONS).secret;
    const url = `${sut.baseUrl}/notifications/unsubscribe?token=${unsubscribeToken(secret, {
      personId: me.id,
      category: NotificationCategory.EVENT_REMINDER,
    })}`;
    expect((await fetch(url)).status).toBe(200); // the page with its button, while the account exists
    await sut.app.get(DataSource).query('DELETE FROM person WHERE id = $1', [me.id]);

    const page = await fetch(url);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('This account no longer exists');
    const posted = await fetch(url, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    expect(posted.status).toBe(410);
    expect(await posted.json()).toEqual({
      unsubscribed: false,
      reason: 'the account no longer exists: no more email is sent to it',
    });
  });

  it("a reset request does not void a platform admin's unused setup token", async () => {
    const email = `new-admin-${unique().toLowerCase()}@example.org`;
    const { token: setup } = await createPlatformAdmin(sut.app.get(DataSource).manager, {
      email,
      displayName: 'New admin (test)',
    });
    // Anyone who knows the address asks for a reset before the admin has used the setup token.
    expect(await sut.client.data(RESET_REQUEST, { e: email })).toEqual({ requestPasswordReset: { requested: true } });
    const { token: reset } = linkIn(
      (await sink.waitFor(email, /Reset your Convene password/)).text,
      '/dashboard/reset-password',
    );
    expect(await sut.client.data(SET_WITH_TOKEN, { t: setup, p: 'the-admins-first-password' })).toEqual({
      setPasswordWithToken: { person: { email } },
    });
    // Setting the password voids every other token of the account, the reset link included.
    const late = await sut.client.request(
      'mutation ($t: String!, $p: String!) { resetPassword(input: { token: $t, password: $p }) { person { email } } }',
      { t: reset, p: 'someone-elses-password' },
    );
    expect(errorOf(late)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.token' });
  });
});

/** A reset request's answer, seen from outside: its cost, and the limit per client address. */
describe('password reset requests, answered before any work', () => {
  let sut: TestApp;

  beforeAll(async () => {
    // The worker runs once an hour here: what a request does is only what its answer waited for.
    sut = await startTestApp({ TRUST_PROXY: '1', PASSWORD_RESET_POLL_MS: '3600000' });
  }, SLOW_MS);

  afterAll(async () => {
    await sut?.close();
  }, SLOW_MS);

  const ask = (email: string, client: string) =>
    sut.client.request(RESET_REQUEST, { e: email }, { 'x-forwarded-for': client });

  it('does the same work for a known address as for an unknown one (nothing to time)', async () => {
    await ask('warm-up@example.org', '198.51.100.1');
    const touched = (statements: string[]) =>
      statements.filter((sql) => /\b(person|password_token|password_reset_request|notification)\b/i.test(sql));
    const known = await countSql(() => ask('member@demo.convene.example', '198.51.100.2'));
    const unknown = await countSql(() => ask(`nobody-${unique().toLowerCase()}@example.org`, '198.51.100.3'));
    expect(known.result.data).toEqual({ requestPasswordReset: { requested: true } });
    expect(unknown.result.data).toEqual(known.result.data);
    expect(touched(known.statements)).toEqual(touched(unknown.statements));
    expect(touched(known.statements).join('\n')).not.toMatch(/\bpassword_token\b|\bperson\b/);
    // Both were recorded, and the worker makes the link for the known one only.
    const recovery = sut.app.get(AccountRecoveryService);
    expect(await recovery.handlePendingResets()).toBe(3);
    const tokens = await sut.app
      .get(DataSource)
      .query<{ email: string }[]>(
        `SELECT p.email FROM password_token t JOIN person p ON p.id = t.person_id WHERE t.purpose = 'RESET'`,
      );
    expect(tokens).toEqual([{ email: 'member@demo.convene.example' }]);
  });

  it('refuses an eleventh request in an hour from one client address, whatever the address asked for', async () => {
    const client = '203.0.113.7';
    for (let i = 0; i < 10; i++) {
      const email = i % 2 ? 'partner@demo.convene.example' : `nobody-${i}-${unique().toLowerCase()}@example.org`;
      expect((await ask(email, client)).data).toEqual({ requestPasswordReset: { requested: true } });
    }
    const known = await ask('partner@demo.convene.example', client);
    const unknown = await ask(`nobody-${unique().toLowerCase()}@example.org`, client);
    for (const refused of [known, unknown]) {
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        reason: 'RESET_REQUESTS_LIMITED',
      });
    }
    expect(known.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
    // Another client is not held back.
    expect((await ask('partner@demo.convene.example', '203.0.113.8')).data).toEqual({
      requestPasswordReset: { requested: true },
    });
  });

  it('counts the addresses of one IPv6 /64 (and an IPv4-mapped address) as one client', async () => {
    for (let i = 1; i <= 10; i++) {
      const client = i === 10 ? '2001:DB8:7:1:0:0:0:a' : `2001:db8:7:1:${i.toString(16)}::${i}`;
      expect((await ask(`nobody-${unique().toLowerCase()}@example.org`, client)).data).toEqual({
        requestPasswordReset: { requested: true },
      });
    }
    const refused = await ask(`nobody-${unique().toLowerCase()}@example.org`, '2001:db8:7:1:ffff:ffff:ffff:ffff');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ reason: 'RESET_REQUESTS_LIMITED' });
    // The next /64 is another client.
    expect((await ask(`nobody-${unique().toLowerCase()}@example.org`, '2001:db8:7:2::1')).data).toEqual({
      requestPasswordReset: { requested: true },
    });
    // An IPv4-mapped address is the IPv4 address.
    for (let i = 0; i < 10; i++) {
      await ask(`nobody-${unique().toLowerCase()}@example.org`, '198.51.100.77');
    }
    const mapped = await ask(`nobody-${unique().toLowerCase()}@example.org`, '::ffff:198.51.100.77');
    expect(mapped.errors?.[0]?.extensions).toMatchObject({ reason: 'RESET_REQUESTS_LIMITED' });
  });

  it('queues one reset for an address however often it is asked for, still counting each ask', async () => {
    const db = sut.app.get(DataSource);
    const email = `repeated-${unique().toLowerCase()}@example.org`;
    const answers = [];
    for (const client of ['192.0.2.31', '192.0.2.32', '192.0.2.31']) {
      answers.push(await ask(email, client));
    }
    for (const answer of answers) {
      expect({ data: answer.data, errors: answer.errors }).toEqual({
        data: { requestPasswordReset: { requested: true } },
        errors: undefined,
      });
    }
    const rows = await db.query<{ address: string; pending: boolean }[]>(
      `SELECT address, handled_at IS NULL AS pending FROM password_reset_request WHERE email = $1 ORDER BY requested_at`,
      [email],
    );
    expect(rows).toEqual([
      { address: '192.0.2.31', pending: true },
      { address: '192.0.2.32', pending: false },
      { address: '192.0.2.31', pending: false },
    ]);
    // Once it is handled, the next ask queues a new one.
    await sut.app.get(AccountRecoveryService).handlePendingResets(1_000);
    await ask(email, '192.0.2.33');
    const [{ pending }] = await db.query<[{ pending: number }]>(
      `SELECT count(*)::int AS pending FROM password_reset_request WHERE email = $1 AND handled_at IS NULL`,
      [email],
    );
    expect(pending).toBe(1);
  });

  it('forgets handled requests after the hour the limit counts them, at most every few minutes', async () => {
    const db = sut.app.get(DataSource);
    const recovery = sut.app.get(AccountRecoveryService);
    const marker = `old-${unique().toLowerCase()}`;
    await db.query(
      `INSERT INTO password_reset_request (email, address, requested_at, handled_at) VALUES
        ($1 || '-61@example.org', '192.0.2.40', now() - interval '61 minutes', now() - interval '61 minutes'),
        ($1 || '-59@example.org', '192.0.2.40', now() - interval '59 minutes', now() - interval '59 minutes')`,
      [marker],
    );
    const deletes = (statements: string[]) =>
      statements.filter((sql) => /DELETE FROM password_reset_request/.test(sql));
    const real = Date.now.bind(Date);
    const later = real() + 6 * 60_000;
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => later);
    let first: string[];
    try {
      first = (await countSql(() => recovery.handlePendingResets())).statements;
    } finally {
      clock.mockRestore();
    }
    expect(deletes(first)).toHaveLength(1);
    const left = await db.query<{ email: string }[]>(
      `SELECT email FROM password_reset_request WHERE email LIKE $1 || '%'`,
      [marker],
    );
    expect(left).toEqual([{ email: `${marker}-59@example.org` }]);
    // The next tick, a moment later, leaves the table alone: with nothing pending, one statement, no transaction.
    const second = (await countSql(() => recovery.handlePendingResets())).statements;
    expect(deletes(second)).toEqual([]);
    expect(second).toEqual([expect.stringMatching(/^SELECT EXISTS \(SELECT 1 FROM password_reset_request/)]);
  });
});
