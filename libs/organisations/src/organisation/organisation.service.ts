import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PlainRows, type RowBeside, type TextLookup } from '@app/database';
import { type LocalAuthorityEntity, LocalAuthorityService } from '@app/geography';
import {
  type Connection,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  hasUuid,
  DomainError,
  escapeLike,
  pageLimit,
  toConnection,
  SqlConditions,
} from '@app/common';
import type { OrganisationFilter } from './dto/organisations.args';
import { SpecialismService } from '../specialism/specialism.service';
import { OrganisationLocalAuthorityEntity, OrganisationSpecialismEntity } from './organisation-links.entity';
import { OrganisationEntity } from './organisation.entity';
import { OrganisationVerificationEntity } from './organisation-verification.entity';
import { OrganisationStatus } from './organisation.enums';

export interface OrganisationPage {
  readonly first?: number;
  readonly after?: string;
}

/** Organisations as readers find them: pages, filters, links (writes: `OrganisationFlowsService`). */
@Injectable()
export class OrganisationService {
  private plainOrganisations?: PlainRows<OrganisationEntity>;
  private plainAreaLinks?: PlainRows<OrganisationLocalAuthorityEntity>;

  constructor(
    @InjectRepository(OrganisationEntity) private readonly organisations: Repository<OrganisationEntity>,
    @InjectRepository(OrganisationSpecialismEntity)
    private readonly specialismLinks: Repository<OrganisationSpecialismEntity>,
    @InjectRepository(OrganisationLocalAuthorityEntity)
    private readonly areaLinks: Repository<OrganisationLocalAuthorityEntity>,
    @InjectRepository(OrganisationVerificationEntity)
    private readonly verifications: Repository<OrganisationVerificationEntity>,
    private readonly localAuthorities: LocalAuthorityService,
    private readonly specialisms: SpecialismService,
  ) {}

  /**
   * A page in name order (keyset pagination: stable under inserts, cheap at any depth), as plain
   * rows, with the count of the whole filtered list read in the same statement.
   */
  async list(filter: OrganisationFilter = {}, page: OrganisationPage = {}): Promise<Connection<OrganisationEntity>> {
    const limit = page.first ?? DEFAULT_PAGE_SIZE;
    const { conditions, parameters } = await this.conditionsOf(filter);
    const plain = this.plainRows();
    // Plain SQL, a named statement with the limit written in (pageLimit): PostgreSQL plans it once per
    // connection (an unnamed one, or the limit a parameter, was planned on every page), and no TypeORM query is built.
    const count = `(SELECT count(*)::int FROM organisation t WHERE ${conditions.join(' AND ')})`;
    const rows = [...conditions];
    const values = [...parameters];
    if (page.after) {
      const { key, id } = decodeCursor(page.after, 'after', hasUuid);
      values.push(key, id);
      rows.push(`(t.name, t.id) > ($${values.length - 1}, $${values.length}::uuid)`);
    }
    const found = await plain.query<Record<string, unknown>>(
      `SELECT ${plain.selectList('t')}, ${count} AS "totalCount" FROM organisation t WHERE ${rows.join(' AND ')}
        ORDER BY t.name, t.id ${pageLimit(limit)}`,
      values,
    );
    // A page past the end has no row to carry the count.
    const totalCount = found[0]
      ? (found[0].totalCount as number)
      : (await plain.query<{ count: number }>(`SELECT ${count} AS count`, parameters))[0].count;
    return toConnection(
      found.slice(0, limit + 1).map((row) => plain.pick(row)),
      limit,
      totalCount,
      (o) => ({ key: o.name, id: o.id }),
    );
  }

  async getById(id: string): Promise<OrganisationEntity> {
    const organisation = await this.organisations.findOneBy({ id });
    if (!organisation) {
      throw DomainError.notFound('Organisation', id);
    }
    return organisation;
  }

  /** As plain rows: the hot read behind every `organisation` field (a network's members, coverage's convenors). */
  findByIds(ids: readonly string[]): Promise<OrganisationEntity[]> {
    return this.plainRows().where('t.id = ANY($1)', [ids]);
  }

  /**
   * The caller's rows (a fixed statement over its own tables), each with the organisation its
   * `"organisationId"` names, in one statement (`PlainRows.beside`): for a list whose items each
   * show their organisation (a network's members).
   */
  withOrganisations(
    rows: string,
    parameters: readonly unknown[],
    orderBy: string,
    /** The fields a query asks of them: only their columns are read where all are columns (see `serves`). */
    fields?: ReadonlySet<string>,
  ): Promise<RowBeside<OrganisationEntity>[]> {
    const plain = this.plainRows();
    return plain.beside(rows, parameters, 'organisationId', orderBy, 'lookup', fields && plain.columnsAmong(fields));
  }

