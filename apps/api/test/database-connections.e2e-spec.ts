import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { Client } from 'pg';
import { eventually } from '@app/testing';
import { startTestApp, type TestApp } from './support/test-app';

interface Connection {
  readonly application_name: string;
  readonly client_port: number;
}

/** Local ports of this machine's TCP sockets with the keepalive timer running (`/proc/net/tcp*`, timer kind 2). */
async function portsWithKeepalive(): Promise<Set<number>> {
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const [, local, , , , timer] = line.trim().split(/\s+/);
      if (local && timer?.startsWith('02:')) {
        ports.add(Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16));
      }
    }
  }
  return ports;
}

const onLinux = process.platform === 'linux' ? describe : describe.skip;

onLinux('connections to PostgreSQL', () => {
  let sut: TestApp;
  let observer: Client;

  beforeAll(async () => {
    sut = await startTestApp();
    observer = new Client({ connectionString: sut.database.url });
    await observer.connect();
  });

  afterAll(async () => {
    await observer?.end();
    await sut?.close();
  });

  it('keep TCP keepalive on, for the pools, the LISTEN connection, the job queues and the webhooks probe alike', async () => {
    await sut.client.data('{ policeForceAreas { code } }'); // a pooled connection at least
    const names = [
      'convene',
      'convene-activity-listener',
      'convene-notifications',
      'convene-reminders',
      'convene-webhooks',
    ];
    const connections = async (): Promise<Connection[]> =>
      (
        await observer.query<Connection>(
          `SELECT application_name, client_port FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND client_port > 0`,
        )
      ).rows;
    await eventually(
      async () => {
        const present = new Set((await connections()).map((connection) => connection.application_name));
        return names.every((name) => present.has(name)) ? true : undefined;
      },
      { what: 'every kind of connection (over TCP)' },
    );
    // Probed again until it holds: a socket with a segment in flight shows its retransmit timer instead.
    await eventually(
      async () => {
        const kept = await portsWithKeepalive();
        const without = (await connections()).filter((connection) => !kept.has(connection.client_port));
        if (without.length > 0) {
          throw new Error(`without keepalive: ${JSON.stringify(without)}`);
        }
        return true;
      },
      { what: 'keepalive on every connection' },
    );
  });
});
