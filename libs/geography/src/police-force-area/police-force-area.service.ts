import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError, todayIn, UK_TIME_ZONE } from '@app/common';
import { PlainRows, type RowBeside } from '@app/database';
import type { PoliceForceAreaFilter } from './dto/police-force-areas.args';
import { PoliceForceAreaEntity } from './police-force-area.entity';

@Injectable()
export class PoliceForceAreaService {
  private plainAreas?: PlainRows<PoliceForceAreaEntity>;

  constructor(@InjectRepository(PoliceForceAreaEntity) private readonly areas: Repository<PoliceForceAreaEntity>) {}

  /** As plain rows (one prepared statement whatever the filter): the areas are the head of many reads. */
  list(filter: PoliceForceAreaFilter = {}): Promise<PoliceForceAreaEntity[]> {
    return this.plain().where(
      `($1::country IS NULL OR t.country = $1) AND ($2::region IS NULL OR t.region = $2)
       AND ($3::governance_type IS NULL OR EXISTS (
         SELECT 1 FROM governance_period g WHERE g.police_force_area_id = t.id AND g.type = $3
            AND (g.since IS NULL OR g.since <= $4::date) AND (g.until IS NULL OR g.until > $4::date)))`,
      [filter.country ?? null, filter.region ?? null, filter.governanceType ?? null, todayIn(UK_TIME_ZONE)],
      't.display_name',
    );
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
