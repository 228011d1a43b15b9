import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from 'graphql-ws';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import {
  adminHeaders,
  ApiProcess,
  cleanUp,
  FaultPostgres,
  post,
  report,
  scratchDir,
  sleep,
  waitUntil,
} from './support/fault-harness';

/** Close codes a graphql-ws client (and a browser's) reconnects on: Going Away, Service Restart. */
const RETRYABLE = [1001, 1012];

/**
 * A createSpecialism sent while another connection holds its table locked, once it waits on the lock;
 * the lock's connection comes back with it (ended here if the write never gets there).
 */
async function writeHeldByLock(
  db: FaultPostgres,
  url: string,
  headers: Record<string, string>,
  code: string,
): Promise<{ blocker: PgClient; inFlight: ReturnType<typeof post> }> {
  const blocker = new PgClient({ connectionString: db.url });
  try {
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE specialism IN EXCLUSIVE MODE');
    const inFlight = post(
      url,
      `mutation { createSpecialism(input: { code: "${code}", label: "Held" }) { specialism { code } } }`,
      {},
      headers,
      30_000,
    );
    await waitUntil('the write waiting on the lock', async () => {
      const [row] = await db.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO \"specialism\"%'",
      );
      return Number(row?.n) > 0;
    });
    return { blocker, inFlight };
  } catch (error) {
    await blocker.end().catch(() => undefined);
    throw error;
  }
}

describe('graceful shutdown on SIGTERM', () => {
  const dir = scratchDir('shutdown');
  const db = new FaultPostgres(join(dir, 'pg'));
  let api: ApiProcess;

  beforeAll(async () => {
    await db.startFromTemplate();
    api = await ApiProcess.start({ DATABASE_URL: db.url }, join(dir, 'api.log'));
  });

  afterAll(async () => {
    await api?.stop();
    await db.stop();
    cleanUp(dir);
  });

  it('finishes a request in flight, closes subscriptions with a code clients retry on, and exits cleanly', async () => {
    const headers = await adminHeaders(api.graphqlUrl);
    const closes: number[] = [];
    let connected = false;
    const client = createClient({
      url: api.graphqlUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      on: {
        connected: () => (connected = true),
        closed: (event) => closes.push((event as { code: number }).code),
      },
    });
    const stop = client.subscribe(
      { query: 'subscription { activity { cursor } }' },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    try {
      await waitUntil('the subscription connected', () => connected, 15_000);
      // A write held in the database (behind a table lock) while the signal arrives.
      const { blocker, inFlight } = await writeHeldByLock(db, api.graphqlUrl, headers, 'IN_FLIGHT_AT_SIGTERM');
      const signalled = Date.now();
      api.kill('SIGTERM');
      await sleep(500);
      await blocker.query('COMMIT');
      await blocker.end();
      const answer = await inFlight;
      const exit = await api.exited;
      const exitMs = Date.now() - signalled;
      await waitUntil('the socket closed', () => closes.length > 0, 5_000);
      const left = await db.query<{ name: string }>(
        "SELECT application_name AS name FROM pg_stat_activity WHERE application_name LIKE 'convene%'",
      );
      const written = await db.query("SELECT code FROM specialism WHERE code = 'IN_FLIGHT_AT_SIGTERM'");
      report('graceful shutdown', {
        inFlightStatus: answer.status,
        inFlightWritten: written.length,
        closeCode: closes[0],
        exitCode: exit.code,
        exitMs,
        connectionsLeft: left.length,
      });
      expect(answer.body.errors).toBeUndefined();
      expect(written).toHaveLength(1);
      expect(RETRYABLE).toContain(closes[0]);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(left).toEqual([]);
    } finally {
      stop();
      await client.dispose();
    }
  });

  it('gives up after SHUTDOWN_TIMEOUT_MS when a request in flight cannot finish, exiting with 1', async () => {
    const stuck = await ApiProcess.start({ DATABASE_URL: db.url, SHUTDOWN_TIMEOUT_MS: '1000' }, join(dir, 'stuck.log'));
    let blocker: PgClient | undefined;
    try {
      const held = await writeHeldByLock(
        db,
        stuck.graphqlUrl,
        await adminHeaders(stuck.graphqlUrl),
        'STUCK_AT_SIGTERM',
      );
      blocker = held.blocker;
      const inFlight = held.inFlight.catch(() => null); // the server goes away under it
      stuck.kill('SIGTERM');
      // The lock is held until the process is gone: only the deadline can end it (statement_timeout is 15 s).
      const exit = await stuck.exited;
      await inFlight;
      expect(exit).toEqual({ code: 1, signal: null });
      expect(stuck.output.join('')).toContain('Shutdown did not finish within SHUTDOWN_TIMEOUT_MS');
    } finally {
      await blocker?.query('ROLLBACK').catch(() => undefined);
      await blocker?.end().catch(() => undefined);
      await stuck.stop();
    }
  });
});
