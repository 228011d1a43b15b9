import type { Type } from '@nestjs/common';
import { PlanFlowsService } from './plan-flows.service';
import { PlanLoaderFactory } from './plan.loader';
import {
  AreaPlansResolver,
  JusticeDataLabResultResolver,
  OrganisationEvidenceResolver,
  PlanMutationResolver,
  PoliceCrimePlanResolver,
  PositionInfluenceResolver,
} from './plan.resolver';
import { PlanService } from './plan.service';

export const planProviders: Type[] = [PlanService, PlanFlowsService, PlanLoaderFactory];
export const planResolvers: Type[] = [
  PoliceCrimePlanResolver,
  AreaPlansResolver,
  PositionInfluenceResolver,
  OrganisationEvidenceResolver,
  JusticeDataLabResultResolver,
  PlanMutationResolver,
];
