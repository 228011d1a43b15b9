import { BlockList, isIP } from 'node:net';

/** Longest endpoint URL accepted. */
export const MAX_URL_LENGTH = 2_000;

/**
 * Ports an endpoint may use (unless WEBHOOK_ALLOW_PRIVATE): the standard HTTPS ports, 443 and
 * 8443 (https-alt), as hardened webhook senders allow. Any other port on a public host may be a
 * service that is not a webhook receiver (SMTP, Redis, a database) that a URL could smuggle a
 * request to.
 */
export const ALLOWED_PORTS: readonly number[] = [443, 8443];

/** The port a URL connects to (its scheme's default when it names none). */
export const portOf = (url: URL): number => (url.port ? Number(url.port) : url.protocol === 'http:' ? 80 : 443);

/**
 * Addresses a webhook must never reach unless WEBHOOK_ALLOW_PRIVATE: private, loopback, link-local
 * (cloud metadata at 169.254.169.254), shared, multicast, documentation and reserved ranges.
 */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['64:ff9b::', 96], // NAT64: may embed a private IPv4 address
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23], // protocol assignments, Teredo included
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4: may embed a private IPv4 address
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}
/** Only global unicast IPv6 (2000::/3) is public at all. */
const GLOBAL_UNICAST = new BlockList();
GLOBAL_UNICAST.addSubnet('2000::', 3, 'ipv6');

/** Whether an IP address is anything but a public unicast address. */
export function isPrivateAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 4) {
    return NOT_PUBLIC.check(address, 'ipv4');
  }
  if (version !== 6) {
    return true; // not an address at all: never connect to it
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) {
    return isPrivateAddress(mapped[1]);
  }
  return !GLOBAL_UNICAST.check(address, 'ipv6') || NOT_PUBLIC.check(address, 'ipv6');
}

/** The host of a URL as an address or a name (IPv6 literals lose their brackets). */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Checks an endpoint URL when it is registered: https (http only with WEBHOOK_ALLOW_PRIVATE, for
 * development and tests) on port 443 or 8443 (any with WEBHOOK_ALLOW_PRIVATE, for loopback
 * receivers), no credentials or fragment, and no private address or `localhost` named outright. Names are resolved, checked and pinned at each delivery instead (DNS can change).
 * Returns the problem in words, or null.
 */
export function urlProblem(text: string, allowPrivate: boolean): string | null {
  if (text.length > MAX_URL_LENGTH) {
    return `must be at most ${MAX_URL_LENGTH} characters`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute URL such as https://example.org/webhooks';
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) {
    return allowPrivate ? 'must be an http or https URL' : 'must be an https URL';
  }
  if (url.username || url.password) {
    return 'must not carry a user name or password';
  }
  if (url.hash) {
    return 'must not have a fragment (#…)';
  }
  const host = hostOf(url).toLowerCase().replace(/\.$/, ''); // `localhost.` is `localhost`
  if (!allowPrivate) {
    if (!ALLOWED_PORTS.includes(portOf(url))) {
      return `must use port ${ALLOWED_PORTS.join(' or ')} (or none)`;
    }
    if (isIP(host) && isPrivateAddress(host)) {
      return 'must not be a private, loopback or link-local address';
    }
    if (host === 'localhost' || host.endsWith('.localhost') || !host.includes('.')) {
      return 'must name a public host';
    }
  }
  return null;
}
