import { describe, expect, it } from '@jest/globals';
import type { IncomingMessage } from 'node:http';
import { addressKey, clientAddress } from './client-address';

const request = (peer: string, forwardedFor?: string): IncomingMessage =>
  ({
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddress(request('10.0.0.5', '203.0.113.1'), 0)).toBe('10.0.0.5');
  });

  it('takes the entry as many hops back as there are trusted proxies, as Express does', () => {
    const sut = request('10.0.0.5', '198.51.100.7, 203.0.113.1');
    expect(clientAddress(sut, 1)).toBe('203.0.113.1');
    expect(clientAddress(sut, 2)).toBe('198.51.100.7');
    expect(clientAddress(sut, 5)).toBe('198.51.100.7');
  });

  it('falls back to the peer when a trusted proxy sent no header', () => {
    expect(clientAddress(request('10.0.0.5'), 1)).toBe('10.0.0.5');
  });
});

describe('addressKey', () => {
  it.each([
    ['203.0.113.1', '203.0.113.1'],
    ['::ffff:203.0.113.1', '203.0.113.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::9', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['unknown', 'unknown'],
  ])('counts %s as %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});
