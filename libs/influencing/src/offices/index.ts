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
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const officeProviders: Function[] = [
  OfficeService,
  OfficeFlowsService,
  OfficeLoaderFactory,
  ElectionService,
  ElectionFlowsService,
  ElectionLoaderFactory,
];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const officeResolvers: Function[] = [
  PoliceForceAreaOfficesResolver,
  CommissionerOfficeResolver,
  OfficeHolderResolver,
  OfficeMutationResolver,
  ElectionRoundResolver,
  ElectionContestResolver,
  ElectionCandidateResolver,
  ElectionMutationResolver,
];
