import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '../../config/app-config';

/**
 * The client's address, as Express computes `req.ip` with `trust proxy` set to a number of hops:
 * the socket's peer, or, behind `trustedHops` proxies, the entry that many hops back in
 * X-Forwarded-For. Without trusted proxies the header is ignored (anyone can send it).
 */
export function clientAddress(request: IncomingMessage, trustedHops: number): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (trustedHops === 0) {
    return peer;
  }
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .reverse();
  const hops = [peer, ...forwarded];
  return hops[Math.min(trustedHops, hops.length - 1)] ?? peer;
}

/** Connection limits count per `addressKey` (an IPv6 address's /64), as reset requests do. */
export { addressKey } from '@app/common';

/** HTTP (`req.ip`) follows the same TRUST_PROXY setting as WebSocket connections. */
@Injectable()
export class TrustProxy implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter.getInstance<{ set(name: string, value: unknown): void }>();
    app.set('trust proxy', this.config.TRUST_PROXY);
  }
}
