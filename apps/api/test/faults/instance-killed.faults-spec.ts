import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { DateTime } from 'luxon';
import { GraphqlHttpClient } from '@app/testing';
import { eventOf, GWENT, NEWPORT_CVS, signIn } from '../support/event-helpers';
import type { TestApp } from '../support/test-app';
import {
  adminHeaders,
  ApiProcess,
  cleanUp,
  FaultPostgres,
  primeSubscribers,
  report,
  scratchDir,
  Subscriber,
  tally,
  waitForDelivery,
  waitUntil,
  Writers,
} from './support/fault-harness';

const PREFIX = 'KIL';
const TAKEOVER_SECONDS = 5;

/** The API process holding a client connection whose backend is `pid` (by its local port). */
async function ownerOf(db: FaultPostgres, backendPid: number, apis: ApiProcess[]): Promise<ApiProcess | undefined> {
  const [row] = await db.query<{ port: number }>('SELECT client_port AS port FROM pg_stat_activity WHERE pid = $1', [
    backendPid,
  ]);
  const sockets = execFileSync('ss', ['-tnpH', 'state', 'established', `( sport = :${row?.port} )`], {
    encoding: 'utf8',
  });
  const pid = Number(/pid=(\d+)/.exec(sockets)?.[1]);
  return apis.find((api) => api.pid === pid);
}

