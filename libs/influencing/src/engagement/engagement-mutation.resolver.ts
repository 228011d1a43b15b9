import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { type ActorRef, CallingActor } from '@app/common';
import { EngagementFlowsService } from './engagement-flows.service';
import {
  AddCommitmentInput,
  ChangeCommitmentStatusInput,
  CorrectEngagementInput,
  RecordEngagementInput,
} from './engagement.input';
import { CommitmentPayload, EngagementPayload } from './engagement.model';

/** The engagement log; who may is decided by the operation policy before these run. */
@Resolver()
export class EngagementMutationResolver {
  constructor(private readonly flows: EngagementFlowsService) {}

  @Mutation(() => EngagementPayload, {
    description:
      "Records an engagement with the commissioner's office: who took part, the asks made and the commitments received (the network's members).",
  })
  async recordEngagement(
    @Args('input') input: RecordEngagementInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<EngagementPayload> {
    return { engagement: await this.flows.record(viewer, input) };
  }

  @Mutation(() => EngagementPayload, {
    description: "Corrects an engagement record (the network's convenors); its commitments and history stay.",
  })
  async correctEngagement(
    @Args('input') input: CorrectEngagementInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<EngagementPayload> {
    return { engagement: await this.flows.correct(viewer, input) };
  }

  @Mutation(() => CommitmentPayload, { description: 'Adds a commitment received at an engagement.' })
  async addCommitment(
    @Args('input') input: AddCommitmentInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<CommitmentPayload> {
    return { commitment: await this.flows.addCommitment(viewer, input) };
  }

  @Mutation(() => CommitmentPayload, { description: 'Records how a commitment stands (kept in its history).' })
  async changeCommitmentStatus(
    @Args('input') input: ChangeCommitmentStatusInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<CommitmentPayload> {
    return { commitment: await this.flows.changeStatus(viewer, input) };
  }
}
