import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { LiveRights, rightsSubject } from '@app/activity';
import { addressKey, CommonRefusal, DomainError, ErrorCode } from '@app/common';
import { lockRow } from '@app/database';
import { IdentityRefusal } from '../identity.errors';
import type { Actor } from '../auth/actor';
import { normaliseEmail } from '../auth/auth.service';
import { DECOY_PASSWORD_HASH, hashPassword, verifyPassword } from '../auth/password';
import { hashSecretToken } from '../auth/secret-token';
import { IDENTITY_OPTIONS, type IdentityOptions, RESET_THROTTLE } from '../identity.options';
import { PersonEntity } from '../person/person.entity';
import {
  PasswordResetRequestEntity,
  PasswordTokenEntity,
  PasswordTokenPurpose,
} from '../password/password-token.entity';
import { PasswordService } from '../password/password.service';
import { voidEmailChanges, voidPasswordTokens } from '../password/password-tokens';
import { AccountMailOutbox, LinkPurpose, linkToken } from './account-mail';
import { EmailChangeEntity } from './email-change.entity';

/** Reset and email-change links work for an hour. */
const LINK_HOURS = 1;
/** First key of the advisory lock that serialises reset requests per client address. */
const RESET_REQUEST_LOCK = 0x5245_0001;
/** First key of the advisory lock that serialises reset requests per email address asked for. */
const RESET_EMAIL_LOCK = 0x5245_0002;
/**
 * How long reset requests are kept once handled: the hour the per-client limit counts them.
 * (Pending ones stay until handled.)
 */
const RESET_REQUEST_RETENTION = '1 hour';
/** Forgetting old reset requests runs at most this often per instance (not on every worker tick). */
const RESET_CLEANUP_EVERY_MS = 5 * 60_000;
/** Email-change confirmations one person may have sent per hour (more asks are quietly dropped). */
const EMAIL_CHANGES_PER_HOUR = 3;

/**
 * Account recovery and changes to credentials: password reset by an emailed link, password
 * change, and email change confirmed by a link to the new address. Like sessions, these append
 * no activity (credentials are not domain state); their emails are planned in their transaction.
 */
