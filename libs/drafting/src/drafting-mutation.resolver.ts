import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { type ActorRef, CallingActor } from '@app/common';
import { DraftingFlowsService } from './drafting-flows.service';
import { type EditOutcome, SectionFlowsService } from './section-flows.service';
import { EditSectionResult, JointPositionPayload, SectionPayload, SignOnPayload } from './drafting.model';
import {
  AddSectionInput,
  ChangePositionStatusInput,
  CreateJointPositionInput,
  EditSectionInput,
  MoveSectionInput,
  RecordPositionResponseInput,
  RemoveSectionInput,
  SignOnToPositionInput,
  SubmitPositionInput,
} from './dto/drafting.input';

/** Drafting; who may is decided by the operation policy before these run. */
@Resolver()
export class DraftingMutationResolver {
  constructor(
    private readonly flows: DraftingFlowsService,
    private readonly sections: SectionFlowsService,
  ) {}

  @Mutation(() => JointPositionPayload, { description: "Starts a joint position (people of the network's members)." })
  async createJointPosition(
    @Args('input') input: CreateJointPositionInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<JointPositionPayload> {
    return { position: await this.flows.create(viewer, input) };
  }

  @Mutation(() => EditSectionResult, {
    description:
      "Edits a section from the revision you saw. Others' changes since are merged word by word; changes to the same words answer EditConflict and write nothing.",
  })
  editSection(@Args('input') input: EditSectionInput, @CallingActor() viewer: ActorRef): Promise<EditOutcome> {
    return this.sections.editSection(viewer, input);
  }

  @Mutation(() => SectionPayload)
  async addSection(@Args('input') input: AddSectionInput, @CallingActor() viewer: ActorRef): Promise<SectionPayload> {
    return { section: await this.sections.addSection(viewer, input) };
  }

  @Mutation(() => SectionPayload, { description: 'Removes a section (kept in the history).' })
  async removeSection(
    @Args('input') input: RemoveSectionInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<SectionPayload> {
    return { section: await this.sections.removeSection(viewer, input) };
  }

  @Mutation(() => SectionPayload, { description: 'Moves a section to a new place; the others keep their order.' })
  async moveSection(@Args('input') input: MoveSectionInput, @CallingActor() viewer: ActorRef): Promise<SectionPayload> {
    return { section: await this.sections.moveSection(viewer, input) };
  }

  @Mutation(() => JointPositionPayload, {
    description: 'Moves the status (convenors). Reopening an AGREED position voids its sign-ons, visibly.',
  })
  async changePositionStatus(
    @Args('input') input: ChangePositionStatusInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<JointPositionPayload> {
    return { position: await this.flows.changeStatus(viewer, input) };
  }

  @Mutation(() => SignOnPayload, { description: 'Signs your organisation on to the agreed text (its admins).' })
  async signOnToPosition(
    @Args('input') input: SignOnToPositionInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<SignOnPayload> {
    return { signOn: await this.flows.signOn(viewer, input) };
  }

  @Mutation(() => JointPositionPayload, { description: 'Records that the agreed text was sent (convenors).' })
  async submitPosition(
    @Args('input') input: SubmitPositionInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<JointPositionPayload> {
    return { position: await this.flows.submit(viewer, input) };
  }

  @Mutation(() => JointPositionPayload, { description: "Records the commissioner's response (convenors)." })
  async recordPositionResponse(
    @Args('input') input: RecordPositionResponseInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<JointPositionPayload> {
    return { position: await this.flows.recordResponse(viewer, input) };
  }
}
