import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository, type SelectQueryBuilder } from 'typeorm';
import { ActivityRecorder, ActivityVerb, ActivityVisibility } from '@app/activity';
import { LocalAuthorityService } from '@app/geography';
import {
  type Connection,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  hasUuid,
  DomainError,
  ErrorCode,
  escapeLike,
  toConnection,
} from '@app/common';
import { SpecialismService } from '../specialism/specialism.service';
import type { CreateOrganisationInput, UpdateOrganisationInput } from './dto/organisation-mutations.input';
import type { OrganisationFilter } from './dto/organisations.args';
import { OrganisationLocalAuthorityEntity, OrganisationSpecialismEntity } from './organisation-links.entity';
import { OrganisationEntity } from './organisation.entity';
import { OrganisationKind, OrganisationStatus } from './organisation.enums';

export interface OrganisationPage {
  readonly first?: number;
  readonly after?: string;
}

@Injectable()
export class OrganisationService {
  constructor(
    @InjectRepository(OrganisationEntity) private readonly organisations: Repository<OrganisationEntity>,
    @InjectRepository(OrganisationSpecialismEntity)
    private readonly specialismLinks: Repository<OrganisationSpecialismEntity>,
    @InjectRepository(OrganisationLocalAuthorityEntity)
    private readonly areaLinks: Repository<OrganisationLocalAuthorityEntity>,
    private readonly localAuthorities: LocalAuthorityService,
    private readonly specialisms: SpecialismService,
    private readonly activity: ActivityRecorder,
  ) {}

  /** A page in name order (keyset pagination: stable under inserts, cheap at any depth). */
  async list(filter: OrganisationFilter = {}, page: OrganisationPage = {}): Promise<Connection<OrganisationEntity>> {
    const limit = page.first ?? DEFAULT_PAGE_SIZE;
    const query = await this.filtered(filter);
    const totalCount = await query.clone().getCount();
    if (page.after) {
      const { key, id } = decodeCursor(page.after, 'after', hasUuid);
      query.andWhere('(organisation.name, organisation.id) > (:key, :id)', { key, id });
    }
    const rows = await query
      .orderBy('organisation.name', 'ASC')
      .addOrderBy('organisation.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toConnection(rows, limit, totalCount, (o) => ({ key: o.name, id: o.id }));
  }

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
    return this.activity.transaction(async (tx, record) => {
      const current = await tx
        .getRepository(OrganisationEntity)
        .createQueryBuilder('o')
        .setLock('pessimistic_write')
        .where('o.id = :id', { id: input.id })
        .getOne();
      if (!current) {
        throw DomainError.notFound('Organisation', input.id);
      }
      if (current.status === OrganisationStatus.ARCHIVED) {
        throw new DomainError(ErrorCode.CONFLICT, 'The organisation is archived; it can no longer be changed');
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
    const organisation = await this.getById(id);
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

  async getById(id: string): Promise<OrganisationEntity> {
    const organisation = await this.organisations.findOneBy({ id });
    if (!organisation) {
      throw DomainError.notFound('Organisation', id);
    }
    return organisation;
  }

  findByIds(ids: readonly string[]): Promise<OrganisationEntity[]> {
    return this.organisations
      .createQueryBuilder('organisation')
      .where('organisation.id = ANY(:ids)', { ids })
      .getMany();
  }

  findSpecialismLinks(organisationIds: readonly string[]): Promise<OrganisationSpecialismEntity[]> {
    return this.specialismLinks
      .createQueryBuilder('link')
      .where('link.organisation_id = ANY(:organisationIds)', { organisationIds })
      .orderBy('link.specialism_code')
      .getMany();
  }

  findLocalAuthorityLinks(organisationIds: readonly string[]): Promise<OrganisationLocalAuthorityEntity[]> {
    return this.areaLinks
      .createQueryBuilder('link')
      .where('link.organisation_id = ANY(:organisationIds)', { organisationIds })
      .getMany();
  }

  private async resolveAuthorities(codes: readonly string[]): Promise<string[]> {
    const unique = [...new Set(codes)];
    const found = await this.localAuthorities.findByCodes(unique);
    const missing = unique.filter((code) => !found.some((a) => a.code === code));
    if (missing.length > 0) {
      throw DomainError.badInput('input.localAuthorityCodes', `unknown local authority codes: ${missing.join(', ')}`);
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

  private async authorityIdsFor(filter: OrganisationFilter): Promise<string[]> {
    const authorities = filter.servesPoliceForceAreaCode
      ? await this.localAuthorities.list({ policeForceAreaCode: filter.servesPoliceForceAreaCode })
      : await this.localAuthorities.findByCodes([filter.servesLocalAuthorityCode ?? '']);
    return authorities
      .filter((a) => !filter.servesLocalAuthorityCode || a.code === filter.servesLocalAuthorityCode)
      .map((a) => a.id);
  }

  private async filtered(filter: OrganisationFilter): Promise<SelectQueryBuilder<OrganisationEntity>> {
    const query = this.organisations
      .createQueryBuilder('organisation')
      .where('organisation.status = :status', { status: filter.status ?? OrganisationStatus.ACTIVE });
    if (filter.kind) {
      query.andWhere('organisation.kind = :kind', { kind: filter.kind });
    }
    if (filter.nameContains) {
      query.andWhere(`organisation.name ILIKE '%' || :name || '%' ESCAPE '\\'`, {
        name: escapeLike(filter.nameContains),
      });
    }
    if (filter.specialism) {
      await this.specialisms.assertKnown([filter.specialism], 'filter.specialism');
      query.andWhere(
        `EXISTS (SELECT 1 FROM organisation_specialism s
           WHERE s.organisation_id = organisation.id AND s.specialism_code = :specialism)`,
        { specialism: filter.specialism },
      );
    }
    if (filter.servesLocalAuthorityCode || filter.servesPoliceForceAreaCode) {
      // Codes become ids through geography's service: contexts do not read each other's tables.
      const authorityIds = await this.authorityIdsFor(filter);
      query.andWhere(
        `EXISTS (SELECT 1 FROM organisation_local_authority l
           WHERE l.organisation_id = organisation.id AND l.local_authority_id = ANY(:authorityIds))`,
        { authorityIds },
      );
    }
    return query;
  }
}

/** A CVS exists to serve local authorities: it must serve at least one. */
function assertServesIfCvs(kind: OrganisationKind, authorityIds: readonly string[]): void {
  if (kind === OrganisationKind.CVS && authorityIds.length === 0) {
    throw DomainError.badInput('input.localAuthorityCodes', 'a CVS must serve at least one local authority');
  }
}
