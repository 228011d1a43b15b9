import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { geographyEntities } from './geography.entities';
import { GovernanceService } from './governance/governance.service';
import { LocalAuthorityLoaderFactory } from './local-authority/local-authority.loader';
import { LocalAuthorityResolver } from './local-authority/local-authority.resolver';
import { LocalAuthorityService } from './local-authority/local-authority.service';
import { PoliceForceAreaLoaderFactory } from './police-force-area/police-force-area.loader';
import { PoliceForceAreaResolver } from './police-force-area/police-force-area.resolver';
import { PoliceForceAreaService } from './police-force-area/police-force-area.service';

export const geographyResolvers = [PoliceForceAreaResolver, LocalAuthorityResolver];

/** Reference geography: police force areas, their governance, local authorities, CSPs. */
@Module({
  imports: [TypeOrmModule.forFeature(geographyEntities)],
  providers: [
    PoliceForceAreaService,
    GovernanceService,
    LocalAuthorityService,
    PoliceForceAreaLoaderFactory,
    LocalAuthorityLoaderFactory,
    ...geographyResolvers,
  ],
  exports: [
    PoliceForceAreaService,
    GovernanceService,
    LocalAuthorityService,
    PoliceForceAreaLoaderFactory,
    LocalAuthorityLoaderFactory,
  ],
})
export class GeographyModule {}
