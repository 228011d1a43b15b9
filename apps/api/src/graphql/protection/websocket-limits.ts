import { Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type ExecutionResult, GraphQLError } from 'graphql';
import type { Context } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { IncomingMessage } from 'node:http';
import type { Writable } from 'node:stream';
import type { WebSocket } from 'ws';
import { ActivityRefusal } from '@app/activity';
import { asLiveWork, bearerToken, canPush, DomainError, ErrorCode } from '@app/common';
import { AuthService } from '@app/identity';
import { AppConfig } from '../../config/app-config';
import { messageOf, SharedPayloads } from '../subscriptions/shared-payloads';
import { addressKey, clientAddress } from './client-address';
import { graphqlWsServer } from './graphql-ws-server';

/** How a connection beyond a cap is closed: like HTTP 429, a client may try again later. */
export const TOO_MANY_CONNECTIONS = { code: 4429, reason: 'Too many connections' } as const;

/**
 * How a socket that does not read what it is sent is closed (more than WS_MAX_BUFFERED_BYTES waiting to be
 * written, or a stream that fell behind): the client reconnects and resubscribes with `after` set to the
 * cursor of the last item it has. (4429 is graphql-ws's code for "do not retry"; this one may be retried.)
 */
export const TOO_SLOW = { code: 4410, reason: 'Too slow: resume from your cursor' } as const;

/** Nest types graphql-ws's `extra` as unknown; on the `ws` server it is the socket and upgrade request. */
type WsContext = Context<Record<string, unknown> | undefined, unknown>;

/**
 * Caps on WebSocket use, per instance: operations running at once on one connection, open
 * connections per client address and per signed-in person (or API token). An operation beyond
 * its cap is answered with a GraphQL error (code TOO_MANY_REQUESTS); a connection beyond one is
 * closed with 4429 "Too many connections". Each count is freed when its operation or socket ends.
 * A socket that does not read what it is sent is closed with 4410 (TOO_SLOW).
 */
@Injectable()
export class WebSocketLimits implements OnApplicationBootstrap {
  private readonly perAddress = new Counts();
  private readonly perPerson = new Counts();
  private readonly refused = new WeakSet<WebSocket>();
  /** Per connection, the operations started and not yet ended, by their Subscribe payload (one object per message). */
  private readonly operations = new WeakMap<WsContext, Map<object, Operation>>();

  constructor(
    private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly moduleRef: ModuleRef,
    private readonly payloads: SharedPayloads,
  ) {}

  onApplicationBootstrap(): void {
    graphqlWsServer(this.moduleRef).on('connection', (socket: WebSocket, request: IncomingMessage) =>
      this.opened(socket, request),
    );
  }

  /** graphql-ws `onConnect`: once the client has sent its token, counts the connection against its person. */
  readonly onConnect = async (ctx: WsContext): Promise<boolean> => {
    const { socket } = ctx.extra as Extra;
    if (this.refused.has(socket)) {
      return false; // already closing with 4429
    }
    const principal = await this.principalOf(ctx.connectionParams);
    if (principal === null) {
      return true;
    }
    if (socket.readyState !== socket.OPEN) {
      return false; // gone while the token was checked: nothing to count
    }
    if (!this.perPerson.take(principal, this.config.WS_MAX_SOCKETS_PER_PERSON)) {
      this.refuse(socket);
      return false;
    }
    socket.once('close', () => this.perPerson.release(principal));
    return true;
  };

  /**
   * graphql-ws `onSubscribe`: errors for an operation beyond the connection's cap, else undefined.
   * Counts the operations still setting up (a client's Complete drops them from `ctx.subscriptions`
   * while they replay) and the streams still registered; an id is not used again until its
   * operation has ended (graphql-ws would keep both streams under it, and count one).
   */
  tooManyOperations(ctx: WsContext, id: string, payload: object): GraphQLError[] | undefined {
    const max = this.config.WS_MAX_SUBSCRIPTIONS_PER_SOCKET;
    let operations = this.operations.get(ctx);
    if (!operations) {
      operations = new Map();
      this.operations.set(ctx, operations);
    }
    let running = 0;
    for (const operation of operations.values()) {
      if (operation.id === id) {
        return [
          new GraphQLError(`Operation ${id} is still ending: give a new operation a new id`, {
            extensions: { code: ErrorCode.TOO_MANY_REQUESTS, limit: max },
          }),
        ];
      }
      if (!operation.setUp || ctx.subscriptions[operation.id] === operation.result) {
        running++;
      }
    }
    if (running < max) {
      operations.set(payload, { id, setUp: false });
      return undefined;
    }
    return [
      new GraphQLError(
        `Too many operations on this connection: at most ${max} at once (complete one, or open another connection)`,
        { extensions: { code: ErrorCode.TOO_MANY_REQUESTS, limit: max } },
      ),
    ];
  }

