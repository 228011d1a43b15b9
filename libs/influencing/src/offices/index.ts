import type { Type } from '@nestjs/common';
import { ElectionFlowsService } from './election-flows.service';
import { ElectionLoaderFactory } from './election.loader';
import { ElectionMutationResolver } from './election-mutation.resolver';
import { ElectionCandidateResolver, ElectionContestResolver, ElectionRoundResolver } from './election.resolver';
import { ElectionService } from './election.service';
import { OfficeFlowsService } from './office-flows.service';
import { OfficeLoaderFactory } from './office.loader';
import { OfficeMutationResolver } from './office-mutation.resolver';
import { CommissionerOfficeResolver, OfficeHolderResolver } from './office.resolver';
import { OfficeService } from './office.service';
import { PoliceForceAreaOfficesResolver } from './police-force-area-offices.resolver';

export { OfficeHolder, CommissionerOffice } from './office.model';
export { ElectionRound, ElectionContest, ElectionCandidate } from './election.model';
export { OfficeLoaderFactory } from './office.loader';

// Offices, office-holders, planned governance changes and elections: providers and resolvers.
export const officeProviders: Type[] = [
  OfficeService,
  OfficeFlowsService,
  OfficeLoaderFactory,
  ElectionService,
  ElectionFlowsService,
  ElectionLoaderFactory,
];
export const officeResolvers: Type[] = [
  PoliceForceAreaOfficesResolver,
  CommissionerOfficeResolver,
  OfficeHolderResolver,
  OfficeMutationResolver,
  ElectionRoundResolver,
  ElectionContestResolver,
  ElectionCandidateResolver,
  ElectionMutationResolver,
];
