import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** What a link in an email lets its holder do once. */
export enum LinkPurpose {
  INVITATION = 'invitation',
  PASSWORD_RESET = 'password-reset',
  EMAIL_CHANGE = 'email-change',
}

/**
 * The secret of a link in an email, derived from the server's secret and the row it opens:
 * the database keeps only its SHA-256 (like every token), and the mail sender derives it again
 * when it writes the message, so no job, row or log ever holds the secret itself. Resending a
 * message (after a crash) carries the same link.
 */
export function linkToken(secret: string, purpose: LinkPurpose, id: string): string {
  return createHmac('sha256', `link:${secret}`).update(`${purpose}:${id}`).digest('base64url');
}

/** An email about the account itself (not an activity item: credentials are not domain state). */
export interface AccountMail {
  readonly purpose: LinkPurpose.PASSWORD_RESET | LinkPurpose.EMAIL_CHANGE;
  readonly personId: string;
  /** Where it goes: the account's address, or for an email change the new address. */
  readonly email: string;
  /** The token row the link opens. */
  readonly tokenId: string;
}

export type AccountMailPlanner = (tx: EntityManager, mail: AccountMail) => Promise<void>;

/**
 * Where identity hands account emails to be sent, in its own transaction (notifications
 * registers itself here: identity does not depend on it).
 */
@Injectable()
export class AccountMailOutbox {
  private planner: AccountMailPlanner | null = null;

  register(planner: AccountMailPlanner): void {
    this.planner = planner;
  }

  async plan(tx: EntityManager, mail: AccountMail): Promise<void> {
    if (!this.planner) {
      throw new Error('No mail sender is registered (NotificationsModule is not loaded)');
    }
    await this.planner(tx, mail);
  }
}
