import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { GovernanceService, type GovernancePeriodRow, PoliceForceAreaEntity } from '@app/geography';
import { OfficeHolderEntity } from '../office.entities';

export type { GovernancePeriodRow } from '@app/geography';

/** Reading areas, their offices and office-holders, in batches for the loaders. */
@Injectable()
export class OfficeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly governance: GovernanceService,
  ) {}

  areasByIds(ids: readonly string[]): Promise<PoliceForceAreaEntity[]> {
    return this.db
      .getRepository(PoliceForceAreaEntity)
      .createQueryBuilder('area')
      .where('area.id = ANY(:ids)', { ids })
      .getMany();
  }

  /** Each area's governance periods, oldest first (an open start first). */
  periodsOf(areaIds: readonly string[], manager?: EntityManager): Promise<GovernancePeriodRow[]> {
    return this.governance.periodsOf(areaIds, manager);
  }

  holderById(id: string): Promise<OfficeHolderEntity | null> {
    return this.db.getRepository(OfficeHolderEntity).findOneBy({ id });
  }

  /** Each area's office-holders by start of term. */
  holdersOf(areaIds: readonly string[]): Promise<OfficeHolderEntity[]> {
    return this.db
      .getRepository(OfficeHolderEntity)
      .createQueryBuilder('holder')
      .where('holder.police_force_area_id = ANY(:areaIds)', { areaIds })
      .orderBy('holder.term_start')
      .addOrderBy('holder.name')
      .getMany();
  }
}
