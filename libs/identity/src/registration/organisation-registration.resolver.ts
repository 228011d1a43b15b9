import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ActivityRecorder, ActivityVerb, ActivityVisibility } from '@app/activity';
import { CreateOrganisationInput, OrganisationFlowsService, OrganisationPayload } from '@app/organisations';
import { type Actor, CurrentActor } from '../auth/actor';
import { AffiliationEntity } from '../person/person.entity';
import { AffiliationRole } from '../person/person.enums';

/** Registering an organisation makes its creator the first admin, in one transaction. */
@Resolver()
export class OrganisationRegistrationResolver {
  constructor(
    private readonly activity: ActivityRecorder,
    private readonly organisations: OrganisationFlowsService,
  ) {}

  @Mutation(() => OrganisationPayload, {
    description: 'Registers an organisation; the signed-in person becomes its organisation admin.',
  })
  async createOrganisation(
    @Args('input') input: CreateOrganisationInput,
    @CurrentActor() actor: Actor,
  ): Promise<OrganisationPayload> {
    if (actor.kind !== 'PERSON') {
      throw new Error('The operation policy lets only signed-in people register organisations');
    }
    const organisation = await this.activity.transaction(async (tx, record) => {
      const created = await this.organisations.create(tx, input);
      await tx.insert(AffiliationEntity, {
        personId: actor.personId,
        organisationId: created.id,
        role: AffiliationRole.ORG_ADMIN,
      });
      await record({
        verb: ActivityVerb.ORGANISATION_CREATED,
        visibility: ActivityVisibility.PUBLIC,
        actorPersonId: actor.personId,
        organisationId: created.id,
        payload: { name: created.name, kind: created.kind },
      });
      return created;
    });
    return { organisation };
  }
}