  /**
   * graphql-ws `onOperation`: set up; from now on it counts while graphql-ws holds its stream. A stream that
   * pushes its results (LivePush) has them written straight to the socket as `next` messages, each one frame,
   * with the same error formatting and bound on unread bytes as graphql-ws's own sends; graphql-ws still
   * sends its error or completion.
   */
  readonly setUp = (
    ctx: WsContext,
    id: string,
    payload: object,
    _args: unknown,
    result: unknown,
    format: (result: ExecutionResult) => object = (value) => value,
  ): undefined => {
    const operation = this.operations.get(ctx)?.get(payload);
    if (operation) {
      operation.setUp = true;
      operation.result = result;
    }
    // Not when the client completed it meanwhile (graphql-ws then ends the stream without iterating it).
    if (canPush<ExecutionResult>(result) && id in ctx.subscriptions) {
      const { socket } = ctx.extra as Extra;
      const max = this.config.WS_MAX_BUFFERED_BYTES;
      const frameOf = this.payloads.nextFrames(id);
      result.pushTo((value) => {
        if (socket.readyState === socket.OPEN) {
          sendFrame(socket, frameOf(format(value)), max);
        }
        return 0; // what is not written waits in `ws`, bounded in bytes (see sendWithin)
      });
    }
    return undefined;
  };

  /** graphql-ws `onComplete` and `onError` (one or both, once it has ended): it no longer counts. */
  readonly ended = (ctx: WsContext, _id: string, payload: object): undefined => {
    this.operations.get(ctx)?.delete(payload);
    return undefined;
  };

  /**
   * graphql-ws `onError`: a stream that fell behind its subscriber (FELL_BEHIND) means a socket that is not
   * read: its error is sent, and the socket closed as too slow.
   */
  fellBehind(ctx: WsContext, errors: readonly GraphQLError[]): void {
    if (errors.some((error) => isFellBehind(error.originalError))) {
      tooSlow((ctx.extra as Extra).socket);
    }
  }

  /** Counts a new socket against its address before the client says anything. */
  private opened(socket: WebSocket, request: IncomingMessage): void {
    sendWithin(socket, this.config.WS_MAX_BUFFERED_BYTES, this.payloads);
    const address = addressKey(clientAddress(request, this.config.TRUST_PROXY));
    if (!this.perAddress.take(address, this.config.WS_MAX_SOCKETS_PER_ADDRESS)) {
      this.refuse(socket);
      return;
    }
    socket.once('close', () => this.perAddress.release(address));
  }

  private refuse(socket: WebSocket): void {
    this.refused.add(socket);
    socket.close(TOO_MANY_CONNECTIONS.code, TOO_MANY_CONNECTIONS.reason);
  }

  /** Whom a connection counts for: a person or an API token; null for anonymous or a bad token. */
  private async principalOf(params: Readonly<Record<string, unknown>> | undefined): Promise<string | null> {
    const token = bearerToken(params?.authorization ?? params?.Authorization);
    if (!token) {
      return null;
    }
    // A bad token counts as anonymous here; its operations are refused on their own.
    const actor = await asLiveWork(() => this.auth.actorFor(token)).catch(() => null);
    switch (actor?.kind) {
      case 'PERSON':
        return `person:${actor.personId}`;
      case 'API_TOKEN':
        return `token:${actor.tokenId}`;
      case 'ANONYMOUS':
      case undefined:
        return null;
    }
  }
}

