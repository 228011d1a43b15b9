import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ActivityRecorder, ActivityVerb, ActivityVisibility } from '@app/activity';
import { DomainError, ErrorCode, CommonRefusal } from '@app/common';
import { OrganisationService } from '@app/organisations';
import type { Actor } from '../auth/actor';
import { hashSecretToken, newSecretToken } from '../auth/secret-token';
import { ApiTokenEntity } from './api-token.entity';
import { FeedScopeCheck } from './feed-scope-check';
import type { CreateApiTokenInput } from './dto/api-token.input';
import { IdentityRefusal } from '../identity.errors';

/** API tokens start with this, so a bearer token can be told from a JWT at a glance. */
export const API_TOKEN_PREFIX = 'cvn_';

@Injectable()
export class ApiTokenService {
  constructor(
    @InjectRepository(ApiTokenEntity) private readonly tokens: Repository<ApiTokenEntity>,
    private readonly organisations: OrganisationService,
    private readonly scope: FeedScopeCheck,
    private readonly activity: ActivityRecorder,
  ) {}

  /** Creates a token; the secret is returned here only, and only its hash is kept. */
  async create(
    creator: Extract<Actor, { kind: 'PERSON' }>,
    input: CreateApiTokenInput,
  ): Promise<{ apiToken: ApiTokenEntity; token: string }> {
    const createdById = creator.personId;
    // A platform admin may name any organisation: one that does not exist is told, not a foreign key failure.
    if (!(await this.organisations.findByIds([input.organisationId])).length) {
      throw new DomainError(
        ErrorCode.NOT_FOUND,
        CommonRefusal.NOT_FOUND,
        'input.organisationId: there is no organisation with this id',
        [{ field: 'input.organisationId', message: 'there is no organisation with this id' }],
      );
    }
    const scopeTarget = await this.scope.checkedTarget(creator, input.scopeKind, input.scopeTarget ?? null, {
      noun: 'token',
      outsideMembership: IdentityRefusal.TOKEN_OUTSIDE_MEMBERSHIP,
      outsideMembershipAction: 'may make a token for it',
    });
    const token = newSecretToken(API_TOKEN_PREFIX);
    const apiToken = await this.activity.transaction(async (tx, record) => {
      const saved = await tx.save(
        tx.create(ApiTokenEntity, {
          organisationId: input.organisationId,
          name: input.name.trim(),
          scopeKind: input.scopeKind,
          scopeTarget,
          prefix: token.slice(0, 12),
          tokenHash: hashSecretToken(token),
          createdById,
        }),
      );
      await record({
        verb: ActivityVerb.API_TOKEN_CREATED,
        visibility: ActivityVisibility.ORGANISATION,
        actorPersonId: createdById,
        actorOrganisationId: input.organisationId,
        organisationId: input.organisationId,
        payload: { apiTokenId: saved.id, name: saved.name, scopeKind: saved.scopeKind, scopeTarget },
      });
      return saved;
    });
    return { apiToken, token };
  }

  listForOrganisation(organisationId: string): Promise<ApiTokenEntity[]> {
    return this.tokens.find({ where: { organisationId }, order: { createdAt: 'DESC' } });
  }

  /** Revokes a token of the organisation (idempotent). */
  async revoke(actorPersonId: string | null, organisationId: string, id: string): Promise<ApiTokenEntity> {
    const token = await this.tokens.findOneBy({ id, organisationId });
    if (!token) {
      throw DomainError.notFound('API token', id);
    }
    return this.activity.transaction(async (tx, record) => {
      const revoked = await tx
        .createQueryBuilder()
        .update(ApiTokenEntity)
        .set({ revokedAt: () => 'now()' })
        .where('id = :id AND revoked_at IS NULL', { id })
        .execute();
      if (!revoked.affected) {
        record.unchanged(); // already revoked
      } else {
        await record({
          verb: ActivityVerb.API_TOKEN_REVOKED,
          visibility: ActivityVisibility.ORGANISATION,
          actorPersonId,
          actorOrganisationId: organisationId,
          organisationId,
          payload: { apiTokenId: id, name: token.name },
        });
      }
      return tx.findOneByOrFail(ApiTokenEntity, { id });
    });
  }

  /** The read-only actor a token stands for; UNAUTHENTICATED when unknown or revoked. */
  async actorFor(token: string): Promise<Actor> {
    const found = await this.tokens.findOneBy({ tokenHash: hashSecretToken(token) });
    if (!found || found.revokedAt) {
      throw new DomainError(
        ErrorCode.UNAUTHENTICATED,
        IdentityRefusal.API_TOKEN_INVALID,
        'The API token is invalid or revoked',
      );
    }
    // Last use to the minute is enough, and spares a write on every request.
    await this.tokens
      .createQueryBuilder()
      .update()
      .set({ lastUsedAt: () => 'now()' })
      .where(`id = :id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, { id: found.id })
      .execute();
    return {
      kind: 'API_TOKEN',
      tokenId: found.id,
      organisationId: found.organisationId,
      scope: { kind: found.scopeKind, target: found.scopeTarget },
    };
  }
}
