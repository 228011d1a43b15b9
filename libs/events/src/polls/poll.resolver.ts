import { Args, Context, Mutation, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import {
  ActivityHub,
  type ActivityScope,
  ActivityScopeKind,
  ActivityVerb,
  LiveRights,
  rightsSubject,
} from '@app/activity';
import {
  type ActorRef,
  CallingActor,
  mapLive,
  type NoArgs,
  noLongerAllowed,
  type RequestContext,
  startWith,
} from '@app/common';
import { LocalNetwork, NetworkLoaderFactory } from '@app/networks';
import { Organisation, OrganisationLoaderFactory } from '@app/organisations';
import { Event } from '../event.model';
import { EventLoaderFactory } from '../event.loader';
import {
  AnswerSchedulingPollInput,
  CloseSchedulingPollInput,
  ConfirmSchedulingPollInput,
  CreateSchedulingPollInput,
} from './poll.input';
import {
  ConfirmSchedulingPollPayload,
  PollSlot,
  PollSlotAnswer,
  PollSlotTally,
  PollTallyUpdate,
  SchedulingPoll,
  SchedulingPollPayload,
} from './poll.model';
import { IdArgs, NetworkIdArgs, PollIdArgs } from '../dto/occurrence.args';
import { PollLoaderFactory } from './poll.loader';
import { type PollConfirmation, PollFlowsService } from './poll-flows.service';
import { PollService } from './poll.service';

const POLL_CHANGES: ReadonlySet<ActivityVerb> = new Set([
  ActivityVerb.POLL_ANSWERED,
  ActivityVerb.POLL_CONFIRMED,
  ActivityVerb.POLL_CLOSED,
]);
/** The tally feed reads every item of the network; who may follow it is checked per subscriber. */
const TALLY_READER: ActorRef = { kind: 'SYSTEM', platformAdmin: true };

@Resolver(() => SchedulingPoll)
export class PollResolver {
  constructor(
    private readonly polls: PollService,
    private readonly pollFlows: PollFlowsService,
    private readonly hub: ActivityHub,
    private readonly networkLoaders: NetworkLoaderFactory,
    private readonly eventLoaders: EventLoaderFactory,
    private readonly pollLoaders: PollLoaderFactory,
    private readonly liveRights: LiveRights,
  ) {}

  @Query(() => SchedulingPoll, { description: 'A scheduling poll; NOT_FOUND unless you are in its network.' })
  schedulingPoll(@Args() { id }: IdArgs, @CallingActor() viewer: ActorRef): Promise<SchedulingPoll> {
    return this.polls.getVisible(viewer, id);
  }

  @Query(() => [SchedulingPoll], { description: "A network's polls, newest first (empty unless you are in it)." })
  schedulingPolls(@Args() { networkId }: NetworkIdArgs, @CallingActor() viewer: ActorRef): Promise<SchedulingPoll[]> {
    return this.polls.listVisible(viewer, networkId);
  }

  @ResolveField(() => LocalNetwork)
  network(poll: SchedulingPoll, _args: NoArgs, { loaders }: RequestContext): Promise<LocalNetwork> {
    return loaders.of(this.networkLoaders).byId.load(poll.networkId);
  }

  @ResolveField(() => [PollSlot], { description: 'In start order.' })
  slots(poll: SchedulingPoll, _args: NoArgs, { loaders }: RequestContext): Promise<PollSlot[]> {
    return loaders.of(this.pollLoaders).slotsByPollId.load(poll.id);
  }

  @ResolveField(() => [PollSlotTally], { description: 'Answers per slot, in slot order.' })
  tally(poll: SchedulingPoll, _args: NoArgs, { loaders }: RequestContext): Promise<PollSlotTally[]> {
    return loaders.of(this.pollLoaders).tallyByPollId.load(poll.id);
  }

  @ResolveField(() => [PollSlotAnswer], {
    description: 'Every answer so far (members of the network see who said what).',
  })
  answers(poll: SchedulingPoll, _args: NoArgs, { loaders }: RequestContext): Promise<PollSlotAnswer[]> {
    return loaders.of(this.pollLoaders).answersByPollId.load(poll.id);
  }

  @ResolveField(() => Event, { nullable: true, description: 'The event made from the confirmed slot.' })
  event(poll: SchedulingPoll, _args: NoArgs, { loaders }: RequestContext): Promise<Event> | null {
    return poll.eventId ? loaders.of(this.eventLoaders).byId.load(poll.eventId) : null;
  }

  @Mutation(() => SchedulingPollPayload, {
    description: "Proposes candidate times to a network's members (its convenors).",
  })
  async createSchedulingPoll(
    @Args('input') input: CreateSchedulingPollInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<SchedulingPollPayload> {
    return { poll: await this.pollFlows.create(viewer, input) };
  }

  @Mutation(() => SchedulingPollPayload, { description: 'Answers a poll for a member organisation you work for.' })
  async answerSchedulingPoll(
    @Args('input') input: AnswerSchedulingPollInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<SchedulingPollPayload> {
    return { poll: await this.pollFlows.answer(viewer, input) };
  }

  @Mutation(() => ConfirmSchedulingPollPayload, {
    description: "Chooses a slot and creates the network's event from it, in one step (its convenors).",
  })
  confirmSchedulingPoll(
    @Args('input') input: ConfirmSchedulingPollInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<PollConfirmation> {
    return this.pollFlows.confirm(viewer, input);
  }

  @Mutation(() => SchedulingPollPayload, { description: 'Closes a poll without an event (its convenors).' })
  async closeSchedulingPoll(
    @Args('input') input: CloseSchedulingPollInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<SchedulingPollPayload> {
    return { poll: await this.pollFlows.close(viewer, input) };
  }

  @Subscription(() => PollTallyUpdate, {
    resolve: (update: PollTallyUpdate) => update,
    description:
      "A poll's tallies now, then after every answer, and its confirmation or closing. Ends with UNAUTHENTICATED when the credentials it was opened with end (sign-out, revoked or expired token), " +
      'with FORBIDDEN once you may no longer see the poll.',
  })
  async schedulingPollTally(
    @Args() { pollId }: PollIdArgs,
    @Context() context: RequestContext,
  ): Promise<AsyncIterableIterator<PollTallyUpdate>> {
    const poll = await this.polls.getVisible(await context.actor(), pollId);
    const scope: ActivityScope = { kind: ActivityScopeKind.NETWORK, target: poll.networkId };
    const stream = await this.hub.stream(scope, null, TALLY_READER, () => Promise.resolve(TALLY_READER));
    const update = async (viewer: ActorRef): Promise<PollTallyUpdate> => {
      const current = await this.polls.getVisible(viewer, pollId).catch(() => {
        throw noLongerAllowed('poll');
      });
      return { poll: current, slots: await this.polls.tally(pollId) };
    };
    const updates = startWith(
      { poll, slots: await this.polls.tally(pollId) },
      mapLive(stream, async (item) =>
        POLL_CHANGES.has(item.verb) && item.payload.pollId === pollId
          ? update(await context.currentActor())
          : undefined,
      ),
    );
    return this.liveRights.guard(context, updates, {
      what: 'poll',
      subjects: [rightsSubject.network(poll.networkId)],
      stillAllowed: (actor) => this.polls.getVisible(actor, pollId).then(() => true),
    });
  }
}

@Resolver(() => PollSlotAnswer)
export class PollSlotAnswerResolver {
  constructor(private readonly organisationLoaders: OrganisationLoaderFactory) {}

  @ResolveField(() => Organisation, { description: 'The member organisation the answer is for.' })
  organisation(answer: PollSlotAnswer, _args: NoArgs, { loaders }: RequestContext): Promise<Organisation> {
    return loaders.of(this.organisationLoaders).byId.load(answer.organisationId);
  }
}
