import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ActingPersonId } from '@app/common';
import {
  ArchiveOrganisationInput,
  OrganisationPayload,
  UpdateOrganisationInput,
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
}
