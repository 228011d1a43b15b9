import { createHash } from 'node:crypto';
import type { NotificationChannel } from '../notification.enums';

/**
 * The Message-ID of the one message a recipient gets about a subject on a channel: the same on
 * every attempt, so a message resent after a crash is recognisably the same message (and mail
 * systems that deduplicate on Message-ID show it once).
 */
export function messageIdOf(recipient: string, subject: string, channel: NotificationChannel, domain: string): string {
  const digest = createHash('sha256').update(`${recipient}\n${subject}\n${channel}`).digest('base64url').slice(0, 32);
  return `<${digest}@${domain}>`;
}

/** The host name of the public URL, for Message-IDs (RFC 5322 wants a domain on the right). */
export function mailDomainOf(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname || 'convene.localhost';
  } catch {
    return 'convene.localhost';
  }
}
