import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ActivityRecorder, ActivityVerb, ActivityVisibility } from '@app/activity';
import { DomainError, ErrorCode } from '@app/common';
import { OrganisationService, OrganisationStatus, OrganisationRefusal } from '@app/organisations';
import type { Actor } from '../auth/actor';
import { AuthService, normaliseEmail, type Session } from '../auth/auth.service';
import { hashPassword } from '../auth/password';
import { LinkPurpose, linkToken } from '../account/account-mail';
import { hashSecretToken } from '../auth/secret-token';
import { DEFAULT_INVITATION_LIMITS, IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options';
import { PersonEntity } from '../person/person.entity';
import type { AffiliationRole } from '../person/person.enums';
import type { AcceptInvitationInput, InviteToOrganisationInput } from './dto/invitation.input';
import { InvitationEntity } from './invitation.entity';
import { IdentityRefusal } from '../identity.errors';

const INVITATION_DAYS = 7;

export interface Acceptance {
  readonly organisationId: string;
  readonly role: AffiliationRole;
  readonly session: Session | null;
}

@Injectable()
export class InvitationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationService,
    private readonly auth: AuthService,
    private readonly activity: ActivityRecorder,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {}

  async invite(
    invitedById: string,
    input: InviteToOrganisationInput,
  ): Promise<{ invitation: InvitationEntity; token: null }> {
    const organisation = await this.organisations.getById(input.organisationId);
    if (organisation.status === OrganisationStatus.ARCHIVED) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        OrganisationRefusal.ORGANISATION_ARCHIVED,
        'The organisation is archived',
      );
    }
    // Derived from the row's id (see linkToken): only the invitation email carries it.
    const id = randomUUID();
    const token = linkToken(this.options.jwtSecret, LinkPurpose.INVITATION, id);
    const invitation = await this.activity.transaction(async (tx, record) => {
      await this.checkLimits(tx, input.organisationId, invitedById);
      const saved = await tx.save(
        tx.create(InvitationEntity, {
          id,
          organisationId: input.organisationId,
          email: normaliseEmail(input.email),
          role: input.role,
          tokenHash: hashSecretToken(token),
          invitedById,
          expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
        }),
      );
      await record({
        verb: ActivityVerb.PERSON_INVITED,
        visibility: ActivityVisibility.ORGANISATION,
        actorPersonId: invitedById,
        actorOrganisationId: input.organisationId,
        organisationId: input.organisationId,
        payload: { invitationId: saved.id, role: saved.role },
      });
      return saved;
    });
    return { invitation, token: null };
  }

  /**
   * Each invitation is an email in part worded by the inviting organisation (its name), so a
   * taken-over admin account could use them for phishing: at most so many per organisation per
   * 24 hours and per inviter per hour. Invitations of one organisation queue on a lock, so
   * parallel ones cannot all pass the count.
   */
  private async checkLimits(tx: EntityManager, organisationId: string, invitedById: string): Promise<void> {
    const limits = this.options.invitationLimits ?? DEFAULT_INVITATION_LIMITS;
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('invitation:' || $1))`, [organisationId]);
    const [row] = await tx.query<
      { organisation: number; organisation_since: Date | null; inviter: number; inviter_since: Date | null }[]
    >(
      `SELECT count(*) FILTER (WHERE organisation_id = $1)::int AS organisation,
              min(created_at) FILTER (WHERE organisation_id = $1) AS organisation_since,
              count(*) FILTER (WHERE invited_by_id = $2 AND created_at > now() - interval '1 hour')::int AS inviter,
              min(created_at) FILTER (WHERE invited_by_id = $2 AND created_at > now() - interval '1 hour') AS inviter_since
         FROM invitation
        WHERE created_at > now() - interval '24 hours' AND (organisation_id = $1 OR invited_by_id = $2)`,
      [organisationId, invitedById],
    );
    const when = (since: Date | null | undefined, hours: number): string =>
      new Date((since ?? new Date()).getTime() + hours * 3_600_000).toISOString().slice(0, 16) + 'Z';
    if ((row?.organisation ?? 0) >= limits.perOrganisationPerDay) {
      throw new DomainError(
        ErrorCode.TOO_MANY_REQUESTS,
        IdentityRefusal.ORGANISATION_INVITATIONS_LIMITED,
        `input.organisationId: the organisation has sent ${limits.perOrganisationPerDay} invitations in 24 hours, ` +
          `as many as it may; it may send more after ${when(row?.organisation_since, 24)}`,
        [
          {
            field: 'input.organisationId',
            message: `has sent ${limits.perOrganisationPerDay} invitations in 24 hours`,
          },
        ],
      );
    }
    if ((row?.inviter ?? 0) >= limits.perInviterPerHour) {
      throw new DomainError(
        ErrorCode.TOO_MANY_REQUESTS,
        IdentityRefusal.INVITER_INVITATIONS_LIMITED,
        `You have sent ${limits.perInviterPerHour} invitations in an hour, as many as one person may; ` +
          `you may send more after ${when(row?.inviter_since, 1)}`,
      );
    }
  }

  listForOrganisation(organisationId: string): Promise<InvitationEntity[]> {
    return this.dataSource
      .getRepository(InvitationEntity)
      .find({ where: { organisationId }, order: { createdAt: 'DESC' } });
  }

  /**
   * Uses an invitation once: links an existing account (whose owner must be signed in) or
   * creates a new one (and signs it in). All or nothing: a refusal leaves the invitation unused.
   */
  accept(actor: Actor, input: AcceptInvitationInput): Promise<Acceptance> {
    return this.activity.transaction(async (tx, record) => {
      const claimed = await tx
        .createQueryBuilder()
        .update(InvitationEntity)
        .set({ acceptedAt: () => 'now()' })
        .where('token_hash = :hash AND accepted_at IS NULL AND expires_at > now()', {
          hash: hashSecretToken(input.token),
        })
        .returning('*')
        .execute();
      const row = (claimed.raw as { id: string; email: string; organisation_id: string; role: AffiliationRole }[])[0];
      if (!row) {
        throw DomainError.badInput(
          IdentityRefusal.INVITATION_INVALID,
          'input.token',
          'the invitation is unknown, already used or expired',
        );
      }
      const existing = await tx.findOneBy(PersonEntity, { email: row.email });
      let personId: string;
      let session: Session | null = null;
      if (existing) {
        if (actor.kind !== 'PERSON' || actor.personId !== existing.id) {
          throw new DomainError(
            ErrorCode.UNAUTHENTICATED,
            IdentityRefusal.INVITEE_MUST_SIGN_IN,
            `Sign in as ${row.email} to accept this invitation`,
          );
        }
        personId = existing.id;
      } else {
        if (actor.kind === 'PERSON') {
          throw new DomainError(
            ErrorCode.FORBIDDEN,
            IdentityRefusal.INVITATION_FOR_ANOTHER_EMAIL,
            'This invitation is for another email address',
          );
        }
        if (!input.displayName || !input.password) {
          const missing = !input.displayName ? 'input.displayName' : 'input.password';
          throw DomainError.invalidInput(missing, 'is needed to create your account');
        }
        // Another invitation for the same new address may be accepted at the same moment: the
        // first creates the account, this one is told (and its invitation stays unused).
        const created = await tx
          .createQueryBuilder()
          .insert()
          .into(PersonEntity)
          .values({
            email: row.email,
            displayName: input.displayName.trim(),
            passwordHash: await hashPassword(input.password),
          })
          .orIgnore()
          .returning('id')
          .execute();
        const id = (created.raw as { id: string }[])[0]?.id;
        if (!id) {
          throw new DomainError(
            ErrorCode.CONFLICT,
            IdentityRefusal.INVITEE_MUST_SIGN_IN,
            `An account for ${row.email} was created meanwhile: sign in as ${row.email} to accept this invitation`,
          );
        }
        personId = id;
        session = await this.auth.startSession(tx, personId);
      }
      // An invitation adds a role; it never demotes an admin to staff.
      await tx.query(
        `INSERT INTO affiliation (person_id, organisation_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (person_id, organisation_id) DO UPDATE
           SET role = CASE WHEN affiliation.role = 'ORG_ADMIN' THEN affiliation.role ELSE EXCLUDED.role END`,
        [personId, row.organisation_id, row.role],
      );
      await tx.update(InvitationEntity, { id: row.id }, { acceptedById: personId });
      await record({
        verb: ActivityVerb.INVITATION_ACCEPTED,
        visibility: ActivityVisibility.ORGANISATION,
        actorPersonId: personId,
        actorOrganisationId: row.organisation_id,
        organisationId: row.organisation_id,
        payload: { invitationId: row.id, role: row.role },
      });
      return { organisationId: row.organisation_id, role: row.role, session };
    });
  }
}
