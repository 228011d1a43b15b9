import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client as PgClient } from 'pg';
import { type BrowserContext, type Page } from 'playwright-core';
import { GWENT, MEMBER_GROUP, NEWPORT_CVS, signIn, type Headers } from '../../api/test/support/event-helpers';
import { unique } from '../../api/test/support/operation-fixtures';
import { linkIn, SmtpSink } from '../../api/test/support/smtp-sink';
import { startTestApp, type TestApp } from '../../api/test/support/test-app';
import { buildDashboard, type Chromium, expectAccessible, launchChromium } from './support/browser';

// The pages behind the links in emails, in Debian's Chromium against the real API, with the mail
// received over real SMTP (an in-process server): each test opens the link a message carries.
const PUBLIC_URL = 'https://convene.test';
const INVITE =
  'mutation ($id: ID!, $email: String!) { inviteToOrganisation(input: { organisationId: $id, email: $email }) { invitation { id } } }';

interface Sent {
  url: string;
  body: string;
}

describe('the pages behind emailed links, in a browser', () => {
  let sut: TestApp;
  let sink: SmtpSink;
  let context: BrowserContext;
  let browser: Chromium | undefined;
  let coordinator: Headers;
  const sent: Sent[] = [];
  const pageErrors: string[] = [];
  /** Every link token the tests opened: none may travel anywhere but to the mutation that uses it. */
  const tokens: string[] = [];
  /** The account the invitation test creates, reused by the reset and email-change tests. */
  const invitee = { email: `invitee-${unique().toLowerCase()}@example.org`, password: 'a long enough passphrase' };

  const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
    const client = new PgClient({ connectionString: sut.database.url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  /** A new tab, as a mail client opens a link: its own session storage, so signed out. */
  const newTab = async (): Promise<Page> => {
    const tab = await context.newPage();
    tab.on('pageerror', (error) => pageErrors.push(error.message));
    tab.on('console', (message) => {
      if (message.type() === 'error') {
        pageErrors.push(message.text());
      }
    });
    return tab;
  };

  /** Opens the emailed link (PUBLIC_URL is this test's server) and checks the token left the address bar. */
  const follow = async (tab: Page, link: { url: string; token: string }): Promise<void> => {
    tokens.push(link.token);
    await tab.goto(link.url.replace(PUBLIC_URL, sut.baseUrl));
    await tab.locator('h1').first().waitFor();
    expect(tab.url()).not.toContain(link.token);
    expect(await tab.evaluate<string>('location.hash')).toBe('');
  };

  const mailLink = async (to: string, subject: RegExp, path: string): Promise<{ url: string; token: string }> =>
    linkIn((await sink.waitFor(to, subject)).text, path);

  /** The element that has the focus: its text (a new step's heading takes it, for screen readers). */
  const focused = (tab: Page): Promise<string> => tab.evaluate<string>('document.activeElement?.textContent ?? ""');

  beforeAll(async () => {
    buildDashboard();
    sink = await SmtpSink.start();
    sut = await startTestApp({
      SMTP_URL: sink.url,
      PUBLIC_URL,
      MAIL_FROM: 'Convene Test <no-reply@convene.test>',
      NOTIFICATION_PLAN_INTERVAL_MS: '100',
      NOTIFICATION_POLL_SECONDS: '0.5',
    });
    coordinator = await signIn(sut, 'coordinator@demo.convene.example');
    browser = await launchChromium();
    context = browser.context;
    context.on('request', (request) => sent.push({ url: request.url(), body: request.postData() ?? '' }));
  });

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
    await sink?.close();
  });

  it('accepts an invitation from the emailed link, creating the account (the link then says it is used)', async () => {
    await sut.client.data(INVITE, { id: NEWPORT_CVS, email: invitee.email }, coordinator);
    const link = await mailLink(invitee.email, /invited to join/, '/dashboard/accept-invitation');
    const tab = await newTab();
    await follow(tab, link);
    // Signed out, and the address has no account: the invitation creates one.
    await tab.getByRole('heading', { name: 'Create your account to accept' }).waitFor();
    expect(await focused(tab)).toBe('Create your account to accept');
    await expectAccessible(tab, 'create an account to accept');

    // The browser checks what the server would refuse, before sending anything.
    const before = sent.length;
    await tab.getByLabel('Your name').fill('Ada Invitee (browser test)');
    await tab.getByLabel('New password', { exact: true }).fill('too short');
    await tab.getByLabel('Repeat the new password').fill('too shorter');
    await tab.getByRole('button', { name: 'Create the account and accept' }).click();
    await tab.getByRole('alert').filter({ hasText: 'Check the fields marked above' }).waitFor();
    await expect(tab.getByText('Use at least 12 characters (9 so far).').isVisible()).resolves.toBe(true);
    await expect(tab.getByText('The two passwords differ.').isVisible()).resolves.toBe(true);
    expect(await tab.getByLabel('New password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(sent.slice(before).filter((r) => r.url.endsWith('/graphql'))).toEqual([]);
    await expectAccessible(tab, 'create an account, with errors');

    await tab.getByLabel('New password', { exact: true }).fill(invitee.password);
    await tab.getByLabel('Repeat the new password').fill(invitee.password);
    await tab.getByRole('button', { name: 'Create the account and accept' }).click();
    await tab.getByRole('heading', { name: /^You joined / }).waitFor();
    await tab.getByText('Your account is created and you are signed in.').waitFor();
    await tab.getByText('Signed in as Ada Invitee (browser test)').waitFor();
    await expectAccessible(tab, 'invitation accepted');
    const [affiliation] = await sql<{ role: string }>(
      `SELECT a.role FROM affiliation a JOIN person p ON p.id = a.person_id WHERE p.email = $1 AND a.organisation_id = $2`,
      [invitee.email, NEWPORT_CVS],
    );
    expect(affiliation).toEqual({ role: 'STAFF' });

    // The same link again, in another tab: used, and said so.
    const again = await newTab();
    await follow(again, link);
    await again.getByRole('heading', { name: 'This invitation link no longer works' }).waitFor();
    await again.getByRole('alert').filter({ hasText: 'already used or expired' }).waitFor();
    await expectAccessible(again, 'invitation used');
    await again.close();
    await tab.close();
  });

  it('tells a signed-in person that an invitation is for another account, then accepts it after signing in as that one', async () => {
    const member = 'member@demo.convene.example';
    await sut.client.data(INVITE, { id: NEWPORT_CVS, email: member }, coordinator);
    const link = await mailLink(member, /invited to join/, '/dashboard/accept-invitation');
    const tab = await newTab();
    // This tab is signed in as someone else when the link is pasted into it.
    await tab.goto(`${sut.baseUrl}/dashboard/sign-in`);
    await tab.getByLabel('Email').fill(invitee.email);
    await tab.getByLabel('Password').fill(invitee.password);
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await tab.getByText('Signed in as Ada Invitee (browser test)').waitFor();
    await follow(tab, link);
    // Signed in, nothing is accepted without a click.
    await tab.getByRole('heading', { name: 'Join as Ada Invitee (browser test)?' }).waitFor();
    await expectAccessible(tab, 'accept as the signed-in person?');
    await tab.getByRole('button', { name: 'Accept the invitation' }).click();
    await tab.getByRole('heading', { name: 'This invitation is for another account' }).waitFor();
    await tab
      .getByRole('alert')
      .filter({ hasText: `Sign in as ${member}` })
      .waitFor();
    await expectAccessible(tab, 'wrong account');
    await tab.getByRole('button', { name: 'Sign out to sign in as the invited account' }).click();
    await tab.getByRole('heading', { name: 'Sign in to accept' }).waitFor();
    await tab.getByRole('link', { name: 'Sign in' }).waitFor(); // the header: signed out
    await expectAccessible(tab, 'sign in to accept');
    await tab.getByLabel('Email').fill(member);
    await tab.getByLabel('Password').fill('convene-demo-2026');
    await tab.getByRole('button', { name: 'Sign in and accept' }).click();
    await tab.getByRole('heading', { name: /^You joined / }).waitFor();
    await tab.getByText('Signed in as').waitFor();
    await tab.close();
  });

  it('says clearly that an expired invitation no longer works, whichever form its link has', async () => {
    const email = `late-${unique().toLowerCase()}@example.org`;
    const invited = await sut.client.data<{ inviteToOrganisation: { invitation: { id: string } } }>(
      INVITE,
      { id: NEWPORT_CVS, email },
      coordinator,
    );
    const link = await mailLink(email, /invited to join/, '/dashboard/accept-invitation');
    await sql(`UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      invited.inviteToOrganisation.invitation.id,
    ]);
    // A link mailed before links pointed at the dashboard: sent on with the token in the fragment.
    const older = `${sut.baseUrl}/accept-invitation?token=${link.token}`;
    const redirect = await fetch(older, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(`/dashboard/accept-invitation#token=${link.token}`);
    expect(redirect.headers.get('referrer-policy')).toBe('no-referrer');
    expect(redirect.headers.get('cache-control')).toBe('no-store');
    // The pages themselves: no Referer leaves them, and they may load nothing from elsewhere.
    for (const path of ['accept-invitation', 'reset-password', 'confirm-email', 'forgot-password', 'preferences']) {
      const served = await fetch(`${sut.baseUrl}/dashboard/${path}`);
      expect([path, served.status, served.headers.get('referrer-policy')]).toEqual([path, 200, 'no-referrer']);
      expect(served.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
    const tab = await newTab();
    await follow(tab, { url: older, token: link.token });
    await tab.waitForURL(`${sut.baseUrl}/dashboard/accept-invitation`);
    await tab.getByRole('heading', { name: 'This invitation link no longer works' }).waitFor();
    await tab.getByRole('alert').filter({ hasText: 'unknown, already used or expired' }).waitFor();
    // A link cut short is not sent at all.
    await tab.goto(`${sut.baseUrl}/dashboard/accept-invitation#token=abc`);
    await tab.getByRole('heading', { name: 'This invitation link no longer works' }).waitFor();
    expect(tab.url()).toBe(`${sut.baseUrl}/dashboard/accept-invitation`);
    await tab.close();
  });

  it('resets a password from the emailed link, then signs in with the new one (the link then says it is used)', async () => {
    const tab = await newTab();
    await tab.goto(`${sut.baseUrl}/dashboard/sign-in`);
    await tab.getByRole('link', { name: 'Forgotten your password?' }).click();
    await tab.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await expectAccessible(tab, 'ask for a reset link');
    await tab.getByLabel('Email').fill(invitee.email);
    await tab.getByRole('button', { name: 'Email me a reset link' }).click();
    await tab.getByRole('heading', { name: 'Check your email' }).waitFor();
    await expectAccessible(tab, 'reset link sent');
    const link = await mailLink(invitee.email, /Reset your Convene password/, '/dashboard/reset-password');

    const reset = await newTab();
    await follow(reset, link);
    await reset.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    const before = sent.length;
    await reset.getByLabel('New password', { exact: true }).fill('short');
    await reset.getByLabel('Repeat the new password').fill('short');
    await reset.getByRole('button', { name: 'Set the new password' }).click();
    await reset.getByRole('alert').filter({ hasText: 'Check the fields marked above' }).waitFor();
    await reset.getByText('Use at least 12 characters (5 so far).').waitFor();
    expect(sent.slice(before).filter((r) => r.url.endsWith('/graphql'))).toEqual([]);
    await expectAccessible(reset, 'reset form, with errors');

    const newPassword = 'a brand new passphrase';
    await reset.getByLabel('New password', { exact: true }).fill(newPassword);
    await reset.getByLabel('Repeat the new password').fill(newPassword);
    await reset.getByRole('button', { name: 'Set the new password' }).click();
    await reset.waitForURL(`${sut.baseUrl}/dashboard/sign-in`);
    await reset.getByRole('status').filter({ hasText: 'Your password is changed' }).waitFor();
    expect(await reset.getByLabel('Email').inputValue()).toBe(invitee.email);
    await expectAccessible(reset, 'sign in after a reset');
    await reset.getByLabel('Password').fill(invitee.password); // the old one: refused
    await reset.getByRole('button', { name: 'Sign in' }).click();
    await reset.getByRole('alert').waitFor();
    await reset.getByLabel('Password').fill(newPassword);
    await reset.getByRole('button', { name: 'Sign in' }).click();
    await reset.waitForURL(`${sut.baseUrl}/dashboard/`);
    await reset.getByText('Signed in as Ada Invitee (browser test)').waitFor();
    invitee.password = newPassword;

    // The link again: used.
    await follow(tab, link);
    await tab.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await tab.getByLabel('New password', { exact: true }).fill('yet another passphrase');
    await tab.getByLabel('Repeat the new password').fill('yet another passphrase');
    await tab.getByRole('button', { name: 'Set the new password' }).click();
    await tab.getByRole('heading', { name: 'This reset link no longer works' }).waitFor();
    await tab.getByRole('alert').filter({ hasText: 'already used or expired' }).waitFor();
    await tab.getByRole('link', { name: 'Ask for a new reset link' }).waitFor();
    await expectAccessible(tab, 'reset link used');
    await reset.close();
    await tab.close();
  });

  it('confirms a new email address from the emailed link (the link then says it is used)', async () => {
    const me = await signIn(sut, invitee.email, invitee.password);
    const newEmail = `moved-${unique().toLowerCase()}@example.org`;
    await sut.client.data(
      'mutation ($e: String!, $p: String!) { requestEmailChange(input: { newEmail: $e, password: $p }) { requested } }',
      { e: newEmail, p: invitee.password },
      me,
    );
    const link = await mailLink(newEmail, /Confirm your new email/, '/dashboard/confirm-email');
    const tab = await newTab();
    await follow(tab, link);
    // Opening the link changes nothing (a mail scanner may open it): the person confirms.
    await tab.getByRole('button', { name: 'Confirm the new address' }).waitFor();
    expect(await sut.client.data('{ me { email } }', {}, me)).toEqual({ me: { email: invitee.email } });
    await expectAccessible(tab, 'confirm the new address');
    await tab.getByRole('button', { name: 'Confirm the new address' }).click();
    await tab.getByRole('heading', { name: 'Your new address is confirmed' }).waitFor();
    expect(await tab.getByTestId('confirmed-email').textContent()).toBe(newEmail);
    expect(await focused(tab)).toBe('Your new address is confirmed');
    await expectAccessible(tab, 'new address confirmed');
    expect(await sut.client.data('{ me { email } }', {}, me)).toEqual({ me: { email: newEmail } });

    const again = await newTab();
    await follow(again, link);
    await again.getByRole('button', { name: 'Confirm the new address' }).click();
    await again.getByRole('heading', { name: 'The address was not changed' }).waitFor();
    await again.getByRole('alert').filter({ hasText: 'already used or expired' }).waitFor();
    await expectAccessible(again, 'confirmation link used');
    // Without a token at all, the page says where the link comes from.
    await again.goto(`${sut.baseUrl}/dashboard/confirm-email`);
    await again.getByRole('heading', { name: 'There is no confirmation link here' }).waitFor();
    await again.close();
    await tab.close();
  });

  it('opens the email settings from the link in a message’s footer, after signing in, and saves them', async () => {
    // A join request to a network Newport CVS convenes: its coordinator is emailed.
    const network = await sut.client.data<{ createNetwork: { network: { id: string } } }>(
      'mutation ($input: CreateNetworkInput!) { createNetwork(input: $input) { network { id } } }',
      {
        input: {
          name: `Settings network ${unique()} (browser test)`,
          policeForceAreaCode: GWENT,
          convenorOrganisationId: NEWPORT_CVS,
        },
      },
      coordinator,
    );
    await sut.client.data(
      'mutation ($input: RequestToJoinNetworkInput!) { requestToJoinNetwork(input: $input) { membership { id } } }',
      { input: { networkId: network.createNetwork.network.id, organisationId: MEMBER_GROUP } },
      await signIn(sut, 'admin@demo.convene.example'),
    );
    const mail = await sink.waitFor('coordinator@demo.convene.example', /join requested/i);
    expect(mail.text).toContain(`${PUBLIC_URL}/dashboard/activity/networks/${network.createNetwork.network.id}`);
    const settings = /Choose what you receive: (\S+)/.exec(mail.text)?.[1] ?? '';
    expect(settings).toBe(`${PUBLIC_URL}/dashboard/preferences`);

    const tab = await newTab();
    await tab.goto(settings.replace(PUBLIC_URL, sut.baseUrl));
    await tab.getByText('Sign in to choose which emails you receive, and when.').waitFor();
    await tab.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await tab.getByRole('status').filter({ hasText: 'Sign in to choose which emails you receive.' }).waitFor();
    await tab.getByLabel('Email').fill('coordinator@demo.convene.example');
    await tab.getByLabel('Password').fill('convene-demo-2026');
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await tab.waitForURL(`${sut.baseUrl}/dashboard/preferences`);
    const reminders = tab.getByRole('group', { name: 'Event reminders' });
    await reminders.waitFor();
    await expectAccessible(tab, 'email settings');
    await reminders.getByLabel('Never').check();
    await tab
      .getByRole('group', { name: 'Network invitations and requests' })
      .getByLabel('In the daily digest')
      .check();
    await tab.getByLabel('Daily digest at (UK time)').selectOption('18');
    await tab.getByRole('button', { name: 'Save' }).click();
    await tab.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const saved = await sut.client.data<{
      me: { notificationPreferences: { digestHour: number; preferences: { category: string; frequency: string }[] } };
    }>('{ me { notificationPreferences { digestHour preferences { category frequency } } } }', {}, coordinator);
    expect(saved.me.notificationPreferences.digestHour).toBe(18);
    expect(saved.me.notificationPreferences.preferences).toEqual(
      expect.arrayContaining([
        { category: 'EVENT_REMINDER', frequency: 'OFF' },
        { category: 'NETWORK_MEMBERSHIP', frequency: 'DAILY' },
        { category: 'DRAFTING', frequency: 'IMMEDIATELY' },
      ]),
    );
    // A reload shows what was saved.
    await tab.reload();
    await expect(
      tab.getByRole('group', { name: 'Event reminders' }).getByLabel('Never').isChecked({ timeout: 10_000 }),
    ).resolves.toBe(true);
    await tab.close();
  });

  it('sent each token only in the mutation that uses it, loaded nothing from elsewhere and met no error', () => {
    expect(tokens.length).toBeGreaterThanOrEqual(5);
    const graphql = `${sut.baseUrl}/graphql`;
    for (const token of tokens) {
      const carrying = sent.filter((r) => r.url.includes(token) || r.body.includes(token));
      // The older link form carries it to this server in its query, once, by design of that link.
      const elsewhere = carrying.filter(
        (r) => r.url !== graphql && r.url !== `${sut.baseUrl}/accept-invitation?token=${token}`,
      );
      expect(elsewhere).toEqual([]);
      const used = carrying.filter((c) => c.url === graphql);
      expect(used.length).toBeGreaterThan(0);
      for (const r of used) {
        expect(JSON.parse(r.body)).toMatchObject({
          operationName: expect.stringMatching(/^(AcceptInvitation|ResetPassword|ConfirmEmailChange)$/),
          variables: { token },
        });
      }
    }
    const outside = sent.filter((r) => !r.url.startsWith('data:') && new URL(r.url).hostname !== '127.0.0.1');
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
