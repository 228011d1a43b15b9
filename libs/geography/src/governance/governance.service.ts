import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { GovernancePeriodEntity } from './governance-period.entity';

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
}
