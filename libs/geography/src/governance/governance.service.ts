import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { todayIn, UK_TIME_ZONE } from '@app/common';
import type { Certainty, GovernanceType } from '../geography.enums';
import { GovernancePeriodEntity } from './governance-period.entity';
import { periodOn } from './governance';

/** A governance period with its dates as text (node-pg would turn a `date` into a Date at local midnight). */
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

const PERIOD_COLUMNS = `id, police_force_area_id AS "policeForceAreaId", type, office, since::text AS since,
  until::text AS until, certainty, notes`;

/** The offices that govern each area over time; other contexts read and plan them through here. */
@Injectable()
export class GovernanceService {
  constructor(@InjectRepository(GovernancePeriodEntity) private readonly periods: Repository<GovernancePeriodEntity>) {}

  /** Governance history of each area, oldest first (an open start sorts first). */
  findByAreaIds(areaIds: readonly string[]): Promise<GovernancePeriodEntity[]> {
    return this.periods
      .createQueryBuilder('period')
      .where('period.police_force_area_id = ANY(:areaIds)', { areaIds })
      .orderBy('period.since', 'ASC', 'NULLS FIRST')
      .getMany();
  }

  /** The governance in force today (UK date) in each area that has one, by area id. */
  async currentByAreaIds(areaIds: readonly string[]): Promise<Map<string, GovernancePeriodEntity>> {
    const today = todayIn(UK_TIME_ZONE);
    const byArea = new Map<string, GovernancePeriodEntity[]>();
    for (const period of await this.findByAreaIds(areaIds)) {
      byArea.set(period.policeForceAreaId, [...(byArea.get(period.policeForceAreaId) ?? []), period]);
    }
    const current = new Map<string, GovernancePeriodEntity>();
    for (const [areaId, periods] of byArea) {
      const period = periodOn(periods, today);
      if (period) {
        current.set(areaId, period);
      }
    }
    return current;
  }

  /** Each area's governance periods, oldest first (an open start first), in the caller's transaction if given. */
  periodsOf(areaIds: readonly string[], manager: EntityManager = this.periods.manager): Promise<GovernancePeriodRow[]> {
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

  /**
   * In the caller's transaction (which holds the area): ends the open period at `next.since`
   * and opens `next` from then.
   */
  async succeed(tx: EntityManager, openId: string, next: Omit<GovernancePeriodRow, 'until'>): Promise<void> {
    await tx.query('UPDATE governance_period SET until = $2 WHERE id = $1', [openId, next.since]);
    await tx.query(
      `INSERT INTO governance_period (id, police_force_area_id, type, office, since, until, certainty, notes)
       VALUES ($1, $2, $3, $4, $5, NULL, $6, $7)`,
      [next.id, next.policeForceAreaId, next.type, next.office, next.since, next.certainty, next.notes],
    );
  }
}
