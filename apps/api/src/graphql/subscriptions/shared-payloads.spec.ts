import { describe, expect, it } from '@jest/globals';
import { MessageType, stringifyMessage } from 'graphql-ws';
import { jsonReplacer, messageOf, SharedPayloads } from './shared-payloads';

/** What a socket sends for one message: graphql-ws stringifies it with the replacer, then sends at once. */
function sent(payloads: SharedPayloads, message: Parameters<typeof stringifyMessage>[0]): string {
  const data = payloads.complete(stringifyMessage(message, jsonReplacer(payloads)));
  return Buffer.isBuffer(data) ? messageOf(data).toString('utf8') : (data as string);
}

describe('SharedPayloads', () => {
  const result = { data: { activity: { cursor: 'c1', payload: { code: 'É€😀', n: [1, 2] } } } };

  it('serialises a shared result once: every socket gets the same payload bytes under its own id', () => {
    const payloads = new SharedPayloads();
    const first = sent(payloads, { id: '1', type: MessageType.Next, payload: result });
    const second = sent(payloads, { id: 'ünïcode-id', type: MessageType.Next, payload: result });
    expect(JSON.parse(first)).toEqual({ id: '1', type: 'next', payload: result });
    expect(JSON.parse(second)).toEqual({ id: 'ünïcode-id', type: 'next', payload: result });
    expect(first).toBe(`{"id":"1","type":"next","payload":${JSON.stringify(result)}}`);
    expect(second.slice(second.indexOf('"payload":'))).toBe(first.slice(first.indexOf('"payload":')));
  });

  it("builds the frames of a pushed stream byte for byte as graphql-ws's own next messages", () => {
    const payloads = new SharedPayloads();
    for (const id of ['1', 'ünïcode-id "quoted" \\ \u2028']) {
      const frame = payloads.nextFrames(id)(result);
      const viaGraphqlWs = stringifyMessage({ id, type: MessageType.Next, payload: result });
      expect(messageOf(frame).toString('utf8')).toBe(viaGraphqlWs);
      expect(frame[0]).toBe(0x81);
      expect(frame.length - messageOf(frame).length).toBe(Buffer.byteLength(viaGraphqlWs) < 126 ? 2 : 4);
    }
  });

  it('sends the bytes of the first serialisation, even if the object is changed after it', () => {
    const payloads = new SharedPayloads();
    const shared = { data: { n: 1 } };
    sent(payloads, { id: 'a', type: MessageType.Next, payload: shared });
    shared.data.n = 2;
    expect(JSON.parse(sent(payloads, { id: 'b', type: MessageType.Next, payload: shared }))).toEqual({
      id: 'b',
      type: 'next',
      payload: { data: { n: 1 } },
    });
  });

  it('frames the message as one unmasked text frame, with a 7, 16 or 64-bit length', () => {
    const payloads = new SharedPayloads();
    for (const size of [10, 100, 1_000, 70_000]) {
      const payload = { data: { text: 'x'.repeat(size) } };
      const frame = payloads.complete(
        stringifyMessage({ id: '1', type: MessageType.Next, payload }, jsonReplacer(payloads)),
      ) as Buffer;
      const message = messageOf(frame);
      expect(frame[0]).toBe(0x81);
      const length =
        frame[1] === 126 ? frame.readUInt16BE(2) : frame[1] === 127 ? Number(frame.readBigUInt64BE(2)) : frame[1];
      expect(frame[1] & 0x80).toBe(0);
      expect(length).toBe(message.length);
      expect(frame.length - message.length).toBe(message.length < 126 ? 2 : message.length < 65_536 ? 4 : 10);
      expect(JSON.parse(message.toString('utf8'))).toEqual({ id: '1', type: 'next', payload });
    }
  });

  it('sends a formatted error result as it is', () => {
    const payloads = new SharedPayloads();
    const formatted = { data: null, errors: [{ message: 'Internal server error', extensions: { code: 'X' } }] };
    expect(JSON.parse(sent(payloads, { id: '7', type: MessageType.Next, payload: formatted }))).toEqual({
      id: '7',
      type: 'next',
      payload: formatted,
    });
  });

  it('leaves other messages alone, and one not sent leaves nothing for the next', () => {
    const payloads = new SharedPayloads();
    const errors = [{ message: 'no', extensions: { payload: { type: 'next' } } }];
    expect(sent(payloads, { id: '1', type: MessageType.Error, payload: errors })).toBe(
      JSON.stringify({ id: '1', type: 'error', payload: errors }),
    );
    stringifyMessage({ id: '2', type: MessageType.Next, payload: result }, jsonReplacer(payloads)); // its socket closed
    expect(sent(payloads, { id: '2', type: MessageType.Complete })).toBe('{"id":"2","type":"complete"}');
    expect(payloads.complete('{"type":"pong"}')).toBe('{"type":"pong"}');
  });
});
