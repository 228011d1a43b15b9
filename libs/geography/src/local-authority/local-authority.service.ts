import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PlainRows, type RowBeside } from '@app/database';
import { DomainError, escapeLike } from '@app/common';
import { CommunitySafetyPartnershipEntity } from '../community-safety-partnership/community-safety-partnership.entity';
import type { LocalAuthorityFilter } from './dto/local-authorities.args';
import { LocalAuthorityEntity } from './local-authority.entity';

export interface PartnershipOfAuthority {
  readonly localAuthorityId: string;
  readonly partnership: Pick<CommunitySafetyPartnershipEntity, 'code' | 'name'>;
}

@Injectable()
export class LocalAuthorityService {
  private plainAuthorities?: PlainRows<LocalAuthorityEntity>;

  constructor(
    @InjectRepository(LocalAuthorityEntity) private readonly authorities: Repository<LocalAuthorityEntity>,
    @InjectRepository(CommunitySafetyPartnershipEntity)
    private readonly partnerships: Repository<CommunitySafetyPartnershipEntity>,
  ) {}

  private plain(): PlainRows<LocalAuthorityEntity> {
    return (this.plainAuthorities ??= new PlainRows(this.authorities));
  }

  list(filter: LocalAuthorityFilter = {}): Promise<LocalAuthorityEntity[]> {
    const query = this.authorities.createQueryBuilder('authority').orderBy('authority.name');
    if (filter.policeForceAreaCode) {
      query
        .innerJoin('authority.policeForceArea', 'area')
        .andWhere('area.code = :areaCode', { areaCode: filter.policeForceAreaCode });
    }
    if (filter.nameContains) {
      query.andWhere(`authority.name ILIKE '%' || :name || '%' ESCAPE '\\'`, {
        name: escapeLike(filter.nameContains),
      });
    }
    return query.getMany();
  }

  async getByCode(code: string): Promise<LocalAuthorityEntity> {
    const authority = await this.authorities.findOneBy({ code });
    if (!authority) {
      throw DomainError.notFound('Local authority', code);
    }
    return authority;
  }

  /**
   * The caller's rows (a fixed statement over its own tables), each with the local authority its
   * `"localAuthorityId"` names, in one statement (`PlainRows.beside`): the authorities an
   * organisation serves, on every organisation listed.
   */
  withLocalAuthorities(
    rows: string,
    parameters: readonly unknown[],
    orderBy: string,
  ): Promise<RowBeside<LocalAuthorityEntity>[]> {
    return this.plain().beside(rows, parameters, 'localAuthorityId', orderBy, 'join'); // a small table of fixed size
  }

  /** As plain rows, as `findByAreaIds`: the authorities an organisation serves, on every organisation listed. */
  findByIds(ids: readonly string[]): Promise<LocalAuthorityEntity[]> {
    return this.plain().where('t.id = ANY($1)', [ids]);
  }

  findByCodes(codes: readonly string[]): Promise<LocalAuthorityEntity[]> {
    return this.authorities.createQueryBuilder('authority').where('authority.code = ANY(:codes)', { codes }).getMany();
  }

  findByAreaIds(areaIds: readonly string[]): Promise<LocalAuthorityEntity[]> {
    return this.plain().where('t.police_force_area_id = ANY($1)', [areaIds], 't.name');
  }

  async findPartnerships(authorityIds: readonly string[]): Promise<PartnershipOfAuthority[]> {
    // Raw rows: one partnership serves several authorities, and entity hydration would merge them.
    const rows = await this.partnerships
      .createQueryBuilder('partnership')
      .innerJoin(
        'local_authority_community_safety_partnership',
        'link',
        'link.community_safety_partnership_id = partnership.id',
      )
      .select('link.local_authority_id', 'localAuthorityId')
      .addSelect('partnership.code', 'code')
      .addSelect('partnership.name', 'name')
      .where('link.local_authority_id = ANY(:authorityIds)', { authorityIds })
      .orderBy('partnership.name')
      .getRawMany<{ localAuthorityId: string; code: string; name: string }>();
    return rows.map(({ localAuthorityId, code, name }) => ({ localAuthorityId, partnership: { code, name } }));
  }
}
