import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { Client as PgClient } from 'pg';
import { createTestDatabase, eventually, type TestDatabase } from '@app/testing';
import { eventOf, GWENT, type Headers, MEMBER_GROUP, NEWPORT_CVS, PARTNER_ORG, signIn } from './support/event-helpers';
import { startTestApp, type TestApp } from './support/test-app';

/** How long before an occurrence its reminder falls due (the instances' configuration). */
const LEAD_SECONDS = 300;
/** Seconds at least from the event's creation until its reminder falls due: room to record three answers first. */
const DUE_IN_SECONDS = 15;
/** Starting two instances, and waiting for a job, are slow on a busy machine; the waits are for conditions. */
const SLOW_MS = 180_000;

describe('event reminders (pg-boss job queue, two instances on one database)', () => {
  let database: TestDatabase | undefined;
  const instances: TestApp[] = [];

  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new PgClient({ connectionString: database?.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    const env = { EVENT_REMINDER_LEAD_SECONDS: String(LEAD_SECONDS), EVENT_REMINDER_POLL_SECONDS: '0.5' };
    database = await createTestDatabase();
    // One at a time into the list, so that whatever started is closed even if the second fails.
    instances.push(await startTestApp(env, undefined, database));
    instances.push(await startTestApp(env, undefined, database));
  }, SLOW_MS);

  afterAll(async () => {
    await Promise.allSettled(instances.map((i) => i.close()));
    await database?.drop();
  }, SLOW_MS);

  it(
    'reminds each person with a place or a maybe once, records it once, and plans the next occurrence',
    async () => {
      const [first] = instances;
      if (!first) {
        throw new Error('no instance started');
      }
      const coordinator = await signIn(first, 'coordinator@demo.convene.example');
      const people = await Promise.all(
        ['member@demo.convene.example', 'partner@demo.convene.example'].map((email) => signIn(first, email)),
      );
      // The start is chosen now, so the reminder falls due a little after this point however long the
      // instances took to start (whole minutes, as a rule's occurrences are: due in 15 to 75 seconds).
      const now = DateTime.now().setZone('Europe/London');
      const start = now.plus({ seconds: LEAD_SECONDS + DUE_IN_SECONDS + 59 }).startOf('minute');
      const dueInMs = start.minus({ seconds: LEAD_SECONDS }).diff(now).toMillis();
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
      const answers: [Headers, string, string][] = [
        [coordinator, NEWPORT_CVS, 'GOING'],
        [people[0] ?? {}, MEMBER_GROUP, 'MAYBE'],
        [people[1] ?? {}, PARTNER_ORG, 'GOING'], // full: waitlisted, so not reminded
      ];
      for (const [headers, organisationId, answer] of answers) {
        const { errors } = await first.client.request(
          'mutation ($input: AnswerEventInput!) { answerEvent(input: $input) { rsvp { id } } }',
          { input: { eventId: event.id, occurrenceStart, organisationId, answer } },
          headers,
        );
        expect(errors).toBeUndefined();
      }
      const jobs = () =>
        query<{ singleton_key: string; state: string }>(
          `SELECT singleton_key, state FROM pgboss.job WHERE name = 'event-reminder' AND singleton_key LIKE $1 ORDER BY created_on`,
          [`${event.id}@%`],
        );
      // Still waiting, so the answers above are what it will read (otherwise this machine took longer than
      // DUE_IN_SECONDS over four requests, and the test says so rather than waiting for nothing).
      expect(await query('SELECT * FROM event_reminder WHERE event_id = $1', [event.id])).toEqual([]);
      expect((await jobs()).map((j) => j.state)).toEqual(['created']);

      // Both instances poll the queue. Once the job is completed its transaction has committed: what it
      // wrote is final, and a second run would be a second job.
      await eventually(async () => ((await jobs()).at(0)?.state === 'completed' ? true : undefined), {
        timeoutMs: dueInMs + 60_000,
        what: 'the reminder job to complete',
      });
      const reminders = await query<{ organisation_id: string; occurrence_start: Date }>(
        'SELECT organisation_id, occurrence_start FROM event_reminder WHERE event_id = $1',
        [event.id],
      );
      expect(reminders.map((r) => r.organisation_id).sort()).toEqual([NEWPORT_CVS, MEMBER_GROUP].sort());
      expect(reminders.map((r) => r.occurrence_start.toISOString())).toEqual([occurrenceStart, occurrenceStart]);

      const recorded = await query<{ payload: { reminded: number } }>(
        `SELECT payload FROM activity_event WHERE event_id = $1 AND verb = 'EVENT_REMINDER_DUE'`,
        [event.id],
      );
      expect(recorded.map((r) => r.payload.reminded)).toEqual([2]);

      const next = start.plus({ weeks: 1 }).toUTC().toISO();
      const planned = await jobs();
      expect(planned.map((j) => [j.singleton_key, j.state])).toEqual([
        [`${event.id}@${occurrenceStart}`, 'completed'],
        [`${event.id}@${new Date(next ?? '').toISOString()}`, 'created'],
      ]);
    },
    SLOW_MS,
  );
});
