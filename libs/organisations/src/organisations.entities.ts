import {
  OrganisationLocalAuthorityEntity,
  OrganisationSpecialismEntity,
} from './organisation/organisation-links.entity';
import { OrganisationEntity } from './organisation/organisation.entity';
import { OrganisationVerificationEntity } from './organisation/organisation-verification.entity';
import { SpecialismEntity } from './specialism/specialism.entity';

export const organisationsEntities = [
  OrganisationEntity,
  SpecialismEntity,
  OrganisationSpecialismEntity,
  OrganisationLocalAuthorityEntity,
  OrganisationVerificationEntity,
];
