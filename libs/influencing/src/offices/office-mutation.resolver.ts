import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { type ActorRef, CallingActor, todayIn, UK_TIME_ZONE } from '@app/common';
import { officeOf } from './commissioner-office';
import { PlanGovernanceChangeInput, RecordOfficeHolderInput, UpdateOfficeHolderInput } from './dto/office.input';
import { OfficeFlowsService } from './office-flows.service';
import { GovernanceChangePayload, OfficeHolderPayload } from './office.model';
import { OfficeService } from './office.service';

/** The public record of offices, kept by platform admins (the operation policy decides who). */
@Resolver()
export class OfficeMutationResolver {
  constructor(
    private readonly flows: OfficeFlowsService,
    private readonly offices: OfficeService,
  ) {}

  @Mutation(() => OfficeHolderPayload, {
    description: "Records someone who held (or holds) an area's office for a term (platform admins).",
  })
  async recordOfficeHolder(
    @Args('input') input: RecordOfficeHolderInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<OfficeHolderPayload> {
    return { officeHolder: await this.flows.recordHolder(viewer, input) };
  }

  @Mutation(() => OfficeHolderPayload, { description: "Corrects an office-holder's name, party or end of term." })
  async updateOfficeHolder(
    @Args('input') input: UpdateOfficeHolderInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<OfficeHolderPayload> {
    return { officeHolder: await this.flows.updateHolder(viewer, input) };
  }

  @Mutation(() => GovernanceChangePayload, {
    description:
      "Plans (or records) a change of who holds an area's PCC functions from a date, e.g. a mayor or a policing and crime board replacing the PCC (platform admins).",
  })
  async planGovernanceChange(
    @Args('input') input: PlanGovernanceChangeInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<GovernanceChangePayload> {
    const { area, period } = await this.flows.planGovernanceChange(viewer, input);
    const [policeForceArea] = await this.offices.areasByIds([area.id]);
    if (!policeForceArea) {
      throw new Error(`Police force area ${area.code} vanished`);
    }
    return { policeForceArea, office: officeOf(period, todayIn(UK_TIME_ZONE)) };
  }
}
