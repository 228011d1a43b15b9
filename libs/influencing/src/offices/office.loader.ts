import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupBy, keyedBy, type LoaderFactory } from '@app/common';
import type { PoliceForceAreaEntity } from '@app/geography';
import type { OfficeHolderEntity } from '../office.entities';
import { type GovernancePeriodRow, OfficeService } from './office.service';

export interface OfficeLoaders {
  readonly areaById: DataLoader<string, PoliceForceAreaEntity>;
  readonly periodsByAreaId: DataLoader<string, GovernancePeriodRow[]>;
  readonly holdersByAreaId: DataLoader<string, OfficeHolderEntity[]>;
}

@Injectable()
export class OfficeLoaderFactory implements LoaderFactory<OfficeLoaders> {
  constructor(private readonly offices: OfficeService) {}

  createLoaders(): OfficeLoaders {
    return {
      areaById: new DataLoader(async (ids) => keyedBy(ids, await this.offices.areasByIds(ids), (a) => a.id)),
      periodsByAreaId: new DataLoader(async (ids) =>
        groupBy(ids, await this.offices.periodsOf(ids), (p) => p.policeForceAreaId),
      ),
      holdersByAreaId: new DataLoader(async (ids) =>
        groupBy(ids, await this.offices.holdersOf(ids), (h) => h.policeForceAreaId),
      ),
    };
  }
}
