import type { Type } from '@nestjs/common';
import { EngagementFlowsService } from './engagement-flows.service';
import { EngagementLoaderFactory } from './engagement.loader';
import { EngagementMutationResolver } from './engagement-mutation.resolver';
import { AreaCommitmentsResolver, CommitmentResolver, EngagementResolver } from './engagement.resolver';
import { EngagementService } from './engagement.service';

export { EngagementService } from './engagement.service';

export const engagementProviders: Type[] = [EngagementService, EngagementFlowsService, EngagementLoaderFactory];
export const engagementResolvers: Type[] = [
  EngagementResolver,
  CommitmentResolver,
  AreaCommitmentsResolver,
  EngagementMutationResolver,
];
