import { createHash, randomBytes } from 'node:crypto';

/** A new random secret (256 bits, URL-safe), e.g. a refresh, invitation or API token. */
export function newSecretToken(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * What is stored instead of a secret token: SHA-256 is enough (no salt or KDF) because the
 * token is random and long, unlike a password.
 */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
