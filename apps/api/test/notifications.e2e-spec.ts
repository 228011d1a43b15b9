import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client as PgClient } from 'pg';
import { DEMO_PASSWORD, demoPersonId } from '@app/identity';
import ical from 'node-ical';
import { eventually } from '@app/testing';
import {
  errorOf,
  eventOf,
  GWENT,
  gwentNetwork,
  localIn,
  type Headers,
  MEMBER_GROUP,
  NEWPORT_CVS,
  PARTNER_ORG,
  signIn,
} from './support/event-helpers';
import { unique } from './support/operation-fixtures';
import { headerOf, linkIn, SmtpSink } from './support/smtp-sink';
import { startTestApp, type TestApp } from './support/test-app';

const SLOW_MS = 120_000;
const PUBLIC_URL = 'https://convene.test';
const COORDINATOR_ID = demoPersonId('coordinator');

const INVITE =
  'mutation ($id: ID!, $email: String!) { inviteToOrganisation(input: { organisationId: $id, email: $email }) { invitation { id } } }';
const ACCEPT =
  'mutation ($t: String!) { acceptInvitation(input: { token: $t, displayName: "Invited (test)", password: "a-long-enough-password" }) { organisation { id } session { accessToken person { email } } } }';
const PREFERENCES = '{ me { notificationPreferences { digestHour preferences { category frequency } } } }';

