import { isEmail } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { lockRow } from '@app/database';
import { normaliseEmail } from '../auth/auth.service';
import { hashSecretToken, newSecretToken } from '../auth/secret-token';
import { PersonEntity } from '../person/person.entity';
import { PasswordTokenEntity, PasswordTokenPurpose } from './password-token.entity';

/** How long a password token is valid unless the issuer says otherwise. */
export const PASSWORD_TOKEN_HOURS = 24;

export interface IssuedPasswordToken {
  /** The secret, returned once and never stored. */
  readonly token: string;
  readonly expiresAt: Date;
}

/**
 * Makes a person's unused password tokens void: all of them when the password is set or the
 * address changes, or those of one purpose when a newer one of that purpose is issued (a reset
 * request must not void the operator's setup token, or anyone knowing an admin's address could
 * keep them from setting their first password).
 */
export async function voidPasswordTokens(
  tx: EntityManager,
  personId: string,
  purpose?: PasswordTokenPurpose,
): Promise<void> {
  await tx.query(
    `UPDATE password_token SET used_at = now()
      WHERE person_id = $1 AND used_at IS NULL AND ($2::password_token_purpose IS NULL OR purpose = $2)`,
    [personId, purpose ?? null],
  );
}

/**
 * Voids a person's unconfirmed email changes: a new password ends what whoever knew the old one
 * set in motion (else they confirm a change to their own address later and take the account).
 */
export async function voidEmailChanges(tx: EntityManager, personId: string): Promise<void> {
  await tx.query('UPDATE email_change SET used_at = now() WHERE person_id = $1 AND used_at IS NULL', [personId]);
}

/** Issues a setup password token for a person; their earlier unused setup tokens become void. */
export async function issuePasswordToken(
  tx: EntityManager,
  personId: string,
  hours: number = PASSWORD_TOKEN_HOURS,
): Promise<IssuedPasswordToken> {
  const token = newSecretToken();
  const expiresAt = new Date(Date.now() + hours * 3_600_000);
  await voidPasswordTokens(tx, personId, PasswordTokenPurpose.SETUP);
  await tx.insert(PasswordTokenEntity, {
    personId,
    tokenHash: hashSecretToken(token),
    expiresAt,
    purpose: PasswordTokenPurpose.SETUP,
  });
  return { token, expiresAt };
}

export interface PlatformAdminCreated extends IssuedPasswordToken {
  readonly personId: string;
  /** False when the email already had an account, which is now a platform admin. */
  readonly created: boolean;
}

/**
 * The operator's way to a platform admin (the first one, or one who lost their password):
 * creates the account without a password, or promotes an existing one, and issues a token
 * with which its owner sets the password through the API. No password passes through here.
 */
export async function createPlatformAdmin(
  manager: EntityManager,
  input: { email: string; displayName: string; hours?: number },
): Promise<PlatformAdminCreated> {
  const email = normaliseEmail(input.email);
  if (!isEmail(email)) {
    throw new Error(`--email must be an email address (got ${JSON.stringify(input.email)})`);
  }
  const displayName = input.displayName.trim();
  if (displayName.length < 2 || displayName.length > 100) {
    throw new Error('--name must be 2 to 100 characters');
  }
  const hours = input.hours ?? PASSWORD_TOKEN_HOURS;
  if (!Number.isInteger(hours) || hours < 1 || hours > 168) {
    throw new Error('--hours must be a whole number of hours from 1 to 168');
  }
  return manager.transaction(async (tx) => {
    const existing = await lockRow(tx, PersonEntity, { email });
    let personId: string;
    if (existing) {
      await tx.update(PersonEntity, { id: existing.id }, { platformAdmin: true });
      personId = existing.id;
    } else {
      const person = await tx.save(tx.create(PersonEntity, { email, displayName, platformAdmin: true }));
      personId = person.id;
    }
    return { personId, created: !existing, ...(await issuePasswordToken(tx, personId, hours)) };
  });
}
