import { createHmac, timingSafeEqual } from 'node:crypto';
import { NotificationCategory } from '../notification.enums';

/** What a signed unsubscribe link names: one person's one category. */
export interface UnsubscribeRequest {
  readonly personId: string;
  readonly category: NotificationCategory;
}

const sign = (secret: string, body: string): string =>
  createHmac('sha256', `unsubscribe:${secret}`).update(body).digest('base64url');

/** A token carrying the person and category, signed with HMAC-SHA256: no sign-in needed to use it. */
export function unsubscribeToken(secret: string, request: UnsubscribeRequest): string {
  const body = `${request.personId}.${request.category}`;
  return `${Buffer.from(body).toString('base64url')}.${sign(secret, body)}`;
}

/** The request a token names, or null if it is malformed or its signature does not match. */
export function readUnsubscribeToken(secret: string, token: string): UnsubscribeRequest | null {
  if (token.length > 300) {
    return null;
  }
  const [encoded, signature, extra] = token.split('.');
  if (!encoded || !signature || extra !== undefined) {
    return null;
  }
  const body = Buffer.from(encoded, 'base64url').toString('utf8');
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return null;
  }
  const [personId, category] = body.split('.');
  if (
    !personId ||
    !/^[0-9a-f-]{36}$/.test(personId) ||
    !Object.values(NotificationCategory).includes(category as NotificationCategory)
  ) {
    return null;
  }
  return { personId, category: category as NotificationCategory };
}
