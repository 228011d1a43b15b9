import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError, SqlConditions, todayIn, UK_TIME_ZONE } from '@app/common';
import { PlainRows, type RowBeside } from '@app/database';
import type { PoliceForceAreaFilter } from './dto/police-force-areas.args';
import { PoliceForceAreaEntity } from './police-force-area.entity';

@Injectable()
export class PoliceForceAreaService {
  private plainAreas?: PlainRows<PoliceForceAreaEntity>;

  constructor(@InjectRepository(PoliceForceAreaEntity) private readonly areas: Repository<PoliceForceAreaEntity>) {}

  /**
   * As plain rows: the areas are the head of many reads. A statement per set of filters given (at most
   * eight), each planned once per connection. One for all, `$1 IS NULL OR …` for a filter not given, was
   * planned anew on every read: a plan for the values drops those tests, so the generic plan never looked cheaper.
   */
  list(filter: PoliceForceAreaFilter = {}): Promise<PoliceForceAreaEntity[]> {
    const where = new SqlConditions();
    if (filter.country) {
      where.and((n) => `t.country = ${n}`, filter.country);
    }
    if (filter.region) {
      where.and((n) => `t.region = ${n}`, filter.region);
    }
    if (filter.governanceType) {
      where.and(
        (type, today) => `EXISTS (
           SELECT 1 FROM governance_period g WHERE g.police_force_area_id = t.id AND g.type = ${type}
              AND (g.since IS NULL OR g.since <= ${today}::date) AND (g.until IS NULL OR g.until > ${today}::date))`,
        filter.governanceType,
        todayIn(UK_TIME_ZONE),
      );
    }
    return this.plain().where(where.conditions.join(' AND ') || 'true', where.parameters, 't.display_name');
  }

  /**
   * The caller's rows (a fixed statement over its own tables), each with the area its
   * `"policeForceAreaId"` names, in one statement (`PlainRows.beside`): a network shown with its area.
   */
  withPoliceForceAreas(
    rows: string,
    parameters: readonly unknown[],
    orderBy: string,
  ): Promise<RowBeside<PoliceForceAreaEntity>[]> {
    return this.plain().beside(rows, parameters, 'policeForceAreaId', orderBy, 'join'); // a small table of fixed size
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
