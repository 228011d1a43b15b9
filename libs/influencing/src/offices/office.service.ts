import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Certainty, GovernanceType } from '@app/geography';
import { PoliceForceAreaEntity } from '@app/geography';
import { OfficeHolderEntity } from '../office.entities';

/** A row of `governance_period` (geography's table: influencing reads it and plans changes to it). */
export interface GovernancePeriodRow {
  readonly id: string;
  readonly policeForceAreaId: string;
  readonly type: GovernanceType;
  readonly office: string;
  readonly since: string | null;
  readonly until: string | null;
  readonly certainty: Certainty;
  readonly notes: string | null;
}

// Dates as text: node-pg would turn a `date` into a Date at local midnight.
const PERIOD_COLUMNS = `id, police_force_area_id AS "policeForceAreaId", type, office, since::text AS since,
  until::text AS until, certainty, notes`;

/** Reading areas, their offices and office-holders, in batches for the loaders. */
@Injectable()
export class OfficeService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  areasByIds(ids: readonly string[]): Promise<PoliceForceAreaEntity[]> {
    return this.db
      .getRepository(PoliceForceAreaEntity)
      .createQueryBuilder('area')
      .where('area.id = ANY(:ids)', { ids })
      .getMany();
  }

  /** Each area's governance periods, oldest first (an open start first). */
  periodsOf(areaIds: readonly string[], manager: EntityManager = this.db.manager): Promise<GovernancePeriodRow[]> {
    return manager.query(
      `SELECT ${PERIOD_COLUMNS} FROM governance_period WHERE police_force_area_id = ANY($1::uuid[])
        ORDER BY since NULLS FIRST`,
      [areaIds],
    );
  }

  async periodById(manager: EntityManager, id: string): Promise<GovernancePeriodRow> {
    const [row] = await manager.query<GovernancePeriodRow[]>(
      `SELECT ${PERIOD_COLUMNS} FROM governance_period WHERE id = $1`,
      [id],
    );
    if (!row) {
      throw new Error(`No governance period ${id}`);
    }
    return row;
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
