import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { todayIn, UK_TIME_ZONE } from '@app/common';
import { GovernancePeriodEntity } from './governance-period.entity';
import { periodOn } from './governance';

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
}
