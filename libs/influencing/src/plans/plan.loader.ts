import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupBy, type LoaderFactory } from '@app/common';
import type { JusticeDataLabResultEntity, PlanPriorityEntity, PoliceCrimePlanEntity } from '../plan.entities';
import type { PlanPriority } from './plan.model';
import { PlanService } from './plan.service';

export interface PlanLoaders {
  readonly plansByAreaId: DataLoader<string, PoliceCrimePlanEntity[]>;
  readonly prioritiesByPlanId: DataLoader<string, PlanPriorityEntity[]>;
  readonly prioritiesByPositionId: DataLoader<string, PlanPriority[]>;
  readonly resultsByOrganisationId: DataLoader<string, JusticeDataLabResultEntity[]>;
  readonly evidenceByPositionId: DataLoader<string, JusticeDataLabResultEntity[]>;
}

@Injectable()
export class PlanLoaderFactory implements LoaderFactory<PlanLoaders> {
  constructor(private readonly plans: PlanService) {}

  createLoaders(): PlanLoaders {
    const p = this.plans;
    return {
      plansByAreaId: new DataLoader(async (ids) => groupBy(ids, await p.plansOfAreas(ids), (x) => x.policeForceAreaId)),
      prioritiesByPlanId: new DataLoader(async (ids) => groupBy(ids, await p.prioritiesOf(ids), (x) => x.planId)),
      prioritiesByPositionId: new DataLoader(async (ids) =>
        groupBy(ids, await p.prioritiesOfPositions(ids), (x) => x.positionId),
      ),
      resultsByOrganisationId: new DataLoader(async (ids) =>
        groupBy(ids, await p.resultsOfOrganisations(ids), (x) => x.organisationId),
      ),
      evidenceByPositionId: new DataLoader(async (ids) =>
        groupBy(ids, await p.evidenceOfPositions(ids), (x) => x.positionId),
      ),
    };
  }
}
