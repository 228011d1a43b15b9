import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
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

/**
 * What connection limits count per address: an IPv4 address (also IPv4-mapped IPv6), or an
 * IPv6 address's /64, since one client usually holds a whole /64.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) {
    return mapped[1];
  }
  if (isIPv4(address) || !isIPv6(address)) {
    return address;
  }
  const [head = '', tail = ''] = (address.split('%')[0] ?? '').split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

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
