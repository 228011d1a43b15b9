import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client as PgClient } from 'pg';
import { demoEventId } from '@app/events';
import { countSql, graphqlWsClient, LiveSubscription, rowCount } from '@app/testing';
import {
  createEvent,
  errorOf,
  reasonOf,
  EVENT_FIELDS,
  eventOf,
  GWENT,
  gwentNetwork,
  type Headers,
  localIn,
  MEMBER_GROUP,
  NEWPORT_CVS,
  newportStaff,
  PARTNER_ORG,
} from './support/event-helpers';
import { demoCast } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';
import { newestActivityCursor } from './support/activity-cursor';

interface Occurrence {
  originalStart: string;
  startsAt: string;
  endsAt: string;
  cancelled: boolean;
  moved: boolean;
  reason: string | null;
}
interface Rsvp {
  id: string;
  answer: string;
  place: string;
  organisation: { id: string };
}
interface Tally {
  confirmed: number;
  waitlisted: number;
  maybe: number;
  declined: number;
  placesLeft: number | null;
}
const RSVP = 'rsvp { id answer place organisation { id } } tally { confirmed waitlisted maybe declined placesLeft }';
const OCCURRENCE = 'originalStart startsAt endsAt cancelled moved reason';

describe('event scheduling', () => {
  let sut: TestApp;
  let admin: Headers;
  let coordinator: Headers;
  let member: Headers;
  let partner: Headers;
  let networkId: string;

  const answer = (who: Headers, input: Record<string, unknown>) =>
    sut.client.request<{ answerEvent: { rsvp: Rsvp; tally: Tally } }>(
      `mutation ($input: AnswerEventInput!) { answerEvent(input: $input) { ${RSVP} } }`,
      { input },
      who,
    );

  const occurrences = async (eventId: string, from: string, to: string): Promise<Occurrence[]> => {
    const { event } = await sut.client.data<{ event: { occurrences: Occurrence[] } }>(
      `query ($id: ID!, $from: DateTime!, $to: DateTime!) { event(id: $id) { occurrences(from: $from, to: $to) { ${OCCURRENCE} } } }`,
      { id: eventId, from, to },
      coordinator,
    );
    return event.occurrences;
  };

  const countRows = (table: string): Promise<number> => rowCount(sut.database.url, table);

  beforeAll(async () => {
    sut = await startTestApp();
    ({ admin, coordinator, member, partner } = await demoCast(sut));
    networkId = await gwentNetwork(sut, coordinator, admin);
  });

  afterAll(async () => {
    await sut.close();
  });

  describe('times and clock changes', () => {
    it('keeps a weekly 18:30 meeting at 18:30 London time across the March 2027 change (GMT, then BST)', async () => {
      const event = await eventOf(sut, coordinator, {
        networkId,
        kind: 'NETWORK_MEETING',
        title: 'Spring meetings (test)',
        start: '2027-03-16T18:30',
        end: '2027-03-16T20:00',
        recurrenceRule: 'FREQ=WEEKLY;COUNT=4',
      });
      expect(event).toMatchObject({ startsAt: '2027-03-16T18:30:00.000Z', timeZone: 'Europe/London' });
      const found = await occurrences(event.id, '2027-03-01T00:00:00Z', '2027-05-01T00:00:00Z');
      expect(found.map((o) => [o.startsAt, o.endsAt])).toEqual([
        ['2027-03-16T18:30:00.000Z', '2027-03-16T20:00:00.000Z'],
        ['2027-03-23T18:30:00.000Z', '2027-03-23T20:00:00.000Z'],
        ['2027-03-30T17:30:00.000Z', '2027-03-30T19:00:00.000Z'], // clocks went forward on 28 March
        ['2027-04-06T17:30:00.000Z', '2027-04-06T19:00:00.000Z'],
      ]);
    });

    it('keeps a monthly meeting at 10:00 across the October 2027 change (BST, then GMT)', async () => {
      const event = await eventOf(sut, coordinator, {
        networkId,
        kind: 'NETWORK_MEETING',
        title: 'Autumn meetings (test)',
        start: '2027-10-05T10:00',
        end: '2027-10-05T12:00',
        recurrenceRule: 'FREQ=MONTHLY;BYDAY=1TU;COUNT=2',
      });
      const found = await occurrences(event.id, '2027-10-01T00:00:00Z', '2027-12-01T00:00:00Z');
      expect(found.map((o) => o.startsAt)).toEqual(['2027-10-05T09:00:00.000Z', '2027-11-02T10:00:00.000Z']);
    });

    it('refuses a time the March change skips, and reads a repeated October time as its first (BST) occurrence', async () => {
      const skipped = await createEvent(sut, coordinator, {
        networkId,
        kind: 'OTHER',
        title: 'Skipped hour (test)',
        start: '2027-03-28T01:30',
        end: '2027-03-28T03:30',
      });
      expect(errorOf(skipped)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.start' });
      const repeated = await eventOf(sut, coordinator, {
        networkId,
        kind: 'OTHER',
        title: 'Repeated hour (test)',
        start: '2027-10-31T01:30',
        end: '2027-10-31T03:00',
      });
      expect(repeated.startsAt).toBe('2027-10-31T00:30:00.000Z');
      expect(repeated.endsAt).toBe('2027-10-31T03:00:00.000Z');
    });

    it('takes an all-day event as whole local days, the end inclusive', async () => {
      const event = await eventOf(sut, coordinator, {
        networkId,
        kind: 'TRAINING',
        title: 'Two-day training (test)',
        start: '2027-07-01',
        end: '2027-07-02',
        allDay: true,
      });
      expect(event).toMatchObject({
        allDay: true,
        startsAt: '2027-06-30T23:00:00.000Z',
        endsAt: '2027-07-02T23:00:00.000Z',
      });
    });
  });

  describe('bad input', () => {
    const good = () => ({
      networkId,
      kind: 'NETWORK_MEETING',
      title: 'Bad input (test)',
      start: localIn(10),
      end: localIn(10, 20),
    });

    it.each([
      ['an end before the start', { end: localIn(10, 17) }, 'input.end'],
      ['a negative capacity', { capacity: -1 }, 'input.capacity'],
      ['an unknown time zone', { timeZone: 'Europe/Atlantis' }, 'input.timeZone'],
      ['a malformed RRULE', { recurrenceRule: 'FREQ=SOMETIMES' }, 'input.recurrenceRule'],
      ['an RRULE without FREQ', { recurrenceRule: 'BYDAY=1TU' }, 'input.recurrenceRule'],
      ['a start in the past', { start: localIn(-1), end: localIn(-1, 20) }, 'input.start'],
      ['a malformed local time', { start: '10/12/2027 18:30' }, 'input.start'],
      [
        'a start that is not an occurrence of the rule',
        { recurrenceRule: 'FREQ=MONTHLY;BYMONTHDAY=31' },
        'input.recurrenceRule',
      ],
      ['a blank title', { title: '   ' }, 'input.title'],
    ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_what, change, field) => {
      const before = [await countRows('event'), await countRows('activity_event')];
      const response = await createEvent(sut, coordinator, { ...good(), ...change });
      expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(response.data ?? null).toBeNull();
      expect([await countRows('event'), await countRows('activity_event')]).toEqual(before);
    });

    it('says what is wrong with a recurrence rule and what to write instead', async () => {
      const response = await createEvent(sut, coordinator, { ...good(), recurrenceRule: 'FREQ=SOMETIMES' });
      expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.recurrenceRule' });
      expect(reasonOf(response)).toBe('INVALID_INPUT');
      const message = response.errors?.[0]?.message ?? '';
      expect(message).toContain('FREQ=SOMETIMES is not a frequency: use DAILY, WEEKLY, MONTHLY or YEARLY');
      expect(message).not.toContain('undefined');
    });

    it('refuses a poll-free event with both or neither organiser', async () => {
      const both = await createEvent(sut, coordinator, { ...good(), organiserOrganisationId: NEWPORT_CVS });
      expect(errorOf(both)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.networkId' });
    });
  });

  describe('who may', () => {
    it('lets only organisers schedule and change, and hides a network event from outsiders', async () => {
      const input = {
        networkId,
        kind: 'NETWORK_MEETING',
        title: 'Members only (test)',
        start: localIn(12),
        end: localIn(12, 20),
      };
      expect(errorOf(await createEvent(sut, member, input))).toEqual({ code: 'FORBIDDEN', field: undefined });
      expect(errorOf(await createEvent(sut, partner, input))).toEqual({ code: 'FORBIDDEN', field: undefined });
      const event = await eventOf(sut, coordinator, input);
      expect(event.visibility).toBe('NETWORK');

      const read = (who: Headers) =>
        sut.client.request<{ event: { id: string } }>(
          'query ($id: ID!) { event(id: $id) { id } }',
          { id: event.id },
          who,
        );
      expect((await read(member)).data?.event.id).toBe(event.id);
      expect(errorOf(await read(partner)).code).toBe('NOT_FOUND');
      expect(errorOf(await read({})).code).toBe('NOT_FOUND');

      const update = (who: Headers) =>
        sut.client.request(
          'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { title } } }',
          { input: { eventId: event.id, title: 'Renamed (test)' } },
          who,
        );
      expect(errorOf(await update(member)).code).toBe('FORBIDDEN');
      expect((await update(coordinator)).errors).toBeUndefined();
      expect((await update(admin)).errors).toBeUndefined();

      // Members answer for their own organisation; outsiders cannot answer a members-only event.
      const mine = await answer(member, { eventId: event.id, organisationId: MEMBER_GROUP, answer: 'GOING' });
      expect(mine.errors).toBeUndefined();
      expect(
        errorOf(await answer(member, { eventId: event.id, organisationId: NEWPORT_CVS, answer: 'GOING' })).code,
      ).toBe('FORBIDDEN');
      expect(
        errorOf(await answer(partner, { eventId: event.id, organisationId: PARTNER_ORG, answer: 'GOING' })).code,
      ).toBe('NOT_FOUND');
    });
  });

  describe('recurrence with exceptions', () => {
    it('moves one occurrence and cancels another, and the calendar shows both; restoring undoes a cancellation', async () => {
      const event = await eventOf(sut, coordinator, {
        networkId,
        kind: 'NETWORK_MEETING',
        title: 'First Tuesdays (test)',
        start: '2027-01-05T18:30',
        end: '2027-01-05T20:00',
        recurrenceRule: 'FREQ=MONTHLY;BYDAY=1TU',
      });
      const change = (input: Record<string, unknown>) =>
        sut.client.request<{ changeEventOccurrence: { event: { sequence: number } } }>(
          'mutation ($input: ChangeOccurrenceInput!) { changeEventOccurrence(input: $input) { event { sequence } } }',
          { input: { eventId: event.id, ...input } },
          coordinator,
        );
      expect(
        (await change({ occurrenceStart: '2027-02-02T18:30:00.000Z', cancel: true, reason: 'Half term' })).errors,
      ).toBeUndefined();
      const moved = await change({
        occurrenceStart: '2027-04-06T17:30:00.000Z',
        start: '2027-04-08T18:00',
        end: '2027-04-08T19:30',
      });
      expect(moved.data?.changeEventOccurrence.event.sequence).toBe(2);
      // Not an occurrence of the rule:
      expect(errorOf(await change({ occurrenceStart: '2027-02-03T18:30:00.000Z', cancel: true }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'input.occurrenceStart',
      });

      const found = await occurrences(event.id, '2027-01-01T00:00:00Z', '2027-05-01T00:00:00Z');
      expect(found.map((o) => [o.originalStart, o.startsAt, o.cancelled, o.moved])).toEqual([
        ['2027-01-05T18:30:00.000Z', '2027-01-05T18:30:00.000Z', false, false],
        ['2027-02-02T18:30:00.000Z', '2027-02-02T18:30:00.000Z', true, false],
        ['2027-03-02T18:30:00.000Z', '2027-03-02T18:30:00.000Z', false, false],
        ['2027-04-06T17:30:00.000Z', '2027-04-08T17:00:00.000Z', false, true],
      ]);
      expect(found[1]?.reason).toBe('Half term');

      await change({ occurrenceStart: '2027-02-02T18:30:00.000Z', restore: true });
      const restored = await occurrences(event.id, '2027-02-01T00:00:00Z', '2027-02-28T00:00:00Z');
      expect(restored.map((o) => o.cancelled)).toEqual([false]);

      // Answers are per occurrence; a cancelled occurrence takes none.
      await change({ occurrenceStart: '2027-03-02T18:30:00.000Z', cancel: true });
      const refused = await answer(member, {
        eventId: event.id,
        occurrenceStart: '2027-03-02T18:30:00.000Z',
        organisationId: MEMBER_GROUP,
        answer: 'GOING',
      });
      expect(errorOf(refused).code).toBe('CONFLICT');
      const missing = await answer(member, { eventId: event.id, organisationId: MEMBER_GROUP, answer: 'GOING' });
      expect(errorOf(missing)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.occurrenceStart' });
    });
  });

  describe('changes to a series and its occurrences', () => {
    const series = (title: string) =>
      eventOf(sut, coordinator, {
        networkId,
        kind: 'NETWORK_MEETING',
        title,
        start: '2027-05-04T18:30',
        end: '2027-05-04T20:00',
        recurrenceRule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6',
      });
    const changeOccurrence = (input: Record<string, unknown>) =>
      sut.client.request<{ changeEventOccurrence: { clashes: { event: { id: string } }[] } }>(
        'mutation ($input: ChangeOccurrenceInput!) { changeEventOccurrence(input: $input) { clashes { event { id } } } }',
        { input },
        coordinator,
      );
    const tallyOf = async (eventId: string, occurrenceStart: string): Promise<number> => {
      const { event } = await sut.client.data<{ event: { tally: { confirmed: number; maybe: number } } }>(
        'query ($id: ID!, $o: DateTime) { event(id: $id) { tally(occurrenceStart: $o) { confirmed maybe } } }',
        { id: eventId, o: occurrenceStart },
        coordinator,
      );
      return event.tally.confirmed + event.tally.maybe;
    };

    it('takes answers for a moved occurrence, and warns when it moves onto another meeting', async () => {
      const event = await series('Moved occurrence (test)');
      const other = await eventOf(sut, coordinator, {
        networkId,
        kind: 'NETWORK_MEETING',
        title: 'Thursday meeting (test)',
        start: '2027-05-13T18:00',
        end: '2027-05-13T19:00',
      });
      const moved = await changeOccurrence({
        eventId: event.id,
        occurrenceStart: '2027-05-11T17:30:00.000Z',
        start: '2027-05-13T18:30',
        end: '2027-05-13T20:00',
      });
      expect(moved.data?.changeEventOccurrence.clashes.map((c) => c.event.id)).toEqual([other.id]);
      const going = await answer(member, {
        eventId: event.id,
        occurrenceStart: '2027-05-11T17:30:00.000Z',
        organisationId: MEMBER_GROUP,
        answer: 'GOING',
      });
      expect(going.errors).toBeUndefined();
      expect(await tallyOf(event.id, '2027-05-11T17:30:00.000Z')).toBe(1);
    });

    it('keeps answers on the same day when a series moves to a new time, and drops those on days it leaves', async () => {
      const event = await series('Moving series (test)');
      for (const occurrenceStart of ['2027-05-04T17:30:00.000Z', '2027-05-18T17:30:00.000Z']) {
        expect(
          (await answer(member, { eventId: event.id, occurrenceStart, organisationId: MEMBER_GROUP, answer: 'MAYBE' }))
            .errors,
        ).toBeUndefined();
      }
      // Same Tuesdays, 19:00, fortnightly: 4 and 18 May stay, at their new times.
      const moved = await sut.client.request<{ rescheduleEvent: { event: { startsAt: string } } }>(
        'mutation ($input: RescheduleEventInput!) { rescheduleEvent(input: $input) { event { startsAt } } }',
        {
          input: {
            eventId: event.id,
            start: '2027-05-04T19:00',
            end: '2027-05-04T20:30',
            recurrenceRule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=3',
          },
        },
        coordinator,
      );
      expect(moved.errors).toBeUndefined();
      expect(await tallyOf(event.id, '2027-05-04T18:00:00.000Z')).toBe(1);
      expect(await tallyOf(event.id, '2027-05-18T18:00:00.000Z')).toBe(1);
      // Weekly on Wednesdays: no Tuesday left, so the answers go (and the activity item says so).
      await sut.client.data(
        'mutation ($input: RescheduleEventInput!) { rescheduleEvent(input: $input) { event { id } } }',
        {
          input: {
            eventId: event.id,
            start: '2027-05-05T19:00',
            end: '2027-05-05T20:30',
            recurrenceRule: 'FREQ=WEEKLY;BYDAY=WE;COUNT=3',
          },
        },
        coordinator,
      );
      expect(await tallyOf(event.id, '2027-05-05T18:00:00.000Z')).toBe(0);
      // Read from the outbox itself: the feed hands out items only once settled, which a busy cluster delays.
      const client = new PgClient({ connectionString: sut.database.url });
      await client.connect();
      const { rows: rescheduled } = await client.query<{ payload: Record<string, unknown> }>(
        `SELECT payload FROM activity_event WHERE event_id = $1 AND verb = 'EVENT_RESCHEDULED' ORDER BY sequence`,
        [event.id],
      );
      await client.end();
      expect(rescheduled.map((n) => [n.payload.answersCarried, n.payload.answersDropped])).toEqual([
        [2, 0],
        [0, 2],
      ]);
    });

    it('keeps a cancelled and a moved occurrence when a series moves to a new time, and reports what it did', async () => {
      const event = await eventOf(sut, coordinator, {
        networkId,
        kind: 'NETWORK_MEETING',
        title: 'Spring term meetings (test)',
        start: '2027-03-30T18:30',
        end: '2027-03-30T20:00',
        recurrenceRule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=5',
      });
      expect(
        (
          await changeOccurrence({
            eventId: event.id,
            occurrenceStart: '2027-04-06T17:30:00.000Z',
            cancel: true,
            reason: 'Easter holidays',
          })
        ).errors,
      ).toBeUndefined();
      expect(
        (
          await changeOccurrence({
            eventId: event.id,
            occurrenceStart: '2027-04-13T17:30:00.000Z',
            start: '2027-04-14T18:30',
            end: '2027-04-14T20:00',
          })
        ).errors,
      ).toBeUndefined();
      const reschedule = (input: Record<string, unknown>) =>
        sut.client.data<{
          rescheduleEvent: {
            exceptions: {
              originalStart: string;
              newOriginalStart: string | null;
              cancelled: boolean;
              outcome: string;
            }[];
          };
        }>(
          `mutation ($input: RescheduleEventInput!) { rescheduleEvent(input: $input) {
             event { id } exceptions { originalStart newOriginalStart cancelled outcome } } }`,
          { input: { eventId: event.id, ...input } },
          coordinator,
        );
      // Same Tuesdays, at 19:00: both exceptions follow their day.
      const later = await reschedule({
        start: '2027-03-30T19:00',
        end: '2027-03-30T20:30',
        recurrenceRule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=5',
      });
      expect(later.rescheduleEvent.exceptions).toEqual([
        {
          originalStart: '2027-04-06T17:30:00.000Z',
          newOriginalStart: '2027-04-06T18:00:00.000Z',
          cancelled: true,
          outcome: 'MOVED',
        },
        {
          originalStart: '2027-04-13T17:30:00.000Z',
          newOriginalStart: '2027-04-13T18:00:00.000Z',
          cancelled: false,
          outcome: 'MOVED',
        },
      ]);
      const found = await occurrences(event.id, '2027-04-01T00:00:00Z', '2027-04-30T00:00:00Z');
      expect(found.map((o) => [o.originalStart, o.startsAt, o.cancelled, o.moved, o.reason])).toEqual([
        ['2027-04-06T18:00:00.000Z', '2027-04-06T18:00:00.000Z', true, false, 'Easter holidays'],
        ['2027-04-13T18:00:00.000Z', '2027-04-14T17:30:00.000Z', false, true, null],
        ['2027-04-20T18:00:00.000Z', '2027-04-20T18:00:00.000Z', false, false, null],
        ['2027-04-27T18:00:00.000Z', '2027-04-27T18:00:00.000Z', false, false, null],
      ]);
      // Fortnightly from 30 March: 6 April has no meeting any more (dropped), 13 April keeps its move.
      const fortnightly = await reschedule({
        start: '2027-03-30T19:00',
        end: '2027-03-30T20:30',
        recurrenceRule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=3',
      });
      expect(
        fortnightly.rescheduleEvent.exceptions.map((e) => [e.originalStart, e.newOriginalStart, e.outcome]),
      ).toEqual([
        ['2027-04-06T18:00:00.000Z', null, 'DROPPED'],
        ['2027-04-13T18:00:00.000Z', '2027-04-13T18:00:00.000Z', 'KEPT'],
      ]);
      const client = new PgClient({ connectionString: sut.database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ payload: Record<string, unknown> }>(
          `SELECT payload FROM activity_event WHERE event_id = $1 AND verb = 'EVENT_RESCHEDULED' ORDER BY sequence`,
          [event.id],
        );
        expect(
          rows.map((r) => [r.payload.exceptionsKept, r.payload.exceptionsMoved, r.payload.exceptionsDropped]),
        ).toEqual([
          [
            [],
            [
              { occurrence: '2027-04-06T17:30:00.000Z', change: 'CANCELLED', to: '2027-04-06T18:00:00.000Z' },
              { occurrence: '2027-04-13T17:30:00.000Z', change: 'MOVED', to: '2027-04-13T18:00:00.000Z' },
            ],
            [],
          ],
          [
            [{ occurrence: '2027-04-13T18:00:00.000Z', change: 'MOVED', to: '2027-04-13T18:00:00.000Z' }],
            [],
            [{ occurrence: '2027-04-06T18:00:00.000Z', change: 'CANCELLED', to: null }],
          ],
        ]);
      } finally {
        await client.end();
      }
    });

    it('does not replay a members-only event to an outsider following it from the start of its feed', async () => {
      const event = await eventOf(sut, coordinator, {
        networkId,
        visibility: 'PUBLIC',
        kind: 'NETWORK_MEETING',
        title: 'Public, then private (test)',
        start: localIn(33),
        end: localIn(33, 20),
      });
      await sut.client.data(
        'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { id } } }',
        { input: { eventId: event.id, visibility: 'NETWORK', onlineUrl: 'https://meet.example.org/secret' } },
        coordinator,
      );
      const fromStart = Buffer.from(JSON.stringify(['0', '0'])).toString('base64url');
      const client = graphqlWsClient(sut.graphqlUrl, { authorization: partner.authorization });
      const live = new LiveSubscription<{ eventChanges: { event: { onlineUrl: string | null } } }>(
        client,
        'subscription ($t: String!, $after: String) { eventChanges(scope: { kind: EVENT, target: $t }, after: $after) { event { onlineUrl } } }',
        { t: event.id, after: fromStart },
      );
      await live.waitFor(1, 1_500);
      live.stop();
      await client.dispose();
      expect(live.items).toEqual([]);
      expect(live.errors).toEqual([]);
    });

    it('refuses null for a field that cannot be empty, a duplicate poll answer and a forged cursor as bad input', async () => {
      const event = await series('Nulls (test)');
      for (const field of ['title', 'kind', 'visibility']) {
        const response = await sut.client.request(
          'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { id } } }',
          { input: { eventId: event.id, [field]: null } },
          coordinator,
        );
        expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field: `input.${field}` });
      }
      const forged = Buffer.from(JSON.stringify(['not a time', 'not an id'])).toString('base64url');
      const page = await sut.client.request('query ($a: String) { events(first: 2, after: $a) { totalCount } }', {
        a: forged,
      });
      expect(errorOf(page)).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    });
  });

  describe('capacity and the waitlist', () => {
    let staff: Headers[];

    beforeAll(async () => {
      staff = await newportStaff(sut, coordinator, 6);
    });

    const publicEvent = (capacity: number) =>
      eventOf(sut, coordinator, {
        organiserOrganisationId: NEWPORT_CVS,
        policeForceAreaCode: GWENT,
        kind: 'PCC_ENGAGEMENT',
        title: `Engagement session ${capacity} (test)`,
        start: localIn(20),
        end: localIn(20, 20),
        capacity,
      });

    it('gives the last place to exactly one of six people racing for it; the others wait in line', async () => {
      const event = await publicEvent(1);
      const outcomes = await Promise.all(
        staff.map((who) => answer(who, { eventId: event.id, organisationId: NEWPORT_CVS, answer: 'GOING' })),
      );
      expect(outcomes.flatMap((o) => o.errors ?? [])).toEqual([]);
      const places = outcomes.map((o) => o.data?.answerEvent.rsvp.place).sort();
      expect(places).toEqual(['CONFIRMED', 'WAITLISTED', 'WAITLISTED', 'WAITLISTED', 'WAITLISTED', 'WAITLISTED']);
      const { event: read } = await sut.client.data<{ event: { tally: Tally } }>(
        'query ($id: ID!) { event(id: $id) { tally { confirmed waitlisted placesLeft } } }',
        { id: event.id },
        coordinator,
      );
      expect(read.tally).toEqual({ confirmed: 1, waitlisted: 5, placesLeft: 0 });
    });

    it('promotes the waitlist in order when a place frees or capacity grows', async () => {
      const event = await publicEvent(1);
      // Each person's own answer, by its id (all four work for the organiser, so each sees every answer).
      const ids: string[] = [];
      for (const who of staff.slice(0, 4)) {
        const going = await answer(who, { eventId: event.id, organisationId: NEWPORT_CVS, answer: 'GOING' });
        expect(going.errors).toBeUndefined();
        ids.push(going.data?.answerEvent.rsvp.id ?? '');
      }
      const places = async (): Promise<string[]> => {
        const { event: read } = await sut.client.data<{ event: { rsvps: { id: string; place: string }[] } }>(
          'query ($id: ID!) { event(id: $id) { rsvps { id place } } }',
          { id: event.id },
          coordinator,
        );
        return ids.map((id) => read.rsvps.find((r) => r.id === id)?.place ?? 'MISSING');
      };
      expect(await places()).toEqual(['CONFIRMED', 'WAITLISTED', 'WAITLISTED', 'WAITLISTED']);
      // The first declines: the second (first in line) gets the place, not the third.
      const declined = await answer(staff[0], { eventId: event.id, organisationId: NEWPORT_CVS, answer: 'DECLINED' });
      expect(declined.data?.answerEvent.tally).toMatchObject({ confirmed: 1, waitlisted: 2, declined: 1 });
      expect(await places()).toEqual(['NONE', 'CONFIRMED', 'WAITLISTED', 'WAITLISTED']);

      const grown = await sut.client.request<{ updateEvent: { event: { tally: Tally } } }>(
        'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { tally { confirmed waitlisted placesLeft } } } }',
        { input: { eventId: event.id, capacity: 2 } },
        coordinator,
      );
      expect(grown.data?.updateEvent.event.tally).toEqual({ confirmed: 2, waitlisted: 1, placesLeft: 0 });
      expect(await places()).toEqual(['NONE', 'CONFIRMED', 'CONFIRMED', 'WAITLISTED']);

      // Organisers see every answer, places first then the line; others only their own organisations'.
      const { event: all } = await sut.client.data<{ event: { rsvps: Rsvp[] } }>(
        'query ($id: ID!) { event(id: $id) { rsvps { answer place } } }',
        { id: event.id },
        coordinator,
      );
      expect(all.rsvps.map((r) => r.place)).toEqual(['CONFIRMED', 'CONFIRMED', 'WAITLISTED', 'NONE']);
      const { event: outside } = await sut.client.data<{ event: { rsvps: Rsvp[] } }>(
        'query ($id: ID!) { event(id: $id) { rsvps { place } } }',
        { id: event.id },
        partner,
      );
      expect(outside.rsvps).toEqual([]);
    });

    it('refuses a negative capacity on update, and answers for an organisation the person does not work for', async () => {
      const event = await publicEvent(3);
      const negative = await sut.client.request(
        'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { id } } }',
        { input: { eventId: event.id, capacity: -2 } },
        coordinator,
      );
      expect(errorOf(negative)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.capacity' });
      expect(
        errorOf(await answer(partner, { eventId: event.id, organisationId: NEWPORT_CVS, answer: 'GOING' })).code,
      ).toBe('FORBIDDEN');
      expect(
        (await answer(partner, { eventId: event.id, organisationId: PARTNER_ORG, answer: 'MAYBE' })).errors,
      ).toBeUndefined();
    });
  });

  describe('places when a member leaves, and capacity below the places taken', () => {
    it('takes the places of an organisation removed from the network at its members-only events; the waitlist moves up', async () => {
      const ownNetwork = await gwentNetwork(sut, coordinator, admin);
      const [staffer] = await newportStaff(sut, coordinator, 1);
      const event = await eventOf(sut, coordinator, {
        networkId: ownNetwork,
        kind: 'NETWORK_MEETING',
        title: 'Members-only meeting (test)',
        start: localIn(25),
        end: localIn(25, 20),
        capacity: 1,
      });
      const open = await eventOf(sut, coordinator, {
        networkId: ownNetwork,
        visibility: 'PUBLIC',
        kind: 'NETWORK_MEETING',
        title: 'Open meeting (test)',
        start: localIn(26),
        end: localIn(26, 20),
      });
      const going = await answer(member, { eventId: event.id, organisationId: MEMBER_GROUP, answer: 'GOING' });
      expect(going.data?.answerEvent.rsvp.place).toBe('CONFIRMED');
      const waiting = await answer(staffer, { eventId: event.id, organisationId: NEWPORT_CVS, answer: 'GOING' });
      expect(waiting.data?.answerEvent.rsvp.place).toBe('WAITLISTED');
      expect(
        (await answer(member, { eventId: open.id, organisationId: MEMBER_GROUP, answer: 'GOING' })).errors,
      ).toBeUndefined();

      const { network } = await sut.client.data<{
        network: { members: { id: string; organisation: { id: string } }[] };
      }>(
        'query ($id: ID!) { network(id: $id) { members { id organisation { id } } } }',
        { id: ownNetwork },
        coordinator,
      );
      const membershipId = network.members.find((m) => m.organisation.id === MEMBER_GROUP)?.id;
      const removed = await sut.client.request(
        'mutation ($input: EndMembershipInput!) { removeFromNetwork(input: $input) { membership { status } } }',
        { input: { membershipId, reason: 'Stopped attending' } },
        coordinator,
      );
      expect(removed.errors).toBeUndefined();

      const tallyOf = async (id: string) =>
        (
          await sut.client.data<{ event: { tally: Tally; rsvps: { place: string; organisation: { id: string } }[] } }>(
            'query ($id: ID!) { event(id: $id) { tally { confirmed waitlisted maybe declined placesLeft } rsvps { place organisation { id } } } }',
            { id },
            coordinator,
          )
        ).event;
      const after = await tallyOf(event.id);
      expect(after.tally).toMatchObject({ confirmed: 1, waitlisted: 0, placesLeft: 0 });
      expect(after.rsvps).toEqual([{ place: 'CONFIRMED', organisation: { id: NEWPORT_CVS } }]);
      // A public event of the network keeps everyone's answers.
      expect((await tallyOf(open.id)).tally).toMatchObject({ confirmed: 1 });
      const client = new PgClient({ connectionString: sut.database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ payload: Record<string, unknown> }>(
          `SELECT payload FROM activity_event WHERE event_id = $1 AND verb = 'EVENT_RSVP_CHANGED' ORDER BY sequence DESC LIMIT 1`,
          [event.id],
        );
        expect(rows[0].payload).toMatchObject({
          withdrawnBecause: 'MEMBERSHIP_ENDED',
          placesWithdrawn: 1,
          promotedFromWaitlist: 1,
        });
      } finally {
        await client.end();
      }
    });

    it('takes the places of an organisation that leaves, occurrence by occurrence of a members-only series', async () => {
      const ownNetwork = await gwentNetwork(sut, coordinator, admin);
      const [staffer] = await newportStaff(sut, coordinator, 1);
      const event = await eventOf(sut, coordinator, {
        networkId: ownNetwork,
        kind: 'NETWORK_MEETING',
        title: 'Members-only series (test)',
        start: localIn(30),
        end: localIn(30, 20),
        recurrenceRule: 'FREQ=WEEKLY;COUNT=3',
        capacity: 1,
      });
      const found = await occurrences(
        event.id,
        new Date().toISOString(),
        new Date(Date.now() + 60 * 86_400_000).toISOString(),
      );
      for (const { originalStart } of found.slice(0, 2)) {
        const going = await answer(member, {
          eventId: event.id,
          occurrenceStart: originalStart,
          organisationId: MEMBER_GROUP,
          answer: 'GOING',
        });
        expect(going.data?.answerEvent.rsvp.place).toBe('CONFIRMED');
      }
      const waiting = await answer(staffer, {
        eventId: event.id,
        occurrenceStart: found[1].originalStart,
        organisationId: NEWPORT_CVS,
        answer: 'GOING',
      });
      expect(waiting.data?.answerEvent.rsvp.place).toBe('WAITLISTED');
      const { network } = await sut.client.data<{
        network: { members: { id: string; organisation: { id: string } }[] };
      }>(
        'query ($id: ID!) { network(id: $id) { members { id organisation { id } } } }',
        { id: ownNetwork },
        coordinator,
      );
      const membershipId = network.members.find((m) => m.organisation.id === MEMBER_GROUP)?.id;
      const left = await sut.client.request(
        'mutation ($input: EndMembershipInput!) { leaveNetwork(input: $input) { membership { status } } }',
        { input: { membershipId } },
        admin,
      );
      expect(left.errors).toBeUndefined();
      const tallies = [];
      for (const { originalStart } of found.slice(0, 2)) {
        const { event: read } = await sut.client.data<{ event: { tally: Tally } }>(
          'query ($id: ID!, $o: DateTime) { event(id: $id) { tally(occurrenceStart: $o) { confirmed waitlisted } } }',
          { id: event.id, o: originalStart },
          coordinator,
        );
        tallies.push(read.tally);
      }
      expect(tallies).toEqual([
        { confirmed: 0, waitlisted: 0 },
        { confirmed: 1, waitlisted: 0 },
      ]);
    });

    it('refuses to lower capacity below the places already confirmed (CONFLICT), and allows it down to them', async () => {
      const staff = await newportStaff(sut, coordinator, 2);
      const event = await eventOf(sut, coordinator, {
        organiserOrganisationId: NEWPORT_CVS,
        policeForceAreaCode: GWENT,
        kind: 'PCC_ENGAGEMENT',
        title: 'Shrinking session (test)',
        start: localIn(21),
        end: localIn(21, 20),
        capacity: 3,
      });
      for (const who of staff) {
        expect(
          (await answer(who, { eventId: event.id, organisationId: NEWPORT_CVS, answer: 'GOING' })).data?.answerEvent
            .rsvp.place,
        ).toBe('CONFIRMED');
      }
      const update = (capacity: number) =>
        sut.client.request<{ updateEvent: { event: { capacity: number } } }>(
          'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { capacity } } }',
          { input: { eventId: event.id, capacity } },
          coordinator,
        );
      expect(errorOf(await update(1))).toEqual({ code: 'CONFLICT', field: 'input.capacity' });
      expect((await update(2)).data?.updateEvent.event.capacity).toBe(2);
    });
  });

  describe('clashes, status and minutes', () => {
    it('warns of an overlapping meeting of the same network and of PCC events in the area, without refusing', async () => {
      // Mornings: the evening series of other tests and of the demo data (first Tuesdays at 18:30) fall on
      // day 30 on some days of the year.
      const start = localIn(30, 6);
      const first = await eventOf(sut, coordinator, {
        networkId,
        kind: 'NETWORK_MEETING',
        title: 'Clash A (test)',
        start,
        end: localIn(30, 8),
      });
      const hustings = await eventOf(sut, admin, {
        organiserOrganisationId: PARTNER_ORG,
        policeForceAreaCode: GWENT,
        kind: 'PCC_HUSTINGS',
        title: 'Gwent hustings (test)',
        start: localIn(30, 7),
        end: localIn(30, 9),
      });
      const { data, errors } = await createEvent(sut, coordinator, {
        networkId,
        kind: 'NETWORK_MEETING',
        title: 'Clash B (test)',
        start: localIn(30, 7, 30),
        end: localIn(30, 9),
      });
      expect(errors).toBeUndefined();
      expect(data?.createEvent.clashes.map((c) => c.event.id).sort()).toEqual([first.id, hustings.id].sort());
      expect(data?.createEvent.clashes.map((c) => c.reason).join(' ')).toMatch(/hustings/i);
    });

    it('postpones, reschedules and cancels, bumping the sequence each time; minutes only once it has happened', async () => {
      const event = await eventOf(sut, coordinator, {
        networkId,
        kind: 'CONSULTATION',
        title: 'Status (test)',
        start: localIn(40),
        end: localIn(40, 20),
      });
      const status = (input: Record<string, unknown>) =>
        sut.client.request<{
          changeEventStatus: { event: { status: string; statusReason: string; sequence: number } };
        }>(
          'mutation ($input: ChangeEventStatusInput!) { changeEventStatus(input: $input) { event { status statusReason sequence } } }',
          { input: { eventId: event.id, ...input } },
          coordinator,
        );
      expect((await status({ status: 'POSTPONED', reason: 'Venue flooded' })).data?.changeEventStatus.event).toEqual({
        status: 'POSTPONED',
        statusReason: 'Venue flooded',
        sequence: 1,
      });
      const moved = await sut.client.request<{
        rescheduleEvent: { event: { status: string; sequence: number; startsAt: string } };
      }>(
        `mutation ($input: RescheduleEventInput!) { rescheduleEvent(input: $input) { event { status sequence startsAt } } }`,
        { input: { eventId: event.id, start: localIn(47), end: localIn(47, 20) } },
        coordinator,
      );
      expect(moved.data?.rescheduleEvent.event).toMatchObject({ status: 'SCHEDULED', sequence: 2 });
      expect(errorOf(await status({ status: 'COMPLETED' })).code).toBe('CONFLICT');
      const minutes = await sut.client.request(
        'mutation ($input: RecordEventMinutesInput!) { recordEventMinutes(input: $input) { event { id } } }',
        { input: { eventId: event.id, minutes: '# Minutes' } },
        coordinator,
      );
      expect(errorOf(minutes).code).toBe('CONFLICT');
      expect(
        (await status({ status: 'CANCELLED', reason: 'Merged with the county meeting' })).data?.changeEventStatus.event
          .sequence,
      ).toBe(3);
      expect(errorOf(await status({ status: 'POSTPONED' })).code).toBe('CONFLICT');
    });

    it('sets an agenda, in order, and lists events page by page in start order', async () => {
      const event = await eventOf(sut, coordinator, {
        networkId,
        kind: 'NETWORK_MEETING',
        title: 'Agenda (test)',
        start: localIn(50),
        end: localIn(50, 20),
      });
      const { setEventAgenda } = await sut.client.data<{
        setEventAgenda: { event: { agenda: { position: number; title: string }[] } };
      }>(
        'mutation ($input: SetEventAgendaInput!) { setEventAgenda(input: $input) { event { agenda { position title } } } }',
        { input: { eventId: event.id, items: [{ title: 'Welcome' }, { title: 'Briefing to the PCC' }] } },
        coordinator,
      );
      expect(setEventAgenda.event.agenda).toEqual([
        { position: 1, title: 'Welcome' },
        { position: 2, title: 'Briefing to the PCC' },
      ]);
      const page = async (after?: string) =>
        (
          await sut.client.data<{
            events: {
              edges: { cursor: string; node: { id: string; startsAt: string } }[];
              pageInfo: { hasNextPage: boolean };
            };
          }>(
            'query ($after: String, $id: ID!) { events(first: 3, after: $after, filter: { networkId: $id }) { edges { cursor node { id startsAt } } pageInfo { hasNextPage } } }',
            { after, id: networkId },
            member,
          )
        ).events;
      const one = await page();
      const two = await page(one.edges.at(-1)?.cursor);
      const both = [...one.edges, ...two.edges];
      const starts = both.map((e) => e.node.startsAt);
      expect(starts).toEqual([...starts].sort());
      // No event on both pages (two events may share a start: other tests here make some at fixed dates).
      expect(new Set(both.map((e) => e.node.id)).size).toBe(both.length);
    });
  });

  describe('live', () => {
    it('streams an event tally to a member over WebSocket after each answer, and event changes in the network feed', async () => {
      const event = await eventOf(sut, coordinator, {
        networkId,
        kind: 'NETWORK_MEETING',
        title: 'Live (test)',
        start: localIn(60),
        end: localIn(60, 20),
        capacity: 5,
      });
      const token = member.authorization?.replace('Bearer ', '');
      const client = graphqlWsClient(sut.graphqlUrl, { authorization: `Bearer ${token}` });
      const tally = new LiveSubscription<{ eventRsvpTally: Tally }>(
        client,
        'subscription ($id: ID!) { eventRsvpTally(eventId: $id) { confirmed maybe placesLeft } }',
        { id: event.id },
      );
      const changes = new LiveSubscription<{ eventChanges: { verb: string; event: { id: string; title: string } } }>(
        client,
        'subscription ($scope: ActivityScope!, $after: String) { eventChanges(scope: $scope, after: $after) { verb event { id title } } }',
        { scope: { kind: 'NETWORK', target: networkId }, after: await newestActivityCursor(sut) },
      );
      try {
        // The tally's first item is its state once it runs; the changes replay from the cursor.
        expect((await tally.waitFor(1)).at(0)?.eventRsvpTally).toEqual({ confirmed: 0, maybe: 0, placesLeft: 5 });
        await answer(member, { eventId: event.id, organisationId: MEMBER_GROUP, answer: 'GOING' });
        await sut.client.data(
          'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { id } } }',
          { input: { eventId: event.id, title: 'Live, renamed (test)' } },
          coordinator,
        );
        const items = await tally.waitFor(3);
        expect(items.map((i) => i.eventRsvpTally)).toEqual([
          { confirmed: 0, maybe: 0, placesLeft: 5 },
          { confirmed: 1, maybe: 0, placesLeft: 4 },
          { confirmed: 1, maybe: 0, placesLeft: 4 },
        ]);
        const seen = await changes.waitFor(1);
        expect(seen.map((c) => c.eventChanges)).toEqual([
          { verb: 'EVENT_UPDATED', event: { id: event.id, title: 'Live, renamed (test)' } },
        ]);
        expect([...tally.errors, ...changes.errors]).toEqual([]);
      } finally {
        tally.stop();
        changes.stop();
        await client.dispose();
      }
    });

    it('refuses the tally of a members-only event to an outsider', async () => {
      const event = await eventOf(sut, coordinator, {
        networkId,
        kind: 'NETWORK_MEETING',
        title: 'Private tally (test)',
        start: localIn(61),
        end: localIn(61, 20),
      });
      const client = graphqlWsClient(sut.graphqlUrl, { authorization: partner.authorization });
      const live = new LiveSubscription(
        client,
        'subscription ($id: ID!) { eventRsvpTally(eventId: $id) { confirmed } }',
        { id: event.id },
      );
      await live.waitFor(1); // ends at the refusal
      live.stop();
      await client.dispose();
      expect(live.items).toEqual([]);
      expect(live.errors[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });

  it('lists a series afresh after each change: a cancellation, a move, a new time and a new time zone', async () => {
    // Expansions are remembered by rule, start, zone and window: each read below follows a change.
    const event = await eventOf(sut, coordinator, {
      networkId,
      kind: 'NETWORK_MEETING',
      title: 'Tuesday evenings (test)',
      start: '2027-01-05T18:30',
      end: '2027-01-05T20:00',
      recurrenceRule: 'FREQ=WEEKLY;BYDAY=TU',
    });
    const window = ['2027-03-01T00:00:00Z', '2027-03-24T00:00:00Z'] as const;
    const read = async () =>
      (await occurrences(event.id, ...window)).map((o) => [o.originalStart, o.startsAt, o.cancelled, o.moved]);
    const change = async (input: Record<string, unknown>) =>
      expect(
        (
          await sut.client.request(
            'mutation ($input: ChangeOccurrenceInput!) { changeEventOccurrence(input: $input) { event { id } } }',
            { input: { eventId: event.id, ...input } },
            coordinator,
          )
        ).errors,
      ).toBeUndefined();
    const reschedule = async (input: Record<string, unknown>) =>
      expect(
        (
          await sut.client.request(
            'mutation ($input: RescheduleEventInput!) { rescheduleEvent(input: $input) { event { id } } }',
            { input: { eventId: event.id, recurrenceRule: 'FREQ=WEEKLY;BYDAY=TU', ...input } },
            coordinator,
          )
        ).errors,
      ).toBeUndefined();
    const weekly = (times: string[]) => times.map((t) => [t, t, false, false]);

    expect(await read()).toEqual(
      weekly([
        '2027-03-02T18:30:00.000Z',
        '2027-03-09T18:30:00.000Z',
        '2027-03-16T18:30:00.000Z',
        '2027-03-23T18:30:00.000Z',
      ]),
    );
    await change({ occurrenceStart: '2027-03-09T18:30:00.000Z', cancel: true });
    await change({ occurrenceStart: '2027-03-16T18:30:00.000Z', start: '2027-03-17T18:00', end: '2027-03-17T19:30' });
    expect(await read()).toEqual([
      ['2027-03-02T18:30:00.000Z', '2027-03-02T18:30:00.000Z', false, false],
      ['2027-03-09T18:30:00.000Z', '2027-03-09T18:30:00.000Z', true, false],
      ['2027-03-16T18:30:00.000Z', '2027-03-17T18:00:00.000Z', false, true],
      ['2027-03-23T18:30:00.000Z', '2027-03-23T18:30:00.000Z', false, false],
    ]);
    await change({ occurrenceStart: '2027-03-09T18:30:00.000Z', restore: true });
    await reschedule({ start: '2027-01-05T19:00', end: '2027-01-05T20:30' });
    expect((await read()).filter(([, , , moved]) => !moved)).toEqual(
      weekly(['2027-03-02T19:00:00.000Z', '2027-03-09T19:00:00.000Z', '2027-03-23T19:00:00.000Z']),
    );
    // 19:00 in New York: EST (UTC-5) until 14 March 2027, then EDT (UTC-4).
    await reschedule({ start: '2027-01-05T19:00', end: '2027-01-05T20:30', timeZone: 'America/New_York' });
    expect((await read()).filter(([, , , moved]) => !moved)).toEqual(
      weekly(['2027-03-03T00:00:00.000Z', '2027-03-10T00:00:00.000Z', '2027-03-23T23:00:00.000Z']),
    );
  });

  it('lists only the events a viewer may see, by every filter, with the same total on every page', async () => {
    const hidden = await eventOf(sut, coordinator, {
      networkId,
      kind: 'TRAINING',
      title: 'Members only (test)',
      start: localIn(70),
      end: localIn(70, 20),
      visibility: 'NETWORK',
    });
    const called = await eventOf(sut, coordinator, {
      networkId,
      kind: 'NETWORK_MEETING',
      title: 'Called off (test)',
      start: localIn(71),
      end: localIn(71, 20),
    });
    const { errors } = await sut.client.request(
      'mutation ($input: ChangeEventStatusInput!) { changeEventStatus(input: $input) { event { status } } }',
      { input: { eventId: called.id, status: 'CANCELLED', reason: 'No room (test)' } },
      coordinator,
    );
    expect(errors).toBeUndefined();
    interface Page {
      totalCount: number;
      edges: { cursor: string; node: { id: string; kind: string; status: string } }[];
    }
    const list = async (who: Headers, filter: Record<string, unknown>, first = 100, after?: string) =>
      (
        await sut.client.data<{ events: Page }>(
          `query ($filter: EventFilter, $first: Int!, $after: String) {
             events(first: $first, after: $after, filter: $filter) { totalCount edges { cursor node { id kind status } } } }`,
          { filter, first, after },
          who,
        )
      ).events;
    const ids = (page: Page) => page.edges.map((e) => e.node.id);
    const theirs = await list(member, { networkId });
    expect(ids(theirs)).toContain(hidden.id);
    expect(theirs.totalCount).toBe(theirs.edges.length);
    expect(ids(await list(partner, { networkId }))).not.toContain(hidden.id);
    expect(ids(await list({}, { networkId }))).not.toContain(hidden.id);
    expect(ids(await list(admin, { networkId }))).toContain(hidden.id);

    const training = await list(member, { networkId, kinds: ['TRAINING'] });
    expect(ids(training)).toContain(hidden.id);
    expect(new Set(training.edges.map((e) => e.node.kind))).toEqual(new Set(['TRAINING']));
    const cancelled = await list(member, {
      networkId,
      statuses: ['CANCELLED'],
      kinds: ['NETWORK_MEETING', 'TRAINING'],
    });
    expect(ids(cancelled)).toContain(called.id);
    expect(new Set(cancelled.edges.map((e) => e.node.status))).toEqual(new Set(['CANCELLED']));
    expect(ids(await list(member, { networkId, policeForceAreaCode: GWENT }))).toEqual(ids(theirs));
    expect(await list(member, { networkId, policeForceAreaCode: 'E23000099' })).toEqual({ totalCount: 0, edges: [] });
    expect(await list(member, { networkId, organiserOrganisationId: PARTNER_ORG })).toEqual({
      totalCount: 0,
      edges: [],
    });

    const first = await list(member, { networkId }, 2);
    const second = await list(member, { networkId }, 2, first.edges[1].cursor);
    expect(second.totalCount).toBe(theirs.totalCount);
    expect(ids(second)).toEqual(ids(theirs).slice(2, 4));
  });

  it('reads a page of series with their moved and cancelled occurrences in one statement', async () => {
    const series = await eventOf(sut, coordinator, {
      networkId,
      kind: 'NETWORK_MEETING',
      title: 'Weekly, one called off (test)',
      start: localIn(90, 9),
      end: localIn(90, 10),
      recurrenceRule: 'FREQ=WEEKLY;COUNT=3',
      visibility: 'PUBLIC',
    });
    const from = new Date(Date.now() + 85 * 86_400_000).toISOString();
    const to = new Date(Date.now() + 120 * 86_400_000).toISOString();
    const second = (await occurrences(series.id, from, to))[1];
    const { errors } = await sut.client.request(
      'mutation ($input: ChangeOccurrenceInput!) { changeEventOccurrence(input: $input) { event { id } } }',
      { input: { eventId: series.id, occurrenceStart: second.originalStart, cancel: true, reason: 'Closed (test)' } },
      coordinator,
    );
    expect(errors).toBeUndefined();
    const { result, statements } = await countSql(() =>
      sut.client.data<{ events: { edges: { node: { id: string; occurrences: Occurrence[] } }[] } }>(
        `query ($id: ID!, $from: DateTime!, $to: DateTime!) { events(first: 50, filter: { networkId: $id }) {
           edges { node { id occurrences(from: $from, to: $to) { ${OCCURRENCE} } } } } }`,
        { id: networkId, from, to },
        {},
      ),
    );
    const listed = result.events.edges.find((e) => e.node.id === series.id)?.node.occurrences;
    expect(listed?.map((o) => [o.originalStart, o.cancelled, o.reason])).toEqual(
      (await occurrences(series.id, from, to)).map((o) => [o.originalStart, o.cancelled, o.reason]),
    );
    expect(listed?.[1]).toMatchObject({
      originalStart: second.originalStart,
      cancelled: true,
      reason: 'Closed (test)',
    });
    // The response cache's version read, then one statement for the events and their changes.
    expect(statements).toHaveLength(1 + 1);
  });

  it('costs a fixed number of SQL statements for a page of events with their nested fields, whatever its size', async () => {
    const nested = `query ($id: ID!, $first: Int!) { events(first: $first, filter: { networkId: $id }) { totalCount edges { node {
        title network { name } policeForceArea { code } organiserOrganisation { name } agenda { title } tally { confirmed placesLeft } rsvps { place organisation { name } }
        occurrences(from: "2027-01-01T00:00:00Z", to: "2027-12-01T00:00:00Z") { startsAt event { id } } } } } }`;
    const few = await countSql(() => sut.client.request(nested, { id: networkId, first: 2 }, member));
    const many = await countSql(() => sut.client.request(nested, { id: networkId, first: 20 }, member));
    expect(many.result.errors).toBeUndefined();
    const edges = (many.result.data as { events: { edges: unknown[] } }).events.edges;
    expect(edges.length).toBeGreaterThan(5);
    expect(many.statements.length).toBe(few.statements.length);
  });

  it('reads only the columns a page of events lists, and whole events wherever more is asked', async () => {
    type Page = {
      events: {
        edges: {
          node: {
            id: string;
            title: string;
            description?: string | null;
            createdAt?: string;
            occurrences: { event: { description: string | null } }[];
          };
        }[];
      };
    };
    const described = await eventOf(sut, coordinator, {
      networkId,
      kind: 'NETWORK_MEETING',
      title: 'Described (test)',
      description: 'What the page need not read (test)',
      start: localIn(20, 14),
      end: localIn(20, 15),
    });
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const window = `from: "${from}", to: "${new Date(Date.parse(from) + 365 * 86_400_000).toISOString()}"`;
    const whole = await sut.client.data<Page>(
      `query ($id: ID!) { events(first: 50, filter: { networkId: $id }) { edges { node { id title description createdAt } } } }`,
      { id: networkId },
      member,
    );
    const descriptions = new Map(whole.events.edges.map(({ node }) => [node.id, node.description]));
    const created = new Map(whole.events.edges.map(({ node }) => [node.id, node.createdAt]));
    expect(descriptions.get(described.id)).toBe('What the page need not read (test)');

    const slim = await countSql(() =>
      sut.client.data<Page>(
        `query ($id: ID!) { events(first: 50, filter: { networkId: $id }) { edges { node { id title occurrences(${window}) { startsAt } } } } }`,
        { id: networkId },
        member,
      ),
    );
    const page = slim.statements.find((sql) => sql.includes('FROM event t')) ?? '';
    expect(page).toContain('"recurrenceRule"');
    expect(page).not.toContain('"description"');
    expect(slim.result.events.edges.map(({ node }) => node.id)).toEqual([...descriptions.keys()]);

    // Fields behind fragments nested deeper than the selection is looked at: read whole, not left out
    // (`createdAt` is not among a slim page's columns, and cannot be null).
    const nine = await sut.client.data<{ events: { edges: { node: { id: string; createdAt: string } }[] } }>(
      `query ($id: ID!) { events(first: 1, filter: { networkId: $id }) {
         ${'... { '.repeat(9)}edges { node { id createdAt } }${' }'.repeat(9)} } }`,
      { id: networkId },
      member,
    );
    const [first] = nine.events.edges;
    expect(first.node.createdAt).toBe(created.get(first.node.id));

    // An occurrence's event is a whole event, read by id: not the page's partial row.
    const deeper = await sut.client.data<Page>(
      `query ($id: ID!) { events(first: 50, filter: { networkId: $id }) { edges { node { id title
         occurrences(${window}) { event { description } } } } } }`,
      { id: networkId },
      member,
    );
    for (const { node } of deeper.events.edges) {
      for (const occurrence of node.occurrences) {
        expect(occurrence.event.description).toBe(descriptions.get(node.id));
      }
    }
    expect(deeper.events.edges.find(({ node }) => node.id === described.id)?.node.occurrences).toEqual([
      { event: { description: 'What the page need not read (test)' } },
    ]);
  });

  it("checks each event's occurrence window as any argument is checked, naming the argument", async () => {
    const page = (from: string, to: string) =>
      sut.client.request(
        `query ($id: ID!, $from: DateTime!, $to: DateTime!) { events(first: 5, filter: { networkId: $id }) {
           edges { node { id occurrences(from: $from, to: $to) { startsAt } } } } }`,
        { id: networkId, from, to },
        member,
      );
    const fine = await page('2027-01-01T00:00:00Z', '2027-02-01T00:00:00Z');
    expect(fine.errors).toBeUndefined();
    // Not an instant: the same value twice (a refusal is never remembered as a pass), then after a pass.
    for (const from of ['not a date', 'not a date', '2027-13-45T00:00:00Z']) {
      expect(errorOf(await page(from, '2027-02-01T00:00:00Z'))).toEqual({ code: 'BAD_USER_INPUT', field: 'from' });
    }
    expect(errorOf(await page('2027-01-01T00:00:00Z', 'soon'))).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(errorOf(await page('2027-02-01T00:00:00Z', '2027-01-01T00:00:00Z'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'to',
    });
  });

  it('lists a calendar of occurrences across events, each with its event', async () => {
    const { eventOccurrences } = await sut.client.data<{
      eventOccurrences: { startsAt: string; event: { title: string; network: { id: string } } }[];
    }>(
      `query ($id: ID!) { eventOccurrences(from: "2027-03-01T00:00:00Z", to: "2027-04-10T00:00:00Z", filter: { networkId: $id }) {
         startsAt event { title network { id } } } }`,
      { id: networkId },
      member,
    );
    const starts = eventOccurrences.map((o) => o.startsAt);
    expect(starts).toEqual([...starts].sort());
    expect(eventOccurrences.filter((o) => o.event.title === 'Spring meetings (test)').map((o) => o.startsAt)).toEqual([
      '2027-03-16T18:30:00.000Z',
      '2027-03-23T18:30:00.000Z',
      '2027-03-30T17:30:00.000Z',
      '2027-04-06T17:30:00.000Z',
    ]);
    expect(new Set(eventOccurrences.map((o) => o.event.network.id))).toEqual(new Set([networkId]));
  });

  it('comes with demo events: a members-only monthly meeting in Gwent and a public hustings', async () => {
    const read = (who: Headers, key: string) =>
      sut.client.request<{ event: { title: string; recurrenceRule: string | null; kind: string } }>(
        'query ($id: ID!) { event(id: $id) { title recurrenceRule kind } }',
        { id: demoEventId(key) },
        who,
      );
    expect((await read(member, 'gwent-monthly')).data?.event).toMatchObject({
      recurrenceRule: 'FREQ=MONTHLY;BYDAY=1TU',
    });
    expect(errorOf(await read(partner, 'gwent-monthly')).code).toBe('NOT_FOUND');
    expect((await read({}, 'gwent-hustings')).data?.event.kind).toBe('PCC_HUSTINGS');
  });

  it('selects every field of an event without error', async () => {
    const event = await eventOf(sut, coordinator, {
      networkId,
      kind: 'NETWORK_MEETING',
      title: 'Fields (test)',
      start: localIn(70),
      end: localIn(70, 20),
      venue: 'Community hall',
      onlineUrl: 'https://meet.example.org/x',
    });
    const { event: read } = await sut.client.data<{ event: Record<string, unknown> }>(
      `query ($id: ID!) { event(id: $id) { ${EVENT_FIELDS} venue onlineUrl network { id } policeForceArea { code } organiserOrganisation { id } } }`,
      { id: event.id },
      member,
    );
    expect(read).toMatchObject({
      venue: 'Community hall',
      network: { id: networkId },
      policeForceArea: { code: GWENT },
      organiserOrganisation: null,
    });
  });
});
