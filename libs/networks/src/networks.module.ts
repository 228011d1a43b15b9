import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GeographyModule } from '@app/geography';
import { OrganisationsModule } from '@app/organisations';
import { AreaNetworksResolver, MembershipResolver, OrganisationMembershipsResolver } from './membership.resolver';
import {
  LocalNetworkEntity,
  NetworkMembershipChangeEntity,
  NetworkMembershipEntity,
  NetworkStatusChangeEntity,
} from './network.entities';
import { MembershipFlowsService } from './membership-flows.service';
import { MembershipReactions } from './membership-reactions';
import { NetworkFlowsService } from './network-flows.service';
import { NetworkLock } from './network-lock';
import { NetworkLoaderFactory } from './network.loader';
import { NetworkMutationResolver } from './network-mutation.resolver';
import { NetworkResolver } from './network.resolver';
import { NetworkService } from './network.service';
import { MembersExportService } from './export/members-export.service';

export const networksEntities = [
  LocalNetworkEntity,
  NetworkMembershipEntity,
  NetworkMembershipChangeEntity,
  NetworkStatusChangeEntity,
];
export const networksResolvers = [
  NetworkResolver,
  NetworkMutationResolver,
  MembershipResolver,
  OrganisationMembershipsResolver,
  AreaNetworksResolver,
];

/** Local networks convened by CVSs, and their memberships. */
@Module({
  imports: [TypeOrmModule.forFeature(networksEntities), GeographyModule, OrganisationsModule],
  providers: [
    NetworkService,
    NetworkLock,
    NetworkFlowsService,
    MembershipFlowsService,
    MembershipReactions,
    NetworkLoaderFactory,
    MembersExportService,
    ...networksResolvers,
  ],
  exports: [NetworkService, NetworkLoaderFactory, MembersExportService, MembershipReactions],
})
export class NetworksModule {}
