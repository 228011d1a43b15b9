import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GeographyModule } from '@app/geography';
import { OrganisationLoaderFactory } from './organisation/organisation.loader';
import { OrganisationMutationResolver } from './organisation/organisation-mutation.resolver';
import { OrganisationResolver } from './organisation/organisation.resolver';
import { OrganisationFlowsService } from './organisation/organisation-flows.service';
import { OrganisationService } from './organisation/organisation.service';
import { organisationsEntities } from './organisations.entities';
import { SpecialismResolver } from './specialism/specialism.resolver';
import { SpecialismService } from './specialism/specialism.service';

export const organisationsResolvers = [OrganisationResolver, OrganisationMutationResolver, SpecialismResolver];

/** Organisations taking part: CVSs, voluntary organisations, national partners, statutory bodies. */
@Module({
  imports: [TypeOrmModule.forFeature(organisationsEntities), GeographyModule],
  providers: [
    OrganisationService,
    OrganisationFlowsService,
    SpecialismService,
    OrganisationLoaderFactory,
    ...organisationsResolvers,
  ],
  exports: [OrganisationService, OrganisationFlowsService, SpecialismService, OrganisationLoaderFactory],
})
export class OrganisationsModule {}
