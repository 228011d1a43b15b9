import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import ical from 'node-ical';
import { Client as PgClient } from 'pg';
import { demoPersonId } from '@app/identity';
import { NoticeSweeper } from '@app/notifications';
import { eventually } from '@app/testing';
import {
  eventOf,
  GWENT,
  gwentNetwork,
  type Headers,
  localIn,
  MEMBER_GROUP,
  NEWPORT_CVS,
  PARTNER_ORG,
  signIn,
} from './support/event-helpers';
import { unique } from './support/operation-fixtures';
import { type ReceivedMail, SmtpSink } from './support/smtp-sink';
import { startTestApp, type TestApp } from './support/test-app';

const SLOW_MS = 120_000;
const COORDINATOR = 'coordinator@demo.convene.example';
const MEMBER = 'member@demo.convene.example';
const PARTNER = 'partner@demo.convene.example';
const ADMIN = 'admin@demo.convene.example';
const EVERYONE = [COORDINATOR, MEMBER, PARTNER, ADMIN];

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ukDate = (daysFromToday: number): string =>
  DateTime.now().setZone('Europe/London').plus({ days: daysFromToday }).toISODate() ?? '';

/** The calendar entry attached to a message, as node-ical reads it. */
function calendarOf(mail: ReceivedMail): { text: string; uid: string | undefined } {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  const text = part?.content.toString('utf8') ?? '';
  const vevent = Object.values(ical.sync.parseICS(text)).find((c) => c?.type === 'VEVENT') as
    { uid: string } | undefined;
  return { text, uid: vevent?.uid };
}

