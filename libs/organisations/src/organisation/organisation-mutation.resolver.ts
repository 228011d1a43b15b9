import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ActingPersonId } from '@app/common';
import {
  ArchiveOrganisationInput,
  OrganisationPayload,
  UpdateOrganisationInput,
  VerifyOrganisationInput,
  WithdrawOrganisationVerificationInput,
} from './dto/organisation-mutations.input';
import { OrganisationFlowsService } from './organisation-flows.service';

/** Changes to an organisation; who may is decided by the operation policy before these run. */
@Resolver()
export class OrganisationMutationResolver {
  constructor(private readonly service: OrganisationFlowsService) {}

  @Mutation(() => OrganisationPayload, {
    description: "Changes an organisation's profile (its admins, or platform admins).",
  })
  async updateOrganisation(
    @Args('input') input: UpdateOrganisationInput,
    @ActingPersonId() actorPersonId: string | null,
  ): Promise<OrganisationPayload> {
    return { organisation: await this.service.update(actorPersonId, input) };
  }

  @Mutation(() => OrganisationPayload, {
    description: 'Archives an organisation: it stays where others refer to it, but drops out of lists and changes.',
  })
  async archiveOrganisation(
    @Args('input') input: ArchiveOrganisationInput,
    @ActingPersonId() actorPersonId: string | null,
  ): Promise<OrganisationPayload> {
    return { organisation: await this.service.archive(actorPersonId, input.id) };
  }

  @Mutation(() => OrganisationPayload, {
    description:
      "Verifies a CVS's claim to be one, with the evidence checked (platform admins): a verified CVS may convene, and the networks it convenes count in coverage.",
  })
  async verifyOrganisation(
    @Args('input') input: VerifyOrganisationInput,
    @ActingPersonId() actorPersonId: string | null,
  ): Promise<OrganisationPayload> {
    return { organisation: await this.service.verify(actorPersonId, input) };
  }

  @Mutation(() => OrganisationPayload, {
    description:
      "Withdraws a CVS's verification (platform admins): it can no longer convene; networks it already convenes keep running, but coverage counts them only while another verified CVS convenes them.",
  })
  async withdrawOrganisationVerification(
    @Args('input') input: WithdrawOrganisationVerificationInput,
    @ActingPersonId() actorPersonId: string | null,
  ): Promise<OrganisationPayload> {
    return { organisation: await this.service.withdrawVerification(actorPersonId, input) };
  }
}
