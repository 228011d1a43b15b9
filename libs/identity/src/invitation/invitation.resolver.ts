import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { OrganisationService } from '@app/organisations';
import { type Actor, CurrentActor } from '../auth/actor';
import { OrganisationIdArgs } from '../common/organisation-id.args';
import { PersonService } from '../person/person.service';
import {
  AcceptInvitationInput,
  AcceptInvitationPayload,
  InviteToOrganisationInput,
  InviteToOrganisationPayload,
} from './dto/invitation.input';
import { Invitation } from './invitation.model';
import { InvitationService } from './invitation.service';

@Resolver(() => Invitation)
export class InvitationResolver {
  constructor(
    private readonly service: InvitationService,
    private readonly organisations: OrganisationService,
    private readonly people: PersonService,
  ) {}

  @Query(() => [Invitation], { description: "An organisation's invitations, newest first (its admins)." })
  invitations(@Args() { organisationId }: OrganisationIdArgs): Promise<Invitation[]> {
    return this.service.listForOrganisation(organisationId);
  }

  @Mutation(() => InviteToOrganisationPayload, {
    description:
      'Invites an email address to the organisation (its admins). The invitee is emailed a single-use accept link.',
  })
  inviteToOrganisation(
    @Args('input') input: InviteToOrganisationInput,
    @CurrentActor() actor: Actor,
  ): Promise<InviteToOrganisationPayload> {
    if (actor.kind !== 'PERSON') {
      throw new Error('The operation policy lets only people invite');
    }
    return this.service.invite(actor.personId, input);
  }

  @Mutation(() => AcceptInvitationPayload, {
    description:
      'Accepts an invitation: joins the organisation, creating the account (and signing it in) if the email has none.',
  })
  async acceptInvitation(
    @Args('input') input: AcceptInvitationInput,
    @CurrentActor() actor: Actor,
  ): Promise<AcceptInvitationPayload> {
    const accepted = await this.service.accept(actor, input);
    return {
      organisation: await this.organisations.getById(accepted.organisationId),
      role: accepted.role,
      session: accepted.session && {
        ...accepted.session,
        person: await this.people.getById(accepted.session.personId),
      },
    };
  }
}
