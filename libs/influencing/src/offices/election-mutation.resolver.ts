import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { type ActorRef, CallingActor } from '@app/common';
import { AddElectionCandidateInput, LinkHustingsInput, ScheduleElectionRoundInput } from './dto/election.input';
import { ElectionFlowsService } from './election-flows.service';
import { ElectionCandidatePayload, ElectionRoundPayload, HustingsPayload } from './election.model';

/** Elections: admins keep rounds and candidates; an event's organisers link it as hustings. */
@Resolver()
export class ElectionMutationResolver {
  constructor(private readonly flows: ElectionFlowsService) {}

  @Mutation(() => ElectionRoundPayload, {
    description:
      'Schedules a future election round in the areas it contests; CONFLICT if one of the same kind is on that day (platform admins).',
  })
  async scheduleElectionRound(
    @Args('input') input: ScheduleElectionRoundInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<ElectionRoundPayload> {
    return { round: await this.flows.scheduleRound(viewer, input) };
  }

  @Mutation(() => ElectionCandidatePayload, {
    description: "Adds a candidate to an area's contest in a round (platform admins).",
  })
  addElectionCandidate(
    @Args('input') input: AddElectionCandidateInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<ElectionCandidatePayload> {
    return this.flows.addCandidate(viewer, input);
  }

  @Mutation(() => HustingsPayload, {
    description:
      "Links a PCC_HUSTINGS event to the round it is held for (the event's organisers). Linking it again to the same round changes nothing; CONFLICT if it is hustings for another round.",
  })
  linkHustings(@Args('input') input: LinkHustingsInput, @CallingActor() viewer: ActorRef): Promise<HustingsPayload> {
    return this.flows.linkHustings(viewer, input);
  }
}