  /**
   * For the caller's statement whose nested rows each show an organisation (a network's members as
   * one value): the organisation its `key` (an expression of it) names, as text elements of the
   * nested rows (`PlainRows.textLookup`), with the function reading it.
   */
  organisationsAsText(key: string, alias: string, fields?: ReadonlySet<string>): TextLookup<OrganisationEntity> {
    const plain = this.plainRows();
    return plain.textLookup(key, alias, fields && plain.columnsAmong(fields));
  }

  /** Whether an organisation read by `withOrganisations(…, fields)` or `organisationsAsText` serves a query asking for these fields. */
  serves(organisation: OrganisationEntity, fields: ReadonlySet<string>): boolean {
    return this.plainRows().has(organisation, fields);
  }

  /** The local authorities each organisation serves (in one statement with geography's rows), unordered. */
  async localAuthoritiesOf(
    organisationIds: readonly string[],
  ): Promise<{ organisationId: string; localAuthority: LocalAuthorityEntity }[]> {
    const rows = await this.localAuthorities.withLocalAuthorities(
      `SELECT t.organisation_id AS "organisationId", t.local_authority_id AS "localAuthorityId"
         FROM organisation_local_authority t WHERE t.organisation_id = ANY($1)`,
      [organisationIds],
      'r."organisationId"',
    );
    return rows.flatMap(({ row, entity }) =>
      entity ? [{ organisationId: row.organisationId as string, localAuthority: entity }] : [],
    );
  }

  findSpecialismLinks(organisationIds: readonly string[]): Promise<OrganisationSpecialismEntity[]> {
    return this.specialismLinks
      .createQueryBuilder('link')
      .where('link.organisation_id = ANY(:organisationIds)', { organisationIds })
      .orderBy('link.specialism_code')
      .getMany();
  }

  /** As plain rows: read for every organisation of a page that shows the authorities it serves. */
  findLocalAuthorityLinks(organisationIds: readonly string[]): Promise<OrganisationLocalAuthorityEntity[]> {
    this.plainAreaLinks ??= new PlainRows(this.areaLinks);
    return this.plainAreaLinks.where('t.organisation_id = ANY($1)', [organisationIds]);
  }

  /** Platform admins' verifications of the given organisations (none for those awaiting verification). */
  findVerifications(organisationIds: readonly string[]): Promise<OrganisationVerificationEntity[]> {
    return this.verifications
      .createQueryBuilder('verification')
      .where('verification.organisation_id = ANY(:organisationIds)', { organisationIds })
      .getMany();
  }

  async isVerified(organisationId: string): Promise<boolean> {
    return (await this.findVerifications([organisationId])).length > 0;
  }

  private async authorityIdsFor(filter: OrganisationFilter): Promise<string[]> {
    const authorities = filter.servesPoliceForceAreaCode
      ? await this.localAuthorities.list({ policeForceAreaCode: filter.servesPoliceForceAreaCode })
      : await this.localAuthorities.findByCodes([filter.servesLocalAuthorityCode ?? '']);
    return authorities
      .filter((a) => !filter.servesLocalAuthorityCode || a.code === filter.servesLocalAuthorityCode)
      .map((a) => a.id);
  }

  private plainRows(): PlainRows<OrganisationEntity> {
    return (this.plainOrganisations ??= new PlainRows(this.organisations));
  }

  /** The conditions (on `t`) for the organisations the filter asks for. */
  private async conditionsOf(filter: OrganisationFilter): Promise<SqlConditions> {
    const where = new SqlConditions().and((n) => `t.status = ${n}`, filter.status ?? OrganisationStatus.ACTIVE);
    if (filter.kind) {
      where.and((n) => `t.kind = ${n}`, filter.kind);
    }
    if (filter.nameContains) {
      where.and((n) => `t.name ILIKE '%' || ${n} || '%' ESCAPE '\\'`, escapeLike(filter.nameContains));
    }
    if (filter.specialism) {
      await this.specialisms.assertKnown([filter.specialism], 'filter.specialism');
      where.and(
        (n) =>
          `EXISTS (SELECT 1 FROM organisation_specialism s WHERE s.organisation_id = t.id AND s.specialism_code = ${n})`,
        filter.specialism,
      );
    }
    if (filter.servesLocalAuthorityCode || filter.servesPoliceForceAreaCode) {
      // Codes become ids through geography's service: contexts do not read each other's tables.
      const authorityIds = await this.authorityIdsFor(filter);
      where.and(
        (n) =>
          `EXISTS (SELECT 1 FROM organisation_local_authority l WHERE l.organisation_id = t.id AND l.local_authority_id = ANY(${n}::uuid[]))`,
        authorityIds,
      );
    }
    return where;
  }
}
