import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from './support/test-app';

// A field resolver's bad input (an occurrence window over 366 days).
const QUERY =
  '{ events(first: 1) { edges { node { occurrences(from: "2026-01-01T00:00:00Z", to: "2030-01-01T00:00:00Z") { startsAt } } } } }';

describe('errors over WebSocket', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(async () => {
    await sut?.close();
  });
  it('carry the same code, reason and fields as over HTTP, from field resolvers too', async () => {
    const http = await sut.client.request(QUERY);
    const socket = new WebSocket(sut.graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const answer = await new Promise<unknown>((resolve, reject) => {
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
      socket.on('error', reject);
      socket.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString('utf8')) as { type: string; payload?: unknown };
        if (message.type === 'connection_ack') {
          socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY } }));
        } else if (message.type === 'next' || message.type === 'error') {
          resolve(message.payload);
        }
      });
    });
    socket.close();
    const overHttp = http.errors?.[0];
    expect(overHttp?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT' });
    const overWs = (answer as { errors?: { message: string; extensions?: unknown }[] }).errors?.[0];
    expect(overWs?.message).toBe(overHttp?.message);
    expect(overWs?.extensions).toEqual(overHttp?.extensions);
  });
});
