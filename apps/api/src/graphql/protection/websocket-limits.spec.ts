import { describe, expect, it, jest } from '@jest/globals';
import type { ModuleRef } from '@nestjs/core';
import { GraphQLError } from 'graphql';
import { ActivityRefusal } from '@app/activity';
import { DomainError, ErrorCode } from '@app/common';
import type { AuthService } from '@app/identity';
import { loadConfig } from '../../config/app-config';
import { MessageType, stringifyMessage } from 'graphql-ws';
import { jsonReplacer, messageOf, SharedPayloads } from '../subscriptions/shared-payloads';
import { TOO_SLOW, WebSocketLimits } from './websocket-limits';

/** The parts of a `ws` socket the hook touches. */
function socket(readyState = 1) {
  return { OPEN: 1, readyState, close: jest.fn() };
}

const sut = new WebSocketLimits(loadConfig({}), {} as AuthService, {} as ModuleRef, new SharedPayloads());
const context = (s: ReturnType<typeof socket>) => ({ extra: { socket: s } }) as never;
const streamError = (error: Error) => new GraphQLError(error.message, { originalError: error });

describe('WebSocketLimits.fellBehind', () => {
  it('closes the socket of a stream that fell behind with 4410', () => {
    const s = socket();
    sut.fellBehind(context(s), [
      streamError(new DomainError(ErrorCode.TOO_MANY_REQUESTS, ActivityRefusal.FELL_BEHIND, 'fell behind')),
    ]);
    expect(s.close).toHaveBeenCalledWith(TOO_SLOW.code, TOO_SLOW.reason);
  });

  it('leaves the socket open for any other end of a stream', () => {
    const s = socket();
    sut.fellBehind(context(s), [streamError(new Error('boom')), new GraphQLError('Unable to identify operation')]);
    expect(s.close).not.toHaveBeenCalled();
  });

  it('does nothing to a socket already closing', () => {
    const s = socket(2);
    sut.fellBehind(context(s), [
      streamError(new DomainError(ErrorCode.TOO_MANY_REQUESTS, ActivityRefusal.FELL_BEHIND, 'fell behind')),
    ]);
    expect(s.close).not.toHaveBeenCalled();
  });
});

describe('WebSocketLimits: the send path', () => {
  const payloads = new SharedPayloads();
  const limits = new WebSocketLimits(loadConfig({}), {} as AuthService, {} as ModuleRef, payloads);
  const result = { data: { activity: { cursor: 'c1' } } };
  /** A socket as `ws` 8 builds it, its sender idle (state 0) or busy. */
  const wsSocket = (senderState: number) => {
    const stream = { writable: true, write: jest.fn() };
    const send = jest.fn();
    const s = {
      OPEN: 1,
      readyState: 1,
      bufferedAmount: 0,
      send,
      once: jest.fn(),
      close: jest.fn(),
      _socket: stream,
      _sender: { _state: senderState, _queue: [], _firstFragment: true },
    };
    (limits as unknown as { opened(socket: unknown, request: unknown): void }).opened(s, {
      socket: { remoteAddress: '127.0.0.1' },
      headers: {},
    });
    return { s: s as unknown as { send(data: unknown, callback: () => void): void }, stream, send };
  };
  const nextMessage = () =>
    stringifyMessage({ id: '9', type: MessageType.Next, payload: result }, jsonReplacer(payloads));
  const expected = `{"id":"9","type":"next","payload":${JSON.stringify(result)}}`;

  it('writes a shared payload as one whole text frame to the stream, with graphql-ws callback', () => {
    const { s, stream, send } = wsSocket(0);
    const callback = jest.fn();
    s.send(nextMessage(), callback);
    expect(send).not.toHaveBeenCalled();
    const [frame, written] = stream.write.mock.calls[0] as [Buffer, unknown];
    expect(written).toBe(callback);
    expect(frame.subarray(0, 2)).toEqual(Buffer.from([0x81, Buffer.byteLength(expected)]));
    expect(messageOf(frame).toString('utf8')).toBe(expected);
  });

  it('hands the message to ws as text while its sender is busy, and anything else as it is', () => {
    const { s, stream, send } = wsSocket(1);
    const callback = jest.fn();
    s.send(nextMessage(), callback);
    expect(stream.write).not.toHaveBeenCalled();
    const [message, options, written] = send.mock.calls[0] as [Buffer, unknown, unknown];
    expect(message.toString('utf8')).toBe(expected);
    expect(options).toEqual({ binary: false });
    expect(written).toBe(callback);
    s.send('{"id":"9","type":"complete"}', callback);
    expect(send).toHaveBeenLastCalledWith('{"id":"9","type":"complete"}', callback, undefined);
  });
});
