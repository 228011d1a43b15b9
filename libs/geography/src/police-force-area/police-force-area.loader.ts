import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupBy, keyedBy, type LoaderFactory } from '@app/common';
import type { GovernancePeriodEntity } from '../governance/governance-period.entity';
import { GovernanceService } from '../governance/governance.service';
import type { PoliceForceAreaEntity } from './police-force-area.entity';
import { PoliceForceAreaService } from './police-force-area.service';

export interface PoliceForceAreaLoaders {
  readonly byId: DataLoader<string, PoliceForceAreaEntity>;
  readonly governanceByAreaId: DataLoader<string, GovernancePeriodEntity[]>;
}

@Injectable()
export class PoliceForceAreaLoaderFactory implements LoaderFactory<PoliceForceAreaLoaders> {
  constructor(
    private readonly areas: PoliceForceAreaService,
    private readonly governance: GovernanceService,
  ) {}

  createLoaders(): PoliceForceAreaLoaders {
    return {
      byId: new DataLoader(async (ids) => keyedBy(ids, await this.areas.findByIds(ids), (a) => a.id)),
      governanceByAreaId: new DataLoader(async (ids) =>
        groupBy(ids, await this.governance.findByAreaIds(ids), (p) => p.policeForceAreaId),
      ),
    };
  }
}