/**
 * The socket's `send` as graphql-ws uses it: puts back a shared payload left out of a `next` message (see
 * SharedPayloads), then, after each send (one comparison), closes the socket as too slow once more than
 * `max` bytes wait in `ws` and the socket's stream (what the kernel would not take): one reader that stopped
 * cannot hold unbounded memory, and other sockets never wait for it.
 */
function sendWithin(socket: WebSocket, max: number, payloads: SharedPayloads): void {
  // `ws` reads a function second argument as the callback, and no options as the defaults.
  const send = socket.send.bind(socket) as (data: unknown, options?: unknown, callback?: unknown) => void;
  socket.send = ((data: unknown, options?: unknown, callback?: unknown): void => {
    const frame = payloads.complete(data);
    if (frame === data) {
      send(data, options, callback);
      if (socket.bufferedAmount > max) {
        tooSlow(socket);
      }
    } else {
      // graphql-ws passes no options, only its callback (called once the frame is written, as `ws` does).
      const written = (typeof options === 'function' ? options : callback) as
        ((error?: Error | null) => void) | undefined;
      sendFrame(socket, frame as Buffer, max, written, send);
    }
  }) as WebSocket['send'];
}

/**
 * Sends a whole text frame (see SharedPayloads) as one write when nothing of `ws`'s waits to go before it,
 * else through `ws`; then closes the socket as too slow if more than `max` bytes wait to be written.
 */
function sendFrame(
  socket: WebSocket,
  frame: Buffer,
  max: number,
  written?: (error?: Error | null) => void,
  send?: (data: unknown, options?: unknown, callback?: unknown) => void,
): void {
  const internals = socket as unknown as WsInternals;
  const sender = internals._sender;
  if (
    socket.readyState === socket.OPEN &&
    sender?._state === 0 &&
    sender._queue.length === 0 &&
    sender._firstFragment &&
    internals._socket?.writable
  ) {
    internals._socket.write(frame, written);
  } else if (send) {
    send(messageOf(frame), AS_TEXT, written);
  } else {
    socket.send(messageOf(frame), AS_TEXT, written); // graphql-ws's send above: it passes a frame it did not make as it is
  }
  if (socket.bufferedAmount > max) {
    tooSlow(socket);
  }
}

const AS_TEXT = { binary: false } as const;

/**
 * What of `ws` 8's internals a frame written straight to its stream relies on: the sender idle (no
 * compression or blob read under way, no frame queued) and between messages. Checked on every such send; if a
 * `ws` upgrade renames them, frames go through `ws.send` as before.
 */
interface WsInternals {
  readonly _socket?: Writable;
  readonly _sender?: { readonly _state: number; readonly _queue: unknown[]; readonly _firstFragment: boolean };
}

function tooSlow(socket: WebSocket): void {
  if (socket.readyState === socket.OPEN) {
    // The close frame waits behind what is buffered; `ws` destroys the socket if no answer comes within 30 s.
    socket.close(TOO_SLOW.code, TOO_SLOW.reason);
  }
}

function isFellBehind(error: unknown): boolean {
  return error instanceof DomainError && error.reason === ActivityRefusal.FELL_BEHIND;
}

/** An operation on a connection, from its Subscribe message until it has ended. */
interface Operation {
  readonly id: string;
  setUp: boolean;
  /** What graphql-ws keeps in `ctx.subscriptions` while it streams (a subscription's iterator). */
  result?: unknown;
}

/** Open counts per key; a key is forgotten at zero, so the map holds only what is open. */
class Counts {
  private readonly counts = new Map<string, number>();

  take(key: string, max: number): boolean {
    const count = this.counts.get(key) ?? 0;
    if (count >= max) {
      return false;
    }
    this.counts.set(key, count + 1);
    return true;
  }

  release(key: string): void {
    const count = (this.counts.get(key) ?? 1) - 1;
    if (count > 0) {
      this.counts.set(key, count);
    } else {
      this.counts.delete(key);
    }
  }
}

/** Imported where graphql-ws is configured, so its hooks and the connection counter are one instance. */
@Module({ providers: [WebSocketLimits, SharedPayloads], exports: [WebSocketLimits, SharedPayloads] })
export class WebSocketLimitsModule {}
