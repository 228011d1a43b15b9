import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { signIn } from './support/event-helpers';
import { startTestApp, type TestApp } from './support/test-app';

const SUBSCRIBE = `subscription ($after: String) { activity(scope: { kind: NATIONAL }, after: $after) { cursor } }`;
const CAP = 5;
const TRIES = 40;

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) {
      return false;
    }
    await new Promise((done) => setTimeout(done, 25));
  }
  return true;
}

/** A raw graphql-transport-ws socket: a client library would not send Complete for an id still being set up. */
class RawConnection {
  readonly items = new Map<string, number>();
  refusals = 0;
  private readonly socket: WebSocket;

  constructor(url: string) {
    this.socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  }

  async open(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.socket.on('open', () => this.socket.send(JSON.stringify({ type: 'connection_init' })));
      this.socket.on('error', reject);
      this.socket.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString('utf8')) as { type: string; id?: string; payload?: unknown };
        if (message.type === 'connection_ack') {
          resolve();
        } else if (message.type === 'next' && message.id) {
          this.items.set(message.id, (this.items.get(message.id) ?? 0) + 1);
        } else if (message.type === 'error' && JSON.stringify(message.payload).includes('TOO_MANY_REQUESTS')) {
          this.refusals++;
        }
      });
    });
  }

  subscribe(id: string, variables: Record<string, unknown>): void {
    this.socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: SUBSCRIBE, variables } }));
  }

  complete(id: string): void {
    this.socket.send(JSON.stringify({ id, type: 'complete' }));
  }

  count(id: string): number {
    return this.items.get(id) ?? 0;
  }

  close(): void {
    this.socket.close();
  }
}

describe('WebSocket operation cap', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ WS_MAX_SUBSCRIPTIONS_PER_SOCKET: String(CAP) });
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('counts an operation until it ends, not until the client says Complete or reuses its id', async () => {
    const { activity } = await sut.client.data<{ activity: { pageInfo: { endCursor: string } } }>(
      '{ activity(scope: { kind: NATIONAL }, first: 3) { pageInfo { endCursor } } }',
    );
    const after = activity.pageInfo.endCursor;
    const connection = new RawConnection(sut.graphqlUrl);
    try {
      await connection.open();
      // How many items one stream replays after that cursor.
      connection.subscribe('probe', { after });
      expect(await until(() => connection.count('probe') > 0, 20_000)).toBe(true);
      const replayed = connection.count('probe');
      connection.complete('probe');

      // Subscribe, Complete while it sets up, Subscribe again with the same id: each one is still
      // an open stream once set up, so each must count against the cap.
      for (let i = 0; i < TRIES; i++) {
        connection.subscribe('x', { after });
        if (i < TRIES - 1) {
          connection.complete('x');
        }
      }
      // Every try answered: refused, or replaying (a try freed before it was set up may answer neither).
      await until(() => connection.refusals + connection.count('x') / replayed >= TRIES, 20_000);
      const streams = connection.count('x') / replayed;

      const before = connection.count('x');
      const admin = await signIn(sut, 'admin@demo.convene.example');
      await sut.client.data(
        'mutation { createSpecialism(input: { code: "OPERATION_CAP", label: "Cap" }) { specialism { code } } }',
        {},
        admin,
      );
      await until(() => connection.count('x') - before >= streams, 20_000);

      expect(connection.refusals).toBeGreaterThan(0);
      // Live streams on this connection (each got the new item once): never more than the cap.
      expect(connection.count('x') - before).toBeLessThanOrEqual(CAP);
    } finally {
      connection.close();
    }
  });
});
