import { describe, expect, it, jest } from '@jest/globals';
import type { ModuleRef } from '@nestjs/core';
import { GraphQLError } from 'graphql';
import { ActivityRefusal } from '@app/activity';
import { DomainError, ErrorCode } from '@app/common';
import type { AuthService } from '@app/identity';
import { loadConfig } from '../../config/app-config';
import { SharedPayloads } from '../subscriptions/shared-payloads';
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
