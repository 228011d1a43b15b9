import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { ALLOWED_PORTS, hostOf, isPrivateAddress, portOf } from './destination';

export interface WebhookRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** WEBHOOK_ALLOW_PRIVATE: let the request reach private and loopback addresses. */
  readonly allowPrivate: boolean;
  /** For the whole exchange: resolving, connecting, sending and reading the answer. */
  readonly timeoutMs: number;
  /** Bytes of the answer read at most; the rest is not waited for. */
  readonly maxResponseBytes: number;
}

export interface WebhookResponse {
  /** A 2xx answer. */
  readonly ok: boolean;
  readonly status: number | null;
  readonly latencyMs: number;
  /**
   * Why it failed, for the delivery log that the organisation's admins read: a coarse category
   * (`connection refused`, `TLS handshake failed`, …), never the answer's body nor a connection
   * error's text (which names addresses and ports of the network it was sent from).
   */
  readonly error: string | null;
}

/** An address resolution that is refused (private address): not worth a network error's words. */
class RefusedDestination extends Error {}

/**
 * Resolves the host once and checks every address it has: a name with one private address among
 * public ones is refused too, as the connection could otherwise be steered to it.
 */
async function pinnedAddress(host: string, allowPrivate: boolean): Promise<{ address: string; family: number }> {
  const literal = isIP(host);
  const addresses = literal ? [{ address: host, family: literal }] : await lookup(host, { all: true, verbatim: true });
  const first = addresses[0];
  if (!first) {
    throw new RefusedDestination('DNS lookup failed');
  }
  if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) {
    // Which address is not said: the log would map the sender's internal DNS for whoever reads it.
    throw new RefusedDestination('refused: the host resolves to a private address');
  }
  return first;
}

/** A lookup that answers only the address resolved and checked before: no second resolution, no rebinding. */
function pinned(address: string, family: number): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) {
      callback(null, [{ address, family }]);
    } else {
      callback(null, address, family);
    }
  }) as LookupFunction;
}

/**
 * POSTs one webhook: the host resolved once, checked and pinned for the connection (the Host
 * header and TLS server name stay the URL's), no redirects followed (a 3xx is a failure), one
 * deadline for everything, and at most `maxResponseBytes` of the answer read.
 */
export async function postWebhook(request: WebhookRequest, stop?: AbortSignal): Promise<WebhookResponse> {
  const started = performance.now();
  const deadline = AbortSignal.timeout(request.timeoutMs);
  const signal = stop ? AbortSignal.any([deadline, stop]) : deadline;
  const elapsed = (): number => Math.round(performance.now() - started);
  try {
    const url = new URL(request.url);
    if (!request.allowPrivate && !ALLOWED_PORTS.includes(portOf(url))) {
      // Registered before ports were restricted, or changed behind the API's back: not sent.
      throw new RefusedDestination(`refused: port ${portOf(url)} is not ${ALLOWED_PORTS.join(' or ')}`);
    }
    const { address, family } = await Promise.race([
      pinnedAddress(hostOf(url), request.allowPrivate),
      new Promise<never>((_, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      }),
    ]);
    const status = await new Promise<number>((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const outgoing = send(
        url,
        {
          method: 'POST',
          headers: {
            ...request.headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(request.body).toString(),
            'user-agent': 'Convene-Webhooks/1',
          },
          lookup: pinned(address, family),
          agent: false, // a connection of its own, to the pinned address only
          signal,
          maxHeaderSize: 16 * 1024,
        },
        (response: IncomingMessage) => {
          let received = 0;
          const done = (): void => {
            response.destroy();
            resolve(response.statusCode ?? 0);
          };
          response.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received >= request.maxResponseBytes) {
              done(); // enough read: the status is what counts
            }
          });
          response.on('end', done);
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });
    const ok = status >= 200 && status < 300;
    return {
      ok,
      status,
      latencyMs: elapsed(),
      error: ok ? null : status >= 300 && status < 400 ? `redirect (${status}) not followed` : `HTTP ${status}`,
    };
  } catch (error) {
    return { ok: false, status: null, latencyMs: elapsed(), error: describe(error, deadline, request.timeoutMs) };
  }
}

/** Connection errors by code, in the few words the delivery log gives. */
const CATEGORY: Readonly<Record<string, string>> = {
  ENOTFOUND: 'DNS lookup failed',
  EAI_AGAIN: 'DNS lookup failed',
  EAI_FAIL: 'DNS lookup failed',
  ENODATA: 'DNS lookup failed',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ECONNABORTED: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'host unreachable',
  EHOSTDOWN: 'host unreachable',
  ETIMEDOUT: 'connection timed out',
};

/**
 * The failure's category (see `WebhookResponse.error`): a DNS, connection, TLS or HTTP problem,
 * the deadline, or a refused destination; anything else is `connection failed`.
 */
function describe(error: unknown, deadline: AbortSignal, timeoutMs: number): string {
  if (deadline.aborted) {
    return `no answer within ${timeoutMs} ms`;
  }
  if (error instanceof RefusedDestination) {
    return error.message;
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') {
    return 'connection failed';
  }
  if (CATEGORY[code]) {
    return CATEGORY[code];
  }
  if (/^(EPROTO$|ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH|ERR_OSSL)/.test(code)) {
    return 'TLS handshake failed';
  }
  if (code.startsWith('HPE_') || code === 'ERR_HTTP_INVALID_HEADER_VALUE') {
    return 'invalid HTTP answer';
  }
  return 'connection failed';
}