describe('notification categories: waitlist, polls, drafting feedback, commitments (real SMTP)', () => {
  let sut: TestApp;
  let sink: SmtpSink;
  let coordinator: Headers;
  let member: Headers;
  let partner: Headers;
  let admin: Headers;

  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new PgClient({ connectionString: sut.database.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  /** Everyone's mail whose subject matches, as (address, subject) pairs. */
  const mailAbout = (subject: RegExp): { to: string; subject: string }[] =>
    sink.received.filter((m) => subject.test(m.subject)).map((m) => ({ to: m.to, subject: m.subject }));
  /** Waits until the planner has read past the newest activity item (so nothing more is planned for it). */
  const plannedUpToNow = async (): Promise<void> => {
    const [head] = await query<{ sequence: string }>('SELECT max(sequence)::text AS sequence FROM activity_event');
    await eventually(
      async () => {
        const [cursor] = await query<{ passed: boolean }>(
          `SELECT sequence >= $1::bigint AS passed FROM notification_cursor WHERE consumer = 'email'`,
          [head?.sequence],
        );
        return cursor?.passed ? true : undefined;
      },
      { what: 'the planner past the newest item' },
    );
  };
  /** Waits until no immediate message is left unsent (what is planned has reached the sink). */
  const allSent = () =>
    eventually(
      async () => {
        const [{ count }] = await query<{ count: number }>(
          'SELECT count(*)::int AS count FROM notification WHERE NOT digest AND sent_at IS NULL',
        );
        return count === 0 ? true : undefined;
      },
      { what: 'every planned message sent' },
    );

  beforeAll(async () => {
    sink = await SmtpSink.start();
    sut = await startTestApp({
      SMTP_URL: sink.url,
      PUBLIC_URL: 'https://convene.test',
      MAIL_FROM: 'Convene Test <no-reply@convene.test>',
      NOTIFICATION_PLAN_INTERVAL_MS: '100',
      NOTIFICATION_POLL_SECONDS: '0.5',
      NOTIFICATION_SWEEP_SECONDS: '1',
      POLL_REMINDER_LEAD_SECONDS: '86400',
    });
    coordinator = await signIn(sut, COORDINATOR);
    member = await signIn(sut, MEMBER);
    partner = await signIn(sut, PARTNER);
    admin = await signIn(sut, ADMIN);
  }, SLOW_MS);

  afterAll(async () => {
    await sut?.close();
    await sink?.close();
  }, SLOW_MS);

  it('offers the new categories with defaults that come at once (they ask for an answer or answer you)', async () => {
    const { me } = await sut.client.data<{
      me: { notificationPreferences: { preferences: { category: string; frequency: string }[] } };
    }>('{ me { notificationPreferences { preferences { category frequency } } } }', {}, member);
    expect(me.notificationPreferences.preferences).toEqual(
      expect.arrayContaining([
        { category: 'POLLS', frequency: 'IMMEDIATELY' },
        { category: 'DRAFT_FEEDBACK', frequency: 'IMMEDIATELY' },
        { category: 'COMMITMENTS', frequency: 'DAILY' },
        { category: 'EVENT_CHANGE', frequency: 'IMMEDIATELY' },
      ]),
    );
  });

  it(
    'tells the person promoted from the waitlist, by name, with a calendar entry; nobody else',
    async () => {
      const title = `Surgery ${unique()} (test)`;
      const event = await eventOf(sut, coordinator, {
        organiserOrganisationId: NEWPORT_CVS,
        policeForceAreaCode: GWENT,
        kind: 'PCC_ENGAGEMENT',
        title,
        start: localIn(12),
        end: localIn(12, 20),
        capacity: 1,
      });
      const ANSWER = 'mutation ($input: AnswerEventInput!) { answerEvent(input: $input) { rsvp { place } } }';
      const answered = async (who: Headers, organisationId: string, answer: string) =>
        (
          await sut.client.data<{ answerEvent: { rsvp: { place: string } } }>(
            ANSWER,
            { input: { eventId: event.id, organisationId, answer } },
            who,
          )
        ).answerEvent.rsvp.place;
      expect(await answered(member, MEMBER_GROUP, 'GOING')).toBe('CONFIRMED');
      expect(await answered(partner, PARTNER_ORG, 'GOING')).toBe('WAITLISTED');
      expect(await answered(member, MEMBER_GROUP, 'DECLINED')).toBe('NONE');

      const mail = await sink.waitFor(PARTNER, new RegExp(`^A place is yours: ${escape(title)}`));
      const calendar = calendarOf(mail);
      expect(calendar.text).toMatch(/^METHOD:REQUEST\r?$/m);
      expect(calendar.uid).toBe(`${event.id}@convene`);
      expect(mail.text).toContain(`https://convene.test/dashboard/events/${event.id}`); // the event's page
      // The item names who was promoted (the answer's item only counts them).
      const items = await query<{ payload: Record<string, unknown>; organisation_id: string }>(
        `SELECT payload, organisation_id FROM activity_event WHERE event_id = $1 AND verb = 'EVENT_WAITLIST_PROMOTED'`,
        [event.id],
      );
      expect(items).toEqual([
        {
          organisation_id: PARTNER_ORG,
          payload: expect.objectContaining({
            promotedPersonId: demoPersonId('partner'),
            promotedOrganisationId: PARTNER_ORG,
          }),
        },
      ]);
      await plannedUpToNow();
      await allSent();
      // Listed in what was sent to them, titled as the email was.
      const listed = await sut.client.data<{
        notifications: { edges: { node: { title: string; category: string } }[] };
      }>('{ notifications(first: 20) { edges { node { title category } } } }', {}, partner);
      expect(listed.notifications.edges.map((e) => e.node)).toContainEqual({
        title: `A place is yours: ${title}`,
        category: 'EVENT_CHANGE',
      });
      // The one whose answer freed the place, the organiser and everyone else: nothing about it.
      expect(mailAbout(new RegExp(escape(title)))).toEqual([{ to: PARTNER, subject: `A place is yours: ${title}` }]);
    },
    SLOW_MS,
  );

  it(
    'tells whoever a raised capacity lets in from the waitlist',
    async () => {
      const title = `Forum ${unique()} (test)`;
      const event = await eventOf(sut, coordinator, {
        organiserOrganisationId: NEWPORT_CVS,
        policeForceAreaCode: GWENT,
        kind: 'PCC_ENGAGEMENT',
        title,
        start: localIn(14),
        end: localIn(14, 20),
        capacity: 1,
      });
      const ANSWER = 'mutation ($input: AnswerEventInput!) { answerEvent(input: $input) { rsvp { place } } }';
      await sut.client.data(
        ANSWER,
        { input: { eventId: event.id, organisationId: MEMBER_GROUP, answer: 'GOING' } },
        member,
      );
      await sut.client.data(
        ANSWER,
        { input: { eventId: event.id, organisationId: PARTNER_ORG, answer: 'GOING' } },
        partner,
      );
      await sut.client.data(
        'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { id } } }',
        { input: { eventId: event.id, capacity: 2 } },
        coordinator,
      );
      await sink.waitFor(PARTNER, new RegExp(`^A place is yours: ${escape(title)}`));
      await plannedUpToNow();
      await allSent();
      expect(mailAbout(new RegExp(`^A place is yours: ${escape(title)}`))).toEqual([
        { to: PARTNER, subject: `A place is yours: ${title}` },
      ]);
    },
    SLOW_MS,
  );

  it(
    'tells whoever gets the place an organisation lost by leaving the network',
    async () => {
      const networkId = await gwentNetwork(sut, coordinator, admin);
      const invited = await sut.client.data<{ inviteToNetwork: { membership: { id: string } } }>(
        'mutation ($input: InviteToNetworkInput!) { inviteToNetwork(input: $input) { membership { id } } }',
        { input: { networkId, organisationId: PARTNER_ORG, role: 'MEMBER' } },
        coordinator,
      );
      await sut.client.data(
        'mutation ($input: AnswerMembershipInput!) { answerNetworkInvitation(input: $input) { membership { id } } }',
        { input: { membershipId: invited.inviteToNetwork.membership.id, accept: true } },
        admin,
      );
      const title = `Members meeting ${unique()} (test)`;
      const event = await eventOf(sut, coordinator, {
        networkId,
        kind: 'NETWORK_MEETING',
        visibility: 'NETWORK',
        title,
        start: localIn(15),
        end: localIn(15, 20),
        capacity: 1,
      });
      const ANSWER = 'mutation ($input: AnswerEventInput!) { answerEvent(input: $input) { rsvp { place } } }';
      await sut.client.data(
        ANSWER,
        { input: { eventId: event.id, organisationId: MEMBER_GROUP, answer: 'GOING' } },
        member,
      );
      await sut.client.data(
        ANSWER,
        { input: { eventId: event.id, organisationId: PARTNER_ORG, answer: 'GOING' } },
        partner,
      );
      const [membership] = await query<{ id: string }>(
        `SELECT id FROM network_membership WHERE network_id = $1 AND organisation_id = $2 AND status = 'ACTIVE'`,
        [networkId, MEMBER_GROUP],
      );
      await sut.client.data(
        'mutation ($input: EndMembershipInput!) { removeFromNetwork(input: $input) { membership { id } } }',
        { input: { membershipId: membership?.id } },
        coordinator,
      );
      await sink.waitFor(PARTNER, new RegExp(`^A place is yours: ${escape(title)}`));
      await plannedUpToNow();
      await allSent();
      expect(mailAbout(new RegExp(escape(title)))).toEqual([{ to: PARTNER, subject: `A place is yours: ${title}` }]);
    },
    SLOW_MS,
  );

  it(
    'mails a poll opened to those who may answer, a deadline reminder to organisations that have not, and the chosen time with its calendar entry',
    async () => {
      const networkId = await gwentNetwork(sut, coordinator, admin);
      // The partner's organisation follows the network as an observer: it sees polls but does not answer them.
      const invited = await sut.client.data<{ inviteToNetwork: { membership: { id: string } } }>(
        'mutation ($input: InviteToNetworkInput!) { inviteToNetwork(input: $input) { membership { id } } }',
        { input: { networkId, organisationId: PARTNER_ORG, role: 'OBSERVER' } },
        coordinator,
      );
      await sut.client.data(
        'mutation ($input: AnswerMembershipInput!) { answerNetworkInvitation(input: $input) { membership { id } } }',
        { input: { membershipId: invited.inviteToNetwork.membership.id, accept: true } },
        admin,
      );
      const title = `Planning meeting ${unique()} (test)`;
      const deadline = DateTime.now().plus({ hours: 20 }).toUTC().toISO();
      const created = await sut.client.data<{
        createSchedulingPoll: { poll: { id: string; slots: { id: string }[] } };
      }>(
        'mutation ($input: CreateSchedulingPollInput!) { createSchedulingPoll(input: $input) { poll { id slots { id } } } }',
        {
          input: {
            networkId,
            title,
            kind: 'NETWORK_MEETING',
            deadline,
            slots: [
              { start: localIn(16), end: localIn(16, 20) },
              { start: localIn(17), end: localIn(17, 20) },
            ],
          },
        },
        coordinator,
      );
      const poll = created.createSchedulingPoll.poll;
      const opened = await sink.waitFor(MEMBER, new RegExp(`^When can you meet\\? ${escape(title)}`));
      expect(opened.text).toContain(`https://convene.test/dashboard/polls/${poll.id}`);
      const [network] = await query<{ name: string }>('SELECT name FROM local_network WHERE id = $1', [networkId]);
      expect(opened.text).toContain(`${network?.name} is finding a time for ${title} (2 possible times)`);
      expect(opened.text).toMatch(/by \w+day \d+ \w+ at \d\d:\d\d/); // the deadline, in words

      // The convenor answers for its organisation; the member's organisation does not, yet.
      const ANSWER =
        'mutation ($input: AnswerSchedulingPollInput!) { answerSchedulingPoll(input: $input) { poll { id } } }';
      await sut.client.data(
        ANSWER,
        {
          input: {
            pollId: poll.id,
            organisationId: NEWPORT_CVS,
            answers: [{ slotId: poll.slots[0]?.id, answer: 'YES' }],
          },
        },
        coordinator,
      );
      // Opened with less than the notice period to go, it gets no deadline reminder; opened two days
      // before its deadline (the clock moved, not the code), it does, once the sweep comes round.
      await query(`UPDATE scheduling_poll SET created_at = now() - interval '2 days' WHERE id = $1`, [poll.id]);
      const reminder = await sink.waitFor(MEMBER, new RegExp(`^Answers close .*: ${escape(title)}$`));
      expect(reminder.text).toContain('has not yet answered');

      await sut.client.data(
        ANSWER,
        {
          input: {
            pollId: poll.id,
            organisationId: MEMBER_GROUP,
            answers: [{ slotId: poll.slots[0]?.id, answer: 'YES' }],
          },
        },
        member,
      );
      const confirmed = await sut.client.data<{ confirmSchedulingPoll: { event: { id: string } } }>(
        'mutation ($input: ConfirmSchedulingPollInput!) { confirmSchedulingPoll(input: $input) { event { id } } }',
        { input: { pollId: poll.id, slotId: poll.slots[0]?.id } },
        coordinator,
      );
      const chosen = await sink.waitFor(MEMBER, new RegExp(`^Time chosen: ${escape(title)} on `));
      const calendar = calendarOf(chosen);
      const listed = await sut.client.data<{ notifications: { edges: { node: { title: string } }[] } }>(
        '{ notifications(first: 50) { edges { node { title } } } }',
        {},
        member,
      );
      expect(listed.notifications.edges.map((e) => e.node.title)).toContain(chosen.subject);
      expect(calendar.text).toMatch(/^METHOD:REQUEST\r?$/m);
      expect(calendar.uid).toBe(`${confirmed.confirmSchedulingPoll.event.id}@convene`);

      await plannedUpToNow();
      await allSent();
      // The convenor opened and confirmed it, and had answered: nothing. The partner's organisation only observes: nothing.
      expect(mailAbout(new RegExp(escape(title))).sort((a, b) => a.subject.localeCompare(b.subject))).toEqual(
        [
          { to: MEMBER, subject: reminder.subject },
          { to: MEMBER, subject: chosen.subject },
          { to: MEMBER, subject: opened.subject },
        ].sort((a, b) => a.subject.localeCompare(b.subject)),
      );
    },
    SLOW_MS,
  );

  it(
    "tells a comment's author of replies, and a suggestion's author of the decision; nobody else",
    async () => {
      const networkId = await gwentNetwork(sut, coordinator, admin);
      const title = `Housing position ${unique()} (test)`;
      const created = await sut.client.data<{
        createJointPosition: { position: { id: string; sections: { id: string }[] } };
      }>(
        'mutation ($input: CreateJointPositionInput!) { createJointPosition(input: $input) { position { id sections { id } } } }',
        {
          input: {
            networkId,
            title,
            audience: 'The Police and Crime Commissioner for Gwent',
            organisationId: MEMBER_GROUP,
            sections: [{ heading: 'Housing', body: 'Prison leavers need every kind of home.' }],
          },
        },
        member,
      );
      const position = created.createJointPosition.position;
      const sectionId = position.sections[0]?.id;
      const mutate = <T>(who: Headers, name: string, input: Record<string, unknown>, selection: string) =>
        sut.client.data<T>(
          `mutation ($input: ${name[0]?.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${selection} } }`,
          { input },
          who,
        );
      const comment = await mutate<{ addComment: { comment: { id: string } } }>(
        member,
        'addComment',
        { sectionId, body: 'Is "every" realistic?', organisationId: MEMBER_GROUP },
        'comment { id }',
      );
      await mutate(
        coordinator,
        'addComment',
        { sectionId, body: 'Fair: "each kind" <b>reads</b> better.', parentId: comment.addComment.comment.id },
        'comment { id }',
      );
      const reply = await sink.waitFor(MEMBER, new RegExp(`^A reply to your comment on ${escape(title)}`));
      expect(reply.text).toContain('Fair: "each kind" <b>reads</b> better.');
      expect(reply.html).toContain('&lt;b&gt;reads&lt;/b&gt;'); // escaped in HTML
      expect(reply.text).toContain(`https://convene.test/dashboard/positions/${position.id}`);

      const suggest = (replacement: string) =>
        mutate<{ suggestChange: { suggestion: { id: string } } }>(
          member,
          'suggestChange',
          { sectionId, baseRevision: 1, start: 20, end: 25, replacement, organisationId: MEMBER_GROUP },
          'suggestion { id }',
        );
      const first = await suggest('each');
      const second = await suggest('any');
      await mutate(
        coordinator,
        'decideSuggestion',
        { suggestionId: first.suggestChange.suggestion.id, accept: false },
        'suggestion { status }',
      );
      await mutate(
        coordinator,
        'decideSuggestion',
        { suggestionId: second.suggestChange.suggestion.id, accept: true },
        'suggestion { status }',
      );
      const rejected = await sink.waitFor(MEMBER, new RegExp(`^Your suggestion was rejected: ${escape(title)}`));
      expect(rejected.text).toContain('Suggested: "each" in place of "every"');
      await sink.waitFor(MEMBER, new RegExp(`^Your suggestion was accepted: ${escape(title)}`));

      await plannedUpToNow();
      await allSent();
      expect(mailAbout(new RegExp(escape(title))).map((m) => m.to)).toEqual([MEMBER, MEMBER, MEMBER]);
      // Turned off, the category is not mailed (the item may still reach the digest as network news).
      await sut.client.data(
        'mutation { updateNotificationPreferences(input: { preferences: [{ category: DRAFT_FEEDBACK, frequency: OFF }] }) { notificationPreferences { digestHour } } }',
        {},
        member,
      );
      await mutate(
        coordinator,
        'addComment',
        { sectionId, body: 'One more thought.', parentId: comment.addComment.comment.id },
        'comment { id }',
      );
      await plannedUpToNow();
      await allSent();
      expect(mailAbout(new RegExp(escape(title)))).toHaveLength(3);
    },
    SLOW_MS,
  );

  it(
    "tells the admins of the network's convenors and participants of commitments due within 7 days and overdue, once each",
    async () => {
      const networkId = await gwentNetwork(sut, coordinator, admin);
      const [network] = await query<{ name: string }>('SELECT name FROM local_network WHERE id = $1', [networkId]);
      const about = (prefix: string) => new RegExp(`^${prefix}: a commitment to ${escape(network?.name ?? '')}$`);
      await sut.client.data(
        'mutation { updateNotificationPreferences(input: { preferences: [{ category: COMMITMENTS, frequency: IMMEDIATELY }] }) { notificationPreferences { digestHour } } }',
        {},
        coordinator,
      );
      const RECORD =
        'mutation ($input: RecordEngagementInput!) { recordEngagement(input: $input) { engagement { id commitments { id dueOn } } } }';
      const recorded = await sut.client.data<{ recordEngagement: { engagement: { id: string } } }>(
        RECORD,
        {
          input: {
            networkId,
            kind: 'MEETING',
            occurredOn: ukDate(-10),
            summary: 'Meeting with the commissioner (test)',
            participantOrganisationIds: [MEMBER_GROUP],
            commitments: [
              { text: 'Publish the diversion figures', owner: 'Chief executive, OPCC', dueOn: ukDate(-2) },
              { text: 'Meet the housing forum', owner: 'Head of commissioning', dueOn: ukDate(3) },
              { text: 'Review the women’s centre funding', owner: 'The Commissioner', dueOn: ukDate(30) },
            ],
          },
        },
        member,
      );
      const overdue = await sink.waitFor(COORDINATOR, about('Overdue'));
      expect(overdue.text).toContain('Publish the diversion figures');
      expect(overdue.text).toContain(
        `https://convene.test/dashboard/engagements/${recorded.recordEngagement.engagement.id}`,
      );
      const due = await sink.waitFor(COORDINATOR, about('Due \\w+day \\d+ \\w+ \\d{4}'));
      expect(due.text).toContain('Meet the housing forum');
      expect(sink.to(COORDINATOR).some((m) => m.text.includes('women’s centre'))).toBe(false); // 30 days away

      // A later commitment is found by a later sweep: by then the first two were swept again, and not resent.
      await sut.client.data(
        'mutation ($input: AddCommitmentInput!) { addCommitment(input: $input) { commitment { id } } }',
        {
          input: {
            engagementId: (
              await query<{ id: string }>('SELECT id FROM engagement WHERE network_id = $1', [networkId])
            )[0]?.id,
            text: 'Write to the council',
            owner: 'The Commissioner',
            dueOn: ukDate(5),
          },
        },
        member,
      );
      await eventually(() => sink.to(COORDINATOR).find((m) => m.text.includes('Write to the council')), {
        what: 'the later commitment',
      });
      await allSent();
      const ours = mailAbout(new RegExp(`a commitment to ${escape(network?.name ?? '')}$`));
      expect(ours.map((m) => m.to)).toEqual([COORDINATOR, COORDINATOR, COORDINATOR]);
      expect(new Set(ours.map((m) => m.subject)).size).toBe(3);
      // Member staff (not admins) and people outside the network hear nothing of it.
      for (const address of EVERYONE.filter((a) => a !== COORDINATOR)) {
        expect(sink.to(address).filter((m) => m.subject.includes(network?.name ?? '-'))).toEqual([]);
      }
    },
    SLOW_MS,
  );

  it(
    'plans a notice once when several sweeps (instances) reach it at the same moment',
    async () => {
      const networkId = await gwentNetwork(sut, coordinator, admin);
      const [network] = await query<{ name: string }>('SELECT name FROM local_network WHERE id = $1', [networkId]);
      await sut.client.data(
        'mutation { updateNotificationPreferences(input: { preferences: [{ category: COMMITMENTS, frequency: IMMEDIATELY }] }) { notificationPreferences { digestHour } } }',
        {},
        coordinator,
      );
      const recorded = await sut.client.data<{ recordEngagement: { engagement: { commitments: { id: string }[] } } }>(
        'mutation ($input: RecordEngagementInput!) { recordEngagement(input: $input) { engagement { commitments { id } } } }',
        {
          input: {
            networkId,
            kind: 'MEETING',
            occurredOn: ukDate(-1),
            summary: 'Race (test)',
            commitments: [{ text: 'Answer the letter', owner: 'The Commissioner', dueOn: ukDate(2) }],
          },
        },
        member,
      );
      const commitmentId = recorded.recordEngagement.engagement.commitments[0]?.id;
      // Five sweeps at once, racing each other and the app's own timer.
      const sweeper = sut.app.get(NoticeSweeper);
      await Promise.all([1, 2, 3, 4, 5].map(() => sweeper.sweep()));
      const rows = await query<{ recipient: string }>(`SELECT recipient FROM notification WHERE subject = $1`, [
        `commitment-due:${commitmentId}:${ukDate(2)}`,
      ]);
      expect(rows).toEqual([{ recipient: demoPersonId('coordinator') }]);
      await sink.waitFor(COORDINATOR, new RegExp(`a commitment to ${escape(network?.name ?? '')}$`));
      await allSent();
      expect(mailAbout(new RegExp(`a commitment to ${escape(network?.name ?? '')}$`))).toHaveLength(1);
    },
    SLOW_MS,
  );
  it(
    'notices a commitment newly due or overdue however many noticed ones are still open (read page by page)',
    async () => {
      const sweeper = sut.app.get(NoticeSweeper);
      // Only the sweeps below run from here on, reading one commitment at a time.
      await sweeper.onApplicationShutdown();
      const networkId = await gwentNetwork(sut, coordinator, admin);
      const recorded = await sut.client.data<{
        recordEngagement: { engagement: { id: string; commitments: { id: string; dueOn: string }[] } };
      }>(
        'mutation ($input: RecordEngagementInput!) { recordEngagement(input: $input) { engagement { id commitments { id dueOn } } } }',
        {
          input: {
            networkId,
            kind: 'MEETING',
            occurredOn: ukDate(-300),
            summary: 'Long-running engagement (test)',
            commitments: [
              { text: 'Old promise one', owner: 'The Commissioner', dueOn: ukDate(-5) },
              { text: 'Old promise two', owner: 'The Commissioner', dueOn: ukDate(-6) },
            ],
          },
        },
        member,
      );
      const engagementId = recorded.recordEngagement.engagement.id;
      const noticed = async (subjects: string[]): Promise<boolean> => {
        const rows = await query<{ subject: string }>(
          'SELECT DISTINCT subject FROM notification WHERE subject = ANY($1)',
          [subjects],
        );
        return rows.length === subjects.length;
      };
      const [open] = await query<{ n: number }>(
        `SELECT count(*)::int AS n FROM commitment WHERE status = 'OPEN' AND due_on <= $1`,
        [ukDate(7)],
      );
      const sweepsToEnd = Math.ceil(((open?.n ?? 0) + 2) / 19) + 1;
      const sweepUntil = async (subjects: string[]): Promise<number> => {
        for (let sweeps = 1; sweeps <= sweepsToEnd; sweeps++) {
          await sweeper.sweep(undefined, 1);
          if (await noticed(subjects)) {
            return sweeps;
          }
        }
        return -1;
      };
      const old = recorded.recordEngagement.engagement.commitments.map((c) => `commitment-overdue:${c.id}:${c.dueOn}`);
      expect(await sweepUntil(old)).toBeGreaterThan(0);

      // Now one newly due (the newest) and one entered already long overdue (the oldest of all).
      const ADD = 'mutation ($input: AddCommitmentInput!) { addCommitment(input: $input) { commitment { id dueOn } } }';
      const added = [];
      for (const [text, dueOn] of [
        ['Newly due', ukDate(6)],
        ['Long overdue', ukDate(-300)],
      ] as const) {
        const { addCommitment } = await sut.client.data<{
          addCommitment: { commitment: { id: string; dueOn: string } };
        }>(ADD, { input: { engagementId, text, owner: 'The Commissioner', dueOn } }, member);
        added.push(addCommitment.commitment);
      }
      const fresh = [
        `commitment-due:${added[0]?.id}:${added[0]?.dueOn}`,
        `commitment-overdue:${added[1]?.id}:${added[1]?.dueOn}`,
      ];
      expect(await noticed(fresh)).toBe(false);
      // The newest comes on the first page of the very next sweep; the oldest once the sweeps reach the end.
      await sweeper.sweep(undefined, 1);
      expect(await noticed([fresh[0] ?? ''])).toBe(true);
      expect(await sweepUntil(fresh)).toBeGreaterThan(0);
    },
    SLOW_MS,
  );
  it(
    'reminds of a poll deadline newly coming up however many reminded polls are still open (read page by page)',
    async () => {
      const sweeper = sut.app.get(NoticeSweeper);
      await sweeper.onApplicationShutdown(); // only the sweeps below run
      const networkId = await gwentNetwork(sut, coordinator, admin);
      const open = async (hoursToGo: number): Promise<string> => {
        const created = await sut.client.data<{ createSchedulingPoll: { poll: { id: string } } }>(
          'mutation ($input: CreateSchedulingPollInput!) { createSchedulingPoll(input: $input) { poll { id } } }',
          {
            input: {
              networkId,
              title: `Paged poll ${unique()} (test)`,
              kind: 'NETWORK_MEETING',
              deadline: DateTime.now().plus({ hours: hoursToGo }).toUTC().toISO(),
              slots: [
                { start: localIn(16), end: localIn(16, 20) },
                { start: localIn(17), end: localIn(17, 20) },
              ],
            },
          },
          coordinator,
        );
        const id = created.createSchedulingPoll.poll.id;
        // Opened two days before its deadline (the clock moved), so it is due a reminder.
        await query(`UPDATE scheduling_poll SET created_at = now() - interval '2 days' WHERE id = $1`, [id]);
        return id;
      };
      const subjectsOf = async (ids: string[]): Promise<string[]> =>
        (
          await query<{ id: string; deadline: Date }>('SELECT id, deadline FROM scheduling_poll WHERE id = ANY($1)', [
            ids,
          ])
        ).map((p) => `poll-deadline:${p.id}:${p.deadline.toISOString()}`);
      const reminded = async (subjects: string[]): Promise<boolean> =>
        (await query('SELECT DISTINCT subject FROM notification WHERE subject = ANY($1)', [subjects])).length ===
        subjects.length;
      const [polls] = await query<{ n: number }>(
        `SELECT count(*)::int AS n FROM scheduling_poll WHERE status = 'OPEN' AND deadline > now()`,
      );
      const sweepUntil = async (subjects: string[]): Promise<number> => {
        for (let sweeps = 1; sweeps <= Math.ceil(((polls?.n ?? 0) + 3) / 19) + 1; sweeps++) {
          await sweeper.sweep(undefined, 1);
          if (await reminded(subjects)) {
            return sweeps;
          }
        }
        return -1;
      };
      expect(await sweepUntil(await subjectsOf([await open(20), await open(21)]))).toBeGreaterThan(0);
      // A poll closing sooner than both comes last, latest first: still reached.
      const soonest = await subjectsOf([await open(2)]);
      expect(await reminded(soonest)).toBe(false);
      expect(await sweepUntil(soonest)).toBeGreaterThan(0);
    },
    SLOW_MS,
  );
});