@Injectable()
export class AccountRecoveryService {
  /** When this instance last forgot old reset requests (epoch ms; 0: not yet). */
  private lastCleanup = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
    private readonly mail: AccountMailOutbox,
    private readonly passwords: PasswordService,
    private readonly liveRights: LiveRights,
  ) {}

  /**
   * Asks for a reset link to be emailed if the address has an account. The answer is the same
   * either way, and so is the work: the request only records itself (with the client's address,
   * for the per-address limit); `handlePendingResets` does the rest off the request path, so the
   * answer's timing tells nothing either. At most ten requests an hour from one client (an IPv4
   * address, or an IPv6 /64: see `addressKey`), refused with RESET_REQUESTS_LIMITED whatever address
   * they name. A request for an address that already has one waiting is still counted against the
   * client, but recorded as handled: the waiting one makes the link, so repeats queue no more work.
   */
  async requestPasswordReset(email: string, clientAddress: string): Promise<void> {
    const address = normaliseEmail(email);
    const client = addressKey(clientAddress);
    await this.dataSource.transaction(async (tx) => {
      // Requests from one client queue here, so parallel ones cannot all pass the count; then
      // requests for one address, so parallel ones cannot all find none waiting.
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [RESET_REQUEST_LOCK, client]);
      const [row] = await tx.query<{ recent: number; oldest: Date | null }[]>(
        `SELECT count(*)::int AS recent, min(requested_at) AS oldest FROM password_reset_request
          WHERE address = $1 AND requested_at > now() - interval '1 hour'`,
        [client],
      );
      if ((row?.recent ?? 0) >= RESET_THROTTLE.perAddressPerHour) {
        const liftsAt = new Date((row?.oldest ?? new Date()).getTime() + 3_600_000);
        throw new DomainError(
          ErrorCode.TOO_MANY_REQUESTS,
          IdentityRefusal.RESET_REQUESTS_LIMITED,
          `Too many password reset requests from this address: try again after ${liftsAt.toISOString().slice(0, 16)}Z`,
        );
      }
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [RESET_EMAIL_LOCK, address]);
      const [{ waiting }] = await tx.query<[{ waiting: boolean }]>(
        `SELECT EXISTS (SELECT 1 FROM password_reset_request WHERE email = $1 AND handled_at IS NULL) AS waiting`,
        [address],
      );
      await tx.insert(PasswordResetRequestEntity, {
        email: address,
        address: client,
        handledAt: waiting ? new Date() : null,
      });
    });
  }

  /**
   * Handles recorded reset requests, oldest first, each in its own transaction (so instances
   * share the work): for an address with an account, a new reset link
   * (voiding earlier reset links, never a setup token) and its email, at most three an hour per
   * account (more are quietly dropped). Resolves with how many were handled.
   */
  async handlePendingResets(limit = 20): Promise<number> {
    let handled = 0;
    // Every instance ticks twice a second: when idle, one statement and no transaction.
    const [{ pending }] = await this.dataSource.query<[{ pending: boolean }]>(
      'SELECT EXISTS (SELECT 1 FROM password_reset_request WHERE handled_at IS NULL) AS pending',
    );
    while (pending && handled < limit) {
      const done = await this.dataSource.transaction(async (tx) => {
        // Claimed by the update itself: an instance racing for the same row waits, re-checks
        // `handled_at IS NULL`, finds nothing and leaves the rest to its next tick.
        const [claimed] = await tx.query<[{ id: string; email: string }[], number]>(
          `UPDATE password_reset_request SET handled_at = now()
            WHERE id = (SELECT id FROM password_reset_request WHERE handled_at IS NULL ORDER BY requested_at LIMIT 1)
              AND handled_at IS NULL
            RETURNING id, email`,
        );
        const request = claimed[0];
        if (!request) {
          return false;
        }
        await this.issueResetLink(tx, request.email);
        return true;
      });
      if (!done) {
        break;
      }
      handled++;
    }
    await this.forgetOldRequests();
    return handled;
  }

  /**
   * Handled requests are kept for the hour the per-client limit counts them, then forgotten; at
   * most every few minutes per instance (a few extra minutes of rows change no count).
   */
  private async forgetOldRequests(): Promise<void> {
    if (Date.now() - this.lastCleanup < RESET_CLEANUP_EVERY_MS) {
      return;
    }
    this.lastCleanup = Date.now();
    await this.dataSource.query(
      `DELETE FROM password_reset_request
        WHERE handled_at IS NOT NULL AND requested_at < now() - interval '${RESET_REQUEST_RETENTION}'`,
    );
  }

  private async issueResetLink(tx: EntityManager, address: string): Promise<void> {
    const person = await lockRow(tx, PersonEntity, { email: address });
    if (!person) {
      return;
    }
    const [{ recent }] = await tx.query<[{ recent: number }]>(
      `SELECT count(*)::int AS recent FROM password_token
        WHERE person_id = $1 AND purpose = 'RESET' AND created_at > now() - interval '1 hour'`,
      [person.id],
    );
    if (recent >= RESET_THROTTLE.perAccountPerHour) {
      return;
    }
    await voidPasswordTokens(tx, person.id, PasswordTokenPurpose.RESET); // only the newest link works
    const id = randomUUID();
    await tx.insert(PasswordTokenEntity, {
      id,
      personId: person.id,
      tokenHash: hashSecretToken(linkToken(this.options.jwtSecret, LinkPurpose.PASSWORD_RESET, id)),
      purpose: PasswordTokenPurpose.RESET,
      expiresAt: new Date(Date.now() + LINK_HOURS * 3_600_000),
    });
    await this.mail.plan(tx, {
      purpose: LinkPurpose.PASSWORD_RESET,
      personId: person.id,
      email: person.email,
      tokenId: id,
    });
  }

  /** Sets a new password with a reset link's token, once; every session of the person ends. */
  resetPassword(token: string, password: string): Promise<PersonEntity> {
    return this.passwords.setWithToken(token, password);
  }

  /** Changes the signed-in person's password; their other sessions end, this one goes on. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<PersonEntity> {
    const personId = signedIn(actor);
    const person = await this.dataSource.getRepository(PersonEntity).findOneByOrFail({ id: personId });
    if (!(await verifyPassword(currentPassword, person.passwordHash ?? DECOY_PASSWORD_HASH)) || !person.passwordHash) {
      throw DomainError.badInput(
        IdentityRefusal.WRONG_CURRENT_PASSWORD,
        'input.currentPassword',
        'is not your current password',
      );
    }
    const passwordHash = await hashPassword(newPassword);
    const sessionId = actor.kind === 'PERSON' ? (actor.sessionId ?? null) : null;
    await this.dataSource.transaction(async (tx) => {
      await tx.update(PersonEntity, { id: personId }, { passwordHash });
      await voidPasswordTokens(tx, personId);
      await voidEmailChanges(tx, personId);
      await tx.query(
        `UPDATE refresh_token SET revoked_at = now()
          WHERE person_id = $1 AND revoked_at IS NULL AND family_id IS DISTINCT FROM $2::uuid`,
        [personId, sessionId],
      );
    });
    await this.liveRights.changed([rightsSubject.person(personId)]);
    return this.dataSource.getRepository(PersonEntity).findOneByOrFail({ id: personId });
  }

  /**
   * Sends a confirmation link to the new address (after checking the password); the account
   * keeps its address until the link is used. The answer never says whether the address has an
   * account (that would let anyone signed in test addresses one by one): the link goes to the
   * address either way, and confirming it is refused if another account uses the address, which
   * only the address's owner sees. At most three links an hour per person; more asks are quietly
   * dropped, as reset requests are.
   */
  async requestEmailChange(actor: Actor, newEmail: string, password: string): Promise<void> {
    const personId = signedIn(actor);
    const address = normaliseEmail(newEmail);
    const person = await this.dataSource.getRepository(PersonEntity).findOneByOrFail({ id: personId });
    if (!person.passwordHash || !(await verifyPassword(password, person.passwordHash))) {
      throw DomainError.badInput(
        IdentityRefusal.WRONG_CURRENT_PASSWORD,
        'input.password',
        'is not your current password',
      );
    }
    if (address === person.email) {
      throw DomainError.badInput(IdentityRefusal.EMAIL_UNCHANGED, 'input.newEmail', 'is already your address');
    }
    await this.dataSource.transaction(async (tx) => {
      // Requests of one person queue here, so parallel ones cannot all pass the count.
      await lockRow(tx, PersonEntity, { id: personId }, 'no-key-update');
      const [{ recent }] = await tx.query<[{ recent: number }]>(
        `SELECT count(*)::int AS recent FROM email_change WHERE person_id = $1 AND created_at > now() - interval '1 hour'`,
        [personId],
      );
      if (recent >= EMAIL_CHANGES_PER_HOUR) {
        return;
      }
      await tx.query('UPDATE email_change SET used_at = now() WHERE person_id = $1 AND used_at IS NULL', [personId]);
      const id = randomUUID();
      await tx.insert(EmailChangeEntity, {
        id,
        personId,
        newEmail: address,
        tokenHash: hashSecretToken(linkToken(this.options.jwtSecret, LinkPurpose.EMAIL_CHANGE, id)),
        expiresAt: new Date(Date.now() + LINK_HOURS * 3_600_000),
      });
      await this.mail.plan(tx, { purpose: LinkPurpose.EMAIL_CHANGE, personId, email: address, tokenId: id });
    });
  }

  /** Uses a confirmation link: the account takes the new address. */
  async confirmEmailChange(token: string): Promise<PersonEntity> {
    return this.dataSource.transaction(async (tx) => {
      const claimed = await tx
        .createQueryBuilder()
        .update(EmailChangeEntity)
        .set({ usedAt: () => 'now()' })
        .where('token_hash = :hash AND used_at IS NULL AND expires_at > now()', { hash: hashSecretToken(token) })
        .returning('*')
        .execute();
      const row = (claimed.raw as { person_id: string; new_email: string }[])[0];
      if (!row) {
        throw DomainError.badInput(
          IdentityRefusal.EMAIL_LINK_INVALID,
          'input.token',
          'the link is unknown, already used or expired',
        );
      }
      if (await tx.existsBy(PersonEntity, { email: row.new_email })) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          IdentityRefusal.EMAIL_TAKEN,
          'Another account uses this address meanwhile',
          [{ field: 'input.token', message: 'the new address was taken meanwhile' }],
        );
      }
      await tx.update(PersonEntity, { id: row.person_id }, { email: row.new_email });
      // Reset links already mailed to the old address no longer open the account.
      await voidPasswordTokens(tx, row.person_id);
      return tx.findOneByOrFail(PersonEntity, { id: row.person_id });
    });
  }
}

function signedIn(actor: Actor): string {
  if (actor.kind !== 'PERSON') {
    throw new DomainError(ErrorCode.UNAUTHENTICATED, CommonRefusal.NOT_SIGNED_IN, 'Sign in first');
  }
  return actor.personId;
}
