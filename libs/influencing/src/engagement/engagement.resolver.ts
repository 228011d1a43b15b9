import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  type ActorRef,
  CallingActor,
  Loaders,
  type NoArgs,
  type RequestContext,
  RequestLoaders,
  todayIn,
  UK_TIME_ZONE,
} from '@app/common';
import { JointPosition } from '@app/drafting';
import { Event } from '@app/events';
import { PoliceForceArea, PoliceForceAreaLoaderFactory } from '@app/geography';
import { LocalNetwork, MembershipRole, MembershipStatus, NetworkLoaderFactory } from '@app/networks';
import { Organisation, OrganisationLoaderFactory } from '@app/organisations';
import { EngagementArgs, EngagementsArgs, OverdueCommitmentsArgs } from './engagement.input';
import { EngagementLoaderFactory } from './engagement.loader';
import { AreaCommitments, Commitment, CommitmentStatusChange, Engagement, EngagementAsk } from './engagement.model';
import { EngagementService } from './engagement.service';
import { CommitmentStatus } from '../influencing.enums';
import { OfficeHolder } from '../offices/office.model';

const DAY_MS = 86_400_000;

@Resolver(() => Engagement)
export class EngagementResolver {
  constructor(
    private readonly service: EngagementService,
    private readonly engagementLoaders: EngagementLoaderFactory,
    private readonly networkLoaders: NetworkLoaderFactory,
    private readonly organisationLoaders: OrganisationLoaderFactory,
  ) {}

  @Query(() => Engagement, { description: "An engagement: anyone's if public, else the network's members'." })
  engagement(@Args() { id }: EngagementArgs, @CallingActor() viewer: ActorRef): Promise<Engagement> {
    return this.service.getReadable(viewer, id);
  }

  @Query(() => [Engagement], {
    description:
      "Engagements with commissioners' offices that you may read, newest first: by network, by area, or nationally.",
  })
  engagements(@Args() args: EngagementsArgs, @CallingActor() viewer: ActorRef): Promise<Engagement[]> {
    return this.service.listReadable(viewer, args, args.first);
  }

  @ResolveField(() => LocalNetwork)
  network(engagement: Engagement, _args: NoArgs, { loaders }: RequestContext): Promise<LocalNetwork> {
    return loaders.of(this.networkLoaders).byId.load(engagement.networkId);
  }

  @ResolveField(() => [EngagementAsk])
  asks(engagement: Engagement, _args: NoArgs, { loaders }: RequestContext): Promise<EngagementAsk[]> {
    return loaders.of(this.engagementLoaders).asksByEngagementId.load(engagement.id);
  }

  @ResolveField(() => [Commitment], { description: 'What the office promised, soonest due first.' })
  commitments(engagement: Engagement, _args: NoArgs, { loaders }: RequestContext): Promise<Commitment[]> {
    return loaders.of(this.engagementLoaders).commitmentsByEngagementId.load(engagement.id);
  }

  @ResolveField(() => [Organisation], {
    description:
      "Member organisations that took part: all where the network's member list is public or you are inside it, else its convenors.",
  })
  async participants(
    @Parent() engagement: Engagement,
    @Loaders() loaders: RequestLoaders,
    @CallingActor() viewer: ActorRef,
  ): Promise<Organisation[]> {
    const own = loaders.of(this.engagementLoaders);
    const networks = loaders.of(this.networkLoaders);
    const [links, network, access] = await Promise.all([
      own.participantsByEngagementId.load(engagement.id),
      networks.byId.load(engagement.networkId),
      own.access.load(viewer),
    ]);
    let shown = links.map((l) => l.organisationId);
    if (!network.membersPublic && !access.platformAdmin && !access.networkIds.has(network.id)) {
      // Taking part must not disclose a private member list; convenors are public anyway.
      const convenors = (
        await networks.membershipsOf(network.id, { statuses: [MembershipStatus.ACTIVE], fields: new Set() })
      )
        .filter((m) => m.role === MembershipRole.CONVENOR && m.status === MembershipStatus.ACTIVE)
        .map((m) => m.organisationId);
      shown = shown.filter((id) => convenors.includes(id));
    }
    return Promise.all(shown.map((id) => loaders.of(this.organisationLoaders).byId.load(id)));
  }

