import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type ActorRef, CallingActor, Loaders, type NoArgs, type RequestContext, RequestLoaders } from '@app/common';
import { Event } from '@app/events';
import { PoliceForceArea } from '@app/geography';
import { ElectionRoundArgs, ElectionRoundsArgs } from './dto/election.args';
import { ElectionLoaderFactory } from './election.loader';
import { ElectionCandidate, ElectionContest, ElectionRound } from './election.model';
import { ElectionService } from './election.service';
import { OfficeLoaderFactory } from './office.loader';

@Resolver(() => ElectionRound)
export class ElectionRoundResolver {
  constructor(
    private readonly elections: ElectionService,
    private readonly electionLoaders: ElectionLoaderFactory,
  ) {}

  @Query(() => [ElectionRound], { description: 'Election rounds by polling day, optionally of one kind or window.' })
  electionRounds(@Args() args: ElectionRoundsArgs): Promise<ElectionRound[]> {
    return this.elections.list(args);
  }

  @Query(() => ElectionRound, { description: 'One election round; NOT_FOUND if there is none.' })
  electionRound(@Args() { id }: ElectionRoundArgs): Promise<ElectionRound> {
    return this.elections.getById(id);
  }

  @ResolveField(() => Int, { description: 'How many areas the round contests.' })
  async areaCount(round: ElectionRound, _args: NoArgs, { loaders }: RequestContext): Promise<number> {
    return (await loaders.of(this.electionLoaders).contestsByRoundId.load(round.id)).length;
  }

  @ResolveField(() => [ElectionContest], { description: "The areas' contests, by area name." })
  contests(round: ElectionRound, _args: NoArgs, { loaders }: RequestContext): Promise<ElectionContest[]> {
    return loaders.of(this.electionLoaders).contestsByRoundId.load(round.id);
  }

  @ResolveField(() => [Event], { description: 'Events held as hustings for the round that you may see, by start.' })
  async hustings(
    @Parent() round: ElectionRound,
    @Loaders() loaders: RequestLoaders,
    @CallingActor() viewer: ActorRef,
  ): Promise<Event[]> {
    const election = loaders.of(this.electionLoaders);
    const [events, access] = await Promise.all([
      election.hustingsByRoundId.load(round.id),
      election.eventAccess.load(viewer),
    ]);
    return events.filter((e) => access.canSee(e));
  }
}

@Resolver(() => ElectionContest)
export class ElectionContestResolver {
  constructor(
    private readonly electionLoaders: ElectionLoaderFactory,
    private readonly officeLoaders: OfficeLoaderFactory,
  ) {}

  @ResolveField(() => PoliceForceArea, { description: 'The area contested.' })
  policeForceArea(contest: ElectionContest, _args: NoArgs, { loaders }: RequestContext): Promise<PoliceForceArea> {
    return loaders.of(this.officeLoaders).areaById.load(contest.policeForceAreaId);
  }

  @ResolveField(() => ElectionRound, { description: 'The round the contest belongs to.' })
  round(contest: ElectionContest, _args: NoArgs, { loaders }: RequestContext): Promise<ElectionRound> {
    return loaders.of(this.electionLoaders).roundById.load(contest.roundId);
  }

  @ResolveField(() => [ElectionCandidate], { description: 'By name, as on a ballot paper.' })
  candidates(contest: ElectionContest, _args: NoArgs, { loaders }: RequestContext): Promise<ElectionCandidate[]> {
    return loaders.of(this.electionLoaders).candidatesByContestId.load(contest.id);
  }
}

@Resolver(() => ElectionCandidate)
export class ElectionCandidateResolver {
  @ResolveField(() => Boolean, { description: 'True when the candidate stands for no party.' })
  independent(@Parent() candidate: ElectionCandidate): boolean {
    return candidate.party === null;
  }
}
