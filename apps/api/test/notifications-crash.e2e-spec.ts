import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { projectRoot } from '@app/common';
import { DEMO_PASSWORD } from '@app/identity';
import { createTestDatabase, eventually, freePort, GraphqlHttpClient, type TestDatabase } from '@app/testing';
import { NEWPORT_CVS } from './support/event-helpers';
import { unique } from './support/operation-fixtures';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp, type TestApp } from './support/test-app';

const SECRET = 'mail-crash-secret-mail-crash-secret-0123456789';
const MAIN = join(projectRoot(), 'dist/apps/api/src/main.js');
/** Starting a second process is slow on a busy machine; every wait is for a condition. */
const SLOW_MS = 180_000;
const MESSAGES = 30;
/** The sender is killed while the sink receives this message (0-based): mid-batch. */
const KILL_AT = 5;
const TAKEOVER_SECONDS = '2';

// A real process, killed with SIGKILL mid-send: runs where the app is built (CI builds before testing).
(existsSync(MAIN) ? describe : describe.skip)('notifications survive a sender killed mid-batch', () => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let sender: ChildProcess | undefined;
  let successor: TestApp | undefined;
  const env = {
    JWT_SECRET: SECRET,
    PUBLIC_URL: 'https://convene.test',
    NOTIFICATION_PLAN_INTERVAL_MS: '100',
    NOTIFICATION_POLL_SECONDS: '0.5',
    NOTIFICATION_TAKEOVER_SECONDS: TAKEOVER_SECONDS,
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    sink = await SmtpSink.start();
  }, SLOW_MS);

  afterAll(async () => {
    if (sender && sender.exitCode === null) {
      sender.kill('SIGKILL');
    }
    await successor?.close();
    await sink?.close();
    await database?.drop();
  }, SLOW_MS);

  it(
    'sends every due message after a restart, none twice (by Message-ID)',
    async () => {
      let killed: () => void = () => undefined;
      const killedNow = new Promise<void>((resolve) => (killed = resolve));
      sink.onMessage = (_raw, index) => {
        if (index === KILL_AT && sender) {
          sender.kill('SIGKILL'); // while it waits for this message's answer: nothing after it is marked
          killed();
          return false;
        }
        return true;
      };
      const port = await freePort();
      sender = spawn(process.execPath, [MAIN], {
        env: {
          ...process.env,
          ...env,
          SMTP_URL: sink.url,
          DATABASE_URL: database.url,
          PORT: String(port),
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
        },
        stdio: 'ignore',
      });
      await eventually(
        () =>
          fetch(`http://127.0.0.1:${port}/health/ready`).then(
            (r) => r.ok || undefined,
            () => undefined,
          ),
        { timeoutMs: SLOW_MS - 60_000, intervalMs: 100, what: 'the sender to be ready' },
      );
      const client = new GraphqlHttpClient(`http://127.0.0.1:${port}/graphql`);
      const { signIn } = await client.data<{ signIn: { accessToken: string } }>(
        'mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { accessToken } }',
        { e: 'coordinator@demo.convene.example', p: DEMO_PASSWORD },
      );
      // One transaction each: 30 invitations, each an immediate message.
      const addresses = Array.from({ length: MESSAGES }, () => `crash-${unique().toLowerCase()}@example.org`);
      await Promise.all(
        addresses.map((email) =>
          client.data(
            'mutation ($id: ID!, $email: String!) { inviteToOrganisation(input: { organisationId: $id, email: $email }) { invitation { id } } }',
            { id: NEWPORT_CVS, email },
            { authorization: `Bearer ${signIn.accessToken}` },
          ),
        ),
      );
      await killedNow;
      const before = sink.received.length;
      expect(before).toBeLessThan(MESSAGES);

      // Another instance on the same database takes over the jobs the dead one held.
      successor = await startTestApp({ ...env, SMTP_URL: sink.url }, undefined, database);
      await eventually(() => (new Set(sink.received.map((m) => m.to)).size === MESSAGES ? true : undefined), {
        timeoutMs: SLOW_MS - 60_000,
        intervalMs: 100,
        what: `all ${MESSAGES} messages`,
      });
      const ids = sink.received.map((m) => m.messageId);
      expect(new Set(ids).size).toBe(ids.length); // none accepted twice
      expect(sink.received.map((m) => m.to).sort()).toEqual([...addresses].sort());
      const pg = new PgClient({ connectionString: database.url });
      await pg.connect();
      try {
        const rows = await pg.query<{ message_id: string; sent: boolean }>(
          `SELECT message_id, sent_at IS NOT NULL AS sent FROM notification WHERE recipient = ANY($1)`,
          [addresses],
        );
        expect(rows.rows.every((r) => r.sent)).toBe(true);
        expect(rows.rows.map((r) => r.message_id).sort()).toEqual([...ids].sort());
      } finally {
        await pg.end();
      }
      console.log(`Mail crash test: ${before} sent before the kill, ${MESSAGES - before} after the restart`);
    },
    SLOW_MS,
  );
});
