import { Global, Module, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GeographyModule } from '@app/geography';
import { NetworksModule } from '@app/networks';
import { OrganisationsModule } from '@app/organisations';
import { influencingEntities } from './influencing.entities';
import { InfluencingPolicyFacts } from './influencing-policy-facts';
import { officeProviders, officeResolvers } from './offices';
import { engagementProviders, engagementResolvers } from './engagement';
import { planProviders, planResolvers } from './plans';

export const influencingResolvers: Type[] = [...officeResolvers, ...engagementResolvers, ...planResolvers];

/** Influencing: offices and elections, police and crime plans, engagements and commitments, evidence. */
@Global() // the operation policy (in the API module) looks up engagements' networks
@Module({
  imports: [TypeOrmModule.forFeature(influencingEntities), GeographyModule, NetworksModule, OrganisationsModule],
  providers: [
    InfluencingPolicyFacts,
    ...officeProviders,
    ...engagementProviders,
    ...planProviders,
    ...influencingResolvers,
  ],
  exports: [InfluencingPolicyFacts],
})
export class InfluencingModule {}