describe('an instance killed with SIGKILL mid-write, holding a reminder job', () => {
  const dir = scratchDir('kill');
  const db = new FaultPostgres(join(dir, 'pg'));
  let apis: ApiProcess[] = [];

  beforeAll(async () => {
    await db.startFromTemplate();
    const env = {
      DATABASE_URL: db.url,
      EVENT_REMINDER_POLL_SECONDS: '0.5',
      EVENT_REMINDER_TAKEOVER_SECONDS: String(TAKEOVER_SECONDS),
      // Due as soon as planned: an event starts in 3 hours, reminded 4 hours ahead.
      EVENT_REMINDER_LEAD_SECONDS: String(4 * 3600),
    };
    apis = await Promise.all([ApiProcess.start(env, join(dir, 'a.log')), ApiProcess.start(env, join(dir, 'b.log'))]);
  });

  afterAll(async () => {
    await Promise.all(apis.map((api) => api.stop()));
    await db.stop();
    cleanUp(dir);
  });

  it('loses no acknowledged write, leaves nothing half-written, and the survivor retries its job', async () => {
    const alive = (): ApiProcess[] => apis.filter((api) => api.running);
    const headers = new Map<ApiProcess, Record<string, string>>();
    for (const api of apis) {
      headers.set(api, await adminHeaders(api.graphqlUrl));
    }
    const first = apis[0];
    const asApp = { client: new GraphqlHttpClient(first.graphqlUrl) } as unknown as TestApp;
    const coordinator = await signIn(asApp, 'coordinator@demo.convene.example');

    // Hold the reminders table so that whichever instance takes the job stays in the middle of it.
    const blocker = new PgClient({ connectionString: db.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE event_reminder IN EXCLUSIVE MODE');
    const start = DateTime.now().setZone('Europe/London').plus({ hours: 3 }).startOf('hour');
    const event = await eventOf(asApp, coordinator, {
      organiserOrganisationId: NEWPORT_CVS,
      policeForceAreaCode: GWENT,
      kind: 'PCC_ENGAGEMENT',
      title: 'Surgery (fault test)',
      start: start.toFormat("yyyy-MM-dd'T'HH:mm"),
      end: start.plus({ hours: 1 }).toFormat("yyyy-MM-dd'T'HH:mm"),
    });
    await asApp.client.data(
      'mutation ($input: AnswerEventInput!) { answerEvent(input: $input) { rsvp { id } } }',
      { input: { eventId: event.id, organisationId: NEWPORT_CVS, answer: 'GOING' } },
      coordinator,
    );
    let holderBackend = 0;
    await waitUntil(
      'an instance to take the reminder and wait on the table',
      async () => {
        const [row] = await db.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO event_reminder%'`,
        );
        holderBackend = row?.pid ?? 0;
        return holderBackend > 0;
      },
      30_000,
    );
    const victim = await ownerOf(db, holderBackend, apis);
    expect(victim).toBeDefined();
    const survivor = apis.find((api) => api !== victim) as ApiProcess;

    const subscribers = Array.from(
      { length: 20 },
      (_, i) => new Subscriber(() => (i % 2 && victim?.running ? victim : survivor).graphqlUrl, PREFIX, null),
    );
    await waitUntil('20 subscribers connected', () => subscribers.every((s) => s.live), 30_000);
    await primeSubscribers(subscribers, () => ({ url: survivor.graphqlUrl, headers: headers.get(survivor) ?? {} }));
    // Most writes go to the instance about to die, so some are in flight when it does.
    const writers = new Writers(
      PREFIX,
      () =>
        alive().flatMap((api) =>
          Array.from({ length: api === victim ? 3 : 1 }, () => ({
            url: api.graphqlUrl,
            headers: headers.get(api) ?? {},
          })),
        ),
      4,
    );
    await waitUntil('writes before the kill', () => writers.acknowledged.length >= 60, 30_000);
    victim?.kill('SIGKILL');
    const killed = Date.now();
    await victim?.exited;
    await blocker.query('COMMIT');
    await blocker.end();
    const atKill = writers.acknowledged.length;
    await waitUntil('writes on the survivor', () => writers.acknowledged.length >= atKill + 40, 30_000);
    const writesResumedMs = Date.now() - killed;
    await writers.stop();
    await waitForDelivery(db, PREFIX, subscribers);
    await Promise.all(subscribers.map((s) => s.stop()));

    // The job the dead instance held expires and the survivor handles it: reminded once.
    await waitUntil(
      'the reminder written by the survivor',
      async () => {
        const [row] = await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM event_reminder r WHERE event_id = $1 AND EXISTS (
           SELECT 1 FROM pgboss.job j WHERE j.data->>'eventId' = $1::text AND j.state = 'completed')`,
          [event.id],
        );
        return Number(row?.n) > 0;
      },
      60_000,
    );
    const jobRetriedMs = Date.now() - killed;
    const reminders = await db.query('SELECT person_id FROM event_reminder WHERE event_id = $1', [event.id]);
    const due = await db.query(
      `SELECT sequence FROM activity_event WHERE event_id = $1 AND verb = 'EVENT_REMINDER_DUE'`,
      [event.id],
    );
    const [job] = await db.query<{ state: string; retry_count: number }>(
      `SELECT state, retry_count FROM pgboss.job WHERE name = 'event-reminder' AND data->>'eventId' = $1
       ORDER BY created_on LIMIT 1`,
      [event.id],
    );
    // Nothing half-written: every change has its activity row and no activity row lacks its change.
    const specialisms = (
      await db.query<{ code: string }>('SELECT code FROM specialism WHERE code LIKE $1 ORDER BY code', [
        `${PREFIX}\\_%`,
      ])
    ).map((r) => r.code);
    const recorded = (
      await db.query<{ code: string }>(
        `SELECT payload->>'code' AS code FROM activity_event WHERE payload->>'code' LIKE $1 ORDER BY 1`,
        [`${PREFIX}\\_%`],
      )
    ).map((r) => r.code);
    const figures = await tally(db, PREFIX, writers, subscribers);
    report('instance killed', {
      ...figures,
      inFlightLost: writers.failures.filter((f) => f.at <= killed).length,
      halfWritten:
        specialisms.filter((c) => !recorded.includes(c)).length +
        recorded.filter((c) => !specialisms.includes(c)).length,
      writesResumedMs,
      jobRetriedMs,
      jobState: job?.state,
      jobRetries: job?.retry_count,
      reminders: reminders.length,
      subscriberReconnects: subscribers.reduce((n, s) => n + s.reconnects, 0),
    });

    expect(specialisms).toEqual(recorded);
    expect(reminders).toHaveLength(1);
    expect(due).toHaveLength(1);
    expect(job).toMatchObject({ state: 'completed' });
    expect(job?.retry_count).toBeGreaterThanOrEqual(1);
    expect(figures.acknowledgedMissing).toBe(0);
    expect(figures.duplicates).toBe(0);
    expect(figures.gaps).toBe(0);
    expect(figures.outOfOrder).toBe(0);
    expect(figures.itemsDelivered).toBe(figures.itemsExpected);
    expect(subscribers.reduce((n, s) => n + s.reconnects, 0)).toBeGreaterThanOrEqual(10);
  });
});
