import { Module, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DraftingModule } from '@app/drafting';
import { EventsModule } from '@app/events';
import { GeographyModule } from '@app/geography';
import { NetworksModule } from '@app/networks';
import { OrganisationsModule } from '@app/organisations';
import { influencingEntities } from './influencing.entities';
import { InfluencingPolicyFacts } from './influencing-policy-facts';
import { officeProviders, officeResolvers } from './offices';
import { EngagementService, engagementProviders, engagementResolvers } from './engagement';
import { planProviders, planResolvers } from './plans';

export const influencingResolvers: Type[] = [...officeResolvers, ...engagementResolvers, ...planResolvers];

/** Influencing: offices and elections, police and crime plans, engagements and commitments, evidence. */
@Module({
  imports: [
    TypeOrmModule.forFeature(influencingEntities),
    GeographyModule,
    NetworksModule,
    OrganisationsModule,
    DraftingModule,
    EventsModule,
  ],
  providers: [
    InfluencingPolicyFacts,
    ...officeProviders,
    ...engagementProviders,
    ...planProviders,
    ...influencingResolvers,
  ],
  exports: [EngagementService],
})
export class InfluencingModule {}
