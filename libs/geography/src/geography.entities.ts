import { CommunitySafetyPartnershipEntity } from './community-safety-partnership/community-safety-partnership.entity';
import { GovernancePeriodEntity } from './governance/governance-period.entity';
import { LocalAuthorityEntity } from './local-authority/local-authority.entity';
import { PoliceForceAreaEntity } from './police-force-area/police-force-area.entity';

export const geographyEntities = [
  PoliceForceAreaEntity,
  GovernancePeriodEntity,
  LocalAuthorityEntity,
  CommunitySafetyPartnershipEntity,
];
