import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError, todayIn, UK_TIME_ZONE } from '@app/common';
import type { PoliceForceAreaFilter } from './dto/police-force-areas.args';
import { PoliceForceAreaEntity } from './police-force-area.entity';

@Injectable()
export class PoliceForceAreaService {
  constructor(@InjectRepository(PoliceForceAreaEntity) private readonly areas: Repository<PoliceForceAreaEntity>) {}

  list(filter: PoliceForceAreaFilter = {}): Promise<PoliceForceAreaEntity[]> {
    const query = this.areas.createQueryBuilder('area').orderBy('area.display_name');
    if (filter.country) {
      query.andWhere('area.country = :country', { country: filter.country });
    }
    if (filter.region) {
      query.andWhere('area.region = :region', { region: filter.region });
    }
    if (filter.governanceType) {
      query.andWhere(
        `EXISTS (SELECT 1 FROM governance_period g WHERE g.police_force_area_id = area.id AND g.type = :type
           AND (g.since IS NULL OR g.since <= :today) AND (g.until IS NULL OR g.until > :today))`,
        { type: filter.governanceType, today: todayIn(UK_TIME_ZONE) },
      );
    }
    return query.getMany();
  }

  async getByCode(code: string): Promise<PoliceForceAreaEntity> {
    const area = await this.areas.findOneBy({ code });
    if (!area) {
      throw DomainError.notFound('Police force area', code);
    }
    return area;
  }

  findByIds(ids: readonly string[]): Promise<PoliceForceAreaEntity[]> {
    return this.areas.createQueryBuilder('area').where('area.id = ANY(:ids)', { ids }).getMany();
  }

  findByCodes(codes: readonly string[]): Promise<PoliceForceAreaEntity[]> {
    return this.areas.createQueryBuilder('area').where('area.code = ANY(:codes)', { codes }).getMany();
  }
}
