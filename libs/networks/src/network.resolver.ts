import { Args, Info, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  type ActorRef,
  CallingActor,
  type Connection,
  Loaders,
  type NoArgs,
  type RequestContext,
  RequestLoaders,
  fieldsAt,
  selects,
  selectsWithDefaults,
} from '@app/common';
import { PoliceForceArea, PoliceForceAreaLoaderFactory } from '@app/geography';
import { NetworkArgs, NetworksArgs } from './dto/networks.args';
import { MembersArgs } from './dto/members.args';
import { MembershipRole, MembershipStatus } from './network.enums';
import type { LocalNetworkEntity } from './network.entities';
import { NetworkLoaderFactory } from './network.loader';
import { LocalNetwork, LocalNetworkConnection, NetworkMembership, NetworkStatusChange } from './network.model';
import { NetworkService } from './network.service';
import { MembershipVisibility } from './network-visibility';

const ACTIVE = [MembershipStatus.ACTIVE];
/** No field of the memberships themselves: ids, role and status are enough. */
const NONE: ReadonlySet<string> = new Set();
/** The fields listing a network's memberships. */
const MEMBERSHIP_LISTS = ['members', 'convenors'] as const;

@Resolver(() => LocalNetwork)
export class NetworkResolver {
  constructor(
    private readonly service: NetworkService,
    private readonly networkLoaders: NetworkLoaderFactory,
    private readonly areaLoaders: PoliceForceAreaLoaderFactory,
  ) {}

  @Query(() => LocalNetworkConnection, {
    description: 'Local networks by name, a page at a time; optionally filtered.',
  })
  networks(@Args() { filter, first, after }: NetworksArgs): Promise<Connection<LocalNetwork>> {
    return this.service.list(filter, { first, after });
  }

  @Query(() => LocalNetwork, { description: 'One local network by id; NOT_FOUND if there is none.' })
  network(
    @Args() { id }: NetworkArgs,
    @Loaders() loaders: RequestLoaders,
    @Info() info: GraphQLResolveInfo,
  ): Promise<LocalNetwork> {
    const withArea = selects(info, 'policeForceArea');
    const lists = MEMBERSHIP_LISTS.filter((field) =>
      field === 'members' ? selectsWithDefaults(info, [field], ['statuses']) : selects(info, field),
    );
    if (lists.length === 0 && !selects(info, 'memberCount')) {
      return withArea ? this.service.getByIdWithArea(id) : this.service.getById(id);
    }
    // Its members (where asked for the default statuses), convenors and count read its active
    // memberships: read with it, in one statement, for the loader they read through. Each field
    // still decides what it shows (members: null where you may not see them).
    const only = this.service.widestMembershipColumns(
      lists.map((field) => this.service.membershipColumns(fieldsAt(info, field))),
    );
    const showingOrganisations = lists.filter((field) => selects(info, field, 'organisation'));
    return loaders.of(this.networkLoaders).networkWithMemberships(id, {
      withArea,
      statuses: ACTIVE,
      only,
      organisations:
        showingOrganisations.length > 0
          ? { fields: new Set(showingOrganisations.flatMap((field) => [...fieldsAt(info, field, 'organisation')])) }
          : undefined,
    });
  }

  @ResolveField(() => PoliceForceArea)
  policeForceArea(
    network: LocalNetwork & Pick<LocalNetworkEntity, 'policeForceArea'>,
    _args: NoArgs,
    { loaders }: RequestContext,
  ): PoliceForceArea | Promise<PoliceForceArea> {
    return network.policeForceArea ?? loaders.of(this.areaLoaders).byId.load(network.policeForceAreaId);
  }

  @ResolveField(() => [NetworkMembership], { description: 'The organisations actively convening it (always public).' })
  async convenors(
    network: LocalNetwork,
    _args: NoArgs,
    { loaders }: RequestContext,
    info: GraphQLResolveInfo,
  ): Promise<NetworkMembership[]> {
    const own = loaders.of(this.networkLoaders);
    if (selects(info, 'organisation')) {
      own.withOrganisations(fieldsAt(info, 'organisation'));
    }
    const memberships = await own.membershipsOf(network.id, { statuses: ACTIVE, fields: fieldsAt(info) });
    return memberships.filter((m) => m.status === MembershipStatus.ACTIVE && m.role === MembershipRole.CONVENOR);
  }

  @ResolveField(() => [NetworkMembership], {
    nullable: true,
    description:
      'Memberships in the given statuses (default: active), convenors first. Null when you may not see them: ' +
      'active members are public where `membersPublic` is; pending and past ones only inside the network.',
  })
  async members(
    @Parent() network: LocalNetwork,
    @Args() { statuses }: MembersArgs,
    @CallingActor() viewer: ActorRef,
    @Loaders() loaders: RequestLoaders,
    @Info() info: GraphQLResolveInfo,
  ): Promise<NetworkMembership[] | null> {
    const own = loaders.of(this.networkLoaders);
    if (selects(info, 'organisation')) {
      own.withOrganisations(fieldsAt(info, 'organisation'));
    }
    const onlyActive = statuses.every((s) => s === MembershipStatus.ACTIVE);
    if (!(onlyActive && network.membersPublic) && !(await new MembershipVisibility(viewer, own).isInside(network.id))) {
      return null;
    }
    return (await own.membershipsOf(network.id, { statuses, fields: fieldsAt(info) })).filter((m) =>
      statuses.includes(m.status),
    );
  }

  @ResolveField(() => Int, { description: 'How many organisations are active in it, in any role (always public).' })
  async memberCount(network: LocalNetwork, _args: NoArgs, { loaders }: RequestContext): Promise<number> {
    const memberships = await loaders
      .of(this.networkLoaders)
      .membershipsOf(network.id, { statuses: ACTIVE, fields: NONE });
    return memberships.filter((m) => m.status === MembershipStatus.ACTIVE).length;
  }

  @ResolveField(() => [NetworkStatusChange], { description: 'Every status it has had, oldest first.' })
  statusHistory(network: LocalNetwork, _args: NoArgs, { loaders }: RequestContext): Promise<NetworkStatusChange[]> {
    return loaders.of(this.networkLoaders).statusHistoryByNetworkId.load(network.id);
  }
}
