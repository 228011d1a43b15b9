import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { eventually } from '@app/testing';
import { signIn } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';

const SUBSCRIBE = 'subscription { activity(scope: { kind: NATIONAL }) { cursor verb payload } }';

/** A raw graphql-transport-ws socket with one subscription, keeping every message as it came (text or not). */
class RawSubscriber {
  readonly messages: { text: string; binary: boolean }[] = [];
  private readonly socket: WebSocket;

  constructor(url: string, id: string) {
    this.socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    this.socket.on('open', () => this.socket.send(JSON.stringify({ type: 'connection_init' })));
    this.socket.on('message', (data: Buffer, binary: boolean) => {
      const text = data.toString('utf8');
      if ((JSON.parse(text) as { type: string }).type === 'connection_ack') {
        this.socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: SUBSCRIBE } }));
      } else {
        this.messages.push({ text, binary });
      }
    });
  }

  /** The raw `next` message carrying the specialism `code`, if it has come. */
  nextFor(code: string): { text: string; binary: boolean } | undefined {
    return this.messages.find((m) => m.text.includes(`"type":"next"`) && m.text.includes(`"code":"${code}"`));
  }

  async close(): Promise<void> {
    if (this.socket.readyState !== WebSocket.CLOSED) {
      await new Promise((closed) => {
        this.socket.once('close', closed);
        this.socket.close();
      });
    }
  }
}

describe('a live item sent to a group of identical subscriptions', () => {
  let sut: TestApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    sut = await startTestApp();
    admin = await signIn(sut, 'admin@demo.convene.example');
  }, 60_000);

  afterAll(async () => {
    await sut?.close();
  });

  it('reaches each socket as a text message under its own id, with byte-identical payloads', async () => {
    const first = new RawSubscriber(sut.graphqlUrl, '1');
    const second = new RawSubscriber(sut.graphqlUrl, 'ünï-😀-2');
    try {
      // Live from "now": write until both have an item.
      const written: string[] = [];
      const code = await eventually(
        async () => {
          const both = written.find((c) => first.nextFor(c) && second.nextFor(c));
          if (both) {
            return both;
          }
          written.push(`SHARED_${written.length + 1}`);
          const response = await sut.client.request(
            'mutation ($c: String!) { createSpecialism(input: { code: $c, label: "Shared" }) { specialism { code } } }',
            { c: written.at(-1) },
            admin,
          );
          expect(response.errors).toBeUndefined();
          return undefined;
        },
        { timeoutMs: 30_000, intervalMs: 200, what: 'an item on both sockets' },
      );
      const a = first.nextFor(code);
      const b = second.nextFor(code);
      expect(a?.binary).toBe(false);
      expect(b?.binary).toBe(false);
      const payloadOf = (text = ''): string => text.slice(text.indexOf('"payload":'));
      expect(a?.text.startsWith('{"id":"1","type":"next","payload":{"data":{"activity":{')).toBe(true);
      expect(b?.text.startsWith('{"id":"ünï-😀-2","type":"next","payload":')).toBe(true);
      expect(payloadOf(b?.text)).toBe(payloadOf(a?.text));
      const parsed = JSON.parse(a?.text ?? '') as { payload: { data: { activity: { payload: { code: string } } } } };
      expect(parsed.payload.data.activity.payload.code).toBe(code);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
