import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ActivityRecorder, ActivityVerb, ActivityVisibility } from '@app/activity';
import { DomainError, ErrorCode } from '@app/common';
import { LocalAuthorityService } from '@app/geography';
import { SpecialismService } from '../specialism/specialism.service';
import type {
  CreateOrganisationInput,
  UpdateOrganisationInput,
  VerifyOrganisationInput,
  WithdrawOrganisationVerificationInput,
} from './dto/organisation-mutations.input';
import { OrganisationLocalAuthorityEntity, OrganisationSpecialismEntity } from './organisation-links.entity';
import { OrganisationEntity } from './organisation.entity';
import { OrganisationVerificationEntity } from './organisation-verification.entity';
import { OrganisationKind, OrganisationStatus } from './organisation.enums';
import { OrganisationService } from './organisation.service';
import { OrganisationRefusal } from '../organisations.errors';

/** Organisations registered, changed and archived; each change with its activity. */
@Injectable()
export class OrganisationFlowsService {
  constructor(
    private readonly activity: ActivityRecorder,
    private readonly organisations: OrganisationService,
    private readonly localAuthorities: LocalAuthorityService,
    private readonly specialisms: SpecialismService,
  ) {}

  /** Creates an organisation in the caller's transaction (so the caller can add to it atomically). */
  async create(manager: EntityManager, input: CreateOrganisationInput): Promise<OrganisationEntity> {
    const authorityIds = await this.resolveAuthorities(input.localAuthorityCodes ?? []);
    assertServesIfCvs(input.kind, authorityIds);
    await this.assertSpecialismsExist(input.specialisms ?? []);
    const { id } = await manager.save(
      manager.create(OrganisationEntity, {
        name: input.name.trim(),
        kind: input.kind,
        charityNumber: input.charityNumber ?? null,
        companyNumber: input.companyNumber ?? null,
        website: input.website ?? null,
        contactEmail: input.contactEmail?.toLowerCase() ?? null,
      }),
    );
    await this.replaceSpecialisms(manager, id, input.specialisms ?? []);
    await this.replaceAuthorities(manager, id, authorityIds);
    return manager.findOneByOrFail(OrganisationEntity, { id });
  }

