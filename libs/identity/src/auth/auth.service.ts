import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { isUUID } from 'class-validator';
import { LiveRights, rightsSubject } from '@app/activity';
import { addressKey, DomainError, ErrorCode } from '@app/common';
import { lockRow } from '@app/database';
import { IDENTITY_OPTIONS, type IdentityOptions, SIGN_IN_THROTTLE } from '../identity.options';
import { AffiliationEntity, PersonEntity } from '../person/person.entity';
import { RefreshTokenEntity, SignInFailureEntity } from '../session/refresh-token.entity';
import { API_TOKEN_PREFIX, ApiTokenService } from '../api-token/api-token.service';
import { type Actor, ANONYMOUS } from './actor';
import { DECOY_PASSWORD_HASH, verifyPassword } from './password';
import { hashSecretToken, newSecretToken } from './secret-token';
import { IdentityRefusal } from '../identity.errors';

export interface Session {
  readonly personId: string;
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Date;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: Date;
}

const WRONG_CREDENTIALS = 'Email or password is wrong';
const INVALID_SESSION = 'The session is no longer valid: sign in again';
/** First keys of the two-key advisory locks that serialise sign-in attempts per account and per address. */
const THROTTLE_LOCK = { account: 0x5349_0001, address: 0x5349_0002 } as const;

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** Sign-in, session refresh with rotation and reuse detection, sign-out, and bearer tokens. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
    private readonly apiTokens: ApiTokenService,
    private readonly liveRights: LiveRights,
  ) {}

  async signIn(email: string, password: string, address: string): Promise<Session> {
    const normalised = normaliseEmail(email);
    // The attempt counts as a failure before the password is checked, so parallel guesses cannot
    // all pass the throttle before the first of them is counted.
    // Counted per client (an IPv6 /64 is one client: rotating within it must not reset the count).
    const attemptId = await this.countAttempt(normalised, addressKey(address));
    const person = await this.dataSource.getRepository(PersonEntity).findOneBy({ email: normalised });
    // Same work whether or not the account exists: no enumeration by message or timing.
    const valid = await verifyPassword(password, person?.passwordHash ?? DECOY_PASSWORD_HASH);
    if (!person || !valid) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, IdentityRefusal.WRONG_CREDENTIALS, WRONG_CREDENTIALS);
    }
    return this.dataSource.transaction(async (tx) => {
      await tx.delete(SignInFailureEntity, { id: attemptId });
      return this.startSession(tx, person.id);
    });
  }

  /** Exchanges a refresh token for a new session; a replayed token revokes its whole family. */
  async refresh(refreshToken: string): Promise<Session> {
    const outcome = await this.dataSource.transaction(async (tx) => {
      // Held until commit: a token rotates once, however many requests present it at once.
      const token = await lockRow(tx, RefreshTokenEntity, { tokenHash: hashSecretToken(refreshToken) });
      if (!token || token.revokedAt || token.expiresAt <= new Date()) {
        return null;
      }
      if (token.rotatedAt) {
        await this.revokeFamily(tx, token.familyId);
        return { reused: token.familyId };
      }
      await tx.update(RefreshTokenEntity, { id: token.id }, { rotatedAt: new Date() });
      return this.startSession(tx, token.personId, token.familyId);
    });
    if (outcome !== null && 'reused' in outcome) {
      await this.liveRights.changed([rightsSubject.session(outcome.reused)]);
    }
    if (outcome === null || 'reused' in outcome) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, IdentityRefusal.SESSION_INVALID, INVALID_SESSION);
    }
    return outcome;
  }

  /** Ends the session the refresh token belongs to (idempotent). */
  async signOut(refreshToken: string): Promise<void> {
    const token = await this.dataSource
      .getRepository(RefreshTokenEntity)
      .findOneBy({ tokenHash: hashSecretToken(refreshToken) });
    if (token) {
      await this.revokeFamily(this.dataSource.manager, token.familyId);
      // Before answering: the session's live streams deliver nothing from now on.
      await this.liveRights.changed([rightsSubject.session(token.familyId)]);
    }
  }

  /** The actor a bearer token stands for; UNAUTHENTICATED if it is tampered with or expired. */
  async actorFor(bearerToken: string | null): Promise<Actor> {
    if (!bearerToken) {
      return ANONYMOUS;
    }
    if (bearerToken.startsWith(API_TOKEN_PREFIX)) {
      return this.apiTokens.actorFor(bearerToken);
    }
    let personId: string;
    let sessionId: string;
    let expiresAt: Date | undefined;
    try {
      const claims = await this.jwt.verifyAsync<{ sub?: unknown; sid?: unknown; exp?: unknown }>(bearerToken, {
        secret: this.options.jwtSecret,
        algorithms: ['HS256'],
      });
      if (
        typeof claims.sub !== 'string' ||
        typeof claims.sid !== 'string' ||
        !isUUID(claims.sub) ||
        !isUUID(claims.sid)
      ) {
        throw new Error('missing claims');
      }
      personId = claims.sub;
      sessionId = claims.sid;
      expiresAt = typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : undefined;
    } catch {
      throw new DomainError(
        ErrorCode.UNAUTHENTICATED,
        IdentityRefusal.ACCESS_TOKEN_INVALID,
        'The access token is invalid or expired',
      );
    }
    // One statement: the person, and whether the session is one of theirs and not signed out (nor revoked
    // after reuse). A token naming no session they started is refused too: only sign-in signs one.
    const [person] = await this.dataSource.query<{ platform_admin: boolean; ended: boolean }[]>(
      `SELECT p.platform_admin,
              coalesce((SELECT bool_or(t.revoked_at IS NOT NULL OR t.person_id <> p.id)
                          FROM refresh_token t WHERE t.family_id = $2), true) AS ended
         FROM person p WHERE p.id = $1`,
      [personId, sessionId],
    );
    if (!person || person.ended) {
      throw new DomainError(
        ErrorCode.UNAUTHENTICATED,
        IdentityRefusal.ACCESS_TOKEN_INVALID,
        'The access token is invalid, expired or signed out',
      );
    }
    const affiliations = await this.dataSource.getRepository(AffiliationEntity).findBy({ personId });
    return {
      kind: 'PERSON',
      personId,
      platformAdmin: person.platform_admin,
      affiliations: affiliations.map(({ organisationId, role }) => ({ organisationId, role })),
      sessionId,
      expiresAt,
    };
  }

  /** Starts a session (a new refresh-token family unless one is given) in the caller's transaction. */
  async startSession(tx: EntityManager, personId: string, familyId: string = randomUUID()): Promise<Session> {
    const refreshToken = newSecretToken();
    const refreshTokenExpiresAt = new Date(Date.now() + this.options.refreshTokenTtlDays * 86_400_000);
    await tx.insert(RefreshTokenEntity, {
      familyId,
      personId,
      tokenHash: hashSecretToken(refreshToken),
      expiresAt: refreshTokenExpiresAt,
    });
    const accessToken = await this.jwt.signAsync(
      { sub: personId, sid: familyId },
      { secret: this.options.jwtSecret, algorithm: 'HS256', expiresIn: this.options.accessTokenTtlSeconds },
    );
    return {
      personId,
      accessToken,
      accessTokenExpiresAt: new Date(Date.now() + this.options.accessTokenTtlSeconds * 1000),
      refreshToken,
      refreshTokenExpiresAt,
    };
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.update(RefreshTokenEntity, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /**
   * Refuses when the account or the address has used up its failures in the window, else records
   * this attempt as one. Check and count are one step: concurrent attempts for the same account or
   * address queue on advisory locks (account first, then address, so two attempts never wait on
   * each other in opposite order).
   */
  private async countAttempt(email: string, address: string): Promise<string> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [THROTTLE_LOCK.account, email]);
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [THROTTLE_LOCK.address, address]);
      const [row] = await tx.query<{ account: string; address: string }[]>(
        `SELECT count(*) FILTER (WHERE email = $1) AS account, count(*) FILTER (WHERE address = $2) AS address
           FROM sign_in_failure
          WHERE occurred_at > now() - make_interval(mins => $3) AND (email = $1 OR address = $2)`,
        [email, address, SIGN_IN_THROTTLE.windowMinutes],
      );
      const account = Number(row?.account) >= SIGN_IN_THROTTLE.perAccount;
      if (account || Number(row?.address) >= SIGN_IN_THROTTLE.perAddress) {
        const liftsAt = await this.lockLiftsAt(tx, email, address);
        const minutes = Math.max(1, Math.ceil((liftsAt.getTime() - Date.now()) / 60_000));
        throw new DomainError(
          ErrorCode.TOO_MANY_REQUESTS,
          IdentityRefusal.SIGN_IN_LOCKED,
          `Too many failed sign-ins ${account ? 'for this account' : 'from this address'}: signing in is locked ` +
            `until ${liftsAt.toISOString().slice(0, 16)}Z (in ${minutes} minute${minutes === 1 ? '' : 's'}); try again then`,
        );
      }
      const inserted = await tx.insert(SignInFailureEntity, { email, address });
      return (inserted.identifiers[0] as { id: string }).id;
    });
  }

  /**
   * When the window has let go of enough failures for both the account and the address to be
   * under their limits: the limit-th newest failure of each, plus the window.
   */
  private async lockLiftsAt(tx: EntityManager, email: string, address: string): Promise<Date> {
    const [row] = await tx.query<{ lifts_at: Date }[]>(
      `SELECT greatest(
                (SELECT occurred_at FROM sign_in_failure WHERE email = $1 ORDER BY occurred_at DESC OFFSET $3 - 1 LIMIT 1),
                (SELECT occurred_at FROM sign_in_failure WHERE address = $2 ORDER BY occurred_at DESC OFFSET $4 - 1 LIMIT 1)
              ) + make_interval(mins => $5) AS lifts_at`,
      [email, address, SIGN_IN_THROTTLE.perAccount, SIGN_IN_THROTTLE.perAddress, SIGN_IN_THROTTLE.windowMinutes],
    );
    return row?.lifts_at ?? new Date(Date.now() + SIGN_IN_THROTTLE.windowMinutes * 60_000);
  }
}