  @ResolveField(() => [JointPosition], { description: 'Joint positions it presented, those you may read.' })
  async positions(
    @Parent() engagement: Engagement,
    @Loaders() loaders: RequestLoaders,
    @CallingActor() viewer: ActorRef,
  ): Promise<JointPosition[]> {
    const engagementLoaders = loaders.of(this.engagementLoaders);
    const links = await engagementLoaders.positionLinksByEngagementId.load(engagement.id);
    if (links.length === 0) {
      return [];
    }
    const [found, access] = await Promise.all([
      Promise.all(links.map((l) => engagementLoaders.positionsById.load(l.positionId))),
      engagementLoaders.draftAccess.load(viewer),
    ]);
    return found.filter((p) => access.canRead(p));
  }

  @ResolveField(() => OfficeHolder, { nullable: true, description: 'The office-holder who took part, if recorded.' })
  async officeHolder(engagement: Engagement, _args: NoArgs, { loaders }: RequestContext): Promise<OfficeHolder | null> {
    return engagement.officeHolderId
      ? loaders.of(this.engagementLoaders).officeHoldersById.load(engagement.officeHolderId)
      : null;
  }

  @ResolveField(() => Event, { nullable: true, description: 'The event it took place at, if you may see it.' })
  async event(
    @Parent() engagement: Engagement,
    @Loaders() loaders: RequestLoaders,
    @CallingActor() viewer: ActorRef,
  ): Promise<Event | null> {
    if (!engagement.eventId) {
      return null;
    }
    const engagementLoaders = loaders.of(this.engagementLoaders);
    const [event, access] = await Promise.all([
      engagementLoaders.eventsById.load(engagement.eventId),
      engagementLoaders.eventAccess.load(viewer),
    ]);
    return access.canSee(event) ? event : null;
  }
}

@Resolver(() => Commitment)
export class CommitmentResolver {
  constructor(
    private readonly service: EngagementService,
    private readonly engagementLoaders: EngagementLoaderFactory,
  ) {}

  @Query(() => [Commitment], {
    description:
      'OPEN commitments past their due date, most overdue first: for a network, an area, or nationally (those you may read).',
  })
  overdueCommitments(@Args() args: OverdueCommitmentsArgs, @CallingActor() viewer: ActorRef): Promise<Commitment[]> {
    return this.service.overdue(viewer, args, args.first);
  }

  @ResolveField(() => Engagement)
  engagement(commitment: Commitment, _args: NoArgs, { loaders }: RequestContext): Promise<Engagement> {
    return loaders.of(this.engagementLoaders).byId.load(commitment.engagementId);
  }

  @ResolveField(() => [CommitmentStatusChange], { description: 'Every status it has had, oldest first.' })
  history(commitment: Commitment, _args: NoArgs, { loaders }: RequestContext): Promise<CommitmentStatusChange[]> {
    return loaders.of(this.engagementLoaders).historyByCommitmentId.load(commitment.id);
  }

  @ResolveField(() => Int, { description: 'Whole days past due while OPEN (0 otherwise).' })
  daysOverdue(@Parent() commitment: Commitment): number {
    if (commitment.status !== CommitmentStatus.OPEN) {
      return 0;
    }
    const days = (Date.parse(todayIn(UK_TIME_ZONE)) - Date.parse(commitment.dueOn)) / DAY_MS;
    return Math.max(0, Math.round(days));
  }
}

@Resolver(() => AreaCommitments)
export class AreaCommitmentsResolver {
  constructor(
    private readonly service: EngagementService,
    private readonly areaLoaders: PoliceForceAreaLoaderFactory,
  ) {}

  @Query(() => [AreaCommitments], {
    description:
      'Every police force area with the commitments made to its networks by status, and its last engagement (counts include private engagements).',
  })
  commitmentsByArea(): Promise<AreaCommitments[]> {
    return this.service.byArea();
  }

  @ResolveField(() => PoliceForceArea)
  policeForceArea(row: AreaCommitments, _args: NoArgs, { loaders }: RequestContext): Promise<PoliceForceArea> {
    return loaders.of(this.areaLoaders).byId.load(row.policeForceAreaId);
  }
}
