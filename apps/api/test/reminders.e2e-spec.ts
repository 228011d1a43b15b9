import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { Client as PgClient } from 'pg';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { eventOf, GWENT, type Headers, MEMBER_GROUP, NEWPORT_CVS, PARTNER_ORG, signIn } from './support/event-helpers';
import { startTestApp, type TestApp } from './support/test-app';

/** Seconds from now until the reminder falls due (room to start two instances and answer). */
const DUE_IN_SECONDS = 14;

describe('event reminders (pg-boss job queue, two instances on one database)', () => {
  let database: TestDatabase;
  let instances: TestApp[];
  let first: TestApp;
  let start: DateTime;
  let coordinator: Headers;

  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new PgClient({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    // Times are whole minutes: pick the start, then a lead that makes the reminder due soon.
    const now = DateTime.now().setZone('Europe/London');
    start = now.plus({ minutes: 3 }).startOf('minute');
    const lead = Math.round(start.diff(now, 'seconds').seconds) - DUE_IN_SECONDS;
    const env = { EVENT_REMINDER_LEAD_SECONDS: String(lead), EVENT_REMINDER_POLL_SECONDS: '0.5' };
    database = await createTestDatabase();
    instances = [await startTestApp(env, undefined, database), await startTestApp(env, undefined, database)];
    first = instances[0];
    coordinator = await signIn(first, 'coordinator@demo.convene.example');
  });

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.close()));
    await database.drop();
  });

  it('reminds each person with a place or a maybe once, records it once, and plans the next occurrence', async () => {
    const event = await eventOf(first, coordinator, {
      organiserOrganisationId: NEWPORT_CVS,
      policeForceAreaCode: GWENT,
      kind: 'PCC_ENGAGEMENT',
      title: 'Weekly surgery (test)',
      start: start.toFormat("yyyy-MM-dd'T'HH:mm"),
      end: start.plus({ hours: 1 }).toFormat("yyyy-MM-dd'T'HH:mm"),
      recurrenceRule: 'FREQ=WEEKLY;COUNT=3',
      capacity: 1,
    });
    const occurrenceStart = event.startsAt;
    const answers: [string, string, string][] = [
      ['coordinator@demo.convene.example', NEWPORT_CVS, 'GOING'],
      ['member@demo.convene.example', MEMBER_GROUP, 'MAYBE'],
      ['partner@demo.convene.example', PARTNER_ORG, 'GOING'], // full: waitlisted, so not reminded
    ];
    for (const [email, organisationId, answer] of answers) {
      const { errors } = await first.client.request(
        'mutation ($input: AnswerEventInput!) { answerEvent(input: $input) { rsvp { id } } }',
        { input: { eventId: event.id, occurrenceStart, organisationId, answer } },
        await signIn(first, email),
      );
      expect(errors).toBeUndefined();
    }
    expect(await query('SELECT * FROM event_reminder WHERE event_id = $1', [event.id])).toEqual([]);

    // Both instances poll the queue; the reminder falls due in a few seconds.
    const until = Date.now() + (DUE_IN_SECONDS + 20) * 1000;
    let reminders: { organisation_id: string; occurrence_start: Date }[] = [];
    while (Date.now() < until && reminders.length < 2) {
      await new Promise((done) => setTimeout(done, 500));
      reminders = await query('SELECT organisation_id, occurrence_start FROM event_reminder WHERE event_id = $1', [
        event.id,
      ]);
    }
    await new Promise((done) => setTimeout(done, 1_500)); // time for a duplicate to appear, were there one
    reminders = await query('SELECT organisation_id, occurrence_start FROM event_reminder WHERE event_id = $1', [
      event.id,
    ]);
    expect(reminders.map((r) => r.organisation_id).sort()).toEqual([NEWPORT_CVS, MEMBER_GROUP].sort());
    expect(reminders.map((r) => r.occurrence_start.toISOString())).toEqual([occurrenceStart, occurrenceStart]);

    const recorded = await query<{ payload: { reminded: number } }>(
      `SELECT payload FROM activity_event WHERE event_id = $1 AND verb = 'EVENT_REMINDER_DUE'`,
      [event.id],
    );
    expect(recorded.map((r) => r.payload.reminded)).toEqual([2]);

    const next = start.plus({ weeks: 1 }).toUTC().toISO();
    const planned = await query<{ singleton_key: string; state: string }>(
      `SELECT singleton_key, state FROM pgboss.job WHERE name = 'event-reminder' AND singleton_key LIKE $1 ORDER BY created_on`,
      [`${event.id}@%`],
    );
    expect(planned.map((j) => [j.singleton_key, j.state])).toEqual([
      [`${event.id}@${occurrenceStart}`, 'completed'],
      [`${event.id}@${new Date(next ?? '').toISOString()}`, 'created'],
    ]);
  });
});
