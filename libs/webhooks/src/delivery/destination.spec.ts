import { describe, expect, it } from '@jest/globals';
import { isPrivateAddress, urlProblem } from './destination';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    '2001:db8::1',
    '2002:a00:1::1',
    'not-an-address',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

describe('urlProblem', () => {
  it('accepts a public https URL, on the standard HTTPS ports', () => {
    expect(urlProblem('https://hooks.example.org/convene?x=1', false)).toBeNull();
    expect(urlProblem('https://hooks.example.org:443/convene', false)).toBeNull();
    expect(urlProblem('https://hooks.example.org:8443/convene', false)).toBeNull();
  });

  it.each([
    ['http://hooks.example.org/', 'must be an https URL'],
    ['ftp://hooks.example.org/', 'must be an https URL'],
    ['https://127.0.0.1/', 'must not be a private, loopback or link-local address'],
    ['https://[::1]:8443/', 'must not be a private, loopback or link-local address'],
    ['https://169.254.169.254/latest/meta-data', 'must not be a private, loopback or link-local address'],
    ['https://localhost/', 'must name a public host'],
    ['https://localhost./', 'must name a public host'],
    ['https://2130706433/', 'must not be a private, loopback or link-local address'], // 127.0.0.1, as a number
    ['https://0x7f.1/', 'must not be a private, loopback or link-local address'],
    ['https://intranet/', 'must name a public host'],
    ['https://hooks.example.org:6379/', 'must use port 443 or 8443 (or none)'],
    ['https://hooks.example.org:80/', 'must use port 443 or 8443 (or none)'],
    ['https://hooks.example.org:25/', 'must use port 443 or 8443 (or none)'],
    ['https://user:pass@hooks.example.org/', 'must not carry a user name or password'],
    ['https://hooks.example.org/#x', 'must not have a fragment (#…)'],
    ['hooks.example.org', 'must be an absolute URL such as https://example.org/webhooks'],
    [`https://hooks.example.org/${'a'.repeat(2_000)}`, 'must be at most 2000 characters'],
  ])('refuses %s', (url, problem) => {
    expect(urlProblem(url, false)).toBe(problem);
  });

  it('lets http and private addresses through with WEBHOOK_ALLOW_PRIVATE', () => {
    expect(urlProblem('http://127.0.0.1:4000/hook', true)).toBeNull();
    expect(urlProblem('https://hooks.example.org:6379/', true)).toBeNull(); // any port, for loopback receivers
    expect(urlProblem('ftp://127.0.0.1/', true)).toBe('must be an http or https URL');
  });
});
