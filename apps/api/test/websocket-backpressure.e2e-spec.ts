import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ModuleRef } from '@nestjs/core';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Client } from 'graphql-ws';
import { projectRoot } from '@app/common';
import { eventually, graphqlWsClient, LiveSubscription } from '@app/testing';
import { graphqlWsServer } from '../src/graphql/protection/graphql-ws-server';
import { TOO_SLOW } from '../src/graphql/protection/websocket-limits';
import { signIn } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';

const SUBSCRIBE = `subscription ($scope: ActivityScope, $after: String) {
  activity(scope: $scope, after: $after) { cursor verb payload }
}`;
const MAX_BUFFERED = 16 * 1024;
/** Operations the slow reader runs on its one socket (each holds one message in flight). */
const SLOW_OPERATIONS = 100;

interface Item {
  cursor: string;
  verb: string;
  payload: { code?: string };
}

/** The lines a child process prints, awaited one by one. */
function linesOf(child: ChildProcessWithoutNullStreams): () => Promise<string> {
  const lines: string[] = [];
  let rest = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
  });
  return async () =>
    eventually(() => lines.shift(), { timeoutMs: 60_000, what: 'a line from the slow reader' }).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}; its stderr: ${child.stderr.read() ?? ''}`);
      },
    );
}

describe('a WebSocket that stops reading', () => {
  let sut: TestApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    sut = await startTestApp({ WS_MAX_BUFFERED_BYTES: String(MAX_BUFFERED) });
    admin = await signIn(sut, 'admin@demo.convene.example');
  }, 60_000);

  afterAll(async () => {
    await sut?.close();
  });

  const createSpecialism = async (code: string): Promise<void> => {
    const response = await sut.client.request(
      'mutation ($c: String!) { createSpecialism(input: { code: $c, label: "Back-pressure" }) { specialism { code } } }',
      { c: code },
      admin,
    );
    expect(response.errors).toBeUndefined();
  };

  it('is closed with 4410 once its buffer passes the bound, while a reader of the same feed gets every item', async () => {
    const wss = graphqlWsServer(sut.app.get(ModuleRef));
    let client: Client | undefined;
    let child: ChildProcessWithoutNullStreams | undefined;
    try {
      client = graphqlWsClient(sut.graphqlUrl);
      const reader = new LiveSubscription<{ activity: Item }>(client, SUBSCRIBE, { scope: { kind: 'NATIONAL' } });
      // Live from "now": probe until the reader has an item, whose cursor the slow reader starts after.
      let probes = 0;
      const start = await eventually(
        async () => {
          const item = reader.items[0]?.activity;
          if (item) {
            return item;
          }
          await createSpecialism(`BP_PROBE_${++probes}`);
          return undefined;
        },
        { intervalMs: 500, what: 'the reader to go live' },
      );
      const port = Number(new URL(sut.baseUrl).port);
      child = spawn('python3', [
        join(projectRoot(), 'apps/api/test/support/slow-ws-reader.py'),
        String(port),
        String(SLOW_OPERATIONS),
        JSON.stringify({ query: SUBSCRIBE, variables: { scope: { kind: 'NATIONAL' }, after: start.cursor } }),
      ]);
      const line = linesOf(child);
      expect(await line()).toBe('READY');

      // Items until the server gives up on the slow reader (each goes out once per operation).
      const created: string[] = [];
      const closing = () => [...wss.clients].some((socket) => socket.readyState === socket.CLOSING);
      await eventually(
        async () => {
          if (closing()) {
            return true;
          }
          for (let i = 0; i < 10; i++) {
            const code = `BP_${created.length}`;
            await createSpecialism(code);
            created.push(code);
          }
          return undefined;
        },
        { timeoutMs: 90_000, intervalMs: 0, what: 'the server to close the slow socket' },
      );
      const closedAfter = created.length;
      const barrier = 'BP_BARRIER';
      await createSpecialism(barrier);
      created.push(barrier);

      // The reader got every item, in order, while the slow socket was held and then closed.
      const codes = () => reader.items.map((i) => i.activity.payload.code).filter((c) => !c?.startsWith('BP_PROBE_'));
      await eventually(() => (codes().includes(barrier) ? true : undefined), { what: 'the barrier at the reader' });
      expect(reader.errors).toEqual([]);
      expect(codes()).toEqual(created);

      // The slow reader, once it reads again, finds the close frame after what was buffered.
      child.stdin.write('read\n');
      const result = JSON.parse(await line()) as { code: number | null; reason: string | null; nexts: number };
      expect({ code: result.code, reason: result.reason }).toEqual({ code: TOO_SLOW.code, reason: TOO_SLOW.reason });
      expect(result.nexts).toBeLessThan(created.length * SLOW_OPERATIONS);
      console.log(
        `slow reader: closed after ${closedAfter} items (${result.nexts} of ${created.length * SLOW_OPERATIONS} messages reached it)`,
      );
      reader.stop();
    } finally {
      child?.kill('SIGKILL');
      await client?.dispose();
    }
  }, 180_000);
});
