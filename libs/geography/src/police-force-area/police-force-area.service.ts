import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError, todayIn, UK_TIME_ZONE } from '@app/common';
import { PlainRows } from '@app/database';
import type { PoliceForceAreaFilter } from './dto/police-force-areas.args';
import { LocalAuthorityEntity } from '../local-authority/local-authority.entity';
import { PoliceForceAreaEntity } from './police-force-area.entity';

const FILTER = `($1::country IS NULL OR t.country = $1) AND ($2::region IS NULL OR t.region = $2)
  AND ($3::governance_type IS NULL OR EXISTS (
    SELECT 1 FROM governance_period g WHERE g.police_force_area_id = t.id AND g.type = $3
       AND (g.since IS NULL OR g.since <= $4::date) AND (g.until IS NULL OR g.until > $4::date)))`;
const filterParameters = (filter: PoliceForceAreaFilter): (string | null)[] => [
  filter.country ?? null,
  filter.region ?? null,
  filter.governanceType ?? null,
  todayIn(UK_TIME_ZONE),
];

@Injectable()
export class PoliceForceAreaService {
  private plainAreas?: PlainRows<PoliceForceAreaEntity>;

  private plainAuthorities?: PlainRows<LocalAuthorityEntity>;
  private authoritiesInJson?: string;

  constructor(
    @InjectRepository(PoliceForceAreaEntity) private readonly areas: Repository<PoliceForceAreaEntity>,
    @InjectRepository(LocalAuthorityEntity) private readonly authorities: Repository<LocalAuthorityEntity>,
  ) {}

  /** As plain rows (one prepared statement whatever the filter): the areas are the head of many reads. */
  list(filter: PoliceForceAreaFilter = {}): Promise<PoliceForceAreaEntity[]> {
    return this.plain().where(FILTER, filterParameters(filter), 't.display_name');
  }

  /**
   * As `list`, each area with its local authorities by name (as `LocalAuthorityService.findByAreaIds`
   * reads them), in the same statement: for a list of areas that shows their authorities.
   */
  async listWithLocalAuthorities(
    filter: PoliceForceAreaFilter = {},
  ): Promise<{ area: PoliceForceAreaEntity; localAuthorities: LocalAuthorityEntity[] }[]> {
    const plain = this.plain();
    const authorities = (this.plainAuthorities ??= new PlainRows(this.authorities));
    this.authoritiesInJson ??= authorities.jsonArray('j.police_force_area_id = t.id', 'j.name');
    const rows = await plain.query<Record<string, unknown>>(
      `SELECT ${plain.selectList('t')}, ${this.authoritiesInJson} AS "localAuthorities?"
         FROM police_force_area t WHERE ${FILTER} ORDER BY t.display_name`,
      filterParameters(filter),
    );
    return rows.map((row) => ({
      area: plain.pick(row),
      localAuthorities: authorities.fromJson(row['localAuthorities?'] as Record<string, unknown>[]),
    }));
  }

  /**
   * The caller's rows (a fixed statement over its own tables), each with the area its
   * `"policeForceAreaId"` names, in one statement (`PlainRows.beside`): a network shown with its area.
   */
  async withPoliceForceAreas(
    rows: string,
    parameters: readonly unknown[],
    orderBy: string,
  ): Promise<{ row: Record<string, unknown>; area: PoliceForceAreaEntity | null }[]> {
    return (await this.plain().beside(rows, parameters, 'policeForceAreaId', orderBy)).map(({ row, entity }) => ({
      row,
      area: entity,
    }));
  }

  private plain(): PlainRows<PoliceForceAreaEntity> {
    return (this.plainAreas ??= new PlainRows(this.areas));
  }

  async getByCode(code: string): Promise<PoliceForceAreaEntity> {
    const area = await this.areas.findOneBy({ code });
    if (!area) {
      throw DomainError.notFound('Police force area', code);
    }
    return area;
  }

  findByIds(ids: readonly string[]): Promise<PoliceForceAreaEntity[]> {
    return this.plain().where('t.id = ANY($1)', [ids]);
  }

  findByCodes(codes: readonly string[]): Promise<PoliceForceAreaEntity[]> {
    return this.areas.createQueryBuilder('area').where('area.code = ANY(:codes)', { codes }).getMany();
  }
}
