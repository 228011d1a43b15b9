import { Injectable } from '@nestjs/common';

/**
 * One serialisation per shared result. graphql-ws stringifies every `next` message for every socket,
 * although a group of identical subscriptions hands all of its sockets the same result object (see
 * grouped-subscribe.ts). Its `jsonMessageReplacer` stops at such a `payload`: the payload is serialised
 * once per result object (kept while the object lives), a placeholder takes its place in the message, and
 * the socket's `send`, called at once with that message, puts the bytes in their place: each socket gets
 * `{"id":"<its id>","type":"next","payload":<the shared bytes>}` as one text frame, built here in one buffer
 * (one copy of the payload and one write per socket).
 *
 * graphql-ws calls the replacer and then `send` synchronously (`socket.send(stringifyMessage(...))`), so the
 * bytes the replacer sets aside belong to the next message sent; every message starts afresh, and one that
 * is not sent (its socket closed) leaves nothing for another.
 */
@Injectable()
export class SharedPayloads {
  private readonly serialised = new WeakMap<object, Buffer>();
  /** The message being stringified, and the payload bytes it left out (null: none). */
  private message: unknown = null;
  private pending: Buffer | null = null;

  /** graphql-ws `jsonMessageReplacer` (`this` is the object holding `key`). */
  readonly replacer = (holder: unknown, key: string, value: unknown): unknown => {
    if (key === '') {
      this.message = value;
      this.pending = null;
      return value;
    }
    if (
      key === 'payload' &&
      holder === this.message &&
      (holder as { type?: unknown }).type === NEXT &&
      typeof value === 'object' &&
      value !== null
    ) {
      this.pending = this.bytesOf(value);
      return PLACEHOLDER;
    }
    return value;
  };

  /**
   * What to send for `data`, a message graphql-ws has just stringified: the message with its payload's
   * bytes put back, as a whole WebSocket text frame (see `messageOf` for the message alone), or `data`
   * itself when nothing was left out of it.
   */
  complete(data: unknown): unknown {
    const bytes = this.pending;
    this.pending = null;
    this.message = null;
    if (!bytes || typeof data !== 'string' || !data.endsWith(WITH_PLACEHOLDER)) {
      return data;
    }
    // `{"id":…,"type":"next","payload":` + the shared bytes + `}`: one copy of the payload per socket.
    return textFrame(data.slice(0, data.length - WITH_PLACEHOLDER.length + PAYLOAD_KEY.length), bytes);
  }

  /**
   * The `next` messages of a subscriber's operation `id`, each a whole text frame written without graphql-ws
   * (see LivePush): the payload serialised once per result object, as for the messages graphql-ws sends, and
   * the message's head once per operation.
   */
  nextFrames(id: string): (payload: object) => Buffer {
    // The order and spelling of graphql-ws's own `next` messages.
    const head = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next",${PAYLOAD_KEY}`);
    return (payload) => textFrame(head, this.bytesOf(payload));
  }

  private bytesOf(payload: object): Buffer {
    let bytes = this.serialised.get(payload);
    if (!bytes) {
      bytes = Buffer.from(JSON.stringify(payload));
      this.serialised.set(payload, bytes);
    }
    return bytes;
  }
}

/** `head` + `body` + `}` as one unmasked WebSocket text frame (a server's; one copy of the body). */
function textFrame(head: string | Buffer, body: Buffer): Buffer {
  const headBytes = typeof head === 'string' ? Buffer.byteLength(head) : head.length;
  const length = headBytes + body.length + 1;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  // RFC 6455 §5.2: FIN and opcode 1 (text), then the length in 7, 16 or 64 bits.
  frame[0] = 0x81;
  if (header === 2) {
    frame[1] = length;
  } else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt16BE(0, 2);
    frame.writeUIntBE(length, 4, 6);
  }
  if (typeof head === 'string') {
    frame.write(head, header, 'utf8');
  } else {
    head.copy(frame, header);
  }
  body.copy(frame, header + headBytes);
  frame[frame.length - 1] = CLOSING_BRACE;
  return frame;
}

/** The message a text frame made by `complete` carries (without its header). */
export function messageOf(frame: Buffer): Buffer {
  return frame.subarray(frame[1] === 126 ? 4 : frame[1] === 127 ? 10 : 2);
}

/** A `jsonMessageReplacer` for graphql-ws, whose typings want a `this`-taking function. */
export function jsonReplacer(payloads: SharedPayloads): (this: unknown, key: string, value: unknown) => unknown {
  return function (this: unknown, key: string, value: unknown): unknown {
    return payloads.replacer(this, key, value);
  };
}

const NEXT = 'next';
const PLACEHOLDER = 0;
const PAYLOAD_KEY = '"payload":';
/** How a message whose payload was left out ends (graphql-ws writes `id`, `type`, `payload` in that order). */
const WITH_PLACEHOLDER = `${PAYLOAD_KEY}${PLACEHOLDER}}`;
const CLOSING_BRACE = 0x7d;