describe('notifications by email (real SMTP to an in-process server)', () => {
  let sut: TestApp;
  let sink: SmtpSink;
  let coordinator: Headers;

  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new PgClient({ connectionString: sut.database.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    sink = await SmtpSink.start();
    sut = await startTestApp({
      SMTP_URL: sink.url,
      PUBLIC_URL,
      MAIL_FROM: 'Convene Test <no-reply@convene.test>',
      NOTIFICATION_PLAN_INTERVAL_MS: '100',
      NOTIFICATION_POLL_SECONDS: '0.5',
      // Reminders fall due as soon as they are planned (30 days ahead), so a test need not wait for them.
      EVENT_REMINDER_LEAD_SECONDS: '2592000',
      EVENT_REMINDER_POLL_SECONDS: '0.5',
    });
    coordinator = await signIn(sut, 'coordinator@demo.convene.example');
  }, SLOW_MS);

  afterAll(async () => {
    await sut?.close();
    await sink?.close();
  }, SLOW_MS);

  it('emails an invitation whose link accepts it (text and HTML parts, stable Message-ID)', async () => {
    const email = `invited-${unique().toLowerCase()}@example.org`;
    await sut.client.data(INVITE, { id: NEWPORT_CVS, email }, coordinator);
    const mail = await sink.waitFor(email, /invited to join/);
    expect(mail.subject).toContain('Newport');
    // Handlebars escapes `=` in attributes (&#x3D;), which HTML decodes back.
    expect(mail.html.replace(/&#x3D;/g, '=')).toContain(
      '<a href="https://convene.test/dashboard/accept-invitation#token=',
    );
    expect(mail.messageId).toMatch(/^<[A-Za-z0-9_-]{32}@convene\.test>$/);
    // An invitation cannot be unsubscribed from: it is one message, to someone without an account.
    expect(mail.raw).not.toMatch(/^List-Unsubscribe/m);
    const { token } = linkIn(mail.text, '/dashboard/accept-invitation');
    const accepted = await sut.client.data<{
      acceptInvitation: { organisation: { id: string }; session: { person: { email: string } } };
    }>(ACCEPT, { t: token });
    expect(accepted.acceptInvitation).toMatchObject({
      organisation: { id: NEWPORT_CVS },
      session: { person: { email } },
    });
    const rows = await query<{ message_id: string; sent_at: Date | null }>(
      `SELECT message_id, sent_at FROM notification WHERE recipient = $1`,
      [email],
    );
    expect(rows).toEqual([{ message_id: mail.messageId, sent_at: expect.any(Date) }]);
  });

  it('resets a forgotten password by an emailed link, answering the same for unknown addresses', async () => {
    const email = `reset-${unique().toLowerCase()}@example.org`;
    await sut.client.data(INVITE, { id: NEWPORT_CVS, email }, coordinator);
    const { token: invitation } = linkIn((await sink.waitFor(email, /invited/)).text, '/dashboard/accept-invitation');
    await sut.client.data(ACCEPT, { t: invitation });
    const signInRefresh = async (password: string) =>
      sut.client.request<{ signIn: { refreshToken: string } }>(
        'mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { refreshToken } }',
        { e: email, p: password },
      );
    const before = (await signInRefresh('a-long-enough-password')).data?.signIn.refreshToken ?? '';

    const REQUEST = 'mutation ($e: String!) { requestPasswordReset(input: { email: $e }) { requested } }';
    const unknown = await sut.client.request(REQUEST, { e: `nobody-${unique().toLowerCase()}@example.org` });
    const known = await sut.client.request(REQUEST, { e: email.toUpperCase() });
    expect([unknown.data, unknown.errors]).toEqual([known.data, known.errors]);
    expect(known.data).toEqual({ requestPasswordReset: { requested: true } });

    const mail = await sink.waitFor(email, /Reset your Convene password/);
    const { token } = linkIn(mail.text, '/dashboard/reset-password');
    // The token is stored only as its hash.
    expect(JSON.stringify(await query('SELECT * FROM password_token'))).not.toContain(token);
    expect(JSON.stringify(await query('SELECT data FROM notification'))).not.toContain(token);

    const RESET =
      'mutation ($t: String!, $p: String!) { resetPassword(input: { token: $t, password: $p }) { person { email } } }';
    expect(await sut.client.data(RESET, { t: token, p: 'a-brand-new-password' })).toEqual({
      resetPassword: { person: { email } },
    });
    expect(errorOf(await sut.client.request(RESET, { t: token, p: 'another-new-password' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.token',
    });
    expect((await signInRefresh('a-long-enough-password')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await signInRefresh('a-brand-new-password')).data?.signIn.refreshToken).toEqual(expect.any(String));
    // The session from before the reset has ended.
    const refreshed = await sut.client.request(
      'mutation ($t: String!) { refreshSession(input: { refreshToken: $t }) { accessToken } }',
      { t: before },
    );
    expect(refreshed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Nobody else got mail from the unknown address's request.
    expect(sink.received.filter((m) => m.to.startsWith('nobody-'))).toEqual([]);
  });

  it('throttles reset emails to three an hour per account, with the same answer', async () => {
    const REQUEST = 'mutation ($e: String!) { requestPasswordReset(input: { email: $e }) { requested } }';
    // One at a time, each handled before the next (a request while one waits is the same request).
    const waiting = async () =>
      (
        await query<{ count: number }>(
          `SELECT count(*)::int AS count FROM password_reset_request
            WHERE email = 'partner@demo.convene.example' AND handled_at IS NULL`,
        )
      )[0]?.count;
    for (let i = 0; i < 5; i++) {
      expect(await sut.client.data(REQUEST, { e: 'partner@demo.convene.example' })).toEqual({
        requestPasswordReset: { requested: true },
      });
      await eventually(async () => ((await waiting()) === 0 ? true : undefined), { what: 'the request handled' });
    }
    await eventually(() => (sink.to('partner@demo.convene.example').length >= 3 ? true : undefined));
    const [{ count }] = await query<{ count: number }>(
      `SELECT count(*)::int AS count FROM notification WHERE email = 'partner@demo.convene.example' AND category = 'ACCOUNT'`,
    );
    expect(count).toBe(3);
  });

  it('changes a password (other sessions end) and an email address once the new one is confirmed', async () => {
    const email = `change-${unique().toLowerCase()}@example.org`;
    await sut.client.data(INVITE, { id: NEWPORT_CVS, email }, coordinator);
    const { token: invitation } = linkIn((await sink.waitFor(email, /invited/)).text, '/dashboard/accept-invitation');
    const accepted = await sut.client.data<{ acceptInvitation: { session: { accessToken: string } } }>(ACCEPT, {
      t: invitation,
    });
    const me = { authorization: `Bearer ${accepted.acceptInvitation.session.accessToken}` };
    const other = await sut.client.data<{ signIn: { refreshToken: string } }>(
      'mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { refreshToken } }',
      { e: email, p: 'a-long-enough-password' },
    );
    const CHANGE =
      'mutation ($c: String!, $n: String!) { changePassword(input: { currentPassword: $c, newPassword: $n }) { person { email } } }';
    expect(errorOf(await sut.client.request(CHANGE, { c: 'wrong-password', n: 'a-changed-password' }, me))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.currentPassword',
    });
    expect(await sut.client.data(CHANGE, { c: 'a-long-enough-password', n: 'a-changed-password' }, me)).toEqual({
      changePassword: { person: { email } },
    });
    const replay = await sut.client.request(
      'mutation ($t: String!) { refreshSession(input: { refreshToken: $t }) { accessToken } }',
      { t: other.signIn.refreshToken },
    );
    expect(replay.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const newEmail = `changed-${unique().toLowerCase()}@example.org`;
    const REQUEST =
      'mutation ($e: String!, $p: String!) { requestEmailChange(input: { newEmail: $e, password: $p }) { requested } }';
    expect(await sut.client.data(REQUEST, { e: newEmail, p: 'a-changed-password' }, me)).toEqual({
      requestEmailChange: { requested: true },
    });
    const mail = await sink.waitFor(newEmail, /Confirm your new email/);
    // Not yet: the account keeps its address until the link is used.
    expect(await sut.client.data('{ me { email } }', {}, me)).toEqual({ me: { email } });
    const { token } = linkIn(mail.text, '/dashboard/confirm-email');
    expect(
      await sut.client.data(
        'mutation ($t: String!) { confirmEmailChange(input: { token: $t }) { person { email } } }',
        {
          t: token,
        },
      ),
    ).toEqual({ confirmEmailChange: { person: { email: newEmail } } });
    expect(await sut.client.data('{ me { email } }', {}, me)).toEqual({ me: { email: newEmail } });
  });

  it('voids an unconfirmed email change when the password is reset (whoever knew the old one cannot take the account)', async () => {
    const email = `victim-${unique().toLowerCase()}@example.org`;
    await sut.client.data(INVITE, { id: NEWPORT_CVS, email }, coordinator);
    const { token: invitation } = linkIn((await sink.waitFor(email, /invited/)).text, '/dashboard/accept-invitation');
    const accepted = await sut.client.data<{ acceptInvitation: { session: { accessToken: string } } }>(ACCEPT, {
      t: invitation,
    });
    const attacker = { authorization: `Bearer ${accepted.acceptInvitation.session.accessToken}` };
    const theirs = `attacker-${unique().toLowerCase()}@example.org`;
    await sut.client.data(
      'mutation ($e: String!, $p: String!) { requestEmailChange(input: { newEmail: $e, password: $p }) { requested } }',
      { e: theirs, p: 'a-long-enough-password' },
      attacker,
    );
    const { token: change } = linkIn(
      (await sink.waitFor(theirs, /Confirm your new email/)).text,
      '/dashboard/confirm-email',
    );

    // The owner notices and resets the password.
    await sut.client.data('mutation ($e: String!) { requestPasswordReset(input: { email: $e }) { requested } }', {
      e: email,
    });
    const { token: reset } = linkIn(
      (await sink.waitFor(email, /Reset your Convene password/)).text,
      '/dashboard/reset-password',
    );
    await sut.client.data(
      'mutation ($t: String!, $p: String!) { resetPassword(input: { token: $t, password: $p }) { person { email } } }',
      { t: reset, p: 'the-owners-new-password' },
    );

    const late = await sut.client.request(
      'mutation ($t: String!) { confirmEmailChange(input: { token: $t }) { person { email } } }',
      { t: change },
    );
    expect(errorOf(late)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.token' });
    expect(late.errors?.[0]?.extensions?.reason).toBe('EMAIL_LINK_INVALID');
    const [{ address }] = await query<{ address: string }>('SELECT email AS address FROM person WHERE email = $1', [
      email,
    ]);
    expect(address).toBe(email);
  });

  it('tells convenors of a join request, with one-click unsubscribe that turns the category off', async () => {
    const admin = await signIn(sut, 'admin@demo.convene.example');
    const network = await sut.client.data<{ createNetwork: { network: { id: string } } }>(
      'mutation ($input: CreateNetworkInput!) { createNetwork(input: $input) { network { id } } }',
      {
        input: {
          name: `Mail network ${unique()} (test)`,
          policeForceAreaCode: GWENT,
          convenorOrganisationId: NEWPORT_CVS,
        },
      },
      coordinator,
    );
    const networkId = network.createNetwork.network.id;
    const REQUEST =
      'mutation ($input: RequestToJoinNetworkInput!) { requestToJoinNetwork(input: $input) { membership { id } } }';
    await sut.client.data(REQUEST, { input: { networkId, organisationId: MEMBER_GROUP } }, admin);
    const mail = await sink.waitFor('coordinator@demo.convene.example', /join requested/i);
    expect(headerOf(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const url =
      /^<(https:\/\/convene\.test\/notifications\/unsubscribe\?token=[^>]+)>$/.exec(
        headerOf(mail.raw, 'List-Unsubscribe').replace(/\s+/g, ''),
      )?.[1] ?? '';
    expect(url).not.toBe('');
    // The mail client POSTs to the link (RFC 8058), here to the app itself, with no credentials.
    const local = url.replace(PUBLIC_URL, sut.baseUrl);
    expect((await fetch(local.replace('token=', 'token=x'), { method: 'POST' })).status).toBe(400);
    // A GET only shows a button: a link scanner fetching it changes nothing.
    expect((await fetch(local)).status).toBe(200);
    const response = await fetch(local, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ unsubscribed: true, category: 'NETWORK_MEMBERSHIP' });
    const preferences = await sut.client.data<{
      me: { notificationPreferences: { preferences: { category: string; frequency: string }[] } };
    }>(PREFERENCES, {}, coordinator);
    expect(preferences.me.notificationPreferences.preferences).toContainEqual({
      category: 'NETWORK_MEMBERSHIP',
      frequency: 'OFF',
    });

    // The next request to that network is planned (the planner moves past it) but not mailed to them.
    const before = sink.to('coordinator@demo.convene.example').length;
    await sut.client.data(REQUEST, { input: { networkId, organisationId: PARTNER_ORG } }, admin);
    const [item] = await query<{ sequence: string }>(
      `SELECT sequence::text FROM activity_event WHERE network_id = $1 AND verb = 'NETWORK_JOIN_REQUESTED' ORDER BY sequence DESC LIMIT 1`,
      [networkId],
    );
    await eventually(async () => {
      const [cursor] = await query<{ passed: boolean }>(
        `SELECT sequence >= $1::bigint AS passed FROM notification_cursor WHERE consumer = 'email'`,
        [item?.sequence],
      );
      return cursor?.passed ? true : undefined;
    });
    expect(
      await query(`SELECT id FROM notification WHERE recipient = $1 AND activity_sequence = $2`, [
        COORDINATOR_ID,
        item?.sequence,
      ]),
    ).toEqual([]);
    expect(sink.to('coordinator@demo.convene.example').length).toBe(before);
  });

  it(
    "mails reschedules, reminders and cancellations with a calendar entry node-ical reads (the feeds' UID and SEQUENCE)",
    async () => {
      const member = await signIn(sut, 'member@demo.convene.example');
      const title = `Surgery ${unique()} (test)`;
      const about = (prefix: string) => new RegExp(`^${prefix}: ${title.replace(/[()]/g, '\\$&')}`);
      const event = await eventOf(sut, coordinator, {
        organiserOrganisationId: NEWPORT_CVS,
        policeForceAreaCode: GWENT,
        kind: 'PCC_ENGAGEMENT',
        title,
        start: localIn(3),
        end: localIn(3, 20),
      });
      await sut.client.data(
        'mutation ($input: AnswerEventInput!) { answerEvent(input: $input) { rsvp { id } } }',
        { input: { eventId: event.id, organisationId: MEMBER_GROUP, answer: 'GOING' } },
        member,
      );
      await sut.client.data(
        'mutation ($input: RescheduleEventInput!) { rescheduleEvent(input: $input) { event { id } } }',
        { input: { eventId: event.id, start: localIn(4), end: localIn(4, 20) } },
        coordinator,
      );
      const sequenceNow = async (): Promise<number> =>
        (
          await sut.client.data<{ event: { sequence: number } }>('query ($id: ID!) { event(id: $id) { sequence } }', {
            id: event.id,
          })
        ).event.sequence;
      const calendarOf = (raw: string, subject: RegExp) => {
        const mail = sink.to('member@demo.convene.example').find((m) => subject.test(m.subject));
        const part = mail?.attachments.find((a) => a.contentType.startsWith('text/calendar'));
        const text = part?.content.toString('utf8') ?? '';
        const parsed = ical.sync.parseICS(text);
        const vevent = Object.values(parsed).find((c) => c?.type === 'VEVENT') as
          { uid: string; sequence: string; summary: string; status?: string } | undefined;
        return { text, vevent, raw };
      };
      const changed = await sink.waitFor('member@demo.convene.example', about('Changed'));
      const change = calendarOf(changed.raw, /^Changed:/);
      expect(change.text).toMatch(/^METHOD:REQUEST\r?$/m);
      expect(change.vevent).toMatchObject({ uid: `${event.id}@convene`, summary: title });
      expect(Number(change.vevent?.sequence)).toBe(await sequenceNow());
      // The reschedule planned the reminder of the new start; due at once with this configuration.
      await sink.waitFor('member@demo.convene.example', about('Reminder'));
      const reminder = calendarOf('', /^Reminder:/);
      expect(reminder.text).toMatch(/^METHOD:REQUEST\r?$/m);
      expect(reminder.vevent?.uid).toBe(`${event.id}@convene`);

      await sut.client.data(
        'mutation ($input: ChangeEventStatusInput!) { changeEventStatus(input: $input) { event { id } } }',
        { input: { eventId: event.id, status: 'CANCELLED', reason: 'Room unavailable' } },
        coordinator,
      );
      await sink.waitFor('member@demo.convene.example', about('Cancelled'));
      const cancel = calendarOf('', /^Cancelled:/);
      expect(cancel.text).toMatch(/^METHOD:CANCEL\r?$/m);
      expect(cancel.vevent).toMatchObject({ uid: `${event.id}@convene`, status: 'CANCELLED' });
      expect(Number(cancel.vevent?.sequence)).toBe(await sequenceNow());
      // The organiser who made the changes is not mailed about them.
      expect(sink.to('coordinator@demo.convene.example').filter((m) => m.subject.includes(title))).toEqual([]);
    },
    SLOW_MS,
  );

  it(
    'sends a daily digest at the chosen hour with exactly the items the reader may still see',
    async () => {
      const admin = await signIn(sut, 'admin@demo.convene.example');
      const member = await signIn(sut, 'member@demo.convene.example');
      const memberId = demoPersonId('member');
      await sut.client.data(
        'mutation { updateNotificationPreferences(input: { digestHour: 18 }) { notificationPreferences { digestHour } } }',
        {},
        member,
      );
      const ours = await gwentNetwork(sut, coordinator, admin); // the member's organisation is an active member
      const theirs = await sut.client.data<{ createNetwork: { network: { id: string } } }>(
        'mutation ($input: CreateNetworkInput!) { createNetwork(input: $input) { network { id } } }',
        {
          input: {
            name: `Other network ${unique()} (test)`,
            policeForceAreaCode: GWENT,
            convenorOrganisationId: NEWPORT_CVS,
          },
        },
        coordinator,
      );
      const event = (networkId: string, visibility: string, title: string) =>
        eventOf(sut, coordinator, {
          networkId,
          kind: 'NETWORK_MEETING',
          visibility,
          title,
          start: localIn(10),
          end: localIn(10, 20),
        });
      const seen = `Open meeting ${unique()} (test)`;
      const lost = `Members meeting ${unique()} (test)`;
      const elsewhere = `Elsewhere meeting ${unique()} (test)`;
      await event(ours, 'PUBLIC', seen);
      await event(ours, 'NETWORK', lost);
      await event(theirs.createNetwork.network.id, 'NETWORK', elsewhere);
      // Planned for the digest: the two items of their own network, nothing of the other.
      const planned = async () =>
        query<{ title: string }>(
          `SELECT data->>'headline' AS title FROM notification WHERE person_id = $1 AND digest AND digest_id IS NULL`,
          [memberId],
        );
      await eventually(
        async () =>
          (await planned()).filter((p) => p.title.startsWith('Event created')).length >= 2 ? true : undefined,
        { what: 'digest items' },
      );
      // (The network's own items may be planned for them too, depending on when the planner ran.)
      expect(
        (await planned())
          .map((p) => p.title)
          .filter((t) => t.startsWith('Event created'))
          .sort(),
      ).toEqual([`Event created: ${lost}`, `Event created: ${seen}`]);
      // Then their organisation leaves that network: its members-only meeting is no longer theirs to see.
      const [membership] = await query<{ id: string }>(
        `SELECT id FROM network_membership WHERE network_id = $1 AND organisation_id = $2 AND status = 'ACTIVE'`,
        [ours, MEMBER_GROUP],
      );
      await sut.client.data(
        'mutation ($input: EndMembershipInput!) { removeFromNetwork(input: $input) { membership { id } } }',
        { input: { membershipId: membership?.id } },
        coordinator,
      );
      // One digest job for the day, due at 18:00 London time.
      const [job] = await query<{ start_after: Date; singleton_key: string }>(
        `SELECT start_after, singleton_key FROM pgboss.job WHERE name = 'notification-digest' AND singleton_key LIKE $1`,
        [`${memberId}@%`],
      );
      expect(
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(
          job?.start_after,
        ),
      ).toBe('18:00');
      // The hour comes (the job's clock moved, not the code's).
      await query(
        `UPDATE pgboss.job SET start_after = now() WHERE name = 'notification-digest' AND singleton_key = $1`,
        [job?.singleton_key],
      );
      const digest = await sink.waitFor('member@demo.convene.example', /^Convene: \d+ updates? for /);
      expect(digest.text).toContain(seen);
      expect(digest.text).not.toContain(lost);
      expect(digest.text).not.toContain(elsewhere);
      expect(digest.html).toContain(seen);
      // Carried by the digest (an item planned since waits for the next one).
      expect((await planned()).filter((p) => p.title.startsWith('Event created'))).toEqual([]);
    },
    SLOW_MS,
  );

  it('lists what was sent to me, newest first, and marks it read', async () => {
    const coordinatorList = await sut.client.data<{
      notifications: {
        totalCount: number;
        edges: { node: { id: string; title: string; read: boolean; sentAt: string | null } }[];
      };
    }>('{ notifications(first: 50) { totalCount edges { node { id title read sentAt category } } } }', {}, coordinator);
    expect(coordinatorList.notifications.totalCount).toBeGreaterThan(0);
    expect(coordinatorList.notifications.edges.every((e) => !e.node.read)).toBe(true);
    const marked = await sut.client.data<{ markNotificationsRead: { marked: number } }>(
      'mutation { markNotificationsRead(input: {}) { marked } }',
      {},
      coordinator,
    );
    expect(marked.markNotificationsRead.marked).toBe(coordinatorList.notifications.totalCount);
    const anonymous = await sut.client.request('{ notifications { totalCount } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses to turn off account messages and an hour outside 0–23, naming the field', async () => {
    const UPDATE =
      'mutation ($input: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { notificationPreferences { digestHour } } }';
    expect(
      errorOf(
        await sut.client.request(
          UPDATE,
          { input: { preferences: [{ category: 'ACCOUNT', frequency: 'OFF' }] } },
          coordinator,
        ),
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'input.preferences.0.frequency' });
    expect(errorOf(await sut.client.request(UPDATE, { input: { digestHour: 24 } }, coordinator))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await sut.client.data(UPDATE, { input: { digestHour: 18 } }, coordinator)).toEqual({
      updateNotificationPreferences: { notificationPreferences: { digestHour: 18 } },
    });
    void DEMO_PASSWORD;
  });
});
