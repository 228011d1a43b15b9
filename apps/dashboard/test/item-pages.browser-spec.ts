import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { type BrowserContext, type Page } from 'playwright-core';
import {
  eventOf,
  GWENT,
  gwentNetwork,
  localIn,
  MEMBER_GROUP,
  NEWPORT_CVS,
  PARTNER_ORG,
  signIn,
  type Headers,
} from '../../api/test/support/event-helpers';
import { freshPosition, unique } from '../../api/test/support/operation-fixtures';
import { SmtpSink } from '../../api/test/support/smtp-sink';
import { startTestApp, type TestApp } from '../../api/test/support/test-app';
import { buildDashboard, type Chromium, expectAccessible, launchChromium } from './support/browser';

// The pages of one event, poll, draft and engagement that notification emails link to, in
// Debian's Chromium against the real API, with the mail received over real SMTP.
const PUBLIC_URL = 'https://convene.test';
const PASSWORD = 'convene-demo-2026';
const MEMBER = 'member@demo.convene.example';
const PARTNER = 'partner@demo.convene.example';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ukDate = (daysFromToday: number): string =>
  DateTime.now().setZone('Europe/London').plus({ days: daysFromToday }).toISODate() ?? '';

describe('the pages of an event, a poll, a draft and an engagement, in a browser', () => {
  let sut: TestApp;
  let sink: SmtpSink;
  let context: BrowserContext;
  let browser: Chromium | undefined;
  let coordinator: Headers;
  let member: Headers;
  let admin: Headers;
  const outside: string[] = [];
  const pageErrors: string[] = [];

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

  /** The link a received message carries to a dashboard page, opened on this test's server. */
  const mailedLink = async (to: string, subject: RegExp, path: string): Promise<string> => {
    const mail = await sink.waitFor(to, subject);
    const match = new RegExp(`${escape(PUBLIC_URL)}${escape(path)}`).exec(mail.text);
    if (!match) {
      throw new Error(`No ${path} link in:\n${mail.text}`);
    }
    return match[0].replace(PUBLIC_URL, sut.baseUrl);
  };

  /** Signs in on the page the tab shows (the sign-in page, reached from an item's page). */
  const signInHere = async (tab: Page, email: string): Promise<void> => {
    await tab.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    await tab.getByLabel('Email').fill(email);
    await tab.getByLabel('Password').fill(PASSWORD);
    await tab.getByRole('button', { name: 'Sign in' }).click();
  };

  const signedInTab = async (email: string): Promise<Page> => {
    const tab = await newTab();
    await tab.goto(`${sut.baseUrl}/dashboard/sign-in`);
    await signInHere(tab, email);
    await tab.getByText('Signed in as').waitFor();
    return tab;
  };

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
    member = await signIn(sut, MEMBER);
    admin = await signIn(sut, 'admin@demo.convene.example');
    browser = await launchChromium();
    context = browser.context;
    context.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('data:') && new URL(url).hostname !== '127.0.0.1') {
        outside.push(url);
      }
    });
  });

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
    await sink?.close();
  });

  it('opens the event from the link in a received email, signs in, and answers GOING for the organisation', async () => {
    const title = `Surgery ${unique()} (browser test)`;
    const event = await eventOf(sut, coordinator, {
      organiserOrganisationId: NEWPORT_CVS,
      policeForceAreaCode: GWENT,
      kind: 'PCC_ENGAGEMENT',
      title,
      venue: 'Newport Centre',
      start: localIn(5),
      end: localIn(5, 20),
    });
    await sut.client.data(
      'mutation ($input: AnswerEventInput!) { answerEvent(input: $input) { rsvp { id } } }',
      { input: { eventId: event.id, organisationId: MEMBER_GROUP, answer: 'MAYBE' } },
      member,
    );
    await sut.client.data(
      'mutation ($input: RescheduleEventInput!) { rescheduleEvent(input: $input) { event { id } } }',
      { input: { eventId: event.id, start: localIn(6), end: localIn(6, 20) } },
      coordinator,
    );
    const link = await mailedLink(MEMBER, new RegExp(`^Changed: ${escape(title)}`), `/dashboard/events/${event.id}`);

    const tab = await newTab();
    await tab.goto(link);
    // A public event: anyone sees it; answering needs a sign-in that comes back here.
    await tab.getByRole('heading', { name: title, level: 1 }).waitFor();
    expect(await focused(tab)).toBe(title);
    const startsAt = DateTime.fromISO(localIn(6), { zone: 'Europe/London' });
    await tab.getByText(`${startsAt.toFormat('cccc d LLLL yyyy')} at 18:30 to 20:30 (UK time)`).waitFor();
    await tab.getByText('Newport Centre').waitFor();
    await expectAccessible(tab, 'event, signed out');
    await tab.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await tab.getByRole('status').filter({ hasText: 'Sign in to answer for your organisation.' }).waitFor();
    await signInHere(tab, MEMBER);
    await tab.waitForURL(link);
    const answer = tab.getByRole('region', { name: 'Your organisation’s answer' });
    await answer.getByText(/: Maybe$/).waitFor();
    expect(await answer.getByLabel('Maybe').isChecked()).toBe(true);
    await expectAccessible(tab, 'event, signed in, answered MAYBE');
    await answer.getByLabel('Going', { exact: true }).check();
    await answer.getByRole('button', { name: 'Send the answer' }).click();
    await answer.getByRole('status').filter({ hasText: 'Answer saved: Going.' }).waitFor();
    await answer.getByText(/: Going \(a place is confirmed\)$/).waitFor();
    await tab.getByText('1 going, 0 maybe, 0 not going').waitFor();
    const rsvps = await sut.client.data<{ event: { rsvps: { answer: string; organisation: { id: string } }[] } }>(
      'query ($id: ID!) { event(id: $id) { rsvps { answer organisation { id } } } }',
      { id: event.id },
      member,
    );
    expect(rsvps.event.rsvps).toEqual([{ answer: 'GOING', organisation: { id: MEMBER_GROUP } }]);
    await expectAccessible(tab, 'event, answered GOING');

    // Links mailed before the dashboard had this page reach it too.
    const older = await fetch(`${sut.baseUrl}/events/${event.id}`, { redirect: 'manual' });
    expect([older.status, older.headers.get('location')]).toEqual([302, `/dashboard/events/${event.id}`]);
    await tab.goto(`${sut.baseUrl}/events/${event.id.toUpperCase()}`);
    await tab.waitForURL(`${sut.baseUrl}/dashboard/events/${event.id}`);
    await tab.getByRole('heading', { name: title, level: 1 }).waitFor();
    await tab.close();
  });

  it('answers one occurrence of a series, chosen on the page', async () => {
    const title = `Weekly surgery ${unique()} (browser test)`;
    const event = await eventOf(sut, coordinator, {
      organiserOrganisationId: NEWPORT_CVS,
      policeForceAreaCode: GWENT,
      kind: 'PCC_ENGAGEMENT',
      title,
      start: localIn(2),
      end: localIn(2, 20),
      recurrenceRule: 'FREQ=WEEKLY;COUNT=4',
      capacity: 1,
    });
    const tab = await signedInTab(MEMBER);
    await tab.goto(`${sut.baseUrl}/dashboard/events/${event.id}`);
    await tab.getByRole('heading', { name: title, level: 1 }).waitFor();
    const second = DateTime.fromISO(localIn(9), { zone: 'Europe/London' });
    const label = `${second.toFormat('cccc d LLLL yyyy')} at 18:30 to 20:30 (UK time)`;
    await tab.getByLabel('Which occurrence').selectOption({ label });
    await tab.getByText(`${label} (one of a series)`).waitFor();
    await expectAccessible(tab, 'a series, an occurrence chosen');
    const answer = tab.getByRole('region', { name: 'Your organisation’s answer' });
    await answer.getByLabel('Going', { exact: true }).check();
    await answer.getByRole('button', { name: 'Send the answer' }).click();
    await answer.getByRole('status').filter({ hasText: 'Answer saved: Going.' }).waitFor();
    const rsvps = await sut.client.data<{ event: { rsvps: { answer: string; occurrenceStart: string }[] } }>(
      'query ($id: ID!, $at: DateTime) { event(id: $id) { rsvps(occurrenceStart: $at) { answer occurrenceStart } } }',
      { id: event.id, at: second.toUTC().toISO() },
      member,
    );
    expect(rsvps.event.rsvps.map((r) => [r.answer, Date.parse(r.occurrenceStart)])).toEqual([
      ['GOING', second.toMillis()],
    ]);
    // The partner's organisation waits for that occurrence's one place, and gets it when the member's gives it up:
    // the email about that occurrence links to the page opened on it.
    const answer2 = (who: Headers, organisationId: string, value: string) =>
      sut.client.data(
        'mutation ($input: AnswerEventInput!) { answerEvent(input: $input) { rsvp { place } } }',
        { input: { eventId: event.id, occurrenceStart: second.toUTC().toISO(), organisationId, answer: value } },
        who,
      );
    const partner = await signIn(sut, PARTNER);
    await answer2(partner, PARTNER_ORG, 'GOING');
    await answer2(member, MEMBER_GROUP, 'DECLINED');
    const promoted = await sink.waitFor(PARTNER, new RegExp(`^A place is yours: ${escape(title)}`));
    const emailed = new RegExp(`${escape(PUBLIC_URL)}/dashboard/events/${event.id}\\?occurrence=[\\w%.-]+`).exec(
      promoted.text,
    )?.[0];
    expect(emailed).toBeDefined();
    const partnerTab = await signedInTab(PARTNER);
    await partnerTab.goto((emailed ?? '').replace(PUBLIC_URL, sut.baseUrl));
    await partnerTab.getByText(`${label} (one of a series)`).waitFor();
    await partnerTab
      .getByRole('region', { name: 'Your organisation’s answer' })
      .getByText(/: Going \(a place is confirmed\)$/)
      .waitFor();
    await expectAccessible(partnerTab, 'a series, opened on the emailed occurrence');
    await partnerTab.close();

    // An email about one occurrence links with it: the page opens on that one.
    const third = DateTime.fromISO(localIn(16), { zone: 'Europe/London' });
    await tab.goto(
      `${sut.baseUrl}/dashboard/events/${event.id}?occurrence=${encodeURIComponent(third.toUTC().toISO() ?? '')}`,
    );
    await tab
      .getByText(`${third.toFormat('cccc d LLLL yyyy')} at 18:30 to 20:30 (UK time) (one of a series)`)
      .waitFor();
    await tab.close();
  });

  it('redirects only item links with a UUID, to this site, and leaves the paths beside them alone', async () => {
    const id = '0b7e6a52-1f7e-4c55-9a1f-5b0f3c9d2e11';
    for (const kind of ['events', 'polls', 'positions', 'engagements']) {
      const redirect = await fetch(`${sut.baseUrl}/${kind}/${id}`, { redirect: 'manual' });
      expect([kind, redirect.status, redirect.headers.get('location')]).toEqual([
        kind,
        302,
        `/dashboard/${kind}/${id}`,
      ]);
    }
    for (const path of [
      '/events/not-a-uuid',
      `/polls/${id}x`,
      '/positions/%2F%2Fevil.example',
      '/engagements/..%2F..%2Fsign-in',
      `/events/${id}%0d%0aLocation:%20https:%2F%2Fevil.example`,
    ]) {
      const refused = await fetch(`${sut.baseUrl}${path}`, { redirect: 'manual' });
      expect([path, refused.status, refused.headers.get('location')]).toEqual([path, 404, null]);
    }
    // The exports under the same prefixes are not redirects.
    expect((await fetch(`${sut.baseUrl}/events/${id}/attendees.csv`, { redirect: 'manual' })).status).not.toBe(302);
    // The dashboard's own page for a malformed id: not found, said plainly.
    const tab = await newTab();
    await tab.goto(`${sut.baseUrl}/dashboard/events/not-a-uuid`);
    await tab.getByRole('heading', { name: 'Page not found' }).waitFor();
    await tab.close();
  });

  it('answers a scheduling poll for the organisation from the emailed link, after signing in', async () => {
    const networkId = await gwentNetwork(sut, coordinator, admin);
    const title = `Planning meeting ${unique()} (browser test)`;
    const created = await sut.client.data<{
      createSchedulingPoll: { poll: { id: string; slots: { id: string; startsAt: string }[] } };
    }>(
      'mutation ($input: CreateSchedulingPollInput!) { createSchedulingPoll(input: $input) { poll { id slots { id startsAt } } } }',
      {
        input: {
          networkId,
          title,
          kind: 'NETWORK_MEETING',
          deadline: DateTime.now().plus({ days: 3 }).toUTC().toISO(),
          slots: [
            { start: localIn(16), end: localIn(16, 20) },
            { start: localIn(17), end: localIn(17, 20) },
          ],
        },
      },
      coordinator,
    );
    const poll = created.createSchedulingPoll.poll;
    const link = await mailedLink(
      MEMBER,
      new RegExp(`^When can you meet\\? ${escape(title)}`),
      `/dashboard/polls/${poll.id}`,
    );
    const tab = await newTab();
    await tab.goto(link);
    await tab.getByRole('heading', { name: 'Sign in to answer this poll' }).waitFor();
    await expectAccessible(tab, 'poll, signed out');
    await tab.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await signInHere(tab, MEMBER);
    await tab.waitForURL(link);
    await tab.getByRole('heading', { name: title, level: 1 }).waitFor();
    await tab.getByText(/^[A-Z]\w+day \d+ \w+ \d{4} at \d\d:\d\d \(UK time\)$/).waitFor(); // the deadline
    await expectAccessible(tab, 'poll, signed in');
    const [first, second] = poll.slots;
    const slotLabel = (startsAt: string): string =>
      `${DateTime.fromISO(startsAt, { zone: 'Europe/London' }).toFormat('cccc d LLLL yyyy')} at 18:30 to 20:30 (UK time)`;
    await tab
      .getByRole('group', { name: slotLabel(first?.startsAt ?? '') })
      .getByLabel('Yes')
      .check();
    await tab
      .getByRole('group', { name: slotLabel(second?.startsAt ?? '') })
      .getByLabel('If need be')
      .check();
    await tab.getByRole('button', { name: 'Send the answers' }).click();
    await tab.getByRole('status').filter({ hasText: 'Your organisation’s answers are saved.' }).waitFor();
    const cells = (slotId: string) => tab.locator(`tr[data-slot="${slotId}"] td`);
    // The page reloads the poll after the answer: wait for the new tally, then read it whole.
    await cells(first?.id ?? '')
      .first()
      .filter({ hasText: /^1$/ })
      .waitFor();
    expect([await cells(first?.id ?? '').allTextContents(), await cells(second?.id ?? '').allTextContents()]).toEqual([
      ['1', '0', '0'],
      ['0', '1', '0'],
    ]);
    const answers = await sut.client.data<{ schedulingPoll: { answers: { slotId: string; answer: string }[] } }>(
      'query ($id: ID!) { schedulingPoll(id: $id) { answers { slotId answer organisationId } } }',
      { id: poll.id },
      member,
    );
    expect(answers.schedulingPoll.answers).toEqual(
      expect.arrayContaining([
        { slotId: first?.id, answer: 'YES', organisationId: MEMBER_GROUP },
        { slotId: second?.id, answer: 'IF_NEED_BE', organisationId: MEMBER_GROUP },
      ]),
    );
    await expectAccessible(tab, 'poll answered');
    await tab.close();
  });

  it('shows a draft read-only: its title, status, sections and comments, through the older link', async () => {
    const { positionId, sectionId } = await freshPosition(sut);
    await sut.client.data(
      'mutation ($input: AddCommentInput!) { addComment(input: $input) { comment { id } } }',
      { input: { sectionId, body: 'Can we cite the figures?' } },
      coordinator,
    );
    const tab = await signedInTab('coordinator@demo.convene.example');
    await tab.goto(`${sut.baseUrl}/positions/${positionId}`);
    await tab.waitForURL(`${sut.baseUrl}/dashboard/positions/${positionId}`);
    await tab.getByRole('heading', { name: /^Policy draft \w+ \(test\)$/, level: 1 }).waitFor();
    await tab
      .getByRole('definition')
      .filter({ hasText: /^Drafting$/ })
      .waitFor();
    await tab.getByRole('heading', { name: '1. One', level: 2 }).waitFor();
    await tab.getByRole('heading', { name: '2. Two', level: 2 }).waitFor();
    await tab.getByText('More text.').waitFor();
    await tab
      .getByRole('definition')
      .filter({ hasText: /^1 comment · / })
      .waitFor();
    await tab.getByRole('link', { name: 'Follow the discussion in the network’s feed' }).waitFor();
    expect(await tab.locator('main textarea, main input').count()).toBe(0); // nothing to edit here
    await expectAccessible(tab, 'draft');
    await tab.close();
  });

  it('marks an overdue commitment on the engagement page', async () => {
    const networkId = await gwentNetwork(sut, coordinator, admin);
    const recorded = await sut.client.data<{ recordEngagement: { engagement: { id: string } } }>(
      'mutation ($input: RecordEngagementInput!) { recordEngagement(input: $input) { engagement { id } } }',
      {
        input: {
          networkId,
          kind: 'MEETING',
          occurredOn: ukDate(-10),
          summary: 'Meeting with the commissioner (browser test)',
          participantOrganisationIds: [MEMBER_GROUP],
          commitments: [
            { text: 'Publish the diversion figures', owner: 'Chief executive, OPCC', dueOn: ukDate(-2) },
            { text: 'Meet the housing forum', owner: 'Head of commissioning', dueOn: ukDate(3) },
          ],
        },
      },
      member,
    );
    const id = recorded.recordEngagement.engagement.id;
    const tab = await signedInTab(MEMBER);
    await tab.goto(`${sut.baseUrl}/dashboard/engagements/${id}`);
    await tab.getByRole('heading', { name: /^Meeting with the commissioner’s office, / }).waitFor();
    const overdue = tab.getByRole('row', { name: /Publish the diversion figures/ });
    await overdue.getByText('Overdue by 2 days').waitFor();
    expect(await overdue.getAttribute('class')).toBe('overdue');
    const dueSoon = tab.getByRole('row', { name: /Meet the housing forum/ });
    await dueSoon.waitFor();
    expect(await dueSoon.textContent()).not.toContain('Overdue');
    await tab.getByText('2 commitments, soonest due first; 1 overdue').waitFor();
    await expectAccessible(tab, 'engagement with an overdue commitment');
    await tab.close();
  });

  it('tells an outsider they are not allowed, and shows none of the item', async () => {
    const networkId = await gwentNetwork(sut, coordinator, admin);
    const title = `Members only ${unique()} (browser test)`;
    const event = await eventOf(sut, coordinator, {
      networkId,
      visibility: 'NETWORK',
      kind: 'NETWORK_MEETING',
      title,
      start: localIn(8),
      end: localIn(8, 20),
    });
    const poll = await sut.client.data<{ createSchedulingPoll: { poll: { id: string } } }>(
      'mutation ($input: CreateSchedulingPollInput!) { createSchedulingPoll(input: $input) { poll { id } } }',
      {
        input: {
          networkId,
          title,
          kind: 'NETWORK_MEETING',
          slots: [
            { start: localIn(18), end: localIn(18, 20) },
            { start: localIn(19), end: localIn(19, 20) },
          ],
        },
      },
      coordinator,
    );
    // Signed out: asked to sign in, nothing shown.
    const anonymous = await newTab();
    await anonymous.goto(`${sut.baseUrl}/dashboard/events/${event.id}`);
    await anonymous.getByRole('heading', { name: 'Sign in to see this event' }).waitFor();
    expect(await anonymous.locator('main').textContent()).not.toContain(title);
    await expectAccessible(anonymous, 'private event, signed out');
    await anonymous.close();

    const tab = await signedInTab(PARTNER); // national:women: not in the network
    for (const [kind, noun] of [
      ['events', 'event'],
      ['polls', 'poll'],
    ] as const) {
      const id = kind === 'events' ? event.id : poll.createSchedulingPoll.poll.id;
      await tab.goto(`${sut.baseUrl}/dashboard/${kind}/${id}`);
      await tab.getByRole('heading', { name: `You cannot see this ${noun}` }).waitFor();
      await tab
        .getByRole('alert')
        .filter({ hasText: `You are not allowed to see this ${noun}` })
        .waitFor();
      expect(await focused(tab)).toBe(`You cannot see this ${noun}`);
      expect(await tab.locator('main').textContent()).not.toContain(title);
      await expectAccessible(tab, `${noun}, outsider`);
    }
    await tab.close();
  });

  it('loaded nothing from elsewhere and met no script error', () => {
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
