import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ActingPersonId } from '@app/common';
import { type Actor, CurrentActor } from '../auth/actor';
import { OrganisationIdArgs } from '../common/organisation-id.args';
import { ApiToken } from './api-token.model';
import { ApiTokenService } from './api-token.service';
import {
  CreateApiTokenInput,
  CreateApiTokenPayload,
  RevokeApiTokenInput,
  RevokeApiTokenPayload,
} from './dto/api-token.input';

/** API tokens of an organisation; the operation policy admits only its admins. */
@Resolver(() => ApiToken)
export class ApiTokenResolver {
  constructor(private readonly service: ApiTokenService) {}

  @Query(() => [ApiToken], { description: "An organisation's API tokens, newest first (its admins)." })
  apiTokens(@Args() { organisationId }: OrganisationIdArgs): Promise<ApiToken[]> {
    return this.service.listForOrganisation(organisationId);
  }

  @Mutation(() => CreateApiTokenPayload, { description: 'Creates a read-only API token; its secret is shown once.' })
  createApiToken(
    @Args('input') input: CreateApiTokenInput,
    @CurrentActor() actor: Actor,
  ): Promise<CreateApiTokenPayload> {
    if (actor.kind !== 'PERSON') {
      throw new Error('The operation policy lets only people create API tokens');
    }
    return this.service.create(actor, input);
  }

  @Mutation(() => RevokeApiTokenPayload, { description: 'Revokes an API token at once.' })
  async revokeApiToken(
    @Args('input') input: RevokeApiTokenInput,
    @ActingPersonId() actorPersonId: string | null,
  ): Promise<RevokeApiTokenPayload> {
    return { apiToken: await this.service.revoke(actorPersonId, input.organisationId, input.id) };
  }
}
