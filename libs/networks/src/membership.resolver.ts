import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  type ActorRef,
  CallingActor,
  fieldsAt,
  loaded,
  Loaders,
  type NoArgs,
  type RequestContext,
  RequestLoaders,
} from '@app/common';
import { PoliceForceArea } from '@app/geography';
import { Organisation, OrganisationLoaderFactory, OrganisationService } from '@app/organisations';
import type { NetworkMembershipEntity } from './network.entities';
import { NetworkLoaderFactory } from './network.loader';
import { LocalNetwork, MembershipChange, NetworkMembership } from './network.model';
import { AreaNetworksArgs } from './dto/area-networks.args';
import { MembershipVisibility } from './network-visibility';

@Resolver(() => NetworkMembership)
export class MembershipResolver {
  constructor(
    private readonly networkLoaders: NetworkLoaderFactory,
    private readonly organisationLoaders: OrganisationLoaderFactory,
    private readonly organisations: OrganisationService,
  ) {}

  @ResolveField(() => LocalNetwork)
  network(membership: NetworkMembership, _args: NoArgs, { loaders }: RequestContext): Promise<LocalNetwork> {
    return loaders.of(this.networkLoaders).byId.load(membership.networkId);
  }

  /**
   * Read with the membership where the list asked for it (no promise to wait for), else through the
   * loader; also where the list read only some of its fields and this query asks for another.
   */
  @ResolveField(() => Organisation)
  organisation(
    membership: NetworkMembership & Pick<NetworkMembershipEntity, 'organisation'>,
    _args: NoArgs,
    { loaders }: RequestContext,
    info: GraphQLResolveInfo,
  ): Organisation | Promise<Organisation> {
    const attached = membership.organisation;
    return attached && this.organisations.serves(attached, fieldsAt(info))
      ? attached
      : loaders.of(this.organisationLoaders).byId.load(membership.organisationId);
  }

  @ResolveField(() => [MembershipChange], { description: 'Every status and role it has had, oldest first.' })
  history(membership: NetworkMembership, _args: NoArgs, { loaders }: RequestContext): Promise<MembershipChange[]> {
    return loaders.of(this.networkLoaders).historyByMembershipId.load(membership.id);
  }
}

@Resolver(() => Organisation)
export class OrganisationMembershipsResolver {
  constructor(private readonly networkLoaders: NetworkLoaderFactory) {}

  @ResolveField(() => [NetworkMembership], {
    description: "The organisation's network memberships, newest first, history included; only those you may see.",
  })
  async memberships(
    @Parent() organisation: Organisation,
    @CallingActor() viewer: ActorRef,
    @Loaders() loaders: RequestLoaders,
  ): Promise<NetworkMembership[]> {
    const own = loaders.of(this.networkLoaders);
    const visibility = new MembershipVisibility(viewer, own);
    const memberships = await own.membershipsByOrganisationId.load(organisation.id);
    const networks = new Map(
      loaded(await own.byId.loadMany(memberships.map((m) => m.networkId))).map((n) => [n.id, n]),
    );
    const visible = await Promise.all(
      memberships.map((m) => {
        const network = networks.get(m.networkId);
        return network ? visibility.canSee(m, network) : Promise.resolve(false);
      }),
    );
    return memberships.filter((_, i) => visible[i]);
  }
}

@Resolver(() => PoliceForceArea)
export class AreaNetworksResolver {
  constructor(private readonly networkLoaders: NetworkLoaderFactory) {}

  @ResolveField(() => [LocalNetwork], {
    description: 'Local networks in the area, by name (all statuses unless filtered).',
  })
  async networks(
    @Parent() area: PoliceForceArea,
    @Args() { status }: AreaNetworksArgs,
    @Loaders() loaders: RequestLoaders,
  ): Promise<LocalNetwork[]> {
    const networks = await loaders.of(this.networkLoaders).byAreaId.load(area.id);
    return status ? networks.filter((n) => n.status === status) : networks;
  }
}