  /** Changes the given fields; `null` clears an optional one, a list replaces the current set. */
  async update(actorPersonId: string | null, input: UpdateOrganisationInput): Promise<OrganisationEntity> {
    const target = { entity: OrganisationEntity, id: input.id, name: 'Organisation' };
    return this.activity.transactionOn(target, async ({ tx, row: current, record }) => {
      if (current.status === OrganisationStatus.ARCHIVED) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          OrganisationRefusal.ORGANISATION_ARCHIVED,
          'The organisation is archived; it can no longer be changed',
        );
      }
      const authorityIds =
        input.localAuthorityCodes === undefined ? undefined : await this.resolveAuthorities(input.localAuthorityCodes);
      if (authorityIds) {
        assertServesIfCvs(current.kind, authorityIds);
      }
      if (input.specialisms) {
        await this.assertSpecialismsExist(input.specialisms);
      }
      await tx.update(
        OrganisationEntity,
        { id: input.id },
        {
          ...(input.name !== undefined ? { name: input.name.trim() } : {}),
          ...(input.charityNumber !== undefined ? { charityNumber: input.charityNumber } : {}),
          ...(input.companyNumber !== undefined ? { companyNumber: input.companyNumber } : {}),
          ...(input.website !== undefined ? { website: input.website } : {}),
          ...(input.contactEmail !== undefined ? { contactEmail: input.contactEmail?.toLowerCase() ?? null } : {}),
          updatedAt: new Date(),
        },
      );
      if (input.specialisms) {
        await this.replaceSpecialisms(tx, input.id, input.specialisms);
      }
      if (authorityIds) {
        await this.replaceAuthorities(tx, input.id, authorityIds);
      }
      const changed = Object.keys(input).filter(
        (key) => key !== 'id' && input[key as keyof typeof input] !== undefined,
      );
      await record({
        verb: ActivityVerb.ORGANISATION_UPDATED,
        visibility: ActivityVisibility.PUBLIC,
        actorPersonId,
        organisationId: input.id,
        payload: { name: input.name ?? current.name, changed },
      });
      return tx.findOneByOrFail(OrganisationEntity, { id: input.id });
    });
  }

  /** Archives (never deletes: networks and positions keep referring to it). Idempotent. */
  async archive(actorPersonId: string | null, id: string): Promise<OrganisationEntity> {
    const organisation = await this.organisations.getById(id);
    if (organisation.status === OrganisationStatus.ARCHIVED) {
      return organisation;
    }
    return this.activity.transaction(async (tx, record) => {
      const archived = await tx
        .createQueryBuilder()
        .update(OrganisationEntity)
        .set({ status: OrganisationStatus.ARCHIVED, archivedAt: () => 'now()', updatedAt: () => 'now()' })
        .where('id = :id AND status = :active', { id, active: OrganisationStatus.ACTIVE })
        .execute();
      if (!archived.affected) {
        record.unchanged(); // archived meanwhile by someone else
      } else {
        await record({
          verb: ActivityVerb.ORGANISATION_ARCHIVED,
          visibility: ActivityVisibility.PUBLIC,
          actorPersonId,
          organisationId: id,
          payload: { name: organisation.name },
        });
      }
      return tx.findOneByOrFail(OrganisationEntity, { id });
    });
  }

  /**
   * A platform admin verifies a CVS's claim, recording who, when and the evidence checked (again
   * with new evidence replaces it; the same evidence again changes nothing).
   */
  verify(actorPersonId: string | null, input: VerifyOrganisationInput): Promise<OrganisationEntity> {
    const target = { entity: OrganisationEntity, id: input.organisationId, name: 'Organisation' };
    return this.activity.transactionOn(target, async ({ tx, row: organisation, record }) => {
      assertVerifiable(organisation, input);
      const evidence = {
        charityNumberChecked: input.charityNumberChecked,
        nationalBodyMember: input.nationalBodyMember,
        note: input.note?.trim() || null,
      };
      const current = await tx.findOneBy(OrganisationVerificationEntity, { organisationId: organisation.id });
      if (
        current &&
        current.charityNumberChecked === evidence.charityNumberChecked &&
        current.nationalBodyMember === evidence.nationalBodyMember &&
        current.note === evidence.note
      ) {
        record.unchanged();
        return organisation;
      }
      await tx.upsert(
        OrganisationVerificationEntity,
        { organisationId: organisation.id, verifiedAt: new Date(), verifiedByPersonId: actorPersonId, ...evidence },
        ['organisationId'],
      );
      await record({
        verb: ActivityVerb.ORGANISATION_VERIFIED,
        visibility: ActivityVisibility.PUBLIC,
        actorPersonId,
        organisationId: organisation.id,
        // the evidence is for admins: the public item says only that it was verified
        payload: { name: organisation.name, again: current !== null },
      });
      return organisation;
    });
  }

  /** Withdraws a CVS's verification (it awaits verification again). Idempotent. */
  withdrawVerification(
    actorPersonId: string | null,
    input: WithdrawOrganisationVerificationInput,
  ): Promise<OrganisationEntity> {
    const target = { entity: OrganisationEntity, id: input.organisationId, name: 'Organisation' };
    return this.activity.transactionOn(target, async ({ tx, row: organisation, record }) => {
      const removed = await tx.delete(OrganisationVerificationEntity, { organisationId: organisation.id });
      if (!removed.affected) {
        record.unchanged();
        return organisation;
      }
      await record({
        verb: ActivityVerb.ORGANISATION_VERIFICATION_WITHDRAWN,
        visibility: ActivityVisibility.PUBLIC,
        actorPersonId,
        organisationId: organisation.id,
        payload: { name: organisation.name },
      });
      return organisation;
    });
  }

  private async resolveAuthorities(codes: readonly string[]): Promise<string[]> {
    const unique = [...new Set(codes)];
    const found = await this.localAuthorities.findByCodes(unique);
    const missing = unique.filter((code) => !found.some((a) => a.code === code));
    if (missing.length > 0) {
      throw DomainError.unknown('input.localAuthorityCodes', `unknown local authority codes: ${missing.join(', ')}`);
    }
    return found.map((a) => a.id);
  }

  private assertSpecialismsExist(codes: readonly string[]): Promise<void> {
    return this.specialisms.assertKnown(codes, 'input.specialisms');
  }

  private async replaceSpecialisms(
    manager: EntityManager,
    organisationId: string,
    codes: readonly string[],
  ): Promise<void> {
    await manager.delete(OrganisationSpecialismEntity, { organisationId });
    if (codes.length > 0) {
      await manager.insert(
        OrganisationSpecialismEntity,
        [...new Set(codes)].map((specialismCode) => ({ organisationId, specialismCode })),
      );
    }
  }

  private async replaceAuthorities(
    manager: EntityManager,
    organisationId: string,
    authorityIds: readonly string[],
  ): Promise<void> {
    await manager.delete(OrganisationLocalAuthorityEntity, { organisationId });
    if (authorityIds.length > 0) {
      await manager.insert(
        OrganisationLocalAuthorityEntity,
        authorityIds.map((localAuthorityId) => ({ organisationId, localAuthorityId })),
      );
    }
  }
}

/** Only a live CVS's claim is verified, and only on evidence: a charity number checked, or membership of the national body. */
function assertVerifiable(organisation: OrganisationEntity, input: VerifyOrganisationInput): void {
  if (organisation.status === OrganisationStatus.ARCHIVED) {
    throw new DomainError(
      ErrorCode.CONFLICT,
      OrganisationRefusal.ORGANISATION_ARCHIVED,
      `${organisation.name} is archived; it can no longer be verified`,
      [{ field: 'input.organisationId', message: 'is archived' }],
    );
  }
  if (organisation.kind !== OrganisationKind.CVS) {
    throw new DomainError(
      ErrorCode.CONFLICT,
      OrganisationRefusal.ONLY_A_CVS_IS_VERIFIED,
      `${organisation.name} is not a CVS: only a CVS's claim to be one is verified`,
      [{ field: 'input.organisationId', message: 'is not a CVS' }],
    );
  }
  if (!input.charityNumberChecked && !input.nationalBodyMember) {
    throw DomainError.badInput(
      OrganisationRefusal.VERIFICATION_NEEDS_EVIDENCE,
      'input.charityNumberChecked',
      'verifying needs evidence: check the charity number, or membership of the national CVS body (nationalBodyMember)',
    );
  }
  if (input.charityNumberChecked && !organisation.charityNumber) {
    throw DomainError.badInput(
      OrganisationRefusal.NO_CHARITY_NUMBER,
      'input.charityNumberChecked',
      `${organisation.name} has no charity number to check: add it to its profile first`,
    );
  }
}

/** A CVS exists to serve local authorities: it must serve at least one. */
function assertServesIfCvs(kind: OrganisationKind, authorityIds: readonly string[]): void {
  if (kind === OrganisationKind.CVS && authorityIds.length === 0) {
    throw DomainError.badInput(
      OrganisationRefusal.CVS_SERVES_NO_AREA,
      'input.localAuthorityCodes',
      'a CVS must serve at least one local authority',
    );
  }
}
